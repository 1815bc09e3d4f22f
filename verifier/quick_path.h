/* The quick path: the table route (table_decode.c + fast_path.c) compiled into lookup
 * tables, for the common instructions of compiled code under the loads+stores policy.
 *
 * WHY. The table decoder fills ~25 fields of sfi_fields and the fast rules then branch on
 * them by mnemonic class: ~450 x86 instructions and several mispredicted branches per
 * checked instruction, which held the verifier near 100 MiB/s against the 300 MiB/s of
 * issue 3. Here the opcode selects a class (49 of them), and two tables indexed by the
 * class, the REX bits and the ModRM (then SIB) byte hold the length and everything the
 * rules say about the register and memory operands (4 KiB per class, 8 KiB of SIB
 * entries). What is left per instruction is the displacement check of R11's forms,
 * without a data-dependent branch.
 *
 * DOMAIN. What the quick path accepts, the table route accepts with the same length,
 * kind OTHER and the same effects (tests/verifier/test_quick_path.c proves it by
 * enumerating the whole domain). It declines, leaving no trace, everything else: legacy
 * prefixes other than those of a padding NOP, a bare REX 40, lea with a %r15 base, every
 * register candidate %rsp/%r15 (and %r14 where a write could be 64-bit) other than in the
 * sequence pieces below, and every memory operand outside forms a, b, c, d of R11.
 * Sequence pieces and ends (push and pop of a register, andl $imm to a register, addq
 * %r15, ret, jmp/call *%r, leaq (%r15,%r14,1),%rsp) are accepted with QM_SEQ: their kind
 * and the rules they end are worked out from the bytes by sfi_quick_sequence, out of
 * line, as the table route does. The tables are built once, from the
 * table decoder's rows and the fast path's mnemonic classes (quick_path.c). */
#ifndef SFI_VERIFIER_QUICK_PATH_H
#define SFI_VERIFIER_QUICK_PATH_H

#include <string.h>

#include "internal.h"

/* The judge reads up to this many bytes at the instruction, whatever its length. */
#define SFI_QUICK_READ 20u

/* The opcode selects a class: sfi_quick_class[REX.W][map][opcode], 0 = decline. A class
 * with QC_NO_MODRM indexes its row of sfi_quick_entries by the opcode (the register in
 * its low bits, or nothing), any other by the ModRM byte; a SIB is then looked up in
 * sfi_quick_sib[selector][REX.XB][SIB]. */
#define SFI_QUICK_MAX_CLASSES 64
#define QC_NO_MODRM 0x80u
/* Hidden: the library is position-independent, and a GOT load per table per
 * instruction is measurable. */
#define SFI_QUICK_TABLE __attribute__((visibility("hidden")))
extern SFI_QUICK_TABLE uint8_t sfi_quick_class[2][2][256];
enum {
    QM_LEN = 15,          /* bytes after the opcode: ModRM, SIB, displacement (by mod), imm */
    QM_REJECT = 16,
    QM_SIB = 32,
    QM_SEL_SHIFT = 6,     /* 3 bits: SIB table selector (7: no SIB, an all-zero row) */
    QM_DISP_SHIFT = 9,    /* 2 bits: displacement (or rel): 0 none, 1 8 bits, 2 32 bits */
    QM_NONNEG = 1u << 11, /* form d: the displacement must not be negative */
    QM_RIP = 1u << 12,    /* form c: rip-relative access, R17 */
    QM_BRANCH = 1u << 13, /* direct branch: the "displacement" is rel, right after the opcode */
    QM_CALL = 1u << 14,   /* with QM_BRANCH; without it: QM_SEQ */
    QM_MODRM = 1u << 15,  /* a ModRM byte follows the opcode */
};
extern SFI_QUICK_TABLE uint16_t sfi_quick_entries[SFI_QUICK_MAX_CLASSES][256][8];
enum {
    QSIB_REJECT = 1,
    QSIB_NOBASE = 2,      /* mod 0, base 101: a disp32 and no base (2 = the disp32 code) */
    QSIB_SMALL = 4,       /* forms a and b: |disp| < D */
    QSIB_NONNEG = 8,      /* form d */
    QSIB_MASKED = 16,     /* form a: counted */
};
extern SFI_QUICK_TABLE uint8_t sfi_quick_sib[8][4][256];

void sfi_quick_build(void);
/* Opcodes the quick path would take but found no free class for: the test requires 0
 * (else raise SFI_QUICK_MAX_CLASSES). */
extern unsigned sfi_quick_unclassed;

#define QM_SEQ QM_CALL       /* a sequence piece or end (without QM_BRANCH) */

/* What the rules have left to do for an accepted instruction: its entry's QM_RIP,
 * QM_BRANCH and QM_CALL/QM_SEQ bits, SFI_QUICK_MASKED for form a, and the displacement
 * (the rip displacement, or the branch's rel, whose field starts at `field`). */
#define SFI_QUICK_MASKED 1u
#define SFI_QUICK_RULES (QM_RIP | QM_BRANCH | QM_SEQ)
typedef struct sfi_quick {
    unsigned effect;
    unsigned field;
    int32_t value;
} sfi_quick;

static inline int32_t sfi_quick_disp32(const uint8_t *p) {
    int32_t x;
    memcpy(&x, p, sizeof x);
    return x;
}

static inline uint64_t sfi_quick_load64(const uint8_t *p) {
    uint64_t x;
    memcpy(&x, p, sizeof x);
    return x;
}

/* A padding NOP: 66s and at most one 2e, in any order, before 90 or before 0f 1f /0 with a
 * memory operand (never accessed). The table route's A_PAD rows; length at most 15. */
static inline __attribute__((noinline)) unsigned sfi_quick_padding(const uint8_t *p) {
    unsigned i = 0, cs = 0;
    for (; i < 15; i++) {
        if (p[i] == 0x2e && !cs)
            cs = 1;
        else if (p[i] != 0x66)
            break;
    }
    if (p[i] == 0x90)
        return i + 1 <= 15 ? i + 1 : 0;
    if (p[i] != 0x0f || p[i + 1] != 0x1f)
        return 0;
    unsigned modrm = p[i + 2], mod = modrm >> 6, rm = modrm & 7;
    if (mod == 3 || (modrm >> 3 & 7) != 0)
        return 0;
    i += 3;
    if (rm == 4 && mod == 0 && (p[i] & 7) == 5)
        mod = 2;                             /* SIB without base: disp32 */
    else if (rm == 5 && mod == 0)
        mod = 2;                             /* rip-relative: disp32 */
    i += (rm == 4) + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
    return i <= 15 ? i : 0;
}

/* The length of the instruction at p, or 0 to decline; *q says what the rules have left
 * to do. p must have SFI_QUICK_READ readable bytes. Loads+stores policy only. No side
 * effects. */
static inline __attribute__((always_inline)) unsigned
sfi_quick_judge(const uint8_t *p, sfi_quick *q) {
    uint64_t x = sfi_quick_load64(p);
    unsigned b0 = (unsigned)x & 0xff;
    q->effect = 0;
    if (b0 == 0x66 || b0 == 0x2e)
        return sfi_quick_padding(p);
    if (b0 == 0x40)
        return 0;                            /* a bare REX: the table route decides */
    unsigned is_rex = (b0 & 0xf0) == 0x40;
    unsigned rex = b0 & (0u - is_rex) & 0xf;
    x >>= 8 * is_rex;
    unsigned map = (x & 0xff) == 0x0f;
    x >>= 8 * map;
    unsigned op = (unsigned)x & 0xff, at = is_rex + map; /* at: the opcode's offset */
    unsigned cls = sfi_quick_class[rex >> 3][map][op];
    unsigned modrm = (unsigned)(x >> 8) & 0xff, sib = (unsigned)(x >> 16) & 0xff;
    unsigned e = sfi_quick_entries[cls & (SFI_QUICK_MAX_CLASSES - 1)]
                                  [cls & QC_NO_MODRM ? op : modrm][rex & 7];
    unsigned s = sfi_quick_sib[e >> QM_SEL_SHIFT & 7][rex & 3][sib];
    if ((e & QM_REJECT) | (s & QSIB_REJECT))
        return 0;
    unsigned code = (e >> QM_DISP_SHIFT & 3) | (s & QSIB_NOBASE);
    unsigned at_disp = at + 1 + (e >> 15) + (e >> 5 & 1);
    int32_t raw = sfi_quick_disp32(p + at_disp);
    int32_t disp = code == 1 ? (int8_t)raw : code == 2 ? raw : 0;
    unsigned small = (disp > -SFI_MAX_DISP) & (disp < SFI_MAX_DISP);
    if ((((s & QSIB_SMALL) != 0) & !small) |
        ((((e & QM_NONNEG) | (s & QSIB_NONNEG)) != 0) & (disp < 0)))
        return 0;
    q->effect = (e & (QM_RIP | QM_BRANCH | QM_CALL)) | (s & QSIB_MASKED ? SFI_QUICK_MASKED : 0);
    q->field = at_disp;
    q->value = disp;
    return at + 1 + (e & QM_LEN) + (s & QSIB_NOBASE) * 2;
}

/* A sequence piece or end (QM_SEQ): the rule it ends and its kind for R6. */
enum sfi_quick_action { QSEQ_NONE, QSEQ_RET, QSEQ_INDIRECT, QSEQ_RSP };
typedef struct sfi_quick_seq {
    uint8_t action;       /* sfi_quick_action: R10, R9 (+ R8), R12.3 */
    uint8_t is_call;      /* QSEQ_INDIRECT */
    uint8_t kind;         /* sfi_kind */
    uint8_t reg;          /* register number (0-15) of the kind or of QSEQ_INDIRECT */
} sfi_quick_seq;
/* From the bytes of an instruction the quick path accepted with QM_SEQ. */
sfi_quick_seq sfi_quick_sequence(const uint8_t *p);

/* R7/R8 of a direct branch, R17 of a rip-relative operand, the rules a sequence piece ends,
 * for an instruction the quick path judged at region offset `offset` with
 * effect & SFI_QUICK_RULES. Returns the instruction's kind | its register (ZydisRegister)
 * << 8, for its summary. */
unsigned sfi_quick_apply_rules(sfi_verifier *v, uint32_t offset, unsigned length,
                               unsigned effect, unsigned field, int32_t value);

/* Test hook (tests/verifier/test_quick_path.c): what the table route's fast rules conclude
 * on f, in the same terms (*seq: for QM_SEQ instructions); false when they leave it to
 * the reference path. */
bool sfi_fast_verdict(const sfi_verifier *v, const sfi_fields *f, sfi_quick *q,
                      sfi_quick_seq *seq);

#endif
