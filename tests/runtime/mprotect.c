/* mprotect is enforced (libsfi's sfi_sandbox_protect): a read-only page keeps its contents
 * and stays readable, the host's checked copies honour it (read() into it is EFAULT),
 * read-write again works, PROT_EXEC and pages that are not the heap's are refused, and a
 * write to a read-only page ends the sandbox with a fault: nothing after it runs. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096

static int fails;

static void expect(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL %s (errno %d)\n", what, errno);
		fails++;
	}
}

int main(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	p[0] = 'a';
	p[PAGE] = 'b';
	expect(mprotect(p + PAGE, PAGE, PROT_READ) == 0, "mprotect read-only");
	expect(p[PAGE] == 'b', "contents kept");
	int fd = open("/box/inside.txt", O_RDONLY);
	expect(fd >= 0, "open");
	errno = 0;
	expect(read(fd, p + PAGE, 4) == -1 && errno == EFAULT, "read() into a read-only page");
	expect(read(fd, p, 4) == 4 && p[0] == 'i', "read() into the read-write page");
	close(fd);
	errno = 0;
	expect(mprotect(p, PAGE, PROT_READ | PROT_EXEC) == -1 && errno == EACCES, "PROT_EXEC");
	errno = 0;
	expect(mprotect((void *)((uintptr_t)&fd & ~(uintptr_t)(PAGE - 1)), PAGE, PROT_READ) == -1 &&
	           errno == ENOMEM, "the stack");
	errno = 0;
	expect(mprotect((void *)((uintptr_t)main & ~(uintptr_t)(PAGE - 1)), PAGE, PROT_READ) == -1,
	       "the code");
	errno = 0;
	/* musl's mprotect rounds the address down: ask the host layer directly */
	expect(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ) == -1 && errno == EINVAL, "unaligned");

	/* A page inside a malloc'd block: read-only and back (before free touches it). */
	char *m = malloc(8 * PAGE);
	expect(m != NULL, "malloc");
	char *mp = (char *)(((uintptr_t)m + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
	mp[0] = 'm';
	expect(mprotect(mp, PAGE, PROT_READ) == 0, "mprotect malloc'd page read-only");
	expect(mp[0] == 'm', "malloc'd contents kept");
	expect(mprotect(mp, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect malloc'd page read-write");
	mp[0] = 'n';
	expect(mp[0] == 'n', "write after read-write again");
	free(m);

	expect(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect read-write again");
	p[PAGE] = 'c';
	expect(p[PAGE] == 'c', "write after read-write again");
	expect(mprotect(p + PAGE, PAGE, PROT_READ) == 0, "mprotect read-only again");
	printf("%s\n", fails ? "failures" : "checks passed");
	puts("writing to a read-only page");
	fflush(stdout);
	*(volatile char *)(p + PAGE) = 'd';
	puts("after");
	return 0;
}
