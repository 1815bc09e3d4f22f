/* Cost of the floating-point state instructions the trampolines can run on a transition
 * (entry.S, gates.S, sfi_ctx.h), measured alone on the host: where the round trip's cycles go.
 *
 *   seqcost [samples] [batch]
 *
 * Each sequence is executed `batch` times back to back (throughput, not latency) per sample;
 * per-execution TSC ticks, median over `samples`. "old entry+exit" is the FP work of the
 * trampolines before 6eae167 (libsfi fast path), "new entry+exit" after it (entry: stmxcsr,
 * fnstcw, ldmxcsr, fldcw, scrub = flds + 7 fldz + emms, vzeroall; exit: emms, fldcw, ldmxcsr,
 * vzeroupper). Copies, kept in sync by hand. */
#include "bench.h"

#define DEF(name, body)                                                                           \
    __attribute__((noinline)) static void name(long n) {                                          \
        for (long i = 0; i < n; i++) __asm__ volatile(body ::: "memory", "st", "st(1)", "st(2)",   \
                                                      "st(3)", "st(4)", "st(5)", "st(6)", "st(7)", \
                                                      "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",      \
                                                      "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",     \
                                                      "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", \
                                                      "xmm15", "rax");                            \
    }

DEF(s_empty, "")
/* the old SFI_SCRUB_X87 (before 6eae167) */
DEF(s_scrub_x87, "fnclex; emms; fldz; fldz; fldz; fldz; fldz; fldz; fldz; fldz; fninit")
DEF(s_fninit, "fninit")
DEF(s_fnclex_emms, "fnclex; emms")
DEF(s_8fldz_ffree, "fldz; fldz; fldz; fldz; fldz; fldz; fldz; fldz; emms")
DEF(s_vzeroall, "vzeroall")
DEF(s_vzeroupper, "vzeroupper")
/* entry: stmxcsr + fnstcw of the host state */
DEF(s_stmxcsr_fnstcw, "sub $16, %%rsp; stmxcsr (%%rsp); fnstcw 4(%%rsp); add $16, %%rsp")
/* SFI_SET_FCW + SFI_SET_MXCSR when nothing changes (the common case) */
DEF(s_set_fcw_mxcsr,
    "sub $16, %%rsp; fnstcw (%%rsp); movzwl (%%rsp), %%eax; cmpw (%%rsp), %%ax; je 1f; fldcw (%%rsp);"
    "1: stmxcsr 4(%%rsp); movl 4(%%rsp), %%eax; cmpl 4(%%rsp), %%eax; je 2f; ldmxcsr 4(%%rsp);"
    "2: add $16, %%rsp")
DEF(s_ldmxcsr, "sub $16, %%rsp; stmxcsr (%%rsp); ldmxcsr (%%rsp); add $16, %%rsp")
DEF(s_fldcw, "sub $16, %%rsp; fnstcw (%%rsp); fldcw (%%rsp); add $16, %%rsp")
DEF(s_emms, "emms")
DEF(s_stmxcsr, "sub $16, %%rsp; stmxcsr (%%rsp); add $16, %%rsp")
/* FP part of one host->sandbox->host round trip since 6eae167 (entry.S) */
DEF(s_roundtrip_fp_new,
    "sub $16, %%rsp; movl $0x1f80, 8(%%rsp); movw $0x37f, 12(%%rsp); movl $0, (%%rsp);"
    "stmxcsr 4(%%rsp); fnstcw 14(%%rsp); ldmxcsr 8(%%rsp); fldcw 12(%%rsp);"
    "flds (%%rsp); fldz; fldz; fldz; fldz; fldz; fldz; fldz; emms; vzeroall;"
    "emms; fldcw 14(%%rsp); ldmxcsr 4(%%rsp); vzeroupper; add $16, %%rsp")
/* entry: the 16 vector registers, VEX.128 zero idioms (entry.S) */
#define VPXOR16                                                                                    \
    "vpxor %%xmm0, %%xmm0, %%xmm0; vpxor %%xmm1, %%xmm1, %%xmm1; vpxor %%xmm2, %%xmm2, %%xmm2;"     \
    "vpxor %%xmm3, %%xmm3, %%xmm3; vpxor %%xmm4, %%xmm4, %%xmm4; vpxor %%xmm5, %%xmm5, %%xmm5;"     \
    "vpxor %%xmm6, %%xmm6, %%xmm6; vpxor %%xmm7, %%xmm7, %%xmm7; vpxor %%xmm8, %%xmm8, %%xmm8;"     \
    "vpxor %%xmm9, %%xmm9, %%xmm9; vpxor %%xmm10, %%xmm10, %%xmm10; vpxor %%xmm11, %%xmm11, %%xmm11;" \
    "vpxor %%xmm12, %%xmm12, %%xmm12; vpxor %%xmm13, %%xmm13, %%xmm13;"                          \
    "vpxor %%xmm14, %%xmm14, %%xmm14; vpxor %%xmm15, %%xmm15, %%xmm15;"
/* the rest of a round trip's FP work since 70b8feb: the gate page's x87 scrub, then the exit
 * (emms, the fnclex-unless-masked test, the host's control word and MXCSR, vzeroupper) */
#define SCRUB_AND_EXIT                                                                             \
    "fildl (%%rsp); fldz; fldz; fldz; fldz; fldz; fldz; fldz; emms;"                               \
    "emms; movzbl 14(%%rsp), %%eax; andl $0x3f, %%eax; cmpl $0x3f, %%eax; je 1f; fnclex; 1:"       \
    "fldcw 14(%%rsp); ldmxcsr 4(%%rsp); vzeroupper; add $16, %%rsp"
/* FP part of one round trip since the entry sequence moved into the gate page (entry.S,
 * gates.c): entry stmxcsr, fnstcw, ldmxcsr, fldcw, VPXOR16, SCRUB_AND_EXIT */
DEF(s_roundtrip_fp_gate,
    "sub $16, %%rsp; movl $0x1f80, 8(%%rsp); movw $0x37f, 12(%%rsp); movl $0, (%%rsp);"
    "stmxcsr 4(%%rsp); fnstcw 14(%%rsp); ldmxcsr 8(%%rsp); fldcw 12(%%rsp);" VPXOR16 SCRUB_AND_EXIT)
/* the same with the MXCSR switch skipped when the host's equals the sandbox's (compare
 * instead of ldmxcsr on entry; still ldmxcsr on exit: the sandbox may have changed it) */
DEF(s_roundtrip_fp_gate_cmp,
    "sub $16, %%rsp; movl $0x1f80, 8(%%rsp); movw $0x37f, 12(%%rsp); movl $0, (%%rsp);"
    "stmxcsr 4(%%rsp); fnstcw 14(%%rsp); cmpl $0x1f80, 4(%%rsp); je 2f; ldmxcsr 8(%%rsp);"
    "2: fldcw 12(%%rsp);" VPXOR16 SCRUB_AND_EXIT)
/* the same since b23feeb: the x87 control word is loaded only when it differs (here it never
 * does): entry fnstcw + compare, exit fnstcw + compare instead of the two fldcw */
DEF(s_roundtrip_fp_cwcmp,
    "sub $16, %%rsp; movl $0x1f80, 8(%%rsp); movw $0x37f, 12(%%rsp); movl $0, (%%rsp);"
    "stmxcsr 4(%%rsp); fnstcw 14(%%rsp); ldmxcsr 8(%%rsp); cmpw $0x37f, 14(%%rsp); jne 3f;" VPXOR16
    "fildl (%%rsp); fldz; fldz; fldz; fldz; fldz; fldz; fldz; emms;"
    "emms; movzbl 14(%%rsp), %%eax; andl $0x3f, %%eax; cmpl $0x3f, %%eax; jne 3f;"
    "fnstcw 2(%%rsp); movzwl 14(%%rsp), %%eax; cmpw %%ax, 2(%%rsp); jne 3f;"
    "ldmxcsr 4(%%rsp); vzeroupper; 3: add $16, %%rsp")
DEF(s_16vpxor, VPXOR16)
DEF(s_fild_7fldz_emms, "sub $16, %%rsp; movl $0, (%%rsp); fildl (%%rsp); fldz; fldz; fldz; fldz; fldz; fldz;"
                       "fldz; emms; add $16, %%rsp")
/* the same before 6eae167 */
DEF(s_roundtrip_fp,
    "sub $16, %%rsp; stmxcsr (%%rsp); fnstcw 4(%%rsp);"
    "fnclex; emms; fldz; fldz; fldz; fldz; fldz; fldz; fldz; fldz; fninit;"
    "vzeroall;"
    "fnclex; emms; fnstcw 8(%%rsp); stmxcsr 12(%%rsp); vzeroupper; add $16, %%rsp")

typedef void (*seq_fn)(long);
static const struct {
    const char *name;
    seq_fn fn;
    const char *where;
} seqs[] = {
    {"empty loop", s_empty, "loop overhead (subtracted below)"},
    {"old SFI_SCRUB_X87", s_scrub_x87, "before 6eae167: fnclex emms 8xfldz fninit"},
    {"  fninit", s_fninit, ""},
    {"  fnclex+emms", s_fnclex_emms, "before 6eae167 also on every exit and gate"},
    {"  8xfldz+emms", s_8fldz_ffree, "~ the new scrub (flds + 7 fldz + emms)"},
    {"vzeroall", s_vzeroall, "entry, callback return"},
    {"vzeroupper", s_vzeroupper, "exit"},
    {"stmxcsr+fnstcw", s_stmxcsr_fnstcw, "entry"},
    {"old SET_FCW+SET_MXCSR", s_set_fcw_mxcsr, "before 6eae167: exit, gates (compare only)"},
    {"stmxcsr+ldmxcsr", s_ldmxcsr, "when MXCSR differs"},
    {"fnstcw+fldcw", s_fldcw, "when the x87 CW differs"},
    {"emms", s_emms, ""},
    {"stmxcsr", s_stmxcsr, ""},
    {"old entry+exit FP", s_roundtrip_fp, "FP work of one sfi_call before 6eae167"},
    {"new entry+exit FP", s_roundtrip_fp_new, "FP work of one sfi_call 6eae167..c2e4789"},
    {"16 x vpxor xmm", s_16vpxor, "entry: vector registers (vs vzeroall above)"},
    {"fildl+7xfldz+emms", s_fild_7fldz_emms, "entry sequence's x87 scrub (gate page)"},
    {"gate entry+exit FP", s_roundtrip_fp_gate, "FP work of one call since 70b8feb"},
    {"  same, MXCSR compare", s_roundtrip_fp_gate_cmp, "ldmxcsr on entry only if host MXCSR != 0x1f80"},
    {"gate FP, fcw compare", s_roundtrip_fp_cwcmp, "since b23feeb: fldcw only if the control word differs"},
};
#define NSEQ (sizeof seqs / sizeof seqs[0])

int main(int argc, char **argv) {
    long samples = argc > 1 ? atol(argv[1]) : 501;
    long batch = argc > 2 ? atol(argv[2]) : 1000;
    double *v[NSEQ];
    for (size_t k = 0; k < NSEQ; k++) v[k] = calloc((size_t)samples, sizeof(double));
    for (long r = -samples / 10 - 1; r < samples; r++)
        for (size_t k = 0; k < NSEQ; k++) {
            uint64_t c0 = tsc_begin();
            seqs[k].fn(batch);
            uint64_t c1 = tsc_end();
            if (r >= 0) v[k][r] = (double)(c1 - c0) / (double)batch;
        }
    print_machine();
    printf("# TSC ticks per execution (throughput, %ld x %ld), median; 'net' = minus the empty loop\n",
           samples, batch);
    double base = median(v[0], (size_t)samples);
    for (size_t k = 0; k < NSEQ; k++) {
        double m = median(v[k], (size_t)samples);
        printf("%-22s %7.1f ticks  net %7.1f   %s\n", seqs[k].name, m, k ? m - base : m, seqs[k].where);
    }
    return 0;
}
