/* Checked access to sandbox memory. Every pointer and length the sandbox passes goes
 * through here; libsfi checks the range against what is really mapped (overflow-safe), so a
 * bad pointer becomes -EFAULT and never a host fault. */
#include "internal.h"

#include <string.h>

int px_writable(struct sfi_posix *px, uint64_t addr, uint64_t len, void **host)
{
	if (len > SIZE_MAX || sfi_translate(px->sb, addr, (size_t)len, host) != SFI_OK)
		return -EFAULT;
	return 0;
}

int px_copy_out(struct sfi_posix *px, void *dst, uint64_t src, uint64_t len)
{
	if (len > SIZE_MAX || sfi_copy_out(px->sb, dst, src, (size_t)len) != SFI_OK)
		return -EFAULT;
	return 0;
}

int px_copy_in(struct sfi_posix *px, uint64_t dst, const void *src, uint64_t len)
{
	if (len > SIZE_MAX || sfi_copy_in(px->sb, dst, src, (size_t)len) != SFI_OK)
		return -EFAULT;
	return 0;
}

/* Copies page by page, so a string that ends just before unmapped memory is still read and
 * one that runs into it is -EFAULT. The string may live in read-only data (literals). */
int px_string(struct sfi_posix *px, uint64_t addr, char *buf, size_t cap)
{
	size_t n = 0;
	while (n < cap) {
		uint64_t a = addr + n;
		if (a < addr)
			return -EFAULT; /* wrapped around */
		size_t chunk = (size_t)(PX_PAGE - (a & (PX_PAGE - 1)));
		if (chunk > cap - n)
			chunk = cap - n;
		if (px_copy_out(px, buf + n, a, chunk))
			return -EFAULT;
		char *nul = memchr(buf + n, 0, chunk);
		if (nul)
			return 0;
		n += chunk;
	}
	return -ENAMETOOLONG;
}
