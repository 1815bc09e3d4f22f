# expect: R9
# attack: a memory-indirect call through a stack slot, ending its bundle
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock align_to_end
	callq *8(%rsp)
	.bundle_unlock
