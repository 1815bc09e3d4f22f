# expect: R3
# attack: movzx into %r15d clears the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movzbl %al, %r15d
