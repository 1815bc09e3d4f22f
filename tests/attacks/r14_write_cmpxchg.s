# expect: R4
# attack: cmpxchg with %r14 as destination writes 64 bits
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	cmpxchgq %rbx, %r14
