// Calling conventions the source asks for are refused, on definitions,
// declarations and calls through pointers alike.

// ERR-DAG: reject_cc.c:[[@LINE+1]]:37: error: function 'most' uses calling convention 'preserve_most', which cannot be sandboxed: sandboxed code must use graalcc, which reserves %r14/%r15 [R1]
__attribute__((preserve_most)) void most(void);
void call_most(void) { most(); }

// ERR-DAG: reject_cc.c:[[@LINE+1]]:30: error: function 'win' uses calling convention 'ms_abi', which cannot be sandboxed: sandboxed code must use graalcc, which reserves %r14/%r15 [R1]
__attribute__((ms_abi)) long win(long a) { return a + 1; }

// The x86 interrupt convention returns with iretq: not user code at all.
struct frame;
// ERR-DAG: reject_cc.c:[[@LINE+1]]:33: error: function 'isr' uses calling convention 'interrupt', which cannot be sandboxed: sandboxed code must use graalcc, which reserves %r14/%r15 [R1]
__attribute__((interrupt)) void isr(struct frame *f) { (void)f; }

// preserve_none passes arguments in %r14/%r15 among others.
// ERR-DAG: reject_cc.c:[[@LINE+1]]:37: error: function 'none' uses calling convention 'preserve_none', which cannot be sandboxed: sandboxed code must use graalcc, which reserves %r14/%r15 [R1]
__attribute__((preserve_none)) long none(long a) { return a; }

void (__attribute__((preserve_all)) *hook)(void);
// Without -g the call is reported at its function.
// ERR-DAG: reject_cc.c:[[@LINE+1]]:6: error: call uses calling convention 'preserve_all', which cannot be sandboxed: sandboxed code must use graalcc, which reserves %r14/%r15 [R1]
void call_hook(void) { hook(); }
