/* File I/O inside a granted directory (/box): create, write, read back, seek, stat, list,
 * rename, truncate, mkdir/rmdir, unlink; stdio and raw fds. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(c)                                                                            \
	do {                                                                                \
		if (!(c)) {                                                                 \
			printf("FAIL line %d: %s (errno %s)\n", __LINE__, #c, strerror(errno)); \
			exit(1);                                                            \
		}                                                                           \
	} while (0)

int main(void)
{
	char cwd[256];
	CHECK(getcwd(cwd, sizeof cwd));
	printf("cwd %s\n", cwd);

	FILE *f = fopen("/box/a.txt", "w");
	CHECK(f);
	for (int i = 0; i < 1000; i++)
		fprintf(f, "line %d\n", i);
	CHECK(fclose(f) == 0);

	struct stat st;
	CHECK(stat("/box/a.txt", &st) == 0);
	printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));

	f = fopen("a.txt", "r"); /* relative to the cwd */
	CHECK(f);
	char line[64];
	int n = 0;
	while (fgets(line, sizeof line, f))
		n++;
	printf("lines %d last %s", n, line);
	fclose(f);

	int fd = open("/box/a.txt", O_RDWR);
	CHECK(fd >= 0);
	CHECK(lseek(fd, 7, SEEK_SET) == 7);
	char buf[8] = { 0 };
	CHECK(read(fd, buf, 7) == 7);
	printf("at 7: %s", buf);
	CHECK(pwrite(fd, "LINE", 4, 0) == 4);
	CHECK(pread(fd, buf, 6, 0) == 6);
	buf[6] = 0;
	printf("pread %s\n", buf);
	CHECK(ftruncate(fd, 10) == 0);
	CHECK(fstat(fd, &st) == 0);
	printf("truncated %lld\n", (long long)st.st_size);
	CHECK(fsync(fd) == 0);
	int fd2 = dup(fd);
	CHECK(fd2 >= 0 && fd2 != fd);
	CHECK(lseek(fd2, 0, SEEK_END) == 10);
	/* Guest fds far above the others (the layer's table grows up to them), then the lowest
	 * free one again. */
	CHECK(dup2(fd, 1023) == 1023);
	CHECK(fcntl(fd, F_DUPFD, 600) == 600);
	CHECK(lseek(1023, 0, SEEK_SET) == 0 && lseek(600, 0, SEEK_END) == 10);
	CHECK(fcntl(700, F_GETFD) == -1 && errno == EBADF);
	CHECK(dup2(fd, 1024) == -1 && errno == EBADF);
	CHECK(close(1023) == 0 && close(600) == 0 && close(1023) == -1 && errno == EBADF);
	int fd3 = dup(fd);
	printf("fds %d %d %d\n", fd, fd2, fd3);
	CHECK(close(fd3) == 0);
	CHECK(close(fd2) == 0);
	CHECK(close(fd) == 0);

	/* Attributes, path truncate, record locks (sqlite-style). */
	CHECK(chmod("/box/a.txt", 0600) == 0);
	CHECK(stat("/box/a.txt", &st) == 0);
	printf("mode %o\n", (unsigned)(st.st_mode & 07777));
	CHECK(truncate("/box/a.txt", 5) == 0);
	CHECK(stat("/box/a.txt", &st) == 0 && st.st_size == 5);
	struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	CHECK(utimensat(AT_FDCWD, "/box/a.txt", times, 0) == 0);
	CHECK(stat("/box/a.txt", &st) == 0);
	printf("mtime %lld\n", (long long)st.st_mtime);
	fd = open("/box/a.txt", O_RDWR);
	CHECK(fd >= 0);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
	CHECK(fcntl(fd, F_SETLK, &fl) == 0);
	fl.l_type = F_UNLCK;
	CHECK(fcntl(fd, F_SETLK, &fl) == 0);
	CHECK(fchmod(fd, 04755) == 0); /* set-id bits are dropped */
	CHECK(fstat(fd, &st) == 0);
	printf("fchmod %o\n", (unsigned)(st.st_mode & 07777));
	CHECK(fdatasync(fd) == 0);
	CHECK(close(fd) == 0);

	CHECK(mkdir("/box/sub", 0755) == 0);
	CHECK(rename("/box/a.txt", "/box/sub/b.txt") == 0);
	CHECK(access("/box/sub/b.txt", R_OK | W_OK) == 0);
	CHECK(access("/box/a.txt", F_OK) == -1 && errno == ENOENT);

	DIR *d = opendir("/box/sub");
	CHECK(d);
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			printf("entry %s\n", e->d_name);
	closedir(d);

	CHECK(chdir("sub") == 0);
	CHECK(getcwd(cwd, sizeof cwd));
	printf("cwd %s\n", cwd);
	CHECK(unlink("b.txt") == 0);
	CHECK(chdir("/box") == 0);
	CHECK(rmdir("/box/sub") == 0);
	CHECK(stat("/box/sub", &st) == -1 && errno == ENOENT);

	/* Read-only grant: reading works. */
	f = fopen("/ro/ro.txt", "r");
	CHECK(f);
	CHECK(fgets(line, sizeof line, f));
	printf("ro: %s", line);
	fclose(f);
	puts("done");
	return 0;
}
