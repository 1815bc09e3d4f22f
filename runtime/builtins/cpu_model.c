/* __builtin_cpu_supports / __builtin_cpu_is / __builtin_cpu_init support: clang reads the
 * variables __cpu_model and __cpu_features2 and calls __cpu_indicator_init. The layout and
 * the feature bit numbers are clang's ABI: the bit of a feature is its position in LLVM 19's
 * llvm/TargetParser/X86TargetParser.def (CMOV = 0, MMX = 1, POPCNT = 2, ...).
 *
 * Only what the sandbox may actually execute is reported (docs/sandbox-abi.md R15): AVX-512
 * (EVEX), SSE4a, FMA4 and XOP always read as absent, so a program that dispatches on them
 * takes its portable path. cpuid is an allowed instruction. Real ifuncs would need
 * R_X86_64_IRELATIVE relocations, which R20 does not allow; for the musl target clang lowers
 * target_clones without them (tests/corpus/bug_cpu_model.c links and runs). */
#include <cpuid.h>

struct cpu_model {
	unsigned int vendor;  /* 1 Intel, 2 AMD, 3 other */
	unsigned int type;    /* 0: no __builtin_cpu_is("<cpu name>") ever matches */
	unsigned int subtype;
	unsigned int features[1];
};

struct cpu_model __cpu_model;
unsigned int __cpu_features2[4]; /* features 32 and up: none reported */

int __cpu_indicator_init(void);

enum { /* bit positions, see above */
	F_CMOV = 0, F_MMX = 1, F_POPCNT = 2, F_SSE = 3, F_SSE2 = 4, F_SSE3 = 5, F_SSSE3 = 6,
	F_SSE4_1 = 7, F_SSE4_2 = 8, F_AVX = 9, F_AVX2 = 10, F_FMA = 14, F_BMI = 16, F_BMI2 = 17,
	F_AES = 18, F_PCLMUL = 19,
};

__attribute__((constructor(101))) int __cpu_indicator_init(void)
{
	unsigned a, b, c, d;
	if (__cpu_model.vendor)
		return 0;
	if (!__get_cpuid(0, &a, &b, &c, &d)) {
		__cpu_model.vendor = 3;
		return -1;
	}
	unsigned max = a;
	__cpu_model.vendor = b == signature_INTEL_ebx ? 1 : b == signature_AMD_ebx ? 2 : 3;
	unsigned f = 0;
	__get_cpuid(1, &a, &b, &c, &d);
	if (d & bit_CMOV) f |= 1u << F_CMOV;
	if (d & bit_MMX) f |= 1u << F_MMX;
	if (d & bit_SSE) f |= 1u << F_SSE;
	if (d & bit_SSE2) f |= 1u << F_SSE2;
	if (c & bit_SSE3) f |= 1u << F_SSE3;
	if (c & bit_SSSE3) f |= 1u << F_SSSE3;
	if (c & bit_SSE4_1) f |= 1u << F_SSE4_1;
	if (c & bit_SSE4_2) f |= 1u << F_SSE4_2;
	if (c & bit_POPCNT) f |= 1u << F_POPCNT;
	if (c & bit_AES) f |= 1u << F_AES;
	if (c & bit_PCLMUL) f |= 1u << F_PCLMUL;
	/* AVX also needs the OS to save the state (OSXSAVE); Linux enables what the CPU has. */
	int avx = (c & bit_AVX) && (c & bit_OSXSAVE);
	if (avx) f |= 1u << F_AVX;
	if (avx && (c & bit_FMA)) f |= 1u << F_FMA;
	if (max >= 7) {
		__cpuid_count(7, 0, a, b, c, d);
		if (avx && (b & bit_AVX2)) f |= 1u << F_AVX2;
		if (b & bit_BMI) f |= 1u << F_BMI;
		if (b & bit_BMI2) f |= 1u << F_BMI2;
	}
	__cpu_model.features[0] = f;
	return 0;
}
