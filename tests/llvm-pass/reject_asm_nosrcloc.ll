; Inline asm in IR that did not come from clang has no srcloc; the message
; names the function instead.
target triple = "x86_64-unknown-linux-gnu"

; ERR: error: inline asm clobbers %r15, which the sandbox reserves [R3] (in function 'raw')
define void @raw() {
  call void asm sideeffect "", "~{r15}"()
  ret void
}
