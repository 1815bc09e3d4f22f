# expect: R15|R14
# attack: VAES (256-bit AES) is not AES and not on the allow list
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vaesenc %ymm1, %ymm2, %ymm3
