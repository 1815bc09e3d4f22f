# expect: R7
# attack: a jump to the end of the section, which is not an instruction start
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	jmp end
	.p2align 5
end:
