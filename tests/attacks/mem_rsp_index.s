# expect: R11
# attack: form b allows no index
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, (%rsp,%rax,1)
