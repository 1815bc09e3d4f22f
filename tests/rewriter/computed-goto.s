# Labels whose address is taken (in code for &&label, in data for static tables) are
# bundle-aligned, as are function entries.
	.text
	.globl	cg
	.type	cg,@function
cg:
# CHECK: {{0*[0-9a-f]*[02468ace]0}} <cg>:
	leaq	.Ltmp0(%rip), %rax
	movslq	%edi, %rcx
	leaq	tab(%rip), %rdx
	jmpq	*(%rdx,%rcx,8)
	nop
.Ltmp0:
	movl	$1, %eax
	retq
# CHECK: {{[0-9a-f]*[02468ace]0}}: movl $0x1, %eax
	nop
.Ltmp1:
	movl	$2, %eax
	retq
# CHECK: {{[0-9a-f]*[02468ace]0}}: movl $0x2, %eax
	nop
.Lnot_taken:
	movl	$3, %eax
# a label referenced only from debug info is not aligned
# CHECK: {{[0-9a-f]*([13579bdf][0-9a-f]|[0-9a-f][1-9a-f])}}: movl $0x3, %eax
	retq
	.type	local_fn,@function
local_fn:
# CHECK: {{0*[0-9a-f]*[02468ace]0}} <local_fn>:
	retq
	.section	.data.rel.ro,"aw",@progbits
tab:
	.quad	.Ltmp0
	.quad	.Ltmp1
	.section	.debug_ranges,"",@progbits
	.quad	.Lnot_taken
