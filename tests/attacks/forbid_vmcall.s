# expect: R14
# attack: a VMX hypercall
# capcheck: reject
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	vmcall
