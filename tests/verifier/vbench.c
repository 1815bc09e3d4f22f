/* sfi-vbench: throughput of the code verifier (a tool, not a test).
 *
 *   sfi-vbench [--mib N] [--runs N] [--mode M] FILE.o...
 *
 * Concatenates the executable sections of the given relocatable objects (sfi-as output,
 * e.g. `sfi-clang -O2 -c`), each padded with NOPs to a bundle, repeats the result up to
 * N MiB (default 64) and times one pass over it per run, in CPU time of this thread
 * (CLOCK_THREAD_CPUTIME_ID: the number stays meaningful on a loaded machine). Prints the
 * median and the best run in MiB/s.
 *
 * Relocated fields hold zeros in an object, so a relocated branch jumps to the next
 * instruction and a rip-relative operand points just past its instruction; the image is
 * set to the whole buffer so those are checked (form c of R11) as in module mode.
 *
 * Modes:
 *   verify        sfi_verify_code (the fast path; what the loader runs)
 *   reference     the reference path of the same library (full decode, every rule)
 *   zydis-full    ZydisDecoderDecodeFull on every instruction, nothing else
 *   zydis-insn    ZydisDecoderDecodeInstruction only (no operands): the decoder's floor
 *   zydis-insn-ops  DecodeInstruction + DecodeOperands(operand_count)
 *   zydis-minimal DecodeInstruction in ZYDIS_DECODER_MODE_MINIMAL
 *   table         the verifier's table decoder (verifier/table_decode.c) alone; what it
 *                 declines is decoded by ZydisDecoderDecodeInstruction
 *
 * Reproducible input used for the numbers in verifier/decode.c:
 *   sfi-clang -O2 -c sqlite3.c (3.40.1 amalgamation, tests/corpus or bench fetch it),
 *   plus sfi-clang -O2 -c on every .c file of verifier/, verifier/cli/, driver/ and bzip2-1.0.8/. */
#define _POSIX_C_SOURCE 200809L
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <Zydis/Zydis.h>

#include "internal.h" /* sfi_table_decode */
#include "reference.h"
#include "sfi/verify.h"

static uint8_t *buf;
static size_t len, cap;

static void append(const uint8_t *p, size_t n) {
    if (len + n + 32 > cap) {
        cap = (len + n + 32) * 2;
        buf = realloc(buf, cap);
        if (!buf) {
            perror("realloc");
            exit(2);
        }
    }
    memcpy(buf + len, p, n);
    len += n;
    while (len & 31)
        buf[len++] = 0x90;
}

static void load_object(const char *path) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        exit(2);
    }
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *file = malloc((size_t)size);
    if (!file || fread(file, 1, (size_t)size, fp) != (size_t)size) {
        fprintf(stderr, "%s: read error\n", path);
        exit(2);
    }
    fclose(fp);
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
    if ((size_t)size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_type != ET_REL) {
        fprintf(stderr, "%s: not an ELF64 relocatable object\n", path);
        exit(2);
    }
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(file + eh->e_shoff);
    for (unsigned i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_PROGBITS && (sh[i].sh_flags & SHF_EXECINSTR) && sh[i].sh_size)
            append(file + sh[i].sh_offset, sh[i].sh_size);
    free(file);
}

static double cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Walks the instruction stream as the verifier does (restart at the next bundle after a
 * decoding error) with only the decoder. Returns the instruction count. */
static size_t decode_only(const char *mode) {
    ZydisDecoder d;
    ZydisDecoderInit(&d, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
    bool full = !strcmp(mode, "zydis-full"), ops = !strcmp(mode, "zydis-insn-ops");
    bool table = !strcmp(mode, "table");
    sfi_allowlist_init(); /* the table decoder's index */
    if (!strcmp(mode, "zydis-minimal"))
        ZydisDecoderEnableMode(&d, ZYDIS_DECODER_MODE_MINIMAL, ZYAN_TRUE);
    ZydisDecodedInstruction zi;
    ZydisDecodedOperand op[ZYDIS_MAX_OPERAND_COUNT];
    ZydisDecoderContext ctx;
    size_t n = 0, off = 0;
    while (off < len) {
        size_t avail = len - off < 15 ? len - off : 15;
        sfi_fields f;
        if (table && sfi_table_decode(buf + off, 32 - (off & 31) < avail ? 32 - (off & 31) : avail,
                                      &f)) {
            n++;
            off += f.length;
            continue;
        }
        ZyanStatus s = full ? ZydisDecoderDecodeFull(&d, buf + off, avail, &zi, op)
                            : ZydisDecoderDecodeInstruction(&d, &ctx, buf + off, avail, &zi);
        if (!ZYAN_SUCCESS(s)) {
            off = (off | 31) + 1;
            continue;
        }
        if (ops)
            ZydisDecoderDecodeOperands(&d, &ctx, &zi, op, zi.operand_count);
        n++;
        off += zi.length;
    }
    return n;
}

int main(int argc, char **argv) {
    double mib = 64;
    int runs = 7;
    const char *mode = "verify";
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--mib") && i + 1 < argc) mib = atof(argv[++i]);
        else if (!strcmp(argv[i], "--runs") && i + 1 < argc) runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--mode") && i + 1 < argc) mode = argv[++i];
        else {
            fprintf(stderr, "usage: sfi-vbench [--mib N] [--runs N] [--mode M] FILE.o...\n");
            return 2;
        }
    }
    if (i == argc || runs < 1) {
        fprintf(stderr, "usage: sfi-vbench [--mib N] [--runs N] [--mode M] FILE.o...\n");
        return 2;
    }
    for (; i < argc; i++)
        load_object(argv[i]);
    size_t unit = len, target = (size_t)(mib * 1048576.0);
    if (!unit) {
        fprintf(stderr, "no code\n");
        return 2;
    }
    if (target > len) {
        cap = target + unit + 64;
        buf = realloc(buf, cap);
        if (!buf) {
            perror("realloc");
            return 2;
        }
        while (len + unit <= target) { /* whole copies only, so every bundle is valid code */
            memcpy(buf + len, buf, unit);
            len += unit;
        }
    }
    double *t = calloc((size_t)runs, sizeof *t);
    size_t insns = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = cpu_s();
        if (!strncmp(mode, "zydis", 5) || !strcmp(mode, "table")) {
            insns = decode_only(mode);
        } else {
            sfi_verify_config cfg = {.image_start = 0, .image_end = len};
            sfi_verify_result res;
            sfi_verify_status st = !strcmp(mode, "reference")
                                       ? sfi_verify_code_reference(buf, len, 0, &cfg, &res)
                                       : sfi_verify_code(buf, len, 0, &cfg, &res);
            insns = res.stats.instructions;
            if (r == 0 && st != SFI_VERIFY_OK) {
                fprintf(stderr, "input rejected (%zu violations), e.g. R%u at 0x%llx: %s\n",
                        res.n_violations, res.violations ? res.violations[0].rule : 0,
                        res.violations ? (unsigned long long)res.violations[0].vaddr : 0ull,
                        res.violations ? res.violations[0].message : res.error);
            }
            sfi_verify_result_free(&res);
        }
        t[r] = cpu_s() - t0;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double m = len / 1048576.0;
    printf("%s: %.1f MiB (%zu unique bytes), %zu instructions, %d runs: median %.1f MiB/s "
           "(%.1f ns/insn), best %.1f MiB/s\n",
           mode, m, unit, insns, runs, m / t[runs / 2], t[runs / 2] * 1e9 / (double)insns,
           m / t[0]);
    free(t);
    free(buf);
    return 0;
}
