/* libsfi internals shared between the loader's files. Not installed. */
#ifndef SFI_LOADER_INTERNAL_H
#define SFI_LOADER_INTERNAL_H

#define _GNU_SOURCE
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

#include "sfi/sfi.h"
#include "sfi/verify.h"
#include "sfi_ctx.h"

/* Slot layout (docs/sandbox-abi.md, R2). */
#define SFI_SLOT_SIZE (UINT64_C(1) << 32)
#define SFI_GUARD UINT64_C(0x10000)
#define SFI_DATA_OFF UINT64_C(0x10000)
#define SFI_GATES_OFF UINT64_C(0x20000)
#define SFI_GATES_END UINT64_C(0x30000)
#define SFI_IMAGE_OFF UINT64_C(0x100000) /* IMAGE in the classic layout (instantiate.c) */
#define SFI_IMAGE_MAX (UINT64_C(3) << 30) /* R20: segments lie in [0, 3 GiB) */
#define SFI_PAGE UINT64_C(4096)
#define SFI_BUNDLE 32
#define SFI_DEFAULT_STACK (UINT64_C(1) << 20)
#define SFI_MAX_GATES ((SFI_GATES_END - SFI_GATES_OFF) / SFI_BUNDLE)
/* R19: gates 0 (exit) and 1 (syscall) before the callback gates 2 + k; the entry sequence and
 * its exit gate after them (2 + nimports, 3 + nimports). */
#define SFI_GATES_FIXED 4
#define SFI_IMPORT_PREFIX "__sfi_import__"

static inline uint64_t page_down(uint64_t x) { return x & ~(SFI_PAGE - 1); }
static inline uint64_t page_up(uint64_t x) { return (x + SFI_PAGE - 1) & ~(SFI_PAGE - 1); }

/* ---- trampolines (trampolines/entry.S, gates.S) ---- */
struct sfi_ctx {
    uint64_t host_rsp;
    uint64_t base;
    uint64_t sbx_rsp;
    struct sfi_ctx *prev;
    uint32_t host_mxcsr;
    uint16_t host_fcw;
    uint16_t fcw_scratch; /* the trampolines' scratch (SFI_SET_FCW) */
    uint32_t abort;
    uint32_t pad1;
    uint64_t xmm0;
    /* C only from here */
    struct sfi_sandbox *sb;
    struct sfi_ctx *sb_prev;   /* enclosing active context of the same sandbox */
    uint64_t deadline_ns;      /* CLOCK_MONOTONIC; 0 = none */
    volatile sfi_status status;
    sfi_fault_info fault;      /* valid when status is SFI_ERR_FAULT (signal handler) */
};
_Static_assert(offsetof(struct sfi_ctx, host_rsp) == CTX_HOST_RSP, "ctx");
_Static_assert(offsetof(struct sfi_ctx, base) == CTX_BASE, "ctx");
_Static_assert(offsetof(struct sfi_ctx, sbx_rsp) == CTX_SBX_RSP, "ctx");
_Static_assert(offsetof(struct sfi_ctx, prev) == CTX_PREV, "ctx");
_Static_assert(offsetof(struct sfi_ctx, host_mxcsr) == CTX_MXCSR, "ctx");
_Static_assert(offsetof(struct sfi_ctx, host_fcw) == CTX_FCW, "ctx");
_Static_assert(offsetof(struct sfi_ctx, fcw_scratch) == CTX_FCW_SCRATCH, "ctx");
_Static_assert(offsetof(struct sfi_ctx, abort) == CTX_ABORT, "ctx");
_Static_assert(offsetof(struct sfi_ctx, xmm0) == CTX_XMM0, "ctx");

struct sfi_entry_regs {
    uint64_t gpr[6];
    uint64_t xmm[8];
    uint64_t target;
    uint64_t sp;
    uint64_t nfp;
    uint64_t entry; /* the entry sequence in the gate page (gates.c, R19) */
};
_Static_assert(offsetof(struct sfi_entry_regs, gpr) == ER_GPR, "er");
_Static_assert(offsetof(struct sfi_entry_regs, xmm) == ER_XMM, "er");
_Static_assert(offsetof(struct sfi_entry_regs, target) == ER_TARGET, "er");
_Static_assert(offsetof(struct sfi_entry_regs, sp) == ER_SP, "er");
_Static_assert(offsetof(struct sfi_entry_regs, nfp) == ER_NFP, "er");
_Static_assert(offsetof(struct sfi_entry_regs, entry) == ER_ENTRY, "er");
_Static_assert(sizeof(sfi_callback_args) == CB_ARGS_SIZE, "cb");
_Static_assert(offsetof(sfi_callback_args, ret) == CB_RET, "cb");

/* Returns the sandbox's %rax (garbage unless ctx->status stays SFI_OK). */
uint64_t sfi__enter(struct sfi_ctx *ctx, const struct sfi_entry_regs *regs);
void sfi__gate_exit(void);
void sfi__gate_syscall(void);
void sfi__gate_callback(void);
void sfi__abort_resume(void);
extern const char sfi__window_cb_start[], sfi__window_cb_end[];
extern const char sfi__window_sys_start[], sfi__window_sys_end[];
extern const char sfi__window_exit_start[], sfi__window_exit_end[];
extern const char sfi__window_cbin_start[], sfi__window_cbin_end[];
/* wait.S: sfi_syscall_interruptible, the wait the timer handler may cut short (timeout.c) */
extern const char sfi__wait_start[], sfi__wait_syscall[], sfi__wait_done[];

/* Thread-local state the trampolines use; initial-exec so the offset from %fs is fixed. */
#define SFI_TLS __attribute__((tls_model("initial-exec")))
extern __thread struct sfi_ctx *sfi__tls_cur SFI_TLS;
extern __thread uintptr_t sfi__tls_gate[3] SFI_TLS;

/* Set once by sfi_runtime_init (CPU features for the trampolines). */
extern uint8_t sfi__have_avx;
extern uintptr_t sfi__x87_scrub; /* the x87 scrub routine's page (sandbox.c) */
extern uint64_t sfi__xsave_size;  /* 0: use fxsave (512 bytes) */
extern uint32_t sfi__xsave_mask_lo, sfi__xsave_mask_hi;

/* ---- modules (module.c) ---- */
struct sfi_segment {
    uint64_t vaddr, memsz, offset, filesz;
    uint32_t flags; /* PF_R | PF_W | PF_X */
};

struct sfi_export {
    char *name;
    uint64_t vaddr;
};

struct sfi_import {
    char *name;      /* without the __sfi_import__ prefix */
    uint64_t slot;   /* module vaddr of the 8-byte slot */
};

#define SFI_MAX_SEGMENTS 16

struct sfi_module {
    atomic_int refs;
    uint8_t *file; /* the verified file image (host copy) */
    size_t size;
    struct sfi_segment seg[SFI_MAX_SEGMENTS];
    unsigned nseg;
    unsigned code; /* index of the R+X segment */
    uint64_t image_end;          /* page-rounded end of the image in module space */
    uint64_t relro_start, relro_end;
    uint64_t *relocs;            /* pairs (offset, addend) of R_X86_64_RELATIVE */
    size_t nrelocs;
    struct sfi_export *exports;  /* sorted by name */
    size_t nexports;
    struct sfi_import *imports;
    size_t nimports;
    uint64_t init;               /* vaddr of __sfi_init, or UINT64_MAX */
    sfi_policy policy;
    int memfd;                   /* gate area, then code pages; sealed */
    uint64_t gate_len;           /* bytes of the gate area at memfd offset 0 (GATES_END - GATES) */
    uint64_t code_start, code_len; /* page range of the code in module space */
    int compact;                 /* can use the compact layout (R2; instantiate.c) */
    uint64_t serial;             /* unique per opened module, never reused (warm slots) */
};

void sfi__module_ref(struct sfi_module *m);
const struct sfi_export *sfi__module_find_export(const struct sfi_module *m, const char *name);

/* ---- gates.c ---- */
sfi_status sfi__gates_build(uint8_t *page, size_t len, size_t nimports, char *err, size_t errlen);

/* ---- sandboxes ---- */
struct sfi_region {
    uint64_t start, end; /* absolute addresses */
    int prot;            /* SFI_PROT_READ | SFI_PROT_WRITE (exec regions: READ only here), or 0 for
                            heap pages sfi_sandbox_protect made inaccessible (still mapped) */
};

/* What a destroyed compact instance leaves in its slot for the next one (a warm slot,
 * instantiate.c): its mappings, with every private page dropped or zeroed. */
struct sfi_warm {
    uint64_t code_end; /* slot offset of the end of its code mapping */
    uint64_t rw_top;   /* slot offset of the end of its R+W mapping (its stack's end) */
};

struct sfi_cb {
    char *name;
    sfi_callback_fn fn;
    void *user;
};

struct sfi_sandbox {
    uint64_t base;
    sfi_options opt;
    uint64_t code_lo, code_len; /* absolute start and size of the verified code (call checks) */
    _Atomic(uintptr_t) owner;  /* thread token of the entering thread, 0 = none (R25); set for
                                  as long as any call into the sandbox is active */
    unsigned owner_bound;      /* owner kept between calls (sfi_sandbox_bind_thread); owner only */
    struct sfi_ctx *active;    /* innermost active call into this sandbox */
    sfi_state state;
    sfi_status dead_status;    /* why it is dead */
    struct sfi_module *mod;
    struct sfi_cb *cbs;
    size_t ncbs;
    struct sfi_cb *bound;      /* per module import */
    sfi_syscall_fn sys_fn;
    void *sys_user;
    int exit_requested;
    int exit_code;
    sfi_fault_info fault;
    int has_fault;
    struct sfi_region *regions;
    size_t nregions, cap_regions;
    uint64_t mapped;           /* bytes counted against memory_limit */
    uint64_t map_hi;           /* bound (slot offset) of everything ever mapped in the slot */
    uint64_t warm;             /* the slot holds this module serial's scrubbed mappings; 0 = no */
    int compact_mapped;        /* all three compact-layout mappings are in place */
    uint64_t image;            /* absolute address of module vaddr 0 (IMAGE, R2) */
    uint64_t stack_start, stack_end, heap_start, heap_end;
    /* The fast entry's (fast.S): the entry sequence's address in the gate page (R19), set
     * when the sandbox becomes READY, and the context of its calls. Only an outermost call
     * uses that context, so it is the same every time except for what the trampolines store
     * per call (host %rsp, MXCSR, control word): base and sb are set once, at creation, the
     * rest stays zero; a failed call clears what the failure wrote (call.c). Host memory,
     * like the stack it replaces: the sandbox never learns its address. */
    uint64_t entry_seq;
    struct sfi_ctx fast_ctx;
    char err[512];
    /* Here at the end: fast.S knows the offsets of the fields above. */
    struct sfi_warm warm_state; /* if warm: what the slot holds (instantiate.c) */
    /* A heap page the sandbox may have written is no longer tracked by the regions (a failed
     * mapping call could not be undone): the slot must be cleared, never kept warm. */
    int heap_untracked;
};

/* pool.c */
/* A free slot; *warm != 0 if it still holds the scrubbed mappings of the module with that
 * serial (described by *ws), and [base, base + *extent) may hold mappings. */
sfi_status sfi__slot_alloc(uint64_t *base, uint64_t *warm, uint64_t *extent, struct sfi_warm *ws);
/* [base, base + len) back to PROT_NONE reserved (len: what the sandbox ever mapped, at most
 * the slot); 0 on success. */
int sfi__slot_clear(uint64_t base, uint64_t len);
/* Returns a slot to the pool. warm != 0: it holds module warm's scrubbed mappings, which are
 * kept if few slots are warm; otherwise [base, base + extent) is cleared. */
void sfi__slot_free(uint64_t base, uint64_t warm, uint64_t extent, const struct sfi_warm *ws);
/* 1 if a slot freed now would be kept warm (a hint: sfi__slot_free decides). */
int sfi__slot_warm_room(void);

/* instantiate.c: mapping a module into a slot (R2) */
int sfi__module_fits_compact(const struct sfi_module *m);
sfi_status sfi__instantiate(struct sfi_sandbox *sb);
/* Drops or zeroes the instance's writable pages but keeps its mappings for the next load (and
 * sets sb->warm_state); returns the module's serial, or 0 if the slot must be cleared
 * instead. */
uint64_t sfi__scrub(struct sfi_sandbox *sb);

/* relocate.c */
sfi_status sfi__relocate(struct sfi_sandbox *sb);
sfi_status sfi__bind_imports(struct sfi_sandbox *sb);

/* memory.c */
sfi_status sfi__region_add(struct sfi_sandbox *sb, uint64_t start, uint64_t end, int prot);
void sfi__region_remove(struct sfi_sandbox *sb, uint64_t start, uint64_t end);
int sfi__region_check(const struct sfi_sandbox *sb, uint64_t addr, uint64_t len, int prot);
/* For sfi__scrub: the heap of a compact instance back to unmapped (PROT_NONE, reading zero),
 * keeping the pages of its first part; 0 on success. */
int sfi__heap_scrub(struct sfi_sandbox *sb);

/* call.c */
/* The fast entry's context (sb->fast_ctx) as an outermost call with no deadline needs it. */
void sfi__fast_ctx_init(struct sfi_sandbox *sb);
sfi_status sfi__call_addr(struct sfi_sandbox *sb, uint64_t target, const sfi_value *args,
                          size_t nargs, sfi_value *ret);

/* thread.c */
struct sfi_thread {
    int init;
    void *altstack; /* ours, if we installed one */
};
extern __thread struct sfi_thread sfi__self SFI_TLS;
sfi_status sfi__thread_init(void);
/* Unique per live thread: identifies the owner of a sandbox (R25). */
static inline uintptr_t sfi__thread_token(void) { return (uintptr_t)&sfi__self; }

/* fault.c */
sfi_status sfi__signals_install(int timer_signal);
int sfi__pc_in_sandbox(const struct sfi_ctx *ctx, uint64_t pc);

/* timeout.c */
uint64_t sfi__now_ns(void);
sfi_status sfi__timer_thread_init(void);
void sfi__timer_thread_fini(void);
void sfi__timer_arm(uint64_t deadline_ns);
void sfi__timer_disarm(void);
/* The timer handler, after the deadline, in host code: cuts short sfi_syscall_interruptible. */
void sfi__timer_cut_wait(void *ucontext);
extern int sfi__timer_signal;
extern int sfi__timer_magic;

/* error.c */
sfi_status sfi__fail(struct sfi_sandbox *sb, sfi_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void sfi__errf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
sfi_status sfi__thread_fail(sfi_status st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
