# expect: ok
# attack: none (positive control): the sequences in alternative encodings the contract also allows ("any encoding")
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	enc
enc:
	# R9 with andl $imm32 (81 /4) and the 03 /r form of addq %r15,%rax.
	.bundle_lock
	.byte	0x81, 0xe0, 0xe0, 0xff, 0xff, 0xff	# andl $-32, %eax
	.byte	0x49, 0x03, 0xc7			# addq %r15, %rax
	jmpq	*%rax
	.bundle_unlock
	# R12.3 with a 32-bit displacement in the %r14d computation and the SIB byte of the lea
	# written with a redundant disp8 of 0 (mod 01).
	leal	-4096(%rsp), %r14d
	.byte	0x4b, 0x8d, 0x64, 0x37, 0x00		# leaq 0(%r15,%r14,1), %rsp
	# R12.2 realignment with an imm32 mask.
	andq	$-4096, %rsp
	# R16: 67 is allowed on lea; a nop may carry many 66 prefixes.
	leal	(%eax,%ecx,2), %r14d
	movq	%rax, (%r15,%r14,1)
	.p2align 5	# raw bytes get no bundle padding: start them at a bundle
	.byte	0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00
	.p2align 5
ret_enc:
	# R10 with pushq %r11 as ff /6.
	popq	%r11
	.bundle_lock
	andl	$-32, %r11d
	addq	%r15, %r11
	.byte	0x41, 0xff, 0xf3			# pushq %r11
	retq
	.bundle_unlock
