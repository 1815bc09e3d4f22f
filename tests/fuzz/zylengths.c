/* sfi-zylengths: Zydis's view of the code in ELF files, in sfi-capcheck's --lengths format
 * (tests/capcheck/README.md), so that a test can diff the two decoders' views.
 *
 *   sfi-zylengths [--agree] [-o OUT.lst] ELF...
 *
 * Regions are chosen exactly as sfi-capcheck chooses them: every SHT_PROGBITS
 * SHF_EXECINSTR section of an ET_REL object (offsets from 0), every executable PT_LOAD of
 * an ET_DYN/ET_EXEC module (offsets = virtual addresses). Undecodable bytes print
 * "0x<off> ?" and decoding resumes at the next byte, as in sfi-capcheck, so the two dumps
 * stay aligned after a disagreement.
 * --agree also decodes every instruction with Capstone in-process (agree.h) and compares
 * displacement, address size and segment too, which the dump format does not carry.
 * Exit status: 0 ok, 1 --agree found a disagreement, 2 usage or unreadable input. */
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "agree.h"

typedef struct tool {
    FILE *out;
    bool agree;
    agree_ctx ctx;
    long disagreements;
} tool;

static void dump_region(tool *t, const char *path, const char *name, const uint8_t *code,
                        size_t size, uint64_t vaddr)
{
    fprintf(t->out, "# %s:%s\n", path, name);
    for (size_t off = 0; off < size;) {
        zyview z;
        if (!zyview_decode(&t->ctx.zydis, code + off, size - off, &z)) {
            fprintf(t->out, "0x%" PRIx64 " ?\n", vaddr + off);
            off++;
            continue;
        }
        fprintf(t->out, "0x%" PRIx64 " %u %s %s %u\n", vaddr + off, z.length, z.base, z.index,
                z.scale);
        char why[256];
        if (t->agree && !agree_insn(&t->ctx, code + off, size - off, vaddr + off, why, sizeof why)) {
            fprintf(stderr, "%s:%s+0x%zx: decoders disagree: %s\n", path, name, off, why);
            t->disagreements++;
        }
        off += z.length;
    }
}

static int do_file(tool *t, const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        perror(path);
        return 2;
    }
    int status = 0;
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    size_t shstrndx, nph, fsize;
    if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh) || eh.e_machine != EM_X86_64) {
        fprintf(stderr, "%s: not an ELF x86-64 file\n", path);
        status = 2;
    } else if (eh.e_type == ET_REL) {
        if (elf_getshdrstrndx(e, &shstrndx) != 0)
            status = 2;
        for (Elf_Scn *s = NULL; status == 0 && (s = elf_nextscn(e, s));) {
            GElf_Shdr sh;
            if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_PROGBITS ||
                !(sh.sh_flags & SHF_EXECINSTR))
                continue;
            Elf_Data *d = elf_getdata(s, NULL);
            const char *name = elf_strptr(e, shstrndx, sh.sh_name);
            dump_region(t, path, name ? name : "?", d && d->d_buf ? d->d_buf : (const void *)"",
                        d ? d->d_size : 0, 0);
        }
    } else if (eh.e_type == ET_DYN || eh.e_type == ET_EXEC) {
        const uint8_t *file = (const uint8_t *)elf_rawfile(e, &fsize);
        if (elf_getphdrnum(e, &nph) != 0 || !file)
            status = 2;
        for (size_t k = 0; status == 0 && k < nph; k++) {
            GElf_Phdr ph;
            char name[32];
            if (!gelf_getphdr(e, (int)k, &ph) || ph.p_type != PT_LOAD || !(ph.p_flags & PF_X))
                continue;
            if (ph.p_offset > fsize || ph.p_filesz > fsize - ph.p_offset) {
                fprintf(stderr, "%s: PT_LOAD[%zu] lies outside the file\n", path, k);
                status = 2;
                break;
            }
            snprintf(name, sizeof name, "PT_LOAD[%zu]", k);
            dump_region(t, path, name, file + ph.p_offset, ph.p_filesz, ph.p_vaddr);
        }
    } else {
        fprintf(stderr, "%s: neither an object nor a module\n", path);
        status = 2;
    }
    if (e)
        elf_end(e);
    close(fd);
    return status;
}

int main(int argc, char **argv)
{
    tool t = {.out = stdout};
    const char *out_path = NULL;
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "--agree") == 0)
            t.agree = true;
        else if (strcmp(argv[first], "-o") == 0 && first + 1 < argc)
            out_path = argv[++first];
        else
            break;
    }
    if (first >= argc) {
        fputs("usage: sfi-zylengths [--agree] [-o OUT.lst] ELF...\n", stderr);
        return 2;
    }
    if (out_path && !(t.out = fopen(out_path, "w"))) {
        perror(out_path);
        return 2;
    }
    if (elf_version(EV_CURRENT) == EV_NONE || !agree_open(&t.ctx)) {
        fputs("sfi-zylengths: cannot initialise libelf or Capstone\n", stderr);
        return 2;
    }
    int status = 0;
    for (int k = first; k < argc; k++) {
        int s = do_file(&t, argv[k]);
        if (s > status)
            status = s;
    }
    agree_close(&t.ctx);
    if (t.out != stdout && fclose(t.out) != 0) {
        perror(out_path);
        status = 2;
    }
    if (status == 0 && t.disagreements)
        status = 1;
    return status;
}
