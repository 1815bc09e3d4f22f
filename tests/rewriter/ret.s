# R10: fast return (default).
	.text
f:
	retq
# CHECK: popq %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: pushq %r11
# CHECK-NEXT: retq
	rep ret
# CHECK-NEXT: popq %r11
# CHECK-NEXT: andl $-0x20, %r11d
# CHECK-NEXT: addq %r15, %r11
# CHECK-NEXT: pushq %r11
# CHECK-NEXT: retq
