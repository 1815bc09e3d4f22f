# expect: R3
# attack: a clean .text plus a second executable section .text.evil that writes %r15: every executable section must be checked
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, %rbx
	.section .text.evil,"ax",@progbits
	.p2align 5
evil:
	movq %rax, %r15
