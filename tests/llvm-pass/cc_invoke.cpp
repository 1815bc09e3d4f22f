// C++ adds invoke (calls that may unwind), runtime declarations the frontend
// creates (__cxa_throw) and the personality routine: all graalcc.
struct Guard {
  ~Guard();
};
int may_throw(int);

// CHECK-DAG: define {{.*}}graalcc {{.*}}@_Z7catchesi(
// CHECK-DAG: invoke graalcc {{.*}}@_Z9may_throwi(
// CHECK-DAG: declare graalcc {{.*}}@__gxx_personality_v0(
// CHECK-DAG: call graalcc {{.*}}@__cxa_begin_catch(
int catches(int x) {
  try {
    Guard g;
    return may_throw(x);
  } catch (int e) {
    return e;
  }
}

// CHECK-DAG: call graalcc {{.*}}@__cxa_throw(
// CHECK-DAG: declare graalcc {{.*}}@__cxa_allocate_exception(
void throws(int x) { throw x; }
