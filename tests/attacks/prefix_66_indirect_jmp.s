# expect: R16|R9
# attack: a 66 prefix on the masked jmpq: AMD CPUs truncate the target to 16 bits, outside the slot
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	andl $-32, %eax
	addq %r15, %rax
	.byte 0x66, 0xff, 0xe0
