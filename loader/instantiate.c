/* Mapping a module into a slot (R2): two layouts.
 *
 * Compact (the default, when the module allows it): three mappings next to each other, so that
 * with the PROT_NONE rest of the slot a sandbox costs 4 of the process's vm.max_map_count
 * mappings:
 *     [B + 0x10000, GATES)          R+W  runtime data page (TP_SLOT), then the image below the
 *                                        code (ELF headers, dynamic symbols), copied in
 *     [GATES, end of code)          R+X  the sealed memfd: gate area (64 KiB), then the code
 *     [end of code, stack end)      R+W  rodata, RELRO, data, bss, then the stack
 * It needs the 64 KiB of module space right below the code's first page to be empty (sfi-clang
 * links a NOLOAD .sfi.gates there) and everything below that gap to fit in
 * [B + 0x11000, GATES). The image is placed so that the gap lands on GATES. The price: the
 * image outside the code (rodata, RELRO) is writable by the sandbox, and the stack has no
 * guard of its own (an overflow runs into bss). Both only let the sandbox hurt itself.
 * A destroyed compact instance can leave its slot warm (sfi__scrub, pool.c): same mappings,
 * so that the next load of the same module there needs no mmap, and a load of another module
 * (or with another stack size) there only replaces the code mapping and adjusts the ends
 * (usually one mmap instead of two). Its pages are dropped, but for the few every instance
 * writes (keep_ranges: the data page, the image, the top of the stack), which are zeroed and
 * kept: a first touch of a fresh page costs a page fault and a page allocation (~2 us on the
 * VM of docs/performance.md, section 2), a memset of a kept page far less. Either way every
 * R+W page of a warm slot reads zero, as in a fresh mapping.
 *
 * Classic (sfi_options.readonly_data, or a module without the gap): the image at
 * B + 0x100000 with per-segment protections and read-only RELRO, the stack at the top of the
 * slot below a guard. 11 mappings.
 *
 * In both, executable bytes come only from the sealed memfd (verified code, gates, hlt), no
 * mapping is ever writable and executable, and every byte of the slot stays mapped by us or
 * PROT_NONE-reserved by the pool. */
#include "internal.h"

#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#define GATE_AREA (SFI_GATES_END - SFI_GATES_OFF)

/* [a, a+8) overlaps [lo, hi)? */
static int hits(uint64_t a, uint64_t lo, uint64_t hi) { return a < hi && a + 8 > lo; }

int sfi__module_fits_compact(const struct sfi_module *m) {
    if (m->code_start < GATE_AREA) return 0;
    const uint64_t gap = m->code_start - GATE_AREA; /* module vaddr that lands on GATES */
    /* Below the gap: must fit between the runtime data page and GATES. */
    if (gap > SFI_GATES_OFF - SFI_DATA_OFF - SFI_PAGE) return 0;
    /* The gap holds no file bytes and no writable memory: the gates replace it. (A read-only
     * zero tail, sfi-clang's .sfi.gates, is what it is meant to be.) */
    for (unsigned i = 0; i < m->code; i++) {
        const struct sfi_segment *s = &m->seg[i];
        if (s->vaddr + ((s->flags & PF_W) ? s->memsz : s->filesz) > gap) return 0;
    }
    /* Nothing the loader writes may land on the (read-only, shared) gate area. */
    for (size_t i = 0; i < m->nrelocs; i++)
        if (hits(m->relocs[2 * i], gap, m->code_start)) return 0;
    for (size_t j = 0; j < m->nimports; j++)
        if (hits(m->imports[j].slot, gap, m->code_start)) return 0;
    return 1;
}

static sfi_status map_fail(struct sfi_sandbox *sb, const char *what) {
    int e = errno;
    return sfi__fail(sb, e == ENOMEM ? SFI_ERR_NOMEM : SFI_ERR_SYSTEM, "mapping %s: %s%s", what,
                     strerror(e), e == ENOMEM ? " (vm.max_map_count?)" : "");
}

static int map_at(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off) {
    void *p = mmap((void *)addr, len, prot, flags | MAP_FIXED, fd, (off_t)off);
    return p == MAP_FAILED ? -1 : 0;
}

/* Anonymous R+W with the flags sfi_sandbox_map uses, so that heap mappings next to it merge
 * with it into one kernel mapping. */
static int map_rw(uint64_t addr, uint64_t len) {
    return map_at(addr, len, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
}

static sfi_status check_limit(struct sfi_sandbox *sb, uint64_t need) {
    uint64_t limit = sb->opt.memory_limit ? sb->opt.memory_limit : SFI_SLOT_SIZE;
    if (need > limit)
        return sfi__fail(sb, SFI_ERR_LIMIT, "module needs %llu bytes, memory limit is %llu",
                         (unsigned long long)need, (unsigned long long)limit);
    sb->mapped = need;
    return SFI_OK;
}

/* Copies the file bytes of every segment but the code into the (writable) image, then
 * relocates and binds imports. */
static sfi_status fill_image(struct sfi_sandbox *sb) {
    const struct sfi_module *m = sb->mod;
    for (unsigned i = 0; i < m->nseg; i++) {
        const struct sfi_segment *s = &m->seg[i];
        if (i != m->code) memcpy((void *)(sb->image + s->vaddr), m->file + s->offset, s->filesz);
    }
    sfi_status st = sfi__relocate(sb);
    return st ? st : sfi__bind_imports(sb);
}

/* Bounds of the pages a warm slot keeps (see keep_ranges). */
#define KEEP_IMAGE (UINT64_C(64) << 10) /* of the image above the code */
#define KEEP_STACK (UINT64_C(8) << 10)  /* of the stack, at its top */
#define MAX_KEEP 4

struct range {
    uint64_t lo, hi;
};

/* The pages of a compact instance that its slot keeps (zeroed) when it goes warm, as absolute
 * addresses (sorted, disjoint, page-aligned, some maybe empty): the runtime data page, the
 * image below the gates, the first KEEP_IMAGE of the image above the code and the top
 * KEEP_STACK of the stack. All of them lie in its R+W mappings. */
static void keep_ranges(const struct sfi_sandbox *sb, struct range k[MAX_KEEP]) {
    const struct sfi_module *m = sb->mod;
    const uint64_t B = sb->base, img = sb->image;
    const uint64_t code_end = img + m->code_start + m->code_len, img_end = img + m->image_end;
    k[0] = (struct range){B + SFI_DATA_OFF, B + SFI_DATA_OFF + SFI_PAGE};
    /* img >= the data page's end (sfi__module_fits_compact) */
    k[1] = (struct range){img, img < B + SFI_GATES_OFF ? B + SFI_GATES_OFF : img};
    k[2] = (struct range){code_end, img_end - code_end > KEEP_IMAGE ? code_end + KEEP_IMAGE : img_end};
    k[3] = (struct range){sb->stack_end - sb->stack_start > KEEP_STACK ? sb->stack_end - KEEP_STACK
                                                                      : sb->stack_start,
                          sb->stack_end};
}

/* Drops the pages of [lo, hi) outside the kept ranges; 0 on success. */
static int drop_unkept(const struct range k[MAX_KEEP], uint64_t lo, uint64_t hi) {
    uint64_t cur = lo;
    for (unsigned i = 0; i <= MAX_KEEP && cur < hi; i++) {
        uint64_t end = i < MAX_KEEP ? k[i].lo : hi;
        if (end > hi) end = hi;
        if (end > cur && madvise((void *)cur, end - cur, MADV_DONTNEED)) return -1;
        if (i < MAX_KEEP && k[i].hi > cur) cur = k[i].hi;
    }
    return 0;
}

/* The slot holds a scrubbed compact instance of another module (or of this one with another
 * extent): R+W [lo, GATES) and [oc, ot) with no pages (zero-fill on touch, like a fresh mmap),
 * its code R+X in [GATES, oc), PROT_NONE reserved above ot (heap pages sfi__scrub kept
 * there are zero: unmapped heap, as above a fresh instance). Turns it into this instance's
 * mappings, [GATES, code_end) code and [code_end, stack_end) R+W, reusing the R+W
 * mappings instead of replacing all of them. The R+W changes come first and the code mapping
 * last, so that it replaces whatever R+W the steps before left in its range. */
static int remap_compact(struct sfi_sandbox *sb, uint64_t code_end, uint64_t ot) {
    const struct sfi_module *m = sb->mod;
    const uint64_t B = sb->base, oc = B + sb->warm_state.code_end, nt = sb->stack_end;
    if (nt > ot && map_rw(ot, nt - ot)) return -1; /* a longer instance: R+W above */
    if (nt < ot && sfi__slot_clear(nt, ot - nt)) return -1; /* shorter: back to reserved */
    const uint64_t old_rw = oc < nt ? oc : nt; /* old code pages past the new code: R+W */
    if (code_end < old_rw && map_rw(code_end, old_rw - code_end)) return -1;
    if (map_at(B + SFI_GATES_OFF, code_end - (B + SFI_GATES_OFF), PROT_READ | PROT_EXEC, MAP_SHARED,
               m->memfd, 0))
        return -1;
    return 0;
}

/* warm: the slot already holds exactly these mappings for this module, scrubbed (sfi__scrub);
 * rewarm: it holds another compact instance's, scrubbed (remap_compact). */
static sfi_status map_compact(struct sfi_sandbox *sb, uint64_t stack, int warm, int rewarm) {
    const struct sfi_module *m = sb->mod;
    const uint64_t B = sb->base, lo = B + SFI_DATA_OFF, gates = B + SFI_GATES_OFF;
    const uint64_t img = sb->image;
    const uint64_t code_end = img + m->code_start + m->code_len;
    sb->stack_start = img + m->image_end;
    sb->stack_end = sb->stack_start + stack;
    if (sb->stack_end > B + SFI_SLOT_SIZE - SFI_GUARD)
        return sfi__fail(sb, SFI_ERR_ARG, "image and stack do not fit in the slot");
    sfi_status st = check_limit(sb, sb->stack_end - lo);
    if (st) return st;
    if (rewarm) {
        const uint64_t ot = B + sb->warm_state.rw_top; /* the old top of the R+W */
        /* map_hi covers both tops (and the zero pages sfi__scrub kept above the old one). */
        if (sb->stack_end - B > sb->map_hi) sb->map_hi = sb->stack_end - B;
        if (remap_compact(sb, code_end, ot)) return map_fail(sb, "code and stack (reusing the slot)");
    } else if (!warm) {
        /* Two system calls: R+W over all of it, then the code memfd over its middle. The R+W
         * is an mprotect in a clear slot, else a MAP_FIXED mmap that, like the code's, replaces
         * whatever an earlier instance left below the stack's top (sfi__instantiate clears
         * anything above). Never W+X, never a hole. */
        const int clear = sb->map_hi == 0; /* all PROT_NONE without pages (pool.c): an
                                              mprotect is enough, and cheaper */
        if (sb->stack_end - B > sb->map_hi) sb->map_hi = sb->stack_end - B;
        if (clear ? mprotect((void *)lo, sb->stack_end - lo, PROT_READ | PROT_WRITE)
                  : map_rw(lo, sb->stack_end - lo))
            return map_fail(sb, "data page, image and stack");
        if (map_at(gates, code_end - gates, PROT_READ | PROT_EXEC, MAP_SHARED, m->memfd, 0))
            return map_fail(sb, "gates and code");
    }
    sb->compact_mapped = 1;
    if ((st = fill_image(sb))) return st;
    sb->heap_start = sb->stack_end;
    sb->heap_end = B + SFI_SLOT_SIZE - SFI_GUARD;
    if ((st = sfi__region_add(sb, lo, gates, SFI_PROT_READ | SFI_PROT_WRITE)) ||
        (st = sfi__region_add(sb, gates, code_end, SFI_PROT_READ)) ||
        (st = sfi__region_add(sb, code_end, sb->stack_end, SFI_PROT_READ | SFI_PROT_WRITE)))
        return st;
    return SFI_OK;
}

static sfi_status map_classic(struct sfi_sandbox *sb, uint64_t stack) {
    const struct sfi_module *m = sb->mod;
    const uint64_t B = sb->base, img = sb->image;
    const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
    sfi_status st = check_limit(sb, SFI_PAGE + m->gate_len + m->image_end + stack);
    if (st) return st;
    sb->map_hi = SFI_SLOT_SIZE; /* the stack is at the top */
    if (map_at(B + SFI_DATA_OFF, SFI_PAGE, PROT_READ | PROT_WRITE, anon, -1, 0))
        return map_fail(sb, "runtime data page");
    if (map_at(B + SFI_GATES_OFF, m->gate_len, PROT_READ | PROT_EXEC, MAP_SHARED, m->memfd, 0))
        return map_fail(sb, "gate page");
    /* The image: anonymous R+W first, filled, relocated and bound, then each range gets its
     * final protection; finally the verified code replaces its range from the sealed memfd. */
    if (map_at(img, m->image_end, PROT_READ | PROT_WRITE, anon, -1, 0)) return map_fail(sb, "image");
    if ((st = fill_image(sb))) return st;
    uint64_t prev_end = 0;
    for (unsigned i = 0; i < m->nseg; i++) {
        const struct sfi_segment *s = &m->seg[i];
        uint64_t lo = page_down(s->vaddr), hi = page_up(s->vaddr + s->memsz);
        if (lo > prev_end && mprotect((void *)(img + prev_end), lo - prev_end, PROT_NONE))
            return map_fail(sb, "image hole");
        if (lo < prev_end) lo = prev_end; /* shares a page with the previous (same flags) */
        prev_end = hi;
        if (i == m->code) {
            if (map_at(img + m->code_start, m->code_len, PROT_READ | PROT_EXEC, MAP_SHARED, m->memfd,
                       m->gate_len))
                return map_fail(sb, "code");
        } else if (!(s->flags & PF_W)) {
            if (hi > lo && mprotect((void *)(img + lo), hi - lo, PROT_READ)) return map_fail(sb, "rodata");
        }
        if (hi > lo &&
            (st = sfi__region_add(sb, img + lo, img + hi,
                                  (s->flags & PF_W) ? SFI_PROT_READ | SFI_PROT_WRITE : SFI_PROT_READ)))
            return st;
    }
    /* RELRO (as glibc: whole pages from the start to the page containing the end). */
    uint64_t rlo = page_down(m->relro_start), rhi = page_down(m->relro_end);
    if (rhi > rlo && rhi <= m->image_end) {
        if (mprotect((void *)(img + rlo), rhi - rlo, PROT_READ)) return map_fail(sb, "RELRO");
        sfi__region_remove(sb, img + rlo, img + rhi);
        if ((st = sfi__region_add(sb, img + rlo, img + rhi, SFI_PROT_READ))) return st;
    }
    sb->stack_end = B + SFI_SLOT_SIZE - SFI_GUARD;
    sb->stack_start = sb->stack_end - stack;
    if (map_at(sb->stack_start, stack, PROT_READ | PROT_WRITE, anon | MAP_NORESERVE, -1, 0))
        return map_fail(sb, "stack");
    sb->heap_start = img + m->image_end;
    sb->heap_end = sb->stack_start - SFI_GUARD; /* R2: stack guard G' >= G below the stack */
    if ((st = sfi__region_add(sb, B + SFI_DATA_OFF, B + SFI_DATA_OFF + SFI_PAGE,
                              SFI_PROT_READ | SFI_PROT_WRITE)) ||
        (st = sfi__region_add(sb, B + SFI_GATES_OFF, B + SFI_GATES_OFF + m->gate_len, SFI_PROT_READ)) ||
        (st = sfi__region_add(sb, sb->stack_start, sb->stack_end, SFI_PROT_READ | SFI_PROT_WRITE)))
        return st;
    return SFI_OK;
}

/* Maps the data page, gates, image (relocated, imports bound) and stack into sb's slot.
 * On failure the caller unloads (sandbox.c). */
sfi_status sfi__instantiate(struct sfi_sandbox *sb) {
    const struct sfi_module *m = sb->mod;
    uint64_t stack = page_up(sb->opt.stack_size ? sb->opt.stack_size : SFI_DEFAULT_STACK);
    if (stack > SFI_SLOT_SIZE / 4) return sfi__fail(sb, SFI_ERR_ARG, "stack size too large");
    sb->nregions = 0;
    int compact = m->compact && !sb->opt.readonly_data;
    sb->image = compact ? sb->base + SFI_GATES_END - m->code_start : sb->base + SFI_IMAGE_OFF;
    sb->code_lo = sb->image + m->seg[m->code].vaddr;
    sb->code_len = m->seg[m->code].memsz;
    /* A warm slot is reused only for the module it was warm for, with the same extent (the
     * stack size decides it). Otherwise what an earlier instance mapped is cleared first,
     * unless the compact mappings about to be made cover all of it ([B, B + 0x10000) is never
     * mapped by either layout). */
    const uint64_t extent = sb->image + m->image_end + stack - sb->base;
    int warm = compact && sb->warm == m->serial && sb->warm_state.rw_top == extent;
    int rewarm = compact && sb->warm && !warm; /* scrubbed compact mappings of another instance */
    sb->warm = 0;
    sb->compact_mapped = 0;
    if (!warm && !rewarm && sb->map_hi && !(compact && sb->map_hi <= extent)) {
        if (sfi__slot_clear(sb->base, sb->map_hi)) return map_fail(sb, "slot (clearing)");
        sb->map_hi = 0;
    }
    return compact ? map_compact(sb, stack, warm, rewarm) : map_classic(sb, stack);
}

uint64_t sfi__scrub(struct sfi_sandbox *sb) {
    /* Only a complete compact instance goes back warm, in the state a fresh one has: heap
     * mappings (everything above the stack) back to PROT_NONE with zero pages (memory.c,
     * sfi__heap_scrub), the kept pages zeroed, every other private page dropped
     * (MADV_DONTNEED: zero-fill on next touch). The code mapping is shared and never
     * written. Nothing of the instance stays readable in the free slot. */
    const struct sfi_module *m = sb->mod;
    if (!m || !sb->compact_mapped) return 0;
    sb->compact_mapped = 0;
    const uint64_t B = sb->base;
    const uint64_t code_end = sb->image + m->code_start + m->code_len;
    if (sfi__heap_scrub(sb)) return 0;
    struct range k[MAX_KEEP];
    keep_ranges(sb, k);
    for (unsigned i = 0; i < MAX_KEEP; i++) memset((void *)k[i].lo, 0, k[i].hi - k[i].lo);
    if (drop_unkept(k, B + SFI_DATA_OFF, B + SFI_GATES_OFF) || drop_unkept(k, code_end, sb->stack_end))
        return 0;
    sb->warm_state = (struct sfi_warm){code_end - B, sb->stack_end - B};
    return m->serial;
}
