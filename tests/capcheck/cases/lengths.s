# capcheck: ok
# capcheck-lengths: lengths.lst
# The --lengths dump (README.md): one line per instruction, offset length base index scale.
	.text
	.bundle_align_mode 5
	.p2align 5
f:
	movq	%rax, 8(%r15,%r14,1)
	leaq	(%rax,%rbx,8), %rcx
	movq	(%rsp), %rax
	movq	data(%rip), %rax
	vpaddd	%ymm0, %ymm1, %ymm2
	movl	0x10000(%r15), %r14d
	nopw	%cs:0(%rax,%rax,1)
	.bundle_lock
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	rep stosq
	.bundle_unlock
	.data
data:	.quad	0
