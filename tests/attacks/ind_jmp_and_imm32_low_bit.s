# expect: R9
# attack: andl with a 32-bit immediate whose low byte keeps bit 0 (81 /4 id): the target is not bundle-aligned
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	.byte 0x81, 0xe0, 0xe1, 0xff, 0xff, 0xff	# andl $-31, %eax (imm32 form)
	addq %r15, %rax
	jmpq *%rax
	.bundle_unlock
