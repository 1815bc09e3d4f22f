/* ELF side of sfi-capcheck: find the executable bytes with libelf and hand them to
 * capcheck_check_region(). Objects (ET_REL) are checked section by section, modules
 * (ET_DYN, ET_EXEC) segment by segment, as the loader maps them (R5, R20). */
#include "capcheck.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *errs(const capcheck_out *out)
{
    return out->report ? out->report : stderr;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Offsets of every relocated field in section `target` (from its SHT_RELA/SHT_REL sections). */
static uint64_t *collect_relocs(Elf *e, size_t target, size_t *n)
{
    uint64_t *v = NULL;
    size_t cap = 0;
    *n = 0;
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(s, &sh) || sh.sh_info != target ||
            (sh.sh_type != SHT_RELA && sh.sh_type != SHT_REL) || sh.sh_entsize == 0)
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        size_t count = d ? d->d_size / sh.sh_entsize : 0;
        for (size_t k = 0; k < count; k++) {
            GElf_Rela ra;
            GElf_Rel rl;
            uint64_t off;
            if (sh.sh_type == SHT_RELA) {
                if (!gelf_getrela(d, (int)k, &ra))
                    continue;
                off = ra.r_offset;
            } else {
                if (!gelf_getrel(d, (int)k, &rl))
                    continue;
                off = rl.r_offset;
            }
            if (*n == cap) {
                cap = cap ? 2 * cap : 64;
                uint64_t *nv = realloc(v, cap * sizeof *v);
                if (!nv)
                    break;
                v = nv;
            }
            v[(*n)++] = off;
        }
    }
    if (v)
        qsort(v, *n, sizeof *v, cmp_u64);
    return v;
}

/* The R11 policy from the first "SFI" type-1 note of any SHT_NOTE section (R20): 1 means
 * stores-only. No note means the default, loads+stores (the stricter check). */
static int read_policy(Elf *e)
{
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_NOTE)
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        GElf_Nhdr nh;
        size_t off = 0, next, name_off, desc_off;
        while (d && (next = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
            const char *base = d->d_buf;
            if (nh.n_type == 1 && nh.n_namesz == 4 && memcmp(base + name_off, "SFI", 4) == 0 &&
                nh.n_descsz == 16) {
                uint32_t desc[4];
                memcpy(desc, base + desc_off, sizeof desc);
                return desc[2] == 1;
            }
            off = next;
        }
    }
    return 0;
}

static long check_object(Elf *e, const char *path, const capcheck_out *out)
{
    size_t shstrndx;
    long total = 0;
    if (elf_getshdrstrndx(e, &shstrndx) != 0)
        return -1;
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        const char *name = elf_strptr(e, shstrndx, sh.sh_name);
        capcheck_region r = {
            .file = path,
            .name = name ? name : "?",
            .code = d && d->d_buf ? d->d_buf : (const uint8_t *)"",
            .size = d ? d->d_size : 0,
            .vaddr = 0,
            .stores_only = read_policy(e),
        };
        /* An object's section lands at a multiple of its alignment; less than 32 would let
         * the linker place it across bundle boundaries. */
        if (sh.sh_addralign % 32 != 0 && r.size > 0) {
            fprintf(errs(out), "%s:%s+0x0: section alignment %lu is not a multiple of 32 (R5)\n",
                    path, r.name, (unsigned long)sh.sh_addralign);
            total++;
        }
        size_t n = 0;
        uint64_t *relocs = collect_relocs(e, elf_ndxscn(s), &n);
        r.relocs = relocs;
        r.n_relocs = n;
        long k = capcheck_check_region(&r, out);
        free(relocs);
        if (k < 0)
            return -1;
        total += k;
    }
    return total;
}

static long check_module(Elf *e, const char *path, const capcheck_out *out)
{
    size_t nph, fsize;
    long total = 0;
    const uint8_t *file = (const uint8_t *)elf_rawfile(e, &fsize);
    if (elf_getphdrnum(e, &nph) != 0 || !file)
        return -1;
    capcheck_range *image = calloc(nph + 1, sizeof *image);
    size_t n_image = 0;
    if (!image)
        return -1;
    for (size_t k = 0; k < nph; k++) {
        GElf_Phdr ph;
        if (gelf_getphdr(e, (int)k, &ph) && ph.p_type == PT_LOAD) {
            image[n_image].start = ph.p_vaddr;
            image[n_image++].end = ph.p_vaddr + ph.p_memsz;
        }
    }
    for (size_t k = 0; k < nph && total >= 0; k++) {
        GElf_Phdr ph;
        char name[32];
        if (!gelf_getphdr(e, (int)k, &ph) || ph.p_type != PT_LOAD || !(ph.p_flags & PF_X))
            continue;
        if (ph.p_offset > fsize || ph.p_filesz > fsize - ph.p_offset) {
            fprintf(errs(out), "%s: PT_LOAD[%zu] lies outside the file\n", path, k);
            total = -1;
            break;
        }
        snprintf(name, sizeof name, "PT_LOAD[%zu]", k);
        capcheck_region r = {
            .file = path,
            .name = name,
            .code = file + ph.p_offset,
            .size = ph.p_filesz,
            .vaddr = ph.p_vaddr,
            .image = image,
            .n_image = n_image,
            .stores_only = read_policy(e),
        };
        long c = capcheck_check_region(&r, out);
        total = c < 0 ? -1 : total + c;
    }
    free(image);
    return total;
}

long capcheck_check_file(const char *path, const capcheck_out *out)
{
    long result = -1;
    if (elf_version(EV_CURRENT) == EV_NONE)
        return -1;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(errs(out), "%s: cannot open\n", path);
        return -1;
    }
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh) ||
        gelf_getclass(e) != ELFCLASS64 || eh.e_machine != EM_X86_64) {
        fprintf(errs(out), "%s: not an ELF64 x86-64 file\n", path);
    } else if (eh.e_type == ET_REL) {
        result = check_object(e, path, out);
    } else if (eh.e_type == ET_DYN || eh.e_type == ET_EXEC) {
        result = check_module(e, path, out);
    } else {
        fprintf(errs(out), "%s: neither an object nor a module\n", path);
    }
    if (result < 0 && e && elf_kind(e) == ELF_K_ELF)
        fprintf(errs(out), "%s: unreadable ELF structure or decoder failure\n", path);
    if (e)
        elf_end(e);
    close(fd);
    return result;
}
