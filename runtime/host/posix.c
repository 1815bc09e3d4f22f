/* Creating the layer, granting directories. */
#include "internal.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

sfi_posix *sfi_posix_create(sfi_sandbox *sb)
{
	if (!sb)
		return NULL;
	/* The counts and the memory state start zeroed; the tables and buffers after them are
	 * only read where the counts say they were written (internal.h). */
	struct sfi_posix *px = malloc(sizeof *px);
	if (!px)
		return NULL;
	memset(px, 0, offsetof(struct sfi_posix, cwd));
	px->sb = sb;
	const char *t = getenv("SFI_TRACE_SYSCALLS");
	px->trace = t && *t ? atoi(t) : 0;
	px_fd_init(px);
	strcpy(px->cwd, "/");
	px->umask = 022;
	if (sfi_set_syscall_handler(sb, sfi_posix_syscall, px) != SFI_OK) {
		free(px);
		return NULL;
	}
	return px;
}

void sfi_posix_destroy(sfi_posix *px)
{
	if (!px)
		return;
	sfi_set_syscall_handler(px->sb, NULL, NULL);
	px_fd_close_all(px);
	for (int i = 0; i < px->ngrants; i++) {
		close(px->grants[i].dirfd);
		free(px->grants[i].guest);
	}
	px_mem_free(px);
	free(px);
}

/* "/a//b/" -> "/a/b"; rejects relative paths and "." / ".." components, so that grant
 * prefixes compare component-wise and mean what they say. */
static int normalise_guest(const char *in, char *out, size_t cap)
{
	if (in[0] != '/')
		return -EINVAL;
	size_t n = 0;
	const char *p = in;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if ((len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
			return -EINVAL;
		if (n + 1 + len + 1 > cap)
			return -ENAMETOOLONG;
		out[n++] = '/';
		memcpy(out + n, p, len);
		n += len;
		p += len;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = 0;
	return 0;
}

int sfi_posix_grant(sfi_posix *px, const char *host_dir, const char *guest_path, int readonly)
{
	if (!px || !host_dir)
		return -EINVAL;
	if (px->ngrants == PX_MAX_GRANTS)
		return -ENOSPC;
	char real[PATH_MAX], guest[PATH_MAX];
	if (!realpath(host_dir, real))
		return -errno;
	int r = normalise_guest(guest_path ? guest_path : real, guest, sizeof guest);
	if (r)
		return r;
	int fd = open(real, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	char *g = strdup(guest);
	if (!g) {
		close(fd);
		return -ENOMEM;
	}
	px->grants[px->ngrants++] = (struct px_grant){ .guest = g, .guest_len = strlen(g),
	                                               .dirfd = fd, .readonly = !!readonly };
	if (px->ngrants == 1)
		strcpy(px->cwd, g);
	return 0;
}
