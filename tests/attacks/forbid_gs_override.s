# expect: R14|R16|R11
# attack: a %gs override on an otherwise valid stack access
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %rax, %gs:8(%rsp)
