# expect: R9
# attack: the mask pieces in the wrong order: addq %r15 then andl leaves a bare 32-bit offset, an absolute address below 4 GiB
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.bundle_lock
	addq %r15, %r11
	andl $-32, %r11d
	jmpq *%r11
	.bundle_unlock
