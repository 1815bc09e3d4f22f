; IR can carry conventions no C attribute of ours produces; still refused.
target triple = "x86_64-unknown-linux-gnu"

; ERR: error: {{.*}}function 'tail' uses calling convention 'swiftasynccall', which cannot be sandboxed: sandboxed code must use graalcc, which reserves %r14/%r15 [R1]
define swifttailcc void @tail() {
  ret void
}
