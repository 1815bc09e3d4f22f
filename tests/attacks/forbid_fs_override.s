# expect: R14|R16|R11
# attack: an %fs override on an otherwise masked access adds the host TLS base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movq %fs:(%r15,%r14,1), %rax
