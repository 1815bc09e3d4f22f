# expect: R9
# attack: an indirect jmp through an unmasked register
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	jmpq *%rax
