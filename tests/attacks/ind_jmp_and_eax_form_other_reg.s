# expect: R9
# attack: the and-mask as the no-ModRM form 25 id (andl $imm, %eax) masks %rax, not the register that is jumped through
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	.byte 0x25, 0xe0, 0xff, 0xff, 0xff	# andl $-32, %eax
	addq %r15, %rcx
	jmpq *%rcx
	.bundle_unlock
