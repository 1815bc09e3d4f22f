# %ah..%dh cannot be encoded next to REX registers: sfi-as swaps the high byte into the low byte
# around the masked access (xchg changes no flags).
	.text
f:
	movb	%ah, (%rdi)
# CHECK: leal (%rdi), %r14d
# CHECK-NEXT: xchgb %ah, %al
# CHECK-NEXT: movb %al, (%r15,%r14)
# CHECK-NEXT: xchgb %ah, %al
	movb	%dh, (%rdi,%rax)
# CHECK-NEXT: leal (%rdi,%rax), %r14d
# CHECK-NEXT: xchgb %dh, %dl
# CHECK-NEXT: movb %dl, (%r15,%r14)
# CHECK-NEXT: xchgb %dh, %dl
	addb	(%rsi), %bh
# CHECK-NEXT: leal (%rsi), %r14d
# CHECK-NEXT: xchgb %bh, %bl
# CHECK-NEXT: addb (%r15,%r14), %bl
# CHECK-NEXT: xchgb %bh, %bl
# no memory mask needed, nothing to do
	movb	%ah, 8(%rsp)
# CHECK-NEXT: movb %ah, 0x8(%rsp)
	divb	(%rcx)
# CHECK-NEXT: leal (%rcx), %r14d
# CHECK-NEXT: divb (%r15,%r14)
