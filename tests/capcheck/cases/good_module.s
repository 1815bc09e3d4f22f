# capcheck: ok
# capcheck-link: yes
# A linked static PIE: checked by segment, rip-relative operands against the image.
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	f
f:
	movq	data(%rip), %rax
	movq	%rax, data+8(%rip)
	leaq	f(%rip), %rcx
	.bundle_lock align_to_end
	callq	g
	.bundle_unlock
	.p2align 5
g:
	popq	%r11
	.bundle_lock
	andl	$-32, %r11d
	addq	%r15, %r11
	pushq	%r11
	retq
	.bundle_unlock
	.data
data:	.quad	0, 0
