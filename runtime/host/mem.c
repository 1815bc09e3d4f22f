/* Sandbox memory: mmap and friends hand out pages of the slot's heap area only
 * ([heap_start, heap_end), docs/sandbox-abi.md R2), through libsfi's sfi_sandbox_map, which
 * never makes anything executable (R23). A bitmap records which heap pages are in use. brk
 * always fails (it returns the unchanged break), so musl's malloc uses mmap only. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define BITS 64

/* The bitmap covers the first nwords * 64 heap pages; the pages above are all free. It grows
 * on demand instead of covering the whole heap area (128 KiB for a 4 GiB slot) from the
 * start: allocating and zeroing that on every instantiation cost more than the heap a small
 * module ever uses. */
static int test(const struct px_mem *m, uint64_t i)
{
	return i / BITS < m->nwords && ((m->used[i / BITS] >> (i % BITS)) & 1);
}

/* Makes the bitmap cover pages [0, end); 0 or -ENOMEM. */
static int cover(struct px_mem *m, uint64_t end)
{
	uint64_t need = (end + BITS - 1) / BITS;
	if (need <= m->nwords)
		return 0;
	uint64_t cap = m->nwords ? m->nwords : 8;
	while (cap < need)
		cap *= 2;
	uint64_t *u = realloc(m->used, cap * sizeof *u);
	if (!u)
		return -ENOMEM;
	memset(u + m->nwords, 0, (cap - m->nwords) * sizeof *u);
	m->used = u;
	m->nwords = cap;
	return 0;
}

/* Marking pages used needs cover(first + n) first; freeing pages above the bitmap is a no-op. */
static void mark(struct px_mem *m, uint64_t first, uint64_t n, int used)
{
	for (uint64_t i = first; i < first + n && i / BITS < m->nwords; i++) {
		if (used)
			m->used[i / BITS] |= 1ULL << (i % BITS);
		else
			m->used[i / BITS] &= ~(1ULL << (i % BITS));
	}
	if (!used && first < m->hint)
		m->hint = first;
}

int px_mem_init(struct sfi_posix *px)
{
	struct px_mem *m = &px->mem;
	if (m->ready)
		return 0;
	sfi_layout l;
	if (sfi_sandbox_layout(px->sb, &l) != SFI_OK)
		return -ENOMEM;
	m->heap_start = (l.heap_start + PX_PAGE - 1) & ~(PX_PAGE - 1);
	m->heap_end = l.heap_end & ~(PX_PAGE - 1);
	m->npages = m->heap_end > m->heap_start ? (m->heap_end - m->heap_start) / PX_PAGE : 0;
	m->used = NULL;
	m->nwords = 0;
	m->hint = 0;
	m->tp_slot = l.tp_slot;
	m->ready = 1;
	return 0;
}

void px_mem_free(struct sfi_posix *px)
{
	free(px->mem.used);
	px->mem = (struct px_mem){ 0 };
}

/* First fit from the hint; whole words of used pages are skipped at once. */
static int64_t find_free(struct px_mem *m, uint64_t n)
{
	uint64_t run = 0;
	for (uint64_t i = m->hint; i < m->npages; i++) {
		if (run == 0 && i % BITS == 0 && i / BITS < m->nwords && m->used[i / BITS] == ~0ULL) {
			i += BITS - 1;
			continue;
		}
		if (test(m, i)) {
			run = 0;
			continue;
		}
		if (++run == n)
			return (int64_t)(i + 1 - n);
	}
	return -1;
}

/* 1 if every page of [addr, addr+len) is in the heap area (len page-aligned, nonzero). */
static int in_heap(const struct px_mem *m, uint64_t addr, uint64_t len)
{
	return len && addr >= m->heap_start && addr <= m->heap_end && len <= m->heap_end - addr;
}

static int all_used(const struct px_mem *m, uint64_t first, uint64_t n)
{
	for (uint64_t i = first; i < first + n; i++)
		if (!test(m, i))
			return 0;
	return 1;
}

static int64_t map_at(struct sfi_posix *px, uint64_t addr, uint64_t len)
{
	if (cover(&px->mem, (addr - px->mem.heap_start + len) / PX_PAGE))
		return -ENOMEM;
	sfi_status st = sfi_sandbox_map(px->sb, addr, len, SFI_PROT_READ | SFI_PROT_WRITE);
	if (st != SFI_OK)
		return -ENOMEM; /* memory limit (SFI_ERR_LIMIT) or host out of memory */
	mark(&px->mem, (addr - px->mem.heap_start) / PX_PAGE, len / PX_PAGE, 1);
	return (int64_t)addr;
}

int64_t px_mem_alloc(struct sfi_posix *px, uint64_t len)
{
	int r = px_mem_init(px);
	if (r)
		return r;
	struct px_mem *m = &px->mem;
	if (!len || len > m->heap_end - m->heap_start)
		return -ENOMEM;
	len = (len + PX_PAGE - 1) & ~(PX_PAGE - 1);
	int64_t first = find_free(m, len / PX_PAGE);
	if (first < 0)
		return -ENOMEM;
	return map_at(px, m->heap_start + (uint64_t)first * PX_PAGE, len);
}

static int64_t unmap(struct sfi_posix *px, uint64_t addr, uint64_t len)
{
	if (sfi_sandbox_unmap(px->sb, addr, len) != SFI_OK)
		return -EINVAL;
	mark(&px->mem, (addr - px->mem.heap_start) / PX_PAGE, len / PX_PAGE, 0);
	return 0;
}

/* Private file mappings are copies: the file is read into fresh anonymous pages. Shared
 * mappings of files cannot be offered (the page would have to be the host's). */
static int64_t fill_from_file(struct sfi_posix *px, uint64_t addr, uint64_t len, uint64_t fd,
                              uint64_t off)
{
	struct px_fd *f = px_fd_get(px, fd);
	if (!f)
		return -EBADF;
	void *p;
	if (px_writable(px, addr, len, &p))
		return -EFAULT;
	uint64_t done = 0;
	while (done < len) {
		ssize_t n = pread(f->host, (char *)p + done, len - done, (off_t)(off + done));
		if (n < 0)
			return -errno;
		if (n == 0)
			break; /* past EOF the pages stay zero */
		done += (uint64_t)n;
	}
	return 0;
}

int64_t px_sys_mmap(struct sfi_posix *px, const uint64_t a[6])
{
	uint64_t addr = a[0], len = a[1], prot = a[2], flags = a[3], fd = a[4], off = a[5];
	int r = px_mem_init(px);
	if (r)
		return r;
	if (prot & PROT_EXEC)
		return -EACCES; /* R23: the sandbox never gets executable memory */
	if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE))
		return -EINVAL;
	if (!len || (off & (PX_PAGE - 1)))
		return -EINVAL;
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		return (flags & MAP_ANONYMOUS) ? -EINVAL : -ENODEV; /* no shared mappings */
	if (flags & ~(uint64_t)(MAP_TYPE | MAP_ANONYMOUS | MAP_FIXED | MAP_FIXED_NOREPLACE |
	                        MAP_NORESERVE | MAP_POPULATE | MAP_STACK))
		return -EINVAL;
	if (len > UINT64_MAX - PX_PAGE)
		return -ENOMEM;
	len = (len + PX_PAGE - 1) & ~(PX_PAGE - 1);
	struct px_mem *m = &px->mem;
	int64_t res;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & (PX_PAGE - 1))
			return -EINVAL;
		if (!in_heap(m, addr, len))
			return -ENOMEM; /* only the heap area can be mapped over */
		uint64_t first = (addr - m->heap_start) / PX_PAGE;
		if ((flags & MAP_FIXED_NOREPLACE)) {
			for (uint64_t i = first; i < first + len / PX_PAGE; i++)
				if (test(m, i))
					return -EEXIST;
		}
		res = map_at(px, addr, len); /* fresh zero pages replace what was there */
	} else {
		res = px_mem_alloc(px, len); /* the hint is ignored: placement is ours */
	}
	if (res < 0 || (flags & MAP_ANONYMOUS))
		return res;
	int64_t e = fill_from_file(px, (uint64_t)res, len, fd, off);
	if (e) {
		unmap(px, (uint64_t)res, len);
		return e;
	}
	return res;
}

int64_t px_sys_munmap(struct sfi_posix *px, const uint64_t a[6])
{
	uint64_t addr = a[0], len = a[1];
	int r = px_mem_init(px);
	if (r)
		return r;
	if ((addr & (PX_PAGE - 1)) || !len || len > UINT64_MAX - PX_PAGE)
		return -EINVAL;
	len = (len + PX_PAGE - 1) & ~(PX_PAGE - 1);
	if (!in_heap(&px->mem, addr, len))
		return -EINVAL; /* the image, stack and runtime pages are not the sandbox's to drop */
	return unmap(px, addr, len);
}

/* Enforced through libsfi (sfi_sandbox_protect), which keeps the contents and makes the
 * checked exchange follow: the host's own reads and writes for later system calls (read into
 * a read-only buffer, say) fail with EFAULT like the kernel's would. */
int64_t px_sys_mprotect(struct sfi_posix *px, const uint64_t a[6])
{
	uint64_t addr = a[0], len = a[1], prot = a[2];
	int r = px_mem_init(px);
	if (r)
		return r;
	if (prot & PROT_EXEC)
		return -EACCES; /* R23 */
	if ((addr & (PX_PAGE - 1)) || (prot & ~(uint64_t)(PROT_READ | PROT_WRITE)) ||
	    len > UINT64_MAX - PX_PAGE)
		return -EINVAL;
	len = (len + PX_PAGE - 1) & ~(PX_PAGE - 1);
	if (!len)
		return 0;
	struct px_mem *m = &px->mem;
	if (!in_heap(m, addr, len) || !all_used(m, (addr - m->heap_start) / PX_PAGE, len / PX_PAGE))
		return -ENOMEM;
	int p = (prot & PROT_READ ? SFI_PROT_READ : 0) | (prot & PROT_WRITE ? SFI_PROT_WRITE : 0);
	sfi_status st = sfi_sandbox_protect(px->sb, addr, len, p);
	if (st == SFI_OK)
		return 0;
	return st == SFI_ERR_NOMEM ? -ENOMEM : -EINVAL;
}

/* 1 if [addr, addr+len) is all readable and writable (mremap and madvise replace pages with
 * fresh read-write ones, which must not undo an mprotect). */
static int all_rw(struct sfi_posix *px, uint64_t addr, uint64_t len)
{
	void *p;
	return sfi_translate(px->sb, addr, len, &p) == SFI_OK;
}

int64_t px_sys_mremap(struct sfi_posix *px, const uint64_t a[6])
{
	uint64_t old = a[0], olen = a[1], nlen = a[2], flags = a[3];
	int r = px_mem_init(px);
	if (r)
		return r;
	if ((old & (PX_PAGE - 1)) || !nlen || (flags & ~(uint64_t)MREMAP_MAYMOVE) ||
	    olen > UINT64_MAX - PX_PAGE || nlen > UINT64_MAX - PX_PAGE)
		return -EINVAL;
	olen = (olen + PX_PAGE - 1) & ~(PX_PAGE - 1);
	nlen = (nlen + PX_PAGE - 1) & ~(PX_PAGE - 1);
	struct px_mem *m = &px->mem;
	if (!in_heap(m, old, olen) || !all_used(m, (old - m->heap_start) / PX_PAGE, olen / PX_PAGE))
		return -EFAULT;
	/* Growing or moving maps fresh read-write pages and copies: only for read-write pages
	 * (a re-protected range would lose its protection, or could not be read). */
	if (nlen > olen && !all_rw(px, old, olen))
		return -EFAULT;
	if (nlen <= olen) {
		if (nlen < olen)
			unmap(px, old + nlen, olen - nlen);
		return (int64_t)old;
	}
	/* Grow in place when the pages after it are free. */
	uint64_t next = (old + olen - m->heap_start) / PX_PAGE, extra = (nlen - olen) / PX_PAGE;
	int free_after = in_heap(m, old + olen, nlen - olen);
	for (uint64_t i = next; free_after && i < next + extra; i++)
		if (test(m, i))
			free_after = 0;
	if (free_after) {
		int64_t res = map_at(px, old + olen, nlen - olen);
		return res < 0 ? res : (int64_t)old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	int64_t res = px_mem_alloc(px, nlen);
	if (res < 0)
		return res;
	memcpy((void *)(uintptr_t)res, (const void *)(uintptr_t)old, olen); /* both checked RW */
	unmap(px, old, olen);
	return res;
}

int64_t px_sys_madvise(struct sfi_posix *px, const uint64_t a[6])
{
	uint64_t addr = a[0], len = a[1], advice = a[2];
	int r = px_mem_init(px);
	if (r)
		return r;
	if ((addr & (PX_PAGE - 1)) || len > UINT64_MAX - PX_PAGE)
		return -EINVAL;
	len = (len + PX_PAGE - 1) & ~(PX_PAGE - 1);
	if (!len)
		return 0;
	struct px_mem *m = &px->mem;
	if (!in_heap(m, addr, len) || !all_used(m, (addr - m->heap_start) / PX_PAGE, len / PX_PAGE))
		return -ENOMEM;
	if (advice == MADV_DONTNEED || advice == MADV_FREE) {
		if (!all_rw(px, addr, len))
			return -EINVAL; /* fresh pages would be read-write: see docs/runtime.md */
		/* Give the memory back to the host; the pages read as zero afterwards, which is
		 * what DONTNEED promises and FREE allows. */
		int64_t res = map_at(px, addr, len);
		return res < 0 ? res : 0;
	}
	return 0; /* other advice is only advice */
}

int64_t px_sys_brk(struct sfi_posix *px, const uint64_t a[6])
{
	(void)a;
	int r = px_mem_init(px);
	if (r)
		return r;
	return (int64_t)px->mem.heap_start; /* never moves: the caller falls back to mmap */
}
