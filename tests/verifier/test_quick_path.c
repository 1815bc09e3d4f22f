/* The quick path (verifier/quick_path.h) against the table route (sfi_table_decode, then the
 * fast rules), by enumeration of the quick path's whole domain.
 *
 * For each instruction the quick path accepts:
 *   - the table decoder accepts it with the same length (so it is at most 15 bytes, has no
 *     prefix R16 objects to, and is allowed by R14/R15: test_table_decode.c proves the
 *     table decoder equal to Zydis);
 *   - the fast rules accept it and leave the same work to the rule files: the same
 *     masked-access count, the same rip displacement to check (R17), the same direct
 *     branch (call or not, displacement, field offset: R7, R8), and for a sequence piece
 *     the same kind and register (R6) and the same end (ret: R10; jmp/call *%r: R8, R9;
 *     leaq (%r15,%r14,1),%rsp: R12.3) as sfi_quick_sequence works out from the bytes.
 * The quick path's declines need no check: the table route then runs as before.
 *
 * Inputs: no prefix, or each REX 40-4f, before both opcode maps and all 256 opcodes,
 * every ModRM byte and, for SIB forms, every SIB byte, each followed by displacement and
 * immediate bytes from fills chosen around the limits the rules test (|disp| < 0x8000,
 * disp >= 0, sign of disp8/rel8/rel32); and padding NOPs: every string of up to four
 * 66/2e bytes and 66^k (k <= 14) before 90 and 0f 1f with every ModRM and SIB byte. The
 * instruction ends its buffer at a page end followed by an inaccessible page, so a read
 * past SFI_QUICK_READ bytes faults. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mismatch.h"
#include "quick_path.h"

static sfi_verifier verifier;
static sfi_verify_result result;
static unsigned long judged, accepted, failures;
static uint8_t *buf;          /* SFI_QUICK_READ bytes before an inaccessible page */

#define FAIL(...) MISMATCH(200, buf, 16, __VA_ARGS__)

static void check(void) {
    sfi_quick q;
    judged++;
    unsigned length = sfi_quick_judge(buf, &q);
    if (!length)
        return;
    accepted++;
    sfi_fields f;
    if (!sfi_table_decode(buf, SFI_BUNDLE_SIZE, &f))
        FAIL("quick path accepts %u bytes, the table decoder declines", length);
    if (f.length != length)
        FAIL("length %u, the table decoder says %u", length, f.length);
    sfi_quick t;
    sfi_quick_seq ts;
    if (!sfi_fast_verdict(&verifier, &f, &t, &ts))
        FAIL("the fast rules leave it to the reference path");
    /* A sequence piece's kind and the rule it ends, as the quick path works them out. */
    sfi_quick_seq qs = {.action = QSEQ_NONE, .kind = SFI_KIND_OTHER};
    if (q.effect & QM_SEQ && !(q.effect & QM_BRANCH))
        qs = sfi_quick_sequence(buf);
    if (qs.action != ts.action || qs.kind != ts.kind)
        FAIL("sequence action %u kind %u, the fast rules say action %u kind %u", qs.action,
             qs.kind, ts.action, ts.kind);
    if ((qs.kind != SFI_KIND_OTHER || qs.action == QSEQ_INDIRECT) && qs.reg != ts.reg)
        FAIL("sequence register %u, the fast rules say %u", qs.reg, ts.reg);
    if (qs.action == QSEQ_INDIRECT && qs.is_call != ts.is_call)
        FAIL("indirect call %u, the fast rules say %u", qs.is_call, ts.is_call);
    unsigned qe = q.effect & (q.effect & QM_BRANCH ? ~0u : ~(unsigned)QM_SEQ);
    unsigned te = t.effect & (t.effect & QM_BRANCH ? ~0u : ~(unsigned)QM_SEQ);
    if (qe != te)
        FAIL("effect %#x, the fast rules say %#x", qe, te);
    if ((qe & (QM_RIP | QM_BRANCH)) && q.value != t.value)
        FAIL("displacement %d, the fast rules say %d", q.value, t.value);
    if ((qe & QM_BRANCH) && q.field != t.field)
        FAIL("branch field at %u, the fast rules say %u", q.field, t.field);
}

/* Displacement and immediate fills (little-endian 32-bit words, repeated). */
static const uint32_t fills[] = {0x00000000, 0x7f7f7f7f, 0x80808080, 0x00007fff, 0x00008000,
                                 0xffff8001, 0xffff8000, 0x7fffffff, 0x80000000};

/* buf[0..at) is set; fill the rest and check. */
static void try_fills(unsigned at) {
    for (unsigned k = 0; k < sizeof fills / sizeof fills[0]; k++) {
        for (unsigned i = at; i < SFI_QUICK_READ; i++)
            buf[i] = (uint8_t)(fills[k] >> 8 * ((i - at) & 3));
        check();
    }
}

/* The byte after the opcode at buf[at - 1]: every value, and every SIB after a SIB form. */
static void try_modrm(unsigned at) {
    for (unsigned m = 0; m < 256; m++) {
        buf[at] = (uint8_t)m;
        try_fills(at + 1);
        if ((m >> 6) != 3 && (m & 7) == 4)
            for (unsigned s = 0; s < 256; s++) {
                buf[at + 1] = (uint8_t)s;
                try_fills(at + 2);
            }
    }
}

static void enumerate_opcodes(void) {
    for (int rex = -1; rex < 16; rex++)
        for (unsigned map = 0; map < 2; map++)
            for (unsigned op = 0; op < 256; op++) {
                unsigned at = 0;
                if (rex >= 0)
                    buf[at++] = (uint8_t)(0x40 | rex);
                if (map)
                    buf[at++] = 0x0f;
                buf[at++] = (uint8_t)op;
                try_modrm(at);
            }
}

static void padding_after(unsigned at) {
    buf[at] = 0x90;
    try_fills(at + 1);
    buf[at] = 0x0f;
    buf[at + 1] = 0x1f;
    try_modrm(at + 2);
}

static void enumerate_padding(void) {
    for (unsigned len = 1; len <= 4; len++)
        for (unsigned bits = 0; bits < 1u << len; bits++) {
            for (unsigned i = 0; i < len; i++)
                buf[i] = bits >> i & 1 ? 0x2e : 0x66;
            padding_after(len);
        }
    for (unsigned k = 5; k <= 14; k++) {
        memset(buf, 0x66, k);
        padding_after(k);
    }
}

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    uint8_t *pages = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED || mprotect(pages + page, (size_t)page, PROT_NONE) != 0) {
        perror("mmap");
        return 1;
    }
    buf = pages + page - SFI_QUICK_READ;
    sfi_verifier_init(&verifier, NULL, &result);   /* builds the tables */
    enumerate_opcodes();
    enumerate_padding();
    printf("%lu inputs judged, %lu accepted by the quick path, %lu mismatches\n", judged,
           accepted, failures);
    /* The domain is not empty, and what compiled code is made of is in it. */
    if (sfi_quick_unclassed)
        printf("%u opcodes found no class: raise SFI_QUICK_MAX_CLASSES\n", sfi_quick_unclassed);
    return failures == 0 && !sfi_quick_unclassed && accepted > 5000000ul ? 0 : 1;
}
