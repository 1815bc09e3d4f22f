/* Modules: read once, verify, parse (R20, R21), and map into a slot.
 *
 * The order is what makes this safe:
 *   1. the whole file is copied into host memory once; nothing is read from the file again;
 *   2. sfi_verify_module() checks that copy (structure, note, code);
 *   3. libelf parses the same copy; every field the mapping uses is range-checked here too,
 *      so a verifier/loader disagreement cannot make us map something unchecked;
 *   4. the code pages are assembled in a host buffer (0xf4 = hlt everywhere outside the code
 *      segment's bytes) and exactly those bytes are verified again with sfi_verify_code();
 *   5. they are written into a memfd that is then sealed against writes, and mapped R+X
 *      (MAP_SHARED, so all instances of a module share the code pages). Code is never mapped
 *      writable, in the slot or anywhere else (R23). */
#include "internal.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif
#ifndef DT_RELRSZ
#define DT_RELRSZ 35
#define DT_RELR 36
#endif

#define BAD(...) (sfi__errf(err, errlen, __VA_ARGS__), SFI_ERR_BAD_MODULE)

static void module_free(struct sfi_module *m) {
    if (!m) return;
    free(m->file);
    free(m->relocs);
    for (size_t i = 0; i < m->nexports; i++) free(m->exports[i].name);
    free(m->exports);
    for (size_t i = 0; i < m->nimports; i++) free(m->imports[i].name);
    free(m->imports);
    if (m->memfd >= 0) close(m->memfd);
    free(m);
}

void sfi__module_ref(struct sfi_module *m) { atomic_fetch_add(&m->refs, 1); }

void sfi_module_release(sfi_module *m) {
    if (m && atomic_fetch_sub(&m->refs, 1) == 1) module_free(m);
}

static int cmp_export(const void *a, const void *b) {
    return strcmp(((const struct sfi_export *)a)->name, ((const struct sfi_export *)b)->name);
}

const struct sfi_export *sfi__module_find_export(const struct sfi_module *m, const char *name) {
    struct sfi_export key = {(char *)name, 0};
    if (!m->nexports) return NULL;
    return bsearch(&key, m->exports, m->nexports, sizeof key, cmp_export);
}

/* Segment (by index) whose memory range holds [v, v+len), or -1. */
static int seg_of(const struct sfi_module *m, uint64_t v, uint64_t len) {
    for (unsigned i = 0; i < m->nseg; i++) {
        const struct sfi_segment *s = &m->seg[i];
        if (v >= s->vaddr && len <= s->memsz && v - s->vaddr <= s->memsz - len) return (int)i;
    }
    return -1;
}

/* File offset of the module range [v, v+len) if it is file-backed, else UINT64_MAX. */
static uint64_t file_off(const struct sfi_module *m, uint64_t v, uint64_t len) {
    for (unsigned i = 0; i < m->nseg; i++) {
        const struct sfi_segment *s = &m->seg[i];
        if (v >= s->vaddr && len <= s->filesz && v - s->vaddr <= s->filesz - len)
            return s->offset + (v - s->vaddr);
    }
    return UINT64_MAX;
}

static sfi_status run_verifier(struct sfi_module *m, char *err, size_t errlen) {
    sfi_verify_result res;
    memset(&res, 0, sizeof res);
    sfi_verify_status vs = sfi_verify_module(m->file, m->size, NULL, &res);
    sfi_status st = SFI_OK;
    if (vs == SFI_VERIFY_BAD_INPUT) {
        st = BAD("verifier: %s", res.error);
    } else if (vs != SFI_VERIFY_OK) {
        if (res.n_violations && res.capacity && res.violations) {
            const sfi_violation *v = &res.violations[0];
            sfi__errf(err, errlen, "verifier: %zu violation(s); first at 0x%llx: R%u (%s): %s%s%s%s",
                      res.n_violations, (unsigned long long)v->vaddr, v->rule,
                      sfi_rule_name(v->rule), v->message, v->text[0] ? " [" : "", v->text,
                      v->text[0] ? "]" : "");
        } else {
            sfi__errf(err, errlen, "verifier rejected the module");
        }
        st = SFI_ERR_VERIFY;
    } else {
        m->policy = res.module_policy;
    }
    sfi_verify_result_free(&res);
    return st;
}

static sfi_status parse_segments(struct sfi_module *m, Elf *e, char *err, size_t errlen,
                                 uint64_t *dyn_off, uint64_t *dyn_size) {
    GElf_Ehdr eh;
    if (elf_kind(e) != ELF_K_ELF || gelf_getclass(e) != ELFCLASS64 || !gelf_getehdr(e, &eh))
        return BAD("not an ELF64 file");
    if (eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_X86_64)
        return BAD("not a little-endian x86-64 ELF file (R20)");
    if (eh.e_type != ET_DYN) return BAD("not a static PIE (ET_DYN) module (R20)");
    size_t nph;
    if (elf_getphdrnum(e, &nph) != 0 || nph == 0) return BAD("no program headers");
    int ncode = 0, have_dyn = 0;
    *dyn_off = *dyn_size = 0;
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph)) return BAD("unreadable program header %zu", i);
        switch (ph.p_type) {
        case PT_INTERP: return BAD("module has PT_INTERP; it must be a static PIE (R20)");
        case PT_GNU_STACK:
            if (ph.p_flags & PF_X) return BAD("executable stack requested (PT_GNU_STACK, R20)");
            break;
        case PT_DYNAMIC:
            if (have_dyn++) return BAD("more than one PT_DYNAMIC");
            if (ph.p_offset > m->size || ph.p_filesz > m->size - ph.p_offset)
                return BAD("PT_DYNAMIC outside the file");
            *dyn_off = ph.p_offset;
            *dyn_size = ph.p_filesz;
            break;
        case PT_GNU_RELRO:
            m->relro_start = ph.p_vaddr;
            m->relro_end = ph.p_vaddr + ph.p_memsz;
            if (m->relro_end < m->relro_start) return BAD("PT_GNU_RELRO wraps");
            break;
        case PT_LOAD: {
            if (ph.p_memsz == 0) break;
            if (m->nseg == SFI_MAX_SEGMENTS) return BAD("more than %d PT_LOAD segments", SFI_MAX_SEGMENTS);
            uint32_t f = ph.p_flags & (PF_R | PF_W | PF_X);
            if (f != PF_R && f != (PF_R | PF_X) && f != (PF_R | PF_W))
                return BAD("PT_LOAD %zu has flags %c%c%c; allowed are R, R+X, R+W (R20)", i,
                           f & PF_R ? 'R' : '-', f & PF_W ? 'W' : '-', f & PF_X ? 'X' : '-');
            if (ph.p_align < SFI_PAGE) return BAD("PT_LOAD %zu: p_align < 4096 (R20)", i);
            if (ph.p_filesz > ph.p_memsz) return BAD("PT_LOAD %zu: p_filesz > p_memsz", i);
            if (ph.p_offset > m->size || ph.p_filesz > m->size - ph.p_offset)
                return BAD("PT_LOAD %zu: file range outside the file (truncated?)", i);
            if (ph.p_vaddr >= SFI_IMAGE_MAX || ph.p_memsz > SFI_IMAGE_MAX - ph.p_vaddr)
                return BAD("PT_LOAD %zu lies outside [0, 3 GiB) of module space (R20)", i);
            if (f & PF_X) {
                if (ncode++) return BAD("more than one executable PT_LOAD (R20)");
                if (ph.p_vaddr % SFI_BUNDLE || ph.p_offset % SFI_BUNDLE)
                    return BAD("code segment not 32-byte aligned (R20)");
                if (ph.p_memsz != ph.p_filesz) return BAD("code segment has p_memsz != p_filesz (R20)");
                m->code = m->nseg;
            }
            struct sfi_segment *s = &m->seg[m->nseg++];
            s->vaddr = ph.p_vaddr;
            s->memsz = ph.p_memsz;
            s->offset = ph.p_offset;
            s->filesz = ph.p_filesz;
            s->flags = f;
            break;
        }
        default: break; /* PT_NOTE, PT_PHDR, PT_TLS, ...: no effect on mapping */
        }
    }
    if (ncode != 1) return BAD("no executable PT_LOAD segment (R20)");
    /* Sort by address (insertion sort, <= 16) and check that no page holds bytes of two
     * segments with different permissions, and that the code shares its pages with nothing. */
    for (unsigned i = 1; i < m->nseg; i++) {
        for (unsigned j = i; j > 0 && m->seg[j - 1].vaddr > m->seg[j].vaddr; j--) {
            struct sfi_segment t = m->seg[j];
            m->seg[j] = m->seg[j - 1];
            m->seg[j - 1] = t;
            if (m->code == j) m->code = j - 1;
            else if (m->code == j - 1) m->code = j;
        }
    }
    for (unsigned i = 1; i < m->nseg; i++) {
        const struct sfi_segment *a = &m->seg[i - 1], *b = &m->seg[i];
        if (b->vaddr < a->vaddr + a->memsz) return BAD("PT_LOAD segments overlap");
        if (page_down(b->vaddr) < page_up(a->vaddr + a->memsz) &&
            (a->flags != b->flags || a->flags & PF_X))
            return BAD("PT_LOAD segments with different permissions share a page");
    }
    const struct sfi_segment *last = &m->seg[m->nseg - 1];
    m->image_end = page_up(last->vaddr + last->memsz);
    return SFI_OK;
}

static sfi_status parse_dynamic(struct sfi_module *m, Elf *e, uint64_t off, uint64_t size,
                                char *err, size_t errlen) {
    if (!size) return SFI_OK;
    Elf_Data *d = elf_getdata_rawchunk(e, (int64_t)off, size, ELF_T_DYN);
    if (!d) return BAD("unreadable dynamic section: %s", elf_errmsg(-1));
    uint64_t rela = 0, relasz = 0, relaent = sizeof(Elf64_Rela);
    int have_rela = 0;
    for (size_t i = 0; i < size / sizeof(Elf64_Dyn); i++) {
        GElf_Dyn dyn;
        if (!gelf_getdyn(d, (int)i, &dyn)) return BAD("unreadable dynamic entry %zu", i);
        switch (dyn.d_tag) {
        case DT_NULL: i = size; break;
        case DT_NEEDED: return BAD("module needs a shared library (DT_NEEDED); it must be static (R20)");
        case DT_RELA: rela = dyn.d_un.d_ptr; have_rela = 1; break;
        case DT_RELASZ: relasz = dyn.d_un.d_val; break;
        case DT_RELAENT: relaent = dyn.d_un.d_val; break;
        case DT_REL:
        case DT_RELSZ:
            if (dyn.d_un.d_val) return BAD("REL relocations; only RELA R_X86_64_RELATIVE allowed (R20)");
            break;
        case DT_JMPREL:
        case DT_PLTRELSZ:
            if (dyn.d_un.d_val) return BAD("PLT relocations; only R_X86_64_RELATIVE allowed (R20)");
            break;
        case DT_RELR:
        case DT_RELRSZ:
            if (dyn.d_un.d_val) return BAD("packed RELR relocations are not supported (R20)");
            break;
        case DT_TEXTREL: return BAD("text relocations (DT_TEXTREL) are not allowed (R20, R23)");
        case DT_FLAGS:
            if (dyn.d_un.d_val & DF_TEXTREL) return BAD("text relocations (DF_TEXTREL) are not allowed");
            break;
        default: break;
        }
    }
    if (!have_rela || !relasz) return SFI_OK;
    if (relaent != sizeof(Elf64_Rela) || relasz % sizeof(Elf64_Rela))
        return BAD("bad DT_RELAENT/DT_RELASZ");
    uint64_t roff = file_off(m, rela, relasz);
    if (roff == UINT64_MAX) return BAD("DT_RELA table outside the file-backed image");
    Elf_Data *rd = elf_getdata_rawchunk(e, (int64_t)roff, relasz, ELF_T_RELA);
    if (!rd) return BAD("unreadable relocation table: %s", elf_errmsg(-1));
    size_t n = relasz / sizeof(Elf64_Rela);
    m->relocs = calloc(n ? 2 * n : 1, sizeof(uint64_t));
    if (!m->relocs) return SFI_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        GElf_Rela r;
        if (!gelf_getrela(rd, (int)i, &r)) return BAD("unreadable relocation %zu", i);
        unsigned type = (unsigned)GELF_R_TYPE(r.r_info);
        if (type == R_X86_64_NONE) continue;
        if (type != R_X86_64_RELATIVE || GELF_R_SYM(r.r_info) != 0)
            return BAD("relocation %zu has type %u; only R_X86_64_RELATIVE is allowed (R20)", i, type);
        int s = seg_of(m, r.r_offset, 8);
        if (s < 0 || (int)m->code == s)
            return BAD("relocation %zu at 0x%llx is outside the data segments", i,
                       (unsigned long long)r.r_offset);
        if ((uint64_t)r.r_addend > SFI_IMAGE_MAX)
            return BAD("relocation %zu has addend outside the image", i);
        m->relocs[2 * m->nrelocs] = r.r_offset;
        m->relocs[2 * m->nrelocs + 1] = (uint64_t)r.r_addend;
        m->nrelocs++;
    }
    return SFI_OK;
}

static sfi_status parse_symbols(struct sfi_module *m, Elf *e, char *err, size_t errlen) {
    Elf_Scn *scn = NULL;
    const struct sfi_segment *code = &m->seg[m->code];
    m->init = UINT64_MAX;
    while ((scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh)) return BAD("unreadable section header");
        if (sh.sh_type != SHT_DYNSYM) continue;
        if (sh.sh_entsize != sizeof(Elf64_Sym)) return BAD("bad .dynsym entry size");
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d) return BAD("unreadable .dynsym: %s", elf_errmsg(-1));
        size_t n = d->d_size / sizeof(Elf64_Sym);
        m->exports = calloc(n ? n : 1, sizeof *m->exports);
        m->imports = calloc(n ? n : 1, sizeof *m->imports);
        if (!m->exports || !m->imports) return SFI_ERR_NOMEM;
        for (size_t i = 1; i < n; i++) {
            GElf_Sym sym;
            if (!gelf_getsym(d, (int)i, &sym)) return BAD("unreadable symbol %zu", i);
            const char *name = elf_strptr(e, sh.sh_link, sym.st_name);
            if (!name) return BAD("symbol %zu has no readable name", i);
            int bind = GELF_ST_BIND(sym.st_info), type = GELF_ST_TYPE(sym.st_info);
            if (sym.st_shndx == SHN_UNDEF || (bind != STB_GLOBAL && bind != STB_WEAK)) continue;
            size_t plen = strlen(SFI_IMPORT_PREFIX);
            if (strncmp(name, SFI_IMPORT_PREFIX, plen) == 0) {
                int s = seg_of(m, sym.st_value, 8);
                if (!name[plen]) return BAD("import slot with an empty name");
                if (s < 0 || !(m->seg[s].flags & PF_W))
                    return BAD("import slot %s is not 8 writable bytes of the image (R21)", name);
                if (m->nimports >= SFI_MAX_GATES - SFI_GATES_FIXED) return BAD("too many imports");
                struct sfi_import *im = &m->imports[m->nimports];
                if (!(im->name = strdup(name + plen))) return SFI_ERR_NOMEM;
                im->slot = sym.st_value;
                m->nimports++;
                continue;
            }
            if (type != STT_FUNC) continue;
            uint64_t v = sym.st_value;
            if (v < code->vaddr || v - code->vaddr >= code->memsz)
                return BAD("export %s at 0x%llx is not in the code segment (R21)", name,
                           (unsigned long long)v);
            if (v % SFI_BUNDLE)
                return BAD("export %s at 0x%llx is not bundle-aligned (R21)", name, (unsigned long long)v);
            struct sfi_export *ex = &m->exports[m->nexports];
            if (!(ex->name = strdup(name))) return SFI_ERR_NOMEM;
            ex->vaddr = v;
            m->nexports++;
            if (strcmp(name, "__sfi_init") == 0) m->init = v;
        }
        break; /* one .dynsym */
    }
    if (m->nexports) qsort(m->exports, m->nexports, sizeof *m->exports, cmp_export);
    return SFI_OK;
}

/* Builds the sealed memfd holding the gate pages followed by the code pages. */
static sfi_status build_code(struct sfi_module *m, char *err, size_t errlen) {
    const struct sfi_segment *c = &m->seg[m->code];
    m->code_start = page_down(c->vaddr);
    m->code_len = page_up(c->vaddr + c->memsz) - m->code_start;
    m->gate_len = SFI_GATES_END - SFI_GATES_OFF; /* the whole gate area: gates, then hlt */
    size_t total = m->gate_len + m->code_len;
    uint8_t *buf = malloc(total);
    if (!buf) return SFI_ERR_NOMEM;
    sfi_status st = sfi__gates_build(buf, m->gate_len, m->nimports, err, errlen);
    if (st) goto out;
    uint8_t *code = buf + m->gate_len;
    memset(code, 0xf4, m->code_len); /* R20: every unverified executable byte is hlt */
    memcpy(code + (c->vaddr - m->code_start), m->file + c->offset, c->filesz);

    /* Verify exactly the bytes that will be executable. */
    sfi_verify_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.policy = m->policy;
    cfg.image_start = m->seg[0].vaddr;
    cfg.image_end = m->seg[m->nseg - 1].vaddr + m->seg[m->nseg - 1].memsz;
    cfg.max_violations = 1;
    sfi_verify_result res;
    memset(&res, 0, sizeof res);
    sfi_verify_status vs = sfi_verify_code(code + (c->vaddr - m->code_start), c->filesz, c->vaddr,
                                           &cfg, &res);
    if (vs != SFI_VERIFY_OK) {
        if (res.n_violations && res.violations)
            sfi__errf(err, errlen, "verifier (code): first violation at 0x%llx: R%u (%s): %s",
                      (unsigned long long)res.violations[0].vaddr, res.violations[0].rule,
                      sfi_rule_name(res.violations[0].rule), res.violations[0].message);
        else
            sfi__errf(err, errlen, "verifier (code): %s", res.error);
        sfi_verify_result_free(&res);
        st = SFI_ERR_VERIFY;
        goto out;
    }
    sfi_verify_result_free(&res);

    int fd = memfd_create("sfi-code", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
    if (fd < 0 && errno == EINVAL) fd = memfd_create("sfi-code", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) {
        sfi__errf(err, errlen, "memfd_create: %s", strerror(errno));
        st = SFI_ERR_SYSTEM;
        goto out;
    }
    m->memfd = fd;
    for (size_t done = 0; done < total;) {
        ssize_t w = pwrite(fd, buf + done, total - done, (off_t)done);
        if (w <= 0) {
            if (w < 0 && errno == EINTR) continue;
            sfi__errf(err, errlen, "writing code memfd: %s", strerror(errno));
            st = SFI_ERR_SYSTEM;
            goto out;
        }
        done += (size_t)w;
    }
    /* Sealed: nobody (not even a bug in the host) can change the verified bytes afterwards,
     * and no writable shared mapping of them can ever be created. */
    if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
        sfi__errf(err, errlen, "sealing code memfd: %s", strerror(errno));
        st = SFI_ERR_SYSTEM;
    }
out:
    free(buf);
    return st;
}

/* Takes ownership of file (malloc'ed). */
static sfi_status module_open(uint8_t *file, size_t size, sfi_module **out, char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    sfi_status st = sfi_runtime_init(NULL);
    if (st) {
        free(file);
        return st;
    }
    struct sfi_module *m = calloc(1, sizeof *m);
    if (!m) {
        free(file);
        return SFI_ERR_NOMEM;
    }
    static _Atomic uint64_t serials;
    atomic_init(&m->refs, 1);
    m->serial = atomic_fetch_add(&serials, 1) + 1;
    m->memfd = -1;
    m->file = file;
    m->size = size;
    Elf *e = NULL;
    if ((st = run_verifier(m, err, errlen))) goto fail;
    if (elf_version(EV_CURRENT) == EV_NONE) {
        st = BAD("libelf: %s", elf_errmsg(-1));
        goto fail;
    }
    if (!(e = elf_memory((char *)m->file, m->size))) {
        st = BAD("not an ELF file: %s", elf_errmsg(-1));
        goto fail;
    }
    uint64_t doff, dsize;
    if ((st = parse_segments(m, e, err, errlen, &doff, &dsize))) goto fail;
    if ((st = parse_dynamic(m, e, doff, dsize, err, errlen))) goto fail;
    if ((st = parse_symbols(m, e, err, errlen))) goto fail;
    if ((st = build_code(m, err, errlen))) goto fail;
    m->compact = sfi__module_fits_compact(m);
    elf_end(e);
    *out = m;
    return SFI_OK;
fail:
    if (st == SFI_ERR_NOMEM && err && errlen && !err[0]) sfi__errf(err, errlen, "out of memory");
    if (e) elf_end(e);
    module_free(m);
    return st;
}

sfi_status sfi_module_open_memory(const void *buf, size_t len, sfi_module **out, char *err,
                                  size_t errlen) {
    if (!buf || !out) return SFI_ERR_ARG;
    *out = NULL;
    uint8_t *copy = malloc(len ? len : 1); /* our own copy: the caller's buffer may change */
    if (!copy) return SFI_ERR_NOMEM;
    memcpy(copy, buf, len);
    return module_open(copy, len, out, err, errlen);
}

sfi_status sfi_module_open_file(const char *path, sfi_module **out, char *err, size_t errlen) {
    if (!path || !out) return SFI_ERR_ARG;
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        sfi__errf(err, errlen, "%s: %s", path, strerror(errno));
        return SFI_ERR_IO;
    }
    struct stat stt;
    if (fstat(fd, &stt) != 0 || !S_ISREG(stt.st_mode) || stt.st_size > (off_t)SFI_IMAGE_MAX) {
        sfi__errf(err, errlen, "%s: not a regular file of at most 3 GiB", path);
        close(fd);
        return SFI_ERR_IO;
    }
    size_t size = (size_t)stt.st_size;
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf) {
        close(fd);
        return SFI_ERR_NOMEM;
    }
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    if (got != size) {
        sfi__errf(err, errlen, "%s: short read", path);
        free(buf);
        return SFI_ERR_IO;
    }
    return module_open(buf, size, out, err, errlen);
}
