# expect: R4
# attack: adox (f3 REX.W 0f 38 f6): a 64-bit write of %r14 by an ADX instruction whose F3 is a mandatory prefix
	.text
	.bundle_align_mode 5
	.p2align 5
attack:
	adoxq %rax, %r14
