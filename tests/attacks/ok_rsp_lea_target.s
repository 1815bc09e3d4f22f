# expect: ok
# attack: none (positive control): leaq (%r15,%r14,1),%rsp is no sequence interior (R12.3): a jump may
# land on it with any %r14, since %r14 < 2^32 keeps %rsp inside the slot
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	f
f:
	jmp	inner
	movl	%ebp, %r14d
inner:
	leaq	(%r15,%r14,1), %rsp
	ud2
