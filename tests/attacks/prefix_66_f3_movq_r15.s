# expect: R16|R3
# attack: f3 66 REX.B 0f 7e /r: Zydis, the SDM and the CPU run movq %xmm15,%xmm4 (F3 is the mandatory prefix), Capstone 4 decodes movd %xmm4,%r15d, a write of the base; the 66 selects nothing (R16)
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.byte 0xf3, 0x66, 0x41, 0x0f, 0x7e, 0xe7	# movq %xmm15, %xmm4 to Zydis; movd %xmm4, %r15d to Capstone 4
