; IR-level cases C does not produce directly: conventions LLVM itself picks
; (fastcc, coldcc), musttail between them, callbr, and calls whose callee
; cannot be seen. run.sh also checks every define/declare/call line.
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define internal graalcc i64 @fast(
; CHECK: musttail call graalcc i64 @cold(
define internal fastcc i64 @fast(i64 %a) {
  %r = musttail call fastcc i64 @cold(i64 %a)
  ret i64 %r
}

; Conventions must agree across musttail, so @cold moves too, and so do all
; of its callers.
; CHECK-LABEL: define internal graalcc i64 @cold(
define internal fastcc i64 @cold(i64 %a) {
  ret i64 %a
}

; CHECK-LABEL: define graalcc i64 @entry(
; CHECK: call graalcc i64 @fast(
; CHECK: call graalcc i64 @sysv(
; CHECK: call graalcc i64 %fp(
; CHECK: call i64 @llvm.smax.i64(
; CHECK: callbr void asm "", "!i"()
define i64 @entry(ptr %fp, i64 %x) {
  %a = call fastcc i64 @fast(i64 %x)
  %b = call coldcc i64 @sysv(i64 %a)
  %c = call i64 %fp(i64 %b)
  %d = call i64 @llvm.smax.i64(i64 %c, i64 0)
  callbr void asm "", "!i"() to label %out [label %out]
out:
  ret i64 %d
}

; x86_64_sysvcc is the C convention on this target.
; CHECK-LABEL: declare graalcc i64 @sysv(
declare x86_64_sysvcc i64 @sysv(i64)

; CHECK-LABEL: define graalcc void @unwinds(
; CHECK: invoke graalcc void @may_throw()
define void @unwinds() personality ptr @personality {
  invoke void @may_throw() to label %ok unwind label %lp
ok:
  ret void
lp:
  %l = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %l
}
; CHECK-LABEL: declare graalcc void @may_throw()
declare void @may_throw()
declare i32 @personality(...)

; CHECK-LABEL: declare i64 @llvm.smax.i64(
declare i64 @llvm.smax.i64(i64, i64)
