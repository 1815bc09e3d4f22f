# expect: ok
# attack: none (positive control): every sequence of R9, R10, R12 and R13 in its valid form
	.text
	.bundle_align_mode 5
	.p2align 5
	.globl	seq
seq:
	# R12.2: realignment with a negative mask; R12.1: push/pop.
	pushq	%rbp
	andq	$-16, %rsp
	pushq	%rbx
	popq	%rbx
	# R12.3: the new offset in %r14d, however computed, then leaq (%r15,%r14,1),%rsp; the two
	# need not be adjacent or in one bundle.
	leal	-32(%rsp), %r14d
	leaq	(%r15,%r14,1), %rsp
	movl	%ebp, %r14d
	nop
	leaq	(%r15,%r14,1), %rsp
	popq	%rbp
	# R13: string operations with their rebases, both pair orders.
	.bundle_lock
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	rep stosq
	.bundle_unlock
	.bundle_lock
	movl	%esi, %esi
	leaq	(%r15,%rsi,1), %rsi
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	rep movsb
	.bundle_unlock
	.bundle_lock
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	movl	%esi, %esi
	leaq	(%r15,%rsi,1), %rsi
	cmpsb
	.bundle_unlock
	.bundle_lock
	movl	%esi, %esi
	leaq	(%r15,%rsi,1), %rsi
	lodsq
	.bundle_unlock
	.bundle_lock
	movl	%edi, %edi
	leaq	(%r15,%rdi,1), %rdi
	repne scasb
	.bundle_unlock
	# Direct branches to instruction starts inside the code (R7).
	testl	%eax, %eax
	je	.Lnext
	jmp	.Lnext
.Lnext:
	loop	.Lnext
	jrcxz	.Lnext
	# R8: a direct call ending its bundle, to a bundle-aligned target.
	.bundle_lock align_to_end
	callq	callee
	.bundle_unlock
	# R9: masked indirect call and jump, on different registers.
	movq	%rdi, %r11
	.bundle_lock align_to_end
	andl	$-32, %r11d
	addq	%r15, %r11
	callq	*%r11
	.bundle_unlock
	.bundle_lock
	andl	$-32, %ecx
	addq	%r15, %rcx
	jmpq	*%rcx
	.bundle_unlock

	.p2align 5
callee:
	# R10: the fast return ...
	popq	%r11
	.bundle_lock
	andl	$-32, %r11d
	addq	%r15, %r11
	pushq	%r11
	retq
	.bundle_unlock

	.p2align 5
callee_ts:
	# ... and the thread-safe return.
	popq	%r11
	.bundle_lock
	andl	$-32, %r11d
	addq	%r15, %r11
	jmpq	*%r11
	.bundle_unlock
