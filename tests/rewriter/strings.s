# R13: string ops rebase %rdi (and %rsi for movs/lods/cmps) in the same bundle; rep stays on its
# instruction whether written on the same line or as its own statement.
	.text
f:
	rep;movsq
# CHECK: movl %esi, %esi
# CHECK-NEXT: leaq (%r15,%rsi), %rsi
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: rep movsq
	rep
	stosb
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: rep stosb
	lodsl
# CHECK-NEXT: movl %esi, %esi
# CHECK-NEXT: leaq (%r15,%rsi), %rsi
# CHECK-NEXT: lodsl
	repe cmpsb
# CHECK-NEXT: movl %esi, %esi
# CHECK-NEXT: leaq (%r15,%rsi), %rsi
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: rep cmpsb
	repne scasb
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: repne scasb
	maskmovdqu %xmm1, %xmm0
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: maskmovdqu %xmm1, %xmm0
	vmaskmovdqu %xmm1, %xmm0
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: vmaskmovdqu %xmm1, %xmm0
	maskmovq %mm1, %mm0
# CHECK-NEXT: movl %edi, %edi
# CHECK-NEXT: leaq (%r15,%rdi), %rdi
# CHECK-NEXT: maskmovq %mm1, %mm0
