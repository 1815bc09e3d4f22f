/* libsfi: the trusted loader and host API of sfi.
 *
 * A host creates sandboxes, loads one verified module (docs/sandbox-abi.md, R20) into each,
 * calls the module's exports and lets the module call back into registered host functions.
 * Every module is verified (include/sfi/verify.h) on the exact bytes that become executable;
 * there is no way to skip it. docs/embedding.md explains how to embed libsfi safely.
 *
 * Threading: the library is thread-safe. A sandbox is entered by one thread at a time (R25);
 * a concurrent entry from a second thread returns SFI_ERR_BUSY. Nested entries by the owning
 * thread (host -> sandbox -> host callback -> sandbox) are fine. A sandbox can be bound to one
 * thread (sfi_sandbox_bind_thread), which makes its calls cheaper and refuses all others.
 *
 * Addresses: a sandbox address is an ordinary 64-bit pointer B + offset, B = sfi_sandbox_base()
 * (R1). All functions that take a sandbox address check it; they never trust it. */
#ifndef SFI_SFI_H
#define SFI_SFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Status codes. SFI_OK is 0; every error is positive. */
typedef enum sfi_status {
    SFI_OK = 0,
    SFI_ERR_ARG,        /* invalid argument (NULL, bad size, host pointer where a sandbox one is due) */
    SFI_ERR_NOMEM,      /* out of host memory or of sandbox slots / address space */
    SFI_ERR_IO,         /* could not read the module file */
    SFI_ERR_BAD_MODULE, /* not a valid module (R20); nothing was mapped */
    SFI_ERR_VERIFY,     /* the verifier rejected the code; nothing was mapped */
    SFI_ERR_POLICY,     /* stores-only module and the sandbox did not allow it (R11, R24) */
    SFI_ERR_IMPORT,     /* the module imports a function no callback was registered for (R21) */
    SFI_ERR_NOT_FOUND,  /* no such export */
    SFI_ERR_FAULT,      /* the sandbox faulted (sfi_fault_info() has the details) */
    SFI_ERR_TIMEOUT,    /* the call exceeded the sandbox's time limit */
    SFI_ERR_EXITED,     /* the sandbox asked to exit (exit/exit_group, sfi_request_exit) */
    SFI_ERR_BUSY,       /* another thread is inside this sandbox (R25), or it is in use */
    SFI_ERR_STATE,      /* wrong lifecycle state: not loaded, already loaded, or dead (reset it) */
    SFI_ERR_LIMIT,      /* the sandbox's memory limit would be exceeded */
    SFI_ERR_SYSTEM      /* an unexpected operating-system error (errno text in sfi_last_error) */
} sfi_status;

#define SFI_SUCCESS(s) ((s) == SFI_OK)
#define SFI_FAILED(s) ((s) != SFI_OK)

/* Constant English name of a status, e.g. "sandbox fault". Never NULL. */
const char *sfi_strerror(sfi_status status);

/* ---------------------------------------------------------------------------------------------
 * Process-wide initialisation (optional). sfi_sandbox_create() calls it with defaults. It
 * installs the fault handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP and the timer signal;
 * faults that are not the sandbox's are passed on to the handlers that were installed before. */
typedef struct sfi_runtime_options {
    int timer_signal; /* signal used for call time limits; 0 = SIGRTMIN + 4 */
} sfi_runtime_options;

sfi_status sfi_runtime_init(const sfi_runtime_options *options /* may be NULL */);

/* Installs libsfi's handlers again, chaining to whatever handlers are installed now. For hosts
 * (and test frameworks) that replace signal handlers after libsfi initialised: without libsfi's
 * handler a sandbox fault kills the process instead of returning SFI_ERR_FAULT. */
sfi_status sfi_runtime_reinstall_handlers(void);

/* ---------------------------------------------------------------------------------------------
 * Sandboxes. */
typedef struct sfi_sandbox sfi_sandbox;
typedef struct sfi_module sfi_module;

typedef struct sfi_options {
    uint64_t memory_limit;  /* bytes the slot may have mapped (image, stack, heap); 0 = 4 GiB */
    uint64_t stack_size;    /* sandbox stack (R2); rounded up to pages; 0 = 1 MiB */
    uint32_t time_limit_ms; /* per outermost call; 0 = none */
    bool allow_stores_only; /* accept modules built with the stores-only policy (R11) */
    bool readonly_data;     /* classic layout (R2): rodata and RELRO read-only, a guard below the
                               stack; 11 kernel mappings per sandbox instead of 4 */
} sfi_options;

/* Fills *options with the defaults (all zero / false). */
void sfi_options_init(sfi_options *options);

/* Reserves a 4 GiB slot (R2) for a new sandbox. options may be NULL (defaults). */
sfi_status sfi_sandbox_create(const sfi_options *options, sfi_sandbox **out);

/* Unmaps everything and releases the slot. Fails with SFI_ERR_BUSY while a call is active. */
sfi_status sfi_sandbox_destroy(sfi_sandbox *sb);

/* Host callbacks (module imports, R21).
 * The sandbox calls an import with the SysV convention; the host function receives the six
 * integer/pointer argument registers in i[] and the low 64 bits of xmm0-xmm7 in f[] (read .d for
 * a double, .f for a float). Its return value goes to %rax; to return a floating-point value set
 * args->ret.d (or .f), which goes to %xmm0. Stack-passed arguments are not available.
 * Pointer arguments are sandbox addresses chosen by the sandbox: check them with
 * sfi_translate() or use sfi_copy_in/out, never dereference them directly. */
typedef union sfi_fp {
    double d;
    float f;
    uint64_t bits;
} sfi_fp;

typedef struct sfi_callback_args {
    uint64_t i[6]; /* rdi rsi rdx rcx r8 r9 */
    sfi_fp f[8];   /* xmm0..xmm7 */
    sfi_fp ret;    /* floating-point return value (%xmm0); 0 unless set */
} sfi_callback_args;

typedef uint64_t (*sfi_callback_fn)(sfi_sandbox *sb, sfi_callback_args *args, void *user);

/* Registers fn as the host function for import `name` (without the __sfi_import__ prefix).
 * Must be called before loading. Registering a name twice replaces the first registration. */
sfi_status sfi_register_callback(sfi_sandbox *sb, const char *name, sfi_callback_fn fn, void *user);

/* ---------------------------------------------------------------------------------------------
 * System-call hook (gate 1, R18, R19). Called on the host stack when the sandbox executes a
 * rewritten `syscall`. nr is %rax, args are %rdi %rsi %rdx %r10 %r8 %r9. The return value is
 * written to the sandbox's %rax (return -errno for errors, as the kernel does). All other sandbox
 * registers are preserved. To end the sandbox call instead (exit, exit_group, fatal policy
 * violation) call sfi_request_exit(sb, code) and return anything.
 * The default handler returns -ENOSYS for everything except exit (60) and exit_group (231),
 * which call sfi_request_exit(sb, args[0]). */
typedef int64_t (*sfi_syscall_fn)(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *user);

/* fn == NULL restores the default handler. May be called at any time by the owning thread. */
sfi_status sfi_set_syscall_handler(sfi_sandbox *sb, sfi_syscall_fn fn, void *user);
int64_t sfi_default_syscall_handler(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *user);

/* From a callback or the syscall handler: when it returns, the current sandbox call (and every
 * enclosing call into this sandbox) ends with SFI_ERR_EXITED; sfi_exit_code() reads the code.
 * The sandbox is then dead until sfi_sandbox_reset(). */
void sfi_request_exit(sfi_sandbox *sb, int code);
sfi_status sfi_exit_code(const sfi_sandbox *sb, int *code);

/* Waiting on the sandbox's behalf. A callback or system-call handler that blocks (reads a pipe,
 * sleeps, polls, waits for a lock) should let the call's time limit end the wait:
 *
 * sfi_syscall_interruptible makes the raw Linux system call nr (arguments and result as the
 * kernel has them: -errno on error) so that the time limit of the calling thread's current
 * sandbox call can cut it short. Once the deadline has passed, the call returns -EINTR within one
 * tick of the timer (5 ms) if it is blocked or about to block, even a call the kernel restarts
 * after other signals (read from a pipe, fcntl F_SETLKW, open of a FIFO). -EINTR then means
 * the system call had no effect. Outside a timed sandbox call it is an ordinary system call.
 * Other signals interrupt it as they interrupt any system call.
 *
 * sfi_call_ending is true when the calling thread is inside a sandbox call (in a callback or
 * the system-call handler) that ends as soon as the host code returns to the sandbox: its time
 * limit has passed, the sandbox asked to exit, or it is dead. After -EINTR, give up if it is
 * true (the call then ends, with SFI_ERR_TIMEOUT after the deadline, whatever the handler
 * returns), and retry if not (another signal interrupted the wait). docs/embedding.md, "Time
 * limits", has the pattern and what callbacks that wait with ordinary calls see. */
int64_t sfi_syscall_interruptible(int64_t nr, int64_t a0, int64_t a1, int64_t a2, int64_t a3,
                                  int64_t a4, int64_t a5);
bool sfi_call_ending(void);

/* ---------------------------------------------------------------------------------------------
 * Loading. The file is read into host memory once, verified (sfi_verify_module, then the exact
 * code bytes that get mapped), parsed (R20), mapped into the slot, relocated (R_X86_64_RELATIVE
 * only), its imports bound to gates (R21) and its __sfi_init run. On any error nothing stays
 * mapped and sfi_last_error(sb) says why (e.g. the verifier's first violation and its rule). */
sfi_status sfi_sandbox_load_file(sfi_sandbox *sb, const char *path);
sfi_status sfi_sandbox_load_memory(sfi_sandbox *sb, const void *buf, size_t len);

/* Verified, parsed modules can be shared: open once, load into many sandboxes. The code pages
 * (and gate pages) are then shared between all of them. A module is immutable and thread-safe.
 * err (may be NULL) receives a message of up to errlen bytes on failure. */
sfi_status sfi_module_open_file(const char *path, sfi_module **out, char *err, size_t errlen);
sfi_status sfi_module_open_memory(const void *buf, size_t len, sfi_module **out, char *err,
                                  size_t errlen);
void sfi_module_release(sfi_module *mod); /* sandboxes keep their own reference */
sfi_status sfi_sandbox_load_module(sfi_sandbox *sb, sfi_module *mod);

/* Throws away the sandbox's memory and state and loads its module again (running __sfi_init).
 * The way back from a fault, a timeout or an exit. Callbacks and the syscall hook are kept. */
sfi_status sfi_sandbox_reset(sfi_sandbox *sb);

typedef enum sfi_state {
    SFI_STATE_EMPTY = 0, /* created, no module */
    SFI_STATE_READY,     /* loaded, callable */
    SFI_STATE_DEAD       /* faulted, timed out or exited: only reset, destroy, memory access */
} sfi_state;
sfi_state sfi_sandbox_state(const sfi_sandbox *sb);

/* ---------------------------------------------------------------------------------------------
 * Calls. An export is any global function of the module's .dynsym (R21). */
typedef uint64_t sfi_func; /* the export's sandbox address */

sfi_status sfi_lookup(sfi_sandbox *sb, const char *name, sfi_func *out);

typedef enum sfi_type {
    SFI_TYPE_VOID = 0,
    SFI_TYPE_I32,  /* sign-extended into the register */
    SFI_TYPE_I64,
    SFI_TYPE_PTR,  /* a sandbox address (or 0); host pointers are refused with SFI_ERR_ARG */
    SFI_TYPE_F32,
    SFI_TYPE_F64
} sfi_type;

typedef struct sfi_value {
    sfi_type type;
    union {
        int32_t i32;
        int64_t i64;
        uint64_t ptr;
        float f32;
        double f64;
    } v;
} sfi_value;

static inline sfi_value sfi_i32(int32_t x) { sfi_value r = {SFI_TYPE_I32, {.i32 = x}}; return r; }
static inline sfi_value sfi_i64(int64_t x) { sfi_value r = {SFI_TYPE_I64, {.i64 = x}}; return r; }
static inline sfi_value sfi_ptr(uint64_t x) { sfi_value r = {SFI_TYPE_PTR, {.ptr = x}}; return r; }
static inline sfi_value sfi_f32(float x) { sfi_value r = {SFI_TYPE_F32, {.f32 = x}}; return r; }
static inline sfi_value sfi_f64(double x) { sfi_value r = {SFI_TYPE_F64, {.f64 = x}}; return r; }

/* Calls fn with the SysV convention: up to 6 integer/pointer and up to 8 floating-point
 * arguments (no stack arguments, no variadic exports). ret may be NULL; otherwise ret->type says
 * how to read the result (SFI_TYPE_VOID reads nothing) and ret->v receives it.
 * Errors: SFI_ERR_FAULT, SFI_ERR_TIMEOUT, SFI_ERR_EXITED (the sandbox is dead afterwards),
 * SFI_ERR_BUSY, SFI_ERR_STATE, SFI_ERR_ARG. */
sfi_status sfi_call(sfi_sandbox *sb, sfi_func fn, const sfi_value *args, size_t nargs,
                    sfi_value *ret);

/* Convenience: lookup + call with nargs (<= 6) 64-bit integer arguments. */
sfi_status sfi_call_u64(sfi_sandbox *sb, const char *name, size_t nargs, const uint64_t *args,
                        uint64_t *ret);

/* Lean calls: the fast path for hot exports (docs/embedding.md, "Fast calls"). fn comes from
 * sfi_lookup (done once); nothing is looked up by name and there is no sfi_value marshalling.
 * sfi_call_i64 passes a0..a5 in %rdi %rsi %rdx %rcx %r8 %r9 and returns %rax in *ret;
 * sfi_call_f64 passes a0..a3 in %xmm0..%xmm3 and returns %xmm0 in *ret. Unused arguments
 * must be passed as 0 (the sandbox sees them). The values are passed as they are, like
 * SFI_TYPE_I64: unlike SFI_TYPE_PTR nothing checks that they are sandbox addresses, so never
 * pass a host pointer (the sandbox cannot use one, but would learn the host's layout).
 * Narrower results are in the low bits of *ret (an int export returns its value in the low
 * 32 bits). ret may be NULL. Errors, faults, timeouts, callbacks and nesting: as sfi_call.
 * sfi_call_i64 has a hand-written path for an outermost call without a time limit, by the
 * thread the sandbox is bound to (or a thread that finds it free); other calls take the same
 * route as sfi_call (docs/embedding.md, "Fast calls"). */
sfi_status sfi_call_i64(sfi_sandbox *sb, sfi_func fn, uint64_t a0, uint64_t a1, uint64_t a2,
                        uint64_t a3, uint64_t a4, uint64_t a5, uint64_t *ret);
sfi_status sfi_call_f64(sfi_sandbox *sb, sfi_func fn, double a0, double a1, double a2, double a3,
                        double *ret);

/* Owner-thread binding (R25). Every outermost call takes the sandbox with one atomic
 * compare-and-swap and gives it back with a release store, so that any thread may use it next.
 * A host that calls one sandbox from one thread can bind it instead: after
 * sfi_sandbox_bind_thread(sb), the calling thread keeps ownership between calls, and its calls
 * (any API) check it with one plain compare. Until that thread calls
 * sfi_sandbox_unbind_thread(sb), every call from another thread fails with SFI_ERR_BUSY, and so
 * do sfi_sandbox_destroy and sfi_sandbox_reset (unbind first). Binding fails with SFI_ERR_BUSY
 * while another thread is inside or bound. Unbinding from a thread that did not bind fails with
 * SFI_ERR_STATE. A thread must unbind before it exits. */
sfi_status sfi_sandbox_bind_thread(sfi_sandbox *sb);
sfi_status sfi_sandbox_unbind_thread(sfi_sandbox *sb);

/* ---------------------------------------------------------------------------------------------
 * Memory exchange. Sandbox memory can change under the host at any time the sandbox runs
 * (including during a callback, through a nested call): copy data out once, then check the
 * copy (docs/embedding.md, "TOCTOU"). */
uint64_t sfi_sandbox_base(const sfi_sandbox *sb);

/* Calls the module's exported malloc/free (SFI_ERR_NOT_FOUND if it has none). */
sfi_status sfi_malloc(sfi_sandbox *sb, size_t size, uint64_t *addr);
sfi_status sfi_free(sfi_sandbox *sb, uint64_t addr);

/* Checked copies. copy_in needs [dst, dst+len) writable, copy_out needs [src, src+len)
 * readable sandbox memory; otherwise SFI_ERR_ARG and nothing is copied. */
sfi_status sfi_copy_in(sfi_sandbox *sb, uint64_t dst, const void *src, size_t len);
sfi_status sfi_copy_out(sfi_sandbox *sb, void *dst, uint64_t src, size_t len);

/* Checks that [addr, addr+len) lies in mapped, readable and writable sandbox memory (overflow
 * safe) and returns the host pointer for it. The pointer stays valid until the sandbox is reset
 * or destroyed, or the runtime unmaps that memory. */
sfi_status sfi_translate(sfi_sandbox *sb, uint64_t addr, size_t len, void **host_ptr);

/* ---------------------------------------------------------------------------------------------
 * Diagnostics. */

/* Human-readable detail of the last failure on sb, or of the calling thread's last failure when
 * sb is NULL (e.g. after sfi_sandbox_create failed). Never NULL; "" if none. */
const char *sfi_last_error(const sfi_sandbox *sb);

typedef struct sfi_fault_info {
    int signo;     /* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
    int code;      /* si_code */
    uint64_t addr; /* si_addr (faulting data address, or pc for SIGILL/SIGFPE) */
    uint64_t pc;   /* sandbox pc */
} sfi_fault_info;

/* After SFI_ERR_FAULT: what happened. SFI_ERR_STATE if the sandbox has not faulted. */
sfi_status sfi_fault_info_get(const sfi_sandbox *sb, sfi_fault_info *info);

/* ---------------------------------------------------------------------------------------------
 * Runtime support (for the runtime/ syscall layer). Offsets and sizes are page-aligned. */
typedef struct sfi_layout {
    uint64_t base;                   /* B */
    uint64_t tp_slot;                /* B + 0x10000 (R18) */
    uint64_t gates;                  /* B + 0x20000 */
    uint64_t image_start, image_end; /* the module image, page-rounded */
    uint64_t heap_start, heap_end;   /* free for the runtime (R2: after the stack in the compact
                                        layout, between image and stack guard in the classic one) */
    uint64_t stack_start, stack_end; /* the stack (R2) */
} sfi_layout;

sfi_status sfi_sandbox_layout(const sfi_sandbox *sb, sfi_layout *layout);

#define SFI_PROT_READ 1
#define SFI_PROT_WRITE 2

/* Maps fresh zero pages (replacing what was there; prot 0 unmaps) or unmaps [addr, addr+len)
 * inside [heap_start, heap_end); to change protection keeping the contents, sfi_sandbox_protect.
 * Executable memory can never be requested (R23). Counted against the memory limit. */
sfi_status sfi_sandbox_map(sfi_sandbox *sb, uint64_t addr, uint64_t len, int prot);
sfi_status sfi_sandbox_unmap(sfi_sandbox *sb, uint64_t addr, uint64_t len);

/* Changes the protection of [addr, addr+len), keeping the contents (unlike sfi_sandbox_map).
 * Page-aligned, and every page must be mapped by sfi_sandbox_map; prot is a combination of
 * SFI_PROT_READ and SFI_PROT_WRITE, or 0 (inaccessible, still counted against the memory limit).
 * Never executable, never the image, gates, code, data page or stack: SFI_ERR_ARG. The checked
 * exchange functions (sfi_translate, sfi_copy_in/out) follow the new protection, and a sandbox
 * access it does not allow ends the call with SFI_ERR_FAULT. */
sfi_status sfi_sandbox_protect(sfi_sandbox *sb, uint64_t addr, uint64_t len, int prot);

#ifdef __cplusplus
}
#endif
#endif
