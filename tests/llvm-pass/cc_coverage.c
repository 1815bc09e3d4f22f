// Compiled at every -O level: run.sh checks that every define, declare and
// call is graalcc except intrinsics and inline asm, and that fastcc/coldcc
// are gone; the CHECKs pin the individual cases.
int printf(const char *, ...);
int external(int);
struct big { long v[16]; };

// CHECK-DAG: declare graalcc {{.*}}@external(
// CHECK-DAG: define {{.*}}graalcc {{.*}}@direct(
// CHECK-DAG: call graalcc {{.*}}@external(
int direct(int x) { return external(x) + 1; }

// Internal and only ever called directly: GlobalOpt makes it fastcc from -O1
// on, before the plugin runs; the plugin moves it and its callers to graalcc.
// CHECK-DAG: define internal graalcc {{.*}}@internal_only(
// CHECK-DAG: call graalcc {{.*}}@internal_only(
static __attribute__((noinline)) int internal_only(int x) { return x * 3 + 1; }
int calls_internal(int x) { return internal_only(x) + internal_only(x + 1); }

// CHECK-DAG: define {{.*}}graalcc {{.*}}@indirect(
// CHECK-DAG: call graalcc i32 %{{[^(]+}}(i32
int indirect(int (*fp)(int), int x) { return fp(x); }

// The struct copy is an intrinsic, and keeps the C convention.
// CHECK-DAG: call void @llvm.memcpy.p0.p0.i64(
// CHECK-DAG: declare void @llvm.memcpy.p0.p0.i64(
void copy(struct big *d, const struct big *s) { *d = *s; }

// CHECK-DAG: call void asm sideeffect "nop"
void with_asm(void) { __asm__ volatile("nop"); }

// Library-call simplification still runs (the reason the plugin sits at
// optimizer-last): printf("...\n") becomes puts from -O1 on, and that new
// call is graalcc too.
// O0-DAG: call graalcc {{.*}}@printf(
// O0-DAG: declare graalcc {{.*}}@printf(
// OPT-DAG: call graalcc {{.*}}@puts(
// OPT-DAG: declare graalcc {{.*}}@puts(
void hello(void) { printf("hello\n"); }

