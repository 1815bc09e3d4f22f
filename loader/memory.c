/* Sandbox memory as the host sees it: which ranges are mapped with which permissions (a
 * sorted, non-overlapping region list), the checked exchange API, and heap mappings for the
 * runtime. The host never dereferences a sandbox address before checking it here.
 *
 * Heap pages no region covers are PROT_NONE and read zero, always: the pool reserves them so,
 * every unmap and clear replaces them with a fresh PROT_NONE mapping, and sfi__heap_scrub
 * zeroes the ones it keeps before it makes them PROT_NONE. So mapping such pages needs no new
 * mapping, only an mprotect (cheaper than an mmap, and the kept pages need no page fault). */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static sfi_status reserve_regions(struct sfi_sandbox *sb, size_t n) {
    if (n <= sb->cap_regions) return SFI_OK;
    size_t cap = sb->cap_regions ? sb->cap_regions * 2 : 16;
    while (cap < n) cap *= 2;
    struct sfi_region *r = realloc(sb->regions, cap * sizeof *r);
    if (!r) return sfi__fail(sb, SFI_ERR_NOMEM, "out of memory");
    sb->regions = r;
    sb->cap_regions = cap;
    return SFI_OK;
}

/* Removes [start, end) from every region, splitting where needed. */
void sfi__region_remove(struct sfi_sandbox *sb, uint64_t start, uint64_t end) {
    for (size_t i = 0; i < sb->nregions; i++) {
        struct sfi_region *r = &sb->regions[i];
        if (r->end <= start || r->start >= end) continue;
        if (r->start < start && r->end > end) { /* split in two */
            if (reserve_regions(sb, sb->nregions + 1)) {
                r->end = start; /* no memory: forget the tail rather than over-approximate */
                return;
            }
            r = &sb->regions[i];
            memmove(r + 1, r, (sb->nregions - i) * sizeof *r);
            sb->nregions++;
            r[0].end = start;
            r[1].start = end;
            return;
        }
        if (r->start < start) r->end = start;
        else if (r->end > end) r->start = end;
        else { /* fully covered */
            memmove(r, r + 1, (sb->nregions - i - 1) * sizeof *r);
            sb->nregions--;
            i--;
        }
    }
}

sfi_status sfi__region_add(struct sfi_sandbox *sb, uint64_t start, uint64_t end, int prot) {
    if (end <= start) return SFI_OK;
    sfi_status st = reserve_regions(sb, sb->nregions + 2);
    if (st) return st;
    sfi__region_remove(sb, start, end);
    size_t i = 0;
    while (i < sb->nregions && sb->regions[i].start < start) i++;
    memmove(&sb->regions[i + 1], &sb->regions[i], (sb->nregions - i) * sizeof sb->regions[0]);
    sb->regions[i] = (struct sfi_region){start, end, prot};
    sb->nregions++;
    return SFI_OK;
}

/* 1 if [addr, addr+len) is covered by contiguous regions that all allow prot. */
int sfi__region_check(const struct sfi_sandbox *sb, uint64_t addr, uint64_t len, int prot) {
    if (len == 0) len = 1; /* an empty range still has to point into the sandbox */
    if (addr < sb->base || addr - sb->base >= SFI_SLOT_SIZE || len > SFI_SLOT_SIZE ||
        addr - sb->base > SFI_SLOT_SIZE - len)
        return 0;
    uint64_t cur = addr, end = addr + len;
    for (size_t i = 0; i < sb->nregions && cur < end; i++) {
        const struct sfi_region *r = &sb->regions[i];
        if (r->end <= cur) continue;
        if (r->start > cur || (r->prot & prot) != prot) return 0;
        cur = r->end;
    }
    return cur >= end;
}

uint64_t sfi_sandbox_base(const sfi_sandbox *sb) { return sb ? sb->base : 0; }

static int has_memory(const sfi_sandbox *sb) { return sb && sb->mod && sb->nregions; }

sfi_status sfi_translate(sfi_sandbox *sb, uint64_t addr, size_t len, void **host_ptr) {
    if (!has_memory(sb) || !host_ptr) return SFI_ERR_ARG;
    if (!sfi__region_check(sb, addr, len, SFI_PROT_READ | SFI_PROT_WRITE))
        return sfi__fail(sb, SFI_ERR_ARG, "[0x%llx, +%zu) is not writable sandbox memory",
                         (unsigned long long)addr, len);
    *host_ptr = (void *)(uintptr_t)addr; /* sandbox pointers are host pointers (R1) */
    return SFI_OK;
}

sfi_status sfi_copy_in(sfi_sandbox *sb, uint64_t dst, const void *src, size_t len) {
    void *p;
    if (len && !src) return SFI_ERR_ARG;
    sfi_status st = sfi_translate(sb, dst, len, &p);
    if (st == SFI_OK && len) memcpy(p, src, len);
    return st;
}

sfi_status sfi_copy_out(sfi_sandbox *sb, void *dst, uint64_t src, size_t len) {
    if (!has_memory(sb) || (len && !dst)) return SFI_ERR_ARG;
    if (!sfi__region_check(sb, src, len, SFI_PROT_READ))
        return sfi__fail(sb, SFI_ERR_ARG, "[0x%llx, +%zu) is not readable sandbox memory",
                         (unsigned long long)src, len);
    if (len) memcpy(dst, (const void *)(uintptr_t)src, len);
    return SFI_OK;
}

sfi_status sfi_malloc(sfi_sandbox *sb, size_t size, uint64_t *addr) {
    if (!sb || !addr) return SFI_ERR_ARG;
    uint64_t args[1] = {size}, r = 0;
    sfi_status st = sfi_call_u64(sb, "malloc", 1, args, &r);
    if (st) return st;
    if (r == 0) return sfi__fail(sb, SFI_ERR_NOMEM, "sandbox malloc(%zu) returned NULL", size);
    /* The module's malloc is untrusted: its result must be writable memory of the sandbox. */
    if (!sfi__region_check(sb, r, size, SFI_PROT_READ | SFI_PROT_WRITE))
        return sfi__fail(sb, SFI_ERR_FAULT, "sandbox malloc returned 0x%llx, not sandbox memory",
                         (unsigned long long)r);
    *addr = r;
    return SFI_OK;
}

sfi_status sfi_free(sfi_sandbox *sb, uint64_t addr) {
    if (!sb) return SFI_ERR_ARG;
    uint64_t args[1] = {addr};
    return sfi_call_u64(sb, "free", 1, args, NULL);
}

sfi_status sfi_sandbox_layout(const sfi_sandbox *sb, sfi_layout *l) {
    if (!sb || !l) return SFI_ERR_ARG;
    if (!sb->mod) return SFI_ERR_STATE;
    l->base = sb->base;
    l->tp_slot = sb->base + SFI_DATA_OFF;
    l->gates = sb->base + SFI_GATES_OFF;
    l->image_start = sb->image;
    l->image_end = sb->image + sb->mod->image_end;
    l->heap_start = sb->heap_start;
    l->heap_end = sb->heap_end;
    l->stack_start = sb->stack_start;
    l->stack_end = sb->stack_end;
    return SFI_OK;
}

static int heap_range_ok(const sfi_sandbox *sb, uint64_t addr, uint64_t len) {
    return sb && sb->mod && len && !(addr % SFI_PAGE) && !(len % SFI_PAGE) &&
           addr >= sb->heap_start && addr <= sb->heap_end && len <= sb->heap_end - addr;
}

/* Bytes of [addr, addr+len) currently covered by regions (for the memory limit). */
static uint64_t covered(const sfi_sandbox *sb, uint64_t addr, uint64_t len) {
    uint64_t n = 0, end = addr + len;
    for (size_t i = 0; i < sb->nregions; i++) {
        uint64_t lo = sb->regions[i].start > addr ? sb->regions[i].start : addr;
        uint64_t hi = sb->regions[i].end < end ? sb->regions[i].end : end;
        if (hi > lo) n += hi - lo;
    }
    return n;
}

/* 1 if the regions covering [addr, addr+len) (all of it is covered) all have exactly prot. A
 * region's prot other than 0 is what the pages have (it is recorded only after the mmap or
 * mprotect that set it succeeded); 0 may also record a failed mprotect, so it is not trusted. */
static int all_have_prot(const sfi_sandbox *sb, uint64_t addr, uint64_t len, int prot) {
    for (size_t i = 0; i < sb->nregions; i++) {
        const struct sfi_region *r = &sb->regions[i];
        if (r->end > addr && r->start < addr + len && r->prot != prot) return 0;
    }
    return 1;
}

int sfi__heap_scrub(struct sfi_sandbox *sb) {
    /* The pages of the first HEAP_KEEP bytes stay (the heap a small module's libc maps at
     * start-up, reused by the next instance in this slot without page faults), zeroed while
     * they are still accessible; anything above gets a fresh PROT_NONE mapping. */
    enum { HEAP_KEEP = 64 << 10 };
    if (sb->heap_untracked) return -1;
    const uint64_t lo = sb->heap_start, top = sb->base + sb->map_hi;
    if (top <= lo) return 0;
    const uint64_t keep_end = top - lo > HEAP_KEEP ? lo + HEAP_KEEP : top;
    if (top > keep_end) {
        if (mmap((void *)keep_end, top - keep_end, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) == MAP_FAILED)
            return -1;
        sb->map_hi = keep_end - sb->base;
    }
    for (size_t i = 0; i < sb->nregions; i++) {
        const struct sfi_region *r = &sb->regions[i];
        uint64_t a = r->start > lo ? r->start : lo, b = r->end < keep_end ? r->end : keep_end;
        if (a >= b) continue;
        if (r->prot == (SFI_PROT_READ | SFI_PROT_WRITE)) memset((void *)a, 0, b - a);
        else if (madvise((void *)a, b - a, MADV_DONTNEED)) return -1; /* not writable: drop */
    }
    return mprotect((void *)lo, keep_end - lo, PROT_NONE) ? -1 : 0;
}

sfi_status sfi_sandbox_map(sfi_sandbox *sb, uint64_t addr, uint64_t len, int prot) {
    if (!heap_range_ok(sb, addr, len) || (prot & ~(SFI_PROT_READ | SFI_PROT_WRITE)))
        return sb ? sfi__fail(sb, SFI_ERR_ARG, "bad heap mapping request") : SFI_ERR_ARG;
    if (!prot) return sfi_sandbox_unmap(sb, addr, len);
    uint64_t limit = sb->opt.memory_limit ? sb->opt.memory_limit : SFI_SLOT_SIZE;
    uint64_t now = sb->mapped - covered(sb, addr, len) + len;
    if (now > limit) return sfi__fail(sb, SFI_ERR_LIMIT, "memory limit exceeded");
    sfi_status st = reserve_regions(sb, sb->nregions + 2);
    if (st) return st;
    int p = (prot & SFI_PROT_READ ? PROT_READ : 0) | (prot & SFI_PROT_WRITE ? PROT_WRITE : 0);
    if (addr + len - sb->base > sb->map_hi) sb->map_hi = addr + len - sb->base;
    if (covered(sb, addr, len) == 0) { /* unmapped: zero pages, PROT_NONE (see the top) */
        if (mprotect((void *)addr, len, p) != 0) {
            int e = errno;
            /* Part of the range may have changed: back to a fresh PROT_NONE mapping, or, if
             * even that fails, pages the sandbox can write are not in the regions. */
            if (mmap((void *)addr, len, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
                sb->heap_untracked = 1;
            return sfi__fail(sb, e == ENOMEM ? SFI_ERR_NOMEM : SFI_ERR_SYSTEM, "mprotect failed");
        }
    } else if (mmap((void *)addr, len, p, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
                    -1, 0) == MAP_FAILED) { /* fresh zero pages replace the mapped ones */
        return sfi__fail(sb, errno == ENOMEM ? SFI_ERR_NOMEM : SFI_ERR_SYSTEM, "mmap failed");
    }
    sb->mapped = now;
    return sfi__region_add(sb, addr, addr + len, prot);
}

sfi_status sfi_sandbox_unmap(sfi_sandbox *sb, uint64_t addr, uint64_t len) {
    if (!heap_range_ok(sb, addr, len)) return sb ? sfi__fail(sb, SFI_ERR_ARG, "bad heap range") : SFI_ERR_ARG;
    sfi_status st = reserve_regions(sb, sb->nregions + 1);
    if (st) return st;
    /* Back to reserved PROT_NONE, never a hole another mmap could land in. */
    if (mmap((void *)addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
             -1, 0) == MAP_FAILED)
        return sfi__fail(sb, SFI_ERR_SYSTEM, "mmap failed");
    sb->mapped -= covered(sb, addr, len);
    sfi__region_remove(sb, addr, addr + len);
    return SFI_OK;
}

sfi_status sfi_sandbox_protect(sfi_sandbox *sb, uint64_t addr, uint64_t len, int prot) {
    /* Only heap pages the runtime mapped (regions inside [heap_start, heap_end) come only from
     * sfi_sandbox_map), so the image, gates, code, data page and stack can never be touched,
     * and never executable (R23). prot 0 keeps the pages (and their count against the memory
     * limit) but makes them inaccessible. */
    if (!heap_range_ok(sb, addr, len) || (prot & ~(SFI_PROT_READ | SFI_PROT_WRITE)))
        return sb ? sfi__fail(sb, SFI_ERR_ARG, "bad protection request") : SFI_ERR_ARG;
    if (covered(sb, addr, len) != len) /* regions never overlap: all of it is mapped */
        return sfi__fail(sb, SFI_ERR_ARG, "[0x%llx, +%llu) is not all mapped heap",
                         (unsigned long long)addr, (unsigned long long)len);
    if (prot && all_have_prot(sb, addr, len, prot)) return SFI_OK; /* (musl's malloc does this) */
    /* Reserve first so that recording the result below cannot fail. */
    sfi_status st = reserve_regions(sb, sb->nregions + 2);
    if (st) return st;
    int p = (prot & SFI_PROT_READ ? PROT_READ : 0) | (prot & SFI_PROT_WRITE ? PROT_WRITE : 0);
    if (mprotect((void *)addr, len, p) != 0) {
        /* mprotect may have changed part of the range: the host must never believe a page
         * more accessible than it is, so the range is recorded as inaccessible. */
        sfi__region_add(sb, addr, addr + len, 0);
        return sfi__fail(sb, errno == ENOMEM ? SFI_ERR_NOMEM : SFI_ERR_SYSTEM, "mprotect failed");
    }
    return sfi__region_add(sb, addr, addr + len, prot);
}
