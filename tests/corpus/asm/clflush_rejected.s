# corpus: sfi-as rejects
# corpus-known-bug: rejected
# Reproducer (sfi-as, R14/R15/R18): clflush is not on the R15 allow list, so
# sfi-verify rejects it, and R18 makes "the rest of R14" (anything not allowed)
# a rewriter error. sfi-as today accepts it (it only masks the operand into
# "clflush (%r15,%r14,1)"), and the error surfaces only at load time. The same
# holds for clflushopt, clwb, prefetchw and sha1msg1 (C builtins with
# -mclflushopt -mclwb -mprfchw -msha). sfi-as should exit 1 here.
	.text
	.globl	f
	.type	f,@function
f:
	clflush	(%rdi)
	retq
	.size	f, .-f
