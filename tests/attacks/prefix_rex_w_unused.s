# expect: R16
# attack: a REX.W that selects nothing: f3 REX.W 0f 7e is movq (%rax),%xmm0 (a load) to the SDM and
# Zydis, but Capstone 4 decodes it as a store; decoders disagree where W is unused, so R16 refuses it
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	.p2align 5
	.byte 0xf3, 0x48, 0x0f, 0x7e, 0x04, 0x24	# movq (%rsp), %xmm0 with an unused REX.W
