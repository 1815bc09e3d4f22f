// Runtime witness for the %r14/%r15 reservation, built WITHOUT the plugin.
// Being callee-saved, r14/r15 look intact after any C call even if the callee
// used them, so the check has to happen while sandboxed frames are live:
// sfi_test_enter plants known values, and sandboxed code calls
// sfi_test_regs_intact from the middle of its own work.

#define MAGIC14 0x1414141414141414
#define MAGIC15 0x1515151515151515

        .text
// long sfi_test_enter(long (*fn)(void)): fn() with r14/r15 = magic.
        .globl  sfi_test_enter
        .type   sfi_test_enter, @function
sfi_test_enter:
        pushq   %r14
        pushq   %r15
        pushq   %rbx            // three pushes re-align the stack to 16
        movabsq $MAGIC14, %r14
        movabsq $MAGIC15, %r15
        callq   *%rdi
        popq    %rbx
        popq    %r15
        popq    %r14
        retq
        .size   sfi_test_enter, .-sfi_test_enter

// int sfi_test_regs_intact(void): 1 if r14/r15 still hold the magic values.
        .globl  sfi_test_regs_intact
        .type   sfi_test_regs_intact, @function
sfi_test_regs_intact:
        xorl    %eax, %eax
        movabsq $MAGIC14, %rcx
        cmpq    %rcx, %r14
        jne     1f
        movabsq $MAGIC15, %rcx
        cmpq    %rcx, %r15
        jne     1f
        movl    $1, %eax
1:      retq
        .size   sfi_test_regs_intact, .-sfi_test_regs_intact

        .section .note.GNU-stack,"",@progbits
