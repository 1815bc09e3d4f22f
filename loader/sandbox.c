/* Process initialisation and the sandbox life cycle: create, register, load, reset, destroy. */
#include "internal.h"

#include <cpuid.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

sfi_status sfi__gates_init(void);

uint8_t sfi__have_avx;
uintptr_t sfi__x87_scrub;
uint64_t sfi__xsave_size;
uint32_t sfi__xsave_mask_lo, sfi__xsave_mask_hi;

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int initialized;

/* CPU features the trampolines depend on: AVX (vzeroall/vzeroupper to clear vector state) and
 * XSAVE (to preserve the sandbox's full extended state across the syscall gate). */
static void detect_cpu(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!osxsave) return;
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    sfi__have_avx = avx && (lo & 6) == 6;
    sfi__xsave_mask_lo = lo;
    sfi__xsave_mask_hi = hi;
    if (__get_cpuid_count(0xd, 0, &a, &b, &c, &d) && b >= 576) sfi__xsave_size = b;
}

/* The x87 scrub (SFI_SCRUB_X87 in the stubs) runs from a page of its own: the x87 unit records
 * the address of the last x87 instruction (FIP) and of the last x87 memory operand (FDP), and
 * fnstenv in the sandbox reads both. Run from libsfi's text they would reveal where libsfi is,
 * and FDP would still point at whatever host data the host's last long double operation
 * touched. Run from here, both point into this page, an anonymous mapping placed by mmap like
 * the slot reservations, which the sandbox's own address already tells it about.
 *     flds data(%rip); fldz x7; emms; ret; data: .float 0 */
static sfi_status make_x87_scrub(void) {
    static const uint8_t code[] = {
        0xd9, 0x05, 0x14, 0x00, 0x00, 0x00,                         /* flds 0x14(%rip) -> +0x1a */
        0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, /* fldz x7 */
        0x0f, 0x77,                                                 /* emms */
        0xc3,                                                       /* ret */
        0xcc, 0xcc, 0xcc,                                           /* +0x17..0x19 */
        0x00, 0x00, 0x00, 0x00,                                     /* +0x1a: 0.0f */
    };
    _Static_assert(sizeof code == 0x1e, "scrub layout");
    uint8_t *p = mmap(NULL, SFI_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return SFI_ERR_NOMEM;
    memset(p, 0xcc, SFI_PAGE);
    memcpy(p, code, sizeof code);
    if (mprotect(p, SFI_PAGE, PROT_READ | PROT_EXEC) != 0) { /* never W+X (R23) */
        munmap(p, SFI_PAGE);
        return SFI_ERR_SYSTEM;
    }
    sfi__x87_scrub = (uintptr_t)p;
    return SFI_OK;
}

sfi_status sfi_runtime_init(const sfi_runtime_options *opts) {
    pthread_mutex_lock(&init_lock);
    sfi_status st = SFI_OK;
    if (!initialized) {
        detect_cpu();
        int sig = opts && opts->timer_signal ? opts->timer_signal : SIGRTMIN + 4;
        if (sig <= 0 || sig >= NSIG) st = SFI_ERR_ARG;
        if (!st) st = sfi__gates_init();
        if (!st) st = make_x87_scrub();
        if (!st) {
            sfi__timer_signal = sig;
            st = sfi__signals_install(sig);
        }
        if (!st) initialized = 1;
    }
    pthread_mutex_unlock(&init_lock);
    return st;
}

sfi_status sfi_runtime_reinstall_handlers(void) {
    sfi_status st = sfi_runtime_init(NULL);
    if (st) return st;
    pthread_mutex_lock(&init_lock);
    st = sfi__signals_install(sfi__timer_signal);
    pthread_mutex_unlock(&init_lock);
    return st;
}

void sfi_options_init(sfi_options *o) {
    if (o) memset(o, 0, sizeof *o);
}

sfi_status sfi_sandbox_create(const sfi_options *opt, sfi_sandbox **out) {
    if (!out) return SFI_ERR_ARG;
    *out = NULL;
    sfi_status st = sfi_runtime_init(NULL);
    if (st) return sfi__thread_fail(st, "runtime initialisation failed");
    struct sfi_sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) return sfi__thread_fail(SFI_ERR_NOMEM, "out of memory");
    if (opt) sb->opt = *opt;
    if ((st = sfi__slot_alloc(&sb->base, &sb->warm, &sb->map_hi, &sb->warm_state))) {
        free(sb);
        return sfi__thread_fail(st, "no sandbox slot available (address space exhausted)");
    }
    atomic_init(&sb->owner, 0);
    sb->state = SFI_STATE_EMPTY;
    sfi__fast_ctx_init(sb);
    *out = sb;
    return SFI_OK;
}

/* Drops the instance: its writable pages, and all of its mappings unless keep_warm and the slot
 * can stay warm for the same module (instantiate.c). sb stays usable (EMPTY or reloadable). */
static void unload(struct sfi_sandbox *sb, int keep_warm) {
    sb->warm = keep_warm ? sfi__scrub(sb) : 0;
    sb->compact_mapped = 0;
    if (!sb->warm && sfi__slot_clear(sb->base, sb->map_hi) == 0) {
        sb->map_hi = 0;
        sb->heap_untracked = 0; /* nothing is mapped any more */
    }
    /* else if the clear failed: the mappings stay; destroy tries again and keeps the slot out
     * of circulation if that fails too (pool.c). */
    sb->nregions = 0;
    sb->mapped = 0;
    sb->has_fault = 0;
    sb->exit_requested = 0;
    sb->exit_code = 0;
}

sfi_status sfi_sandbox_destroy(sfi_sandbox *sb) {
    if (!sb) return SFI_OK;
    /* R25: a call into the sandbox holds owner until the outermost one ends */
    if (atomic_load(&sb->owner)) return sfi__fail(sb, SFI_ERR_BUSY, "sandbox is in use");
    /* Scrub for a warm slot only if the pool would keep it: otherwise the slot is cleared
     * anyway, and the two madvise calls of the scrub are wasted. */
    if (sb->mod) unload(sb, sfi__slot_warm_room());
    sfi__slot_free(sb->base, sb->warm, sb->map_hi, &sb->warm_state);
    if (sb->mod) sfi_module_release(sb->mod);
    for (size_t i = 0; i < sb->ncbs; i++) free(sb->cbs[i].name);
    free(sb->cbs);
    free(sb->bound);
    free(sb->regions);
    free(sb);
    return SFI_OK;
}

sfi_status sfi_register_callback(sfi_sandbox *sb, const char *name, sfi_callback_fn fn, void *user) {
    if (!sb || !name || !*name || !fn) return SFI_ERR_ARG;
    if (sb->mod) return sfi__fail(sb, SFI_ERR_STATE, "callbacks must be registered before loading");
    for (size_t i = 0; i < sb->ncbs; i++)
        if (strcmp(sb->cbs[i].name, name) == 0) {
            sb->cbs[i].fn = fn;
            sb->cbs[i].user = user;
            return SFI_OK;
        }
    struct sfi_cb *n = realloc(sb->cbs, (sb->ncbs + 1) * sizeof *n);
    if (!n) return SFI_ERR_NOMEM;
    sb->cbs = n;
    if (!(n[sb->ncbs].name = strdup(name))) return SFI_ERR_NOMEM;
    n[sb->ncbs].fn = fn;
    n[sb->ncbs].user = user;
    sb->ncbs++;
    return SFI_OK;
}

sfi_status sfi_set_syscall_handler(sfi_sandbox *sb, sfi_syscall_fn fn, void *user) {
    if (!sb) return SFI_ERR_ARG;
    sb->sys_fn = fn;
    sb->sys_user = fn ? user : NULL;
    return SFI_OK;
}

sfi_state sfi_sandbox_state(const sfi_sandbox *sb) { return sb ? sb->state : SFI_STATE_EMPTY; }

/* Maps sb->mod into the slot and runs __sfi_init. On failure nothing stays mapped. */
static sfi_status instantiate_and_init(struct sfi_sandbox *sb) {
    sfi_status st;
    if (sb->mod->policy == SFI_POLICY_STORES_ONLY && !sb->opt.allow_stores_only) {
        st = sfi__fail(sb, SFI_ERR_POLICY,
                       "module uses the stores-only policy (R11); set allow_stores_only to accept it");
        goto fail;
    }
    free(sb->bound);
    sb->bound = calloc(sb->mod->nimports ? sb->mod->nimports : 1, sizeof *sb->bound);
    if (!sb->bound) {
        st = sfi__fail(sb, SFI_ERR_NOMEM, "out of memory");
        goto fail;
    }
    if ((st = sfi__instantiate(sb))) goto fail;
    /* R19: the entry sequence follows the callback gates (gates.c) */
    sb->entry_seq = sb->base + SFI_GATES_OFF + SFI_BUNDLE * (2 + sb->mod->nimports) + GATE_ENTRY_SEQ_OFF;
    sb->state = SFI_STATE_READY;
    sb->err[0] = 0;
    if (sb->mod->init != UINT64_MAX &&
        (st = sfi__call_addr(sb, sb->image + sb->mod->init, NULL, 0, NULL))) {
        char why[sizeof sb->err];
        memcpy(why, sb->err, sizeof why);
        sfi__fail(sb, st, "__sfi_init failed: %s", why);
        goto fail;
    }
    return SFI_OK;
fail: /* nothing of a failed load stays mapped, not even warm */
    unload(sb, 0);
    sb->state = SFI_STATE_EMPTY;
    return st;
}

sfi_status sfi_sandbox_load_module(sfi_sandbox *sb, sfi_module *mod) {
    if (!sb || !mod) return SFI_ERR_ARG;
    if (sb->mod) return sfi__fail(sb, SFI_ERR_STATE, "a module is already loaded");
    sfi__module_ref(mod);
    sb->mod = mod;
    sfi_status st = instantiate_and_init(sb);
    if (st) {
        sfi_module_release(mod);
        sb->mod = NULL;
    }
    return st;
}

static sfi_status load_opened(sfi_sandbox *sb, sfi_status st, sfi_module *mod, const char *err) {
    if (st) {
        unload(sb, 0); /* a failed load leaves nothing mapped: not even a warm slot's mappings */
        return sfi__fail(sb, st, "%s", err[0] ? err : sfi_strerror(st));
    }
    st = sfi_sandbox_load_module(sb, mod);
    sfi_module_release(mod);
    return st;
}

sfi_status sfi_sandbox_load_file(sfi_sandbox *sb, const char *path) {
    if (!sb || !path) return SFI_ERR_ARG;
    if (sb->mod) return sfi__fail(sb, SFI_ERR_STATE, "a module is already loaded");
    char err[sizeof sb->err];
    sfi_module *mod = NULL;
    sfi_status st = sfi_module_open_file(path, &mod, err, sizeof err);
    return load_opened(sb, st, mod, err);
}

sfi_status sfi_sandbox_load_memory(sfi_sandbox *sb, const void *buf, size_t len) {
    if (!sb || !buf) return SFI_ERR_ARG;
    if (sb->mod) return sfi__fail(sb, SFI_ERR_STATE, "a module is already loaded");
    char err[sizeof sb->err];
    sfi_module *mod = NULL;
    sfi_status st = sfi_module_open_memory(buf, len, &mod, err, sizeof err);
    return load_opened(sb, st, mod, err);
}

sfi_status sfi_sandbox_reset(sfi_sandbox *sb) {
    if (!sb) return SFI_ERR_ARG;
    if (!sb->mod) return sfi__fail(sb, SFI_ERR_STATE, "no module loaded");
    /* R25: a call into the sandbox holds owner until the outermost one ends */
    if (atomic_load(&sb->owner)) return sfi__fail(sb, SFI_ERR_BUSY, "sandbox is in use");
    unload(sb, 1);
    sb->state = SFI_STATE_EMPTY;
    sfi_status st = instantiate_and_init(sb);
    if (st) { /* keep the module: a later reset may succeed (e.g. after memory was freed) */
        sb->state = SFI_STATE_DEAD;
        sb->dead_status = st;
    }
    return st;
}
