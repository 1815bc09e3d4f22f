# expect: R3
# attack: cmpxchg with %r15 as destination writes %rbx into it when %rax equals the base
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	cmpxchgq %rbx, %r15
