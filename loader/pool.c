/* The slot pool (R2): 4 GiB slots, 4 GiB aligned, carved out of PROT_NONE MAP_NORESERVE
 * reservations ("chunks") made lazily, with one extra guard G before the first and after the
 * last slot of each chunk so that [B - G, B + 4 GiB + G) is always slot or guard.
 *
 * Reserving costs address space only: 256 slots = 1 TiB per chunk, and 16,000 sandboxes need
 * 63 chunks of the 128 TiB user space. Each chunk is one mapping (vm.max_map_count); the
 * mappings a sandbox adds inside its slot are the ones that count.
 *
 * Warm slots: a free slot may keep the mappings of the last module it held (compact layout,
 * writable pages already dropped, instantiate.c), so that loading the same module again costs
 * no mmap. Each one keeps 3 kernel mappings, so only MAX_WARM slots stay warm; the others are
 * cleared when freed. A warm slot is identified by the module's serial number, never reused. */
#include "internal.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_CHUNKS 128
#define MAX_CHUNK_SLOTS 256
#define MAX_WARM 64

struct slot_state {
    uint64_t warm;   /* module serial whose mappings the free slot still holds; 0 = none */
    uint64_t extent; /* [B, B + extent) may hold mappings: what a clear must cover */
    struct sfi_warm ws; /* if warm: where those mappings end */
};

struct chunk {
    uint64_t first; /* B of slot 0 */
    unsigned nslots, nused;
    uint64_t used[MAX_CHUNK_SLOTS / 64];
    struct slot_state state[MAX_CHUNK_SLOTS];
};

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct chunk chunks[MAX_CHUNKS];
static unsigned nchunks, nwarm;

/* Reserve n slots plus guards; returns 0 on failure. */
static uint64_t reserve(unsigned n) {
    uint64_t need = (uint64_t)n * SFI_SLOT_SIZE + 2 * SFI_GUARD;
    uint64_t len = need + SFI_SLOT_SIZE; /* slack for the 4 GiB alignment */
    void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return 0;
    uint64_t start = (uint64_t)p;
    uint64_t first = (start + SFI_GUARD + SFI_SLOT_SIZE - 1) & ~(SFI_SLOT_SIZE - 1);
    uint64_t lo = first - SFI_GUARD, hi = first + (uint64_t)n * SFI_SLOT_SIZE + SFI_GUARD;
    if (lo > start) munmap(p, lo - start);
    if (start + len > hi) munmap((void *)hi, start + len - hi);
    return first;
}

sfi_status sfi__slot_alloc(uint64_t *base, uint64_t *warm, uint64_t *extent, struct sfi_warm *ws) {
    *warm = *extent = 0;
    memset(ws, 0, sizeof *ws);
    pthread_mutex_lock(&pool_lock);
    for (unsigned c = 0; c < nchunks; c++) {
        struct chunk *ch = &chunks[c];
        if (ch->nused == ch->nslots) continue;
        for (unsigned i = 0; i < ch->nslots; i++) {
            if (ch->used[i / 64] & (UINT64_C(1) << (i % 64))) continue;
            ch->used[i / 64] |= UINT64_C(1) << (i % 64);
            ch->nused++;
            *base = ch->first + (uint64_t)i * SFI_SLOT_SIZE;
            *warm = ch->state[i].warm;
            *extent = ch->state[i].extent;
            *ws = ch->state[i].ws;
            if (*warm) nwarm--;
            pthread_mutex_unlock(&pool_lock);
            return SFI_OK;
        }
    }
    if (nchunks == MAX_CHUNKS) {
        pthread_mutex_unlock(&pool_lock);
        return SFI_ERR_NOMEM;
    }
    /* Big chunks first; fall back to smaller ones when address space is short (e.g. under a
     * sanitizer whose shadow takes a large part of it). */
    uint64_t first = 0;
    unsigned n;
    for (n = MAX_CHUNK_SLOTS; n >= 1 && !(first = reserve(n)); n /= 4) {
    }
    if (!first) {
        pthread_mutex_unlock(&pool_lock);
        return SFI_ERR_NOMEM;
    }
    struct chunk *ch = &chunks[nchunks++];
    memset(ch, 0, sizeof *ch);
    ch->first = first;
    ch->nslots = n;
    ch->used[0] = 1;
    ch->nused = 1;
    *base = first;
    pthread_mutex_unlock(&pool_lock);
    return SFI_OK;
}

int sfi__slot_clear(uint64_t base, uint64_t len) {
    /* One MAP_FIXED mapping over the used part of the slot drops every page and mapping in it
     * and merges it back into the reservation. The used part only: the kernel's cost grows
     * with the range (page tables are walked and freed over all of it). */
    if (len == 0) return 0;
    if (len > SFI_SLOT_SIZE) len = SFI_SLOT_SIZE;
    void *p = mmap((void *)base, len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    return p == MAP_FAILED ? -1 : 0;
}

int sfi__slot_warm_room(void) {
    pthread_mutex_lock(&pool_lock);
    int room = nwarm < MAX_WARM;
    pthread_mutex_unlock(&pool_lock);
    return room;
}

void sfi__slot_free(uint64_t base, uint64_t warm, uint64_t extent, const struct sfi_warm *ws) {
    pthread_mutex_lock(&pool_lock);
    int keep = warm && nwarm < MAX_WARM;
    if (keep) nwarm++;
    pthread_mutex_unlock(&pool_lock);
    /* A slot whose contents could not be dropped stays marked used forever: never reuse a slot
     * that may still hold another sandbox's pages. */
    if (!keep) {
        if (sfi__slot_clear(base, extent) != 0) return;
        warm = extent = 0;
    }
    pthread_mutex_lock(&pool_lock);
    for (unsigned c = 0; c < nchunks; c++) {
        struct chunk *ch = &chunks[c];
        if (base < ch->first || base >= ch->first + (uint64_t)ch->nslots * SFI_SLOT_SIZE) continue;
        unsigned i = (unsigned)((base - ch->first) / SFI_SLOT_SIZE);
        if (ch->used[i / 64] & (UINT64_C(1) << (i % 64))) {
            ch->used[i / 64] &= ~(UINT64_C(1) << (i % 64));
            ch->nused--;
            ch->state[i] = (struct slot_state){warm, extent, {0}};
            if (warm) ch->state[i].ws = *ws;
        }
        break;
    }
    pthread_mutex_unlock(&pool_lock);
}
