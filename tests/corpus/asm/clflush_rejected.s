# corpus: sfi-as rejects
# corpus-error: clflush_rejected\.s:11:[0-9]+: error: instruction set CLFLUSH.* is not on the allow list \[R15\]
# clflush is not on the R15 allow list (nor are clflushopt, clwb, prefetchw and
# sha1msg1, the C builtins of -mclflushopt -mclwb -mprfchw -msha). sfi-verify
# rejects it; sfi-as refuses it first, at this line, so that sfi-clang fails at
# compile time instead of producing a module that only the loader refuses.
	.text
	.globl	f
	.type	f,@function
f:
	clflush	(%rdi)
	retq
	.size	f, .-f
