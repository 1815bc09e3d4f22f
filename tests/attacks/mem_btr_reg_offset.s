# expect: R11
# attack: btr with a masked memory operand and a register bit offset: the bit offset in %rax moves the access up to 2^60 bytes past (%r15,%r14,1)
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	movabsq $0x400000000000, %rax
	btrq %rax, (%r15,%r14,1)
