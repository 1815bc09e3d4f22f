/* Read-only access to the ELF files the driver inspects after lld ran: the
 * trial output (imports.c) and the objects, archives and modules whose
 * .note.sfi it compares (notes.c). Every offset is bounds-checked: these
 * files come from lld or the user, and a bad one must give a diagnostic,
 * not a driver crash. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sfi-clang.h"

int mapped_file_open(const char *path, struct mapped_file *m)
{
	m->p = NULL;
	m->size = 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	struct stat st;
	void *map = MAP_FAILED;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	int saved = errno;
	close(fd);
	if (map == MAP_FAILED) {
		errno = saved;
		return -1;
	}
	m->p = map;
	m->size = (size_t)st.st_size;
	return 0;
}

void mapped_file_close(struct mapped_file *m)
{
	if (m->p)
		munmap((void *)m->p, m->size);
	m->p = NULL;
}

int elf_in_bounds(const struct elf_view *e, Elf64_Off off, Elf64_Xword n)
{
	return off <= e->size && n <= e->size - off;
}

int elf_view_init(struct elf_view *e, const unsigned char *p, size_t size)
{
	e->p = p;
	e->size = size;
	e->eh = (const void *)p;
	e->sh = NULL;
	if (!elf_in_bounds(e, 0, sizeof *e->eh) || memcmp(e->eh->e_ident, ELFMAG, SELFMAG) ||
	    e->eh->e_ident[EI_CLASS] != ELFCLASS64 || e->eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !elf_in_bounds(e, e->eh->e_shoff, (Elf64_Xword)e->eh->e_shnum * sizeof(Elf64_Shdr)))
		return -1;
	e->sh = (const void *)(p + e->eh->e_shoff);
	return 0;
}

const char *elf_section_name(const struct elf_view *e, const Elf64_Shdr *s)
{
	size_t k = e->eh->e_shstrndx;
	if (k >= e->eh->e_shnum)
		return NULL;
	const Elf64_Shdr *strtab = &e->sh[k];
	if (!elf_in_bounds(e, strtab->sh_offset, strtab->sh_size) || s->sh_name >= strtab->sh_size)
		return NULL;
	const char *name = (const char *)e->p + strtab->sh_offset + s->sh_name;
	return memchr(name, 0, strtab->sh_size - s->sh_name) ? name : NULL;
}
