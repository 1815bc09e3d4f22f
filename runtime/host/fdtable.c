/* The per-sandbox fd table: guest fd -> host fd. The guest never sees or names a host fd,
 * so it can only use files the layer opened for it (plus the host's 0-2, passed through). */
#include "internal.h"

#include <unistd.h>

/* Only fds[0, nfds) are initialised: the table grows as fds are installed, instead of 1024
 * entries being set and scanned on every creation and destruction of the layer (part of
 * every instantiation). */
void px_fd_init(struct sfi_posix *px)
{
	for (int i = 0; i < 3; i++)
		/* tty -1: not known yet. isatty (an ioctl) runs at the first terminal query
		 * (io.c), not here: most sandboxes never make one, and creating the layer is
		 * part of every instantiation. */
		px->fds[i] = (struct px_fd){ .host = i, .owned = 0, .tty = -1 };
	px->nfds = 3;
}

void px_fd_close_all(struct sfi_posix *px)
{
	for (int i = 0; i < px->nfds; i++)
		px_fd_close(px, (uint64_t)i);
}

struct px_fd *px_fd_get(struct sfi_posix *px, uint64_t guest)
{
	if (guest >= (uint64_t)px->nfds || px->fds[guest].host < 0)
		return NULL;
	return &px->fds[guest];
}

/* Takes ownership of host. Returns the lowest free guest fd >= min, or -EMFILE (and closes
 * host) when the table is full. */
int px_fd_install(struct sfi_posix *px, int host, int readonly, int cloexec, int min)
{
	for (int i = min < 0 ? 0 : min; i < PX_MAX_FDS; i++) {
		while (px->nfds <= i) /* entries up to i become initialised (and free) */
			px->fds[px->nfds++] = (struct px_fd){ .host = -1 };
		if (px->fds[i].host < 0) {
			px->fds[i] = (struct px_fd){ .host = host, .readonly = readonly,
			                             .cloexec = cloexec, .owned = 1 };
			return i;
		}
	}
	close(host);
	return -EMFILE;
}

int px_fd_close(struct sfi_posix *px, uint64_t guest)
{
	struct px_fd *f = px_fd_get(px, guest);
	if (!f)
		return -EBADF;
	if (f->owned)
		close(f->host);
	*f = (struct px_fd){ .host = -1 };
	return 0;
}
