# expect: R8
# attack: a correctly masked indirect call that does not end its bundle, so the return address is not a bundle start
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.bundle_lock
	andl $-32, %eax
	addq %r15, %rax
	callq *%rax
	.bundle_unlock
