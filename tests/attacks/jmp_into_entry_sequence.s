# expect: R7
# attack: a direct jump into the gate gap below the code, at the fildl of the entry sequence (gate 2 + n, past its hlt hlt; R19): only masked jumps may reach the gate page, and they land on its hlt
# module: yes
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	attack
	.type	attack, @function
attack:
	jmp	attack - 0x10000 + 2 * 32 + 2	# compact layout: GATES = code page - 0x10000; no imports, so the entry sequence is gate 2
	.p2align 5
	popq	%r11
	.bundle_lock
	andl	$-32, %r11d
	addq	%r15, %r11
	pushq	%r11
	retq
	.bundle_unlock

	.section .rodata	# 64 KiB below the code, where sfi-clang leaves the gate gap (R20)
	.zero	0x10000

	.section .note.sfi,"a",@note
	.p2align 2
	.long	4, 16, 1
	.asciz	"SFI"
	.long	1, 0, 0, 0
