# expect: R9
# attack: an indirect call through an unmasked register, correctly ending its bundle
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock align_to_end
	callq *%rax
	.bundle_unlock
