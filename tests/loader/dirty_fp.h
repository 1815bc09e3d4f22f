/* Host data in every vector and x87 register, for the loader tests that check R22 (no host
 * data reaches the sandbox on entry). Include after the system headers. */
#ifndef SFI_TEST_DIRTY_FP_H
#define SFI_TEST_DIRTY_FP_H

/* All ones in every ymm register and pi in an x87 register (left there after a pop). Call it
 * right before the sandbox call, after anything that may run vzeroupper (libc's AVX string
 * functions end with it); needs AVX2. */
__attribute__((always_inline)) static inline void dirty_vector_and_x87_registers(void) {
    __asm__ volatile("vpcmpeqd %%ymm0, %%ymm0, %%ymm0\n\t"
                     "vmovdqa %%ymm0, %%ymm1\n\tvmovdqa %%ymm0, %%ymm2\n\tvmovdqa %%ymm0, %%ymm3\n\t"
                     "vmovdqa %%ymm0, %%ymm4\n\tvmovdqa %%ymm0, %%ymm5\n\tvmovdqa %%ymm0, %%ymm6\n\t"
                     "vmovdqa %%ymm0, %%ymm7\n\tvmovdqa %%ymm0, %%ymm8\n\tvmovdqa %%ymm0, %%ymm9\n\t"
                     "vmovdqa %%ymm0, %%ymm10\n\tvmovdqa %%ymm0, %%ymm11\n\tvmovdqa %%ymm0, %%ymm12\n\t"
                     "vmovdqa %%ymm0, %%ymm13\n\tvmovdqa %%ymm0, %%ymm14\n\tvmovdqa %%ymm0, %%ymm15\n\t"
                     "fldpi\n\tfstp %%st(0)"
                     ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
                       "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "st");
}

#endif
