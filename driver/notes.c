/* R20: every .note.sfi in a module must be the same, and the loader refuses
 * a module whose notes differ. sfi-as writes the note from its options, so
 * objects assembled with different ones (-Wa,--stores-only,
 * --sfi-thread-safe-returns) disagree, and lld just concatenates their
 * notes. After the link this file compares the notes in the output and, if
 * they differ, names the inputs that carry each one: the user learns it at
 * link time, from the driver, instead of from the loader. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sfi-clang.h"

/* The descriptor: ABI version, memory mode, policy, flags (R20). */
struct sfi_note {
	uint32_t word[4];
};

struct note_list {
	struct sfi_note *v;
	size_t n;
};

static int same_note(const struct sfi_note *a, const struct sfi_note *b)
{
	return !memcmp(a->word, b->word, sizeof a->word);
}

/* Adds `n` unless the list has it already. */
static void add_distinct(struct note_list *l, const struct sfi_note *n)
{
	for (size_t i = 0; i < l->n; i++)
		if (same_note(&l->v[i], n))
			return;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = *n;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The distinct SFI notes (name "SFI", type 1, 16-byte descriptor) in the
 * .note.sfi sections of one ELF image. Other notes are not ours. */
static void notes_of_elf(const unsigned char *p, size_t size, struct note_list *out)
{
	struct elf_view e;
	if (elf_view_init(&e, p, size))
		return;
	for (size_t i = 0; i < e.eh->e_shnum; i++) {
		const Elf64_Shdr *s = &e.sh[i];
		const char *name = elf_section_name(&e, s);
		if (s->sh_type != SHT_NOTE || !name || strcmp(name, ".note.sfi") ||
		    !elf_in_bounds(&e, s->sh_offset, s->sh_size))
			continue;
		const unsigned char *q = p + s->sh_offset, *end = q + s->sh_size;
		while (end - q >= 12) {
			uint32_t namesz = le32(q), descsz = le32(q + 4), type = le32(q + 8);
			size_t name_len = ((size_t)namesz + 3) & ~(size_t)3;
			size_t desc_len = ((size_t)descsz + 3) & ~(size_t)3;
			q += 12;
			if (name_len > (size_t)(end - q) || desc_len > (size_t)(end - q) - name_len)
				break;
			if (namesz == 4 && !memcmp(q, "SFI", 4) && type == 1 && descsz == 16) {
				struct sfi_note n;
				for (int k = 0; k < 4; k++)
					n.word[k] = le32(q + name_len + 4 * k);
				add_distinct(out, &n);
			}
			q += name_len + desc_len;
		}
	}
}

/* One linker input and the notes in it (for an archive: in any member). */
struct input_notes {
	const char *name;
	struct note_list notes;
};

/* The distinct notes of the members of an ar archive ("!<arch>\n", as
 * llvm-ar and GNU ar write it; thin archives hold no member data). */
static void notes_of_archive(const unsigned char *p, size_t size, struct note_list *out)
{
	size_t off = 8;
	while (off + 60 <= size) {
		const unsigned char *h = p + off;
		if (h[58] != '`' || h[59] != '\n')
			return;
		char digits[11];
		memcpy(digits, h + 48, 10);
		digits[10] = 0;
		char *endp;
		unsigned long long len = strtoull(digits, &endp, 10);
		off += 60;
		if (endp == digits || len > size - off)
			return;
		/* The symbol table ("/", "/SYM64/") and long-name table ("//") are
		 * not ELF; notes_of_elf ignores them. */
		notes_of_elf(p + off, (size_t)len, out);
		off += (size_t)len + (len & 1);
	}
}

/* The inputs of an ld.lld command line: every argument that names a
 * readable ELF file or archive, except the output. */
static size_t collect_inputs(const struct strvec *ld, struct input_notes **out)
{
	struct input_notes *in = NULL;
	size_t n = 0;
	for (size_t i = 1; i < ld->n; i++) {
		const char *a = ld->v[i];
		if (!strcmp(a, "-o") || !strcmp(a, "-z")) {
			i++;
			continue;
		}
		if (a[0] == '-')
			continue;
		struct mapped_file m;
		if (mapped_file_open(a, &m))
			continue;
		struct note_list notes = { 0 };
		if (m.size >= 8 && !memcmp(m.p, "!<arch>\n", 8))
			notes_of_archive(m.p, m.size, &notes);
		else
			notes_of_elf(m.p, m.size, &notes);
		mapped_file_close(&m);
		in = xrealloc(in, (n + 1) * sizeof *in);
		in[n++] = (struct input_notes){ .name = a, .notes = notes };
	}
	*out = in;
	return n;
}

static const char *describe(const struct sfi_note *n)
{
	const char *policy = n->word[2] == 0 ? "loads+stores"
	                   : n->word[2] == 1 ? "stores-only" : "unknown policy";
	const char *flags = n->word[3] & 1 ? ", thread-safe returns" : "";
	if (n->word[0] == 1 && n->word[1] == 0)
		return xasprintf("%s%s", policy, flags);
	return xasprintf("%s%s (ABI version %u, memory mode %u)", policy, flags,
	                 (unsigned)n->word[0], (unsigned)n->word[1]);
}

/* The name the user knows an input by: the source file for the driver's own
 * temporary objects. */
static const char *display_name(const struct options *o, const char *path)
{
	for (size_t i = 0; i < o->nitems; i++)
		if (o->items[i].obj && !strcmp(o->items[i].obj, path))
			return o->items[i].arg;
	return path;
}

/* "note: <note>: a.c, b.o, ..." for every input that carries `n`. */
static void name_inputs_with(const struct options *o, const struct sfi_note *n,
                             const struct input_notes *in, size_t nin)
{
	enum { SHOWN = 8 };
	const char *list = "";
	size_t count = 0;
	for (size_t i = 0; i < nin; i++)
		for (size_t k = 0; k < in[i].notes.n; k++)
			if (same_note(&in[i].notes.v[k], n)) {
				if (count < SHOWN)
					list = xasprintf("%s%s%s", list, count ? ", " : "",
					                 display_name(o, in[i].name));
				count++;
				break;
			}
	if (count > SHOWN)
		list = xasprintf("%s and %zu more", list, count - SHOWN);
	note("%s: %s", describe(n), count ? list : "(no input file: an archive member?)");
}

int link_and_check_notes(const struct options *o, struct strvec *ld, const char *out)
{
	int rc = run(o, ld);
	if (rc || o->dry_run)
		return rc;
	struct mapped_file m;
	if (mapped_file_open(out, &m))
		return 0; /* e.g. -o /dev/null: nothing to check */
	struct note_list module = { 0 };
	notes_of_elf(m.p, m.size, &module);
	mapped_file_close(&m);
	if (module.n <= 1)
		return 0;

	error("the linked objects carry different sandbox notes (.note.sfi, R20), and the loader "
	      "refuses such a module; assemble them all with the same policy "
	      "(-Wa,--stores-only) and return form (--sfi-thread-safe-returns)");
	struct input_notes *in;
	size_t nin = collect_inputs(ld, &in);
	for (size_t k = 0; k < module.n; k++)
		name_inputs_with(o, &module.v[k], in, nin);
	if (unlink(out) && errno != ENOENT)
		warning("cannot remove '%s': %s", out, strerror(errno));
	return 1;
}
