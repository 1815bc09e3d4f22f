# Negative control for the corpus checks: assembled with plain llvm-mc, never
# with sfi-as. A bare ret is forbidden (R10), so sfi-verify --object and
# sfi-capcheck must both exit 1. If this passes either checker, the corpus
# tests prove nothing.
	.text
	.p2align 5
	.globl	f
	.type	f,@function
f:
	movl	$1, %eax
	retq
	.size	f, .-f
