/* R20: the module format, and the relocatable objects the tests feed us. A hand parser
 * over the caller's bytes: every header is copied out with memcpy (no alignment
 * assumptions), every range is checked with overflow-safe arithmetic before it is read,
 * and nothing in the file is trusted to be consistent with anything else.
 *
 * File-structure damage (not ELF64, tables or segments past the end of the file,
 * malformed notes) is SFI_VERIFY_BAD_INPUT; a well-formed file that breaks the contract
 * is SFI_VERIFY_REJECTED with R20/R24 violations. */
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "reference.h"

/* Older <elf.h> (musl 1.2.3, which the sandbox sysroot uses) predates packed relative
 * relocations; the tag value is fixed by the gABI. */
#ifndef DT_RELR
#define DT_RELR 36
#endif

#define PAGE 4096ull
#define MODULE_SPACE (3ull << 30) /* R20: every segment lies in [0, 3 GiB) */
#define SFI_NOTE_TYPE 1
#define SFI_NOTE_DESC_SIZE 16

typedef struct elf_file {
    const uint8_t *data;
    size_t size;
    Elf64_Ehdr eh;
    sfi_verify_result *result;
    size_t max;
    bool bad;               /* a BAD_INPUT condition was found (message in result->error) */
} elf_file;

/* [offset, offset + length) lies inside the file. */
static bool in_file(const elf_file *f, uint64_t offset, uint64_t length) {
    return offset <= f->size && length <= f->size - offset;
}

static void bad_input(elf_file *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad_input(elf_file *f, const char *fmt, ...) {
    if (f->bad)
        return; /* keep the first message: it is the cause */
    f->bad = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->result->error, sizeof f->result->error, fmt, ap);
    va_end(ap);
}

static bool read_ehdr(elf_file *f, uint16_t want_type) {
    if (!f->data || f->size < sizeof(Elf64_Ehdr)) {
        bad_input(f, "truncated ELF header (%zu bytes)", f->size);
        return false;
    }
    memcpy(&f->eh, f->data, sizeof f->eh);
    const unsigned char *id = f->eh.e_ident;
    if (memcmp(id, ELFMAG, SELFMAG) != 0 || id[EI_CLASS] != ELFCLASS64 ||
        id[EI_DATA] != ELFDATA2LSB || id[EI_VERSION] != EV_CURRENT) {
        bad_input(f, "not an ELF64 little-endian file");
        return false;
    }
    if (f->eh.e_machine != EM_X86_64)
        sfi_report_input(f->result, f->max, "ELF", 0, 0, 20,
                         "e_machine is %u, not EM_X86_64", f->eh.e_machine);
    if (f->eh.e_type != want_type)
        sfi_report_input(f->result, f->max, "ELF", 0, 0, 20, "e_type is %u, expected %s",
                         f->eh.e_type, want_type == ET_DYN ? "ET_DYN (static PIE)" : "ET_REL");
    return true;
}

/* ---- notes (shared by modules and objects) ---- */

typedef struct sfi_note_set {
    unsigned count;
    uint32_t desc[4];       /* the first SFI note: version, mode, policy, flags */
    bool differ;
} sfi_note_set;

static uint64_t align_up(uint64_t x, uint64_t a) {
    return (x + a - 1) & ~(a - 1);
}

/* Reads the notes in file[offset, offset+length); records every "SFI" type-1 note. */
static void read_notes(elf_file *f, uint64_t offset, uint64_t length, uint64_t align,
                       sfi_note_set *notes) {
    if (!in_file(f, offset, length)) {
        bad_input(f, "note range [0x%llx, +0x%llx) is past the end of the file",
                  (unsigned long long)offset, (unsigned long long)length);
        return;
    }
    align = align == 8 ? 8 : 4;
    const uint8_t *p = f->data + offset;
    uint64_t pos = 0;
    while (length - pos >= 12) {
        uint32_t namesz, descsz, type;
        memcpy(&namesz, p + pos, 4);
        memcpy(&descsz, p + pos + 4, 4);
        memcpy(&type, p + pos + 8, 4);
        uint64_t name_at = pos + 12;
        uint64_t desc_at = name_at + align_up(namesz, align); /* < 2^34: no overflow */
        uint64_t next = desc_at + align_up(descsz, align);
        if (desc_at > length || descsz > length - desc_at) {
            bad_input(f, "truncated note at file offset 0x%llx",
                      (unsigned long long)(offset + pos));
            return;
        }
        if (namesz == 4 && memcmp(p + name_at, "SFI", 4) == 0 && type == SFI_NOTE_TYPE) {
            uint32_t desc[4] = {0};
            if (descsz != SFI_NOTE_DESC_SIZE) {
                sfi_report_input(f->result, f->max, "ELF", offset + pos, 0, 20,
                                 "SFI note descriptor is %u bytes, not 16", descsz);
                notes->differ = notes->count > 0;
                return;
            }
            memcpy(desc, p + desc_at, sizeof desc);
            if (notes->count == 0)
                memcpy(notes->desc, desc, sizeof desc);
            else if (memcmp(notes->desc, desc, sizeof desc) != 0)
                notes->differ = true;
            notes->count++;
        }
        if (next >= length)
            break;
        pos = next;
    }
}

/* Checks the collected notes and returns the policy they give (R20, R24). */
static bool check_notes(elf_file *f, const sfi_note_set *notes, bool required,
                        sfi_policy *policy, uint32_t *flags) {
    if (notes->count == 0) {
        if (required)
            sfi_report_input(f->result, f->max, "ELF", 0, 0, 20,
                             "no .note.sfi (name \"SFI\", type 1) in the module");
        return !required;
    }
    if (notes->differ)
        sfi_report_input(f->result, f->max, "ELF", 0, 0, 20, "the SFI notes are not identical");
    const uint32_t *d = notes->desc;
    bool ok = !notes->differ;
    if (d[0] != 1) {
        sfi_report_input(f->result, f->max, "ELF", 0, 0, 20,
                         "SFI note ABI version %u; this verifier implements version 1", d[0]);
        ok = false;
    }
    if (d[1] == 1) {
        sfi_report_input(f->result, f->max, "ELF", 0, 0, 24,
                         "memory mode 1 (segue) is reserved and not accepted");
        ok = false;
    } else if (d[1] != 0) {
        sfi_report_input(f->result, f->max, "ELF", 0, 0, 20, "unknown memory mode %u", d[1]);
        ok = false;
    }
    if (d[2] > 1) {
        sfi_report_input(f->result, f->max, "ELF", 0, 0, 20, "unknown policy %u", d[2]);
        ok = false;
    }
    if (d[3] & ~1u) {
        sfi_report_input(f->result, f->max, "ELF", 0, 0, 20, "unknown note flags 0x%x", d[3]);
        ok = false;
    }
    /* An unreadable policy falls back to the strictest one for the code check. */
    *policy = d[2] == 1 && ok ? SFI_POLICY_STORES_ONLY : SFI_POLICY_LOADS_STORES;
    *flags = d[3];
    return ok;
}

/* ---- modules ---- */

typedef struct load_seg {
    uint64_t vaddr, end;    /* [vaddr, end) in module space */
    unsigned index;         /* program header index */
} load_seg;

static int by_vaddr(const void *a, const void *b) {
    const load_seg *x = a, *y = b;
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

/* Translates a module-space range to a file offset through the PT_LOAD headers. */
static bool vaddr_to_offset(const elf_file *f, uint64_t vaddr, uint64_t length, uint64_t *offset,
                            bool *executable) {
    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, f->data + f->eh.e_phoff + (uint64_t)i * sizeof ph, sizeof ph);
        if (ph.p_type != PT_LOAD || vaddr < ph.p_vaddr || vaddr - ph.p_vaddr > ph.p_filesz ||
            length > ph.p_filesz - (vaddr - ph.p_vaddr))
            continue;
        *offset = ph.p_offset + (vaddr - ph.p_vaddr);
        *executable = (ph.p_flags & PF_X) != 0;
        return true;
    }
    return false;
}

/* R20: only R_X86_64_RELATIVE (RELA) relocations, none of them into the code, no needed
 * libraries, no text relocations. */
static void check_dynamic(elf_file *f, const Elf64_Phdr *dyn, const load_seg *code) {
    if (!in_file(f, dyn->p_offset, dyn->p_filesz)) {
        bad_input(f, "PT_DYNAMIC is past the end of the file");
        return;
    }
    uint64_t rela = 0, relasz = 0, relaent = sizeof(Elf64_Rela);
    bool have_rela = false;
    for (uint64_t pos = 0; dyn->p_filesz - pos >= sizeof(Elf64_Dyn); pos += sizeof(Elf64_Dyn)) {
        Elf64_Dyn d;
        memcpy(&d, f->data + dyn->p_offset + pos, sizeof d);
        if (d.d_tag == DT_NULL)
            break;
        switch (d.d_tag) {
        case DT_NEEDED:
            sfi_report_input(f->result, f->max, "ELF", dyn->p_offset + pos, 0, 20,
                             "the module needs a shared library (DT_NEEDED)");
            break;
        case DT_TEXTREL:
            sfi_report_input(f->result, f->max, "ELF", dyn->p_offset + pos, 0, 20,
                             "text relocations (DT_TEXTREL)");
            break;
        case DT_FLAGS:
            if (d.d_un.d_val & DF_TEXTREL)
                sfi_report_input(f->result, f->max, "ELF", dyn->p_offset + pos, 0, 20,
                                 "text relocations (DF_TEXTREL)");
            break;
        case DT_REL: case DT_RELR: case DT_JMPREL:
            sfi_report_input(f->result, f->max, "ELF", dyn->p_offset + pos, 0, 20,
                             "only RELA R_X86_64_RELATIVE relocations are allowed "
                             "(found dynamic tag %lld)", (long long)d.d_tag);
            break;
        case DT_RELA: rela = d.d_un.d_ptr; have_rela = true; break;
        case DT_RELASZ: relasz = d.d_un.d_val; break;
        case DT_RELAENT: relaent = d.d_un.d_val; break;
        default: break;
        }
    }
    if (!have_rela || relasz == 0)
        return;
    if (relaent != sizeof(Elf64_Rela)) {
        bad_input(f, "DT_RELAENT is %llu", (unsigned long long)relaent);
        return;
    }
    uint64_t offset;
    bool exec;
    if (!vaddr_to_offset(f, rela, relasz, &offset, &exec) || !in_file(f, offset, relasz)) {
        bad_input(f, "DT_RELA table is not inside a PT_LOAD segment of the file");
        return;
    }
    for (uint64_t pos = 0; relasz - pos >= sizeof(Elf64_Rela); pos += sizeof(Elf64_Rela)) {
        Elf64_Rela r;
        memcpy(&r, f->data + offset + pos, sizeof r);
        if (ELF64_R_TYPE(r.r_info) != R_X86_64_RELATIVE) {
            sfi_report_input(f->result, f->max, "ELF", offset + pos, r.r_offset, 20,
                             "dynamic relocation of type %u (only R_X86_64_RELATIVE)",
                             (unsigned)ELF64_R_TYPE(r.r_info));
            continue;
        }
        /* The loader writes 8 bytes at r_offset before the image is protected: they must
         * not land on the code pages, which are verified here byte for byte. */
        uint64_t page_lo = code->vaddr & ~(PAGE - 1);
        uint64_t page_hi = align_up(code->end, PAGE);
        if (r.r_offset > UINT64_MAX - 8 || (r.r_offset + 8 > page_lo && r.r_offset < page_hi))
            sfi_report_input(f->result, f->max, "ELF", offset + pos, r.r_offset, 20,
                             "relocation at 0x%llx would modify the code pages",
                             (unsigned long long)r.r_offset);
    }
}

static void report_segment(elf_file *f, unsigned i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report_segment(elf_file *f, unsigned i, const char *fmt, ...) {
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sfi_report_input(f->result, f->max, "ELF", f->eh.e_phoff + (uint64_t)i * sizeof(Elf64_Phdr),
                     0, 20, "program header %u: %s", i, msg);
}

/* The start shared by modules and objects: a clean result and the file being read. */
static elf_file open_file(const uint8_t *file, size_t size, const sfi_verify_config *config,
                          sfi_verify_result *result) {
    memset(result, 0, sizeof *result);
    return (elf_file){.data = file, .size = size, .result = result,
                      .max = config && config->max_violations ? config->max_violations
                                                              : SFI_DEFAULT_MAX_VIOLATIONS};
}

static sfi_verify_status finish(elf_file *f) {
    if (f->bad)
        return SFI_VERIFY_BAD_INPUT;
    return f->result->n_violations ? SFI_VERIFY_REJECTED : SFI_VERIFY_OK;
}

static sfi_verify_status verify_module(const uint8_t *file, size_t size,
                                       const sfi_verify_config *config,
                                       sfi_verify_result *result, bool reference) {
    if (!result)
        return SFI_VERIFY_BAD_INPUT;
    elf_file f = open_file(file, size, config, result);
    if (!read_ehdr(&f, ET_DYN))
        return finish(&f);
    const Elf64_Ehdr *eh = &f.eh;
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum == PN_XNUM ||
        !in_file(&f, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr))) {
        bad_input(&f, "program header table missing, malformed or past the end of the file");
        return finish(&f);
    }

    load_seg *loads = calloc(eh->e_phnum, sizeof *loads);
    if (!loads) {
        bad_input(&f, "out of memory");
        return finish(&f);
    }
    unsigned n_loads = 0, n_code = 0;
    Elf64_Phdr code_ph = {0}, dyn_ph = {0};
    unsigned code_index = 0;
    bool have_dyn = false, code_ok = false;
    sfi_note_set notes = {0};

    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, file + eh->e_phoff + (uint64_t)i * sizeof ph, sizeof ph);
        switch (ph.p_type) {
        case PT_INTERP:
            report_segment(&f, i, "PT_INTERP: a module is a static PIE with no interpreter");
            break;
        case PT_GNU_STACK:
            if (ph.p_flags & PF_X)
                report_segment(&f, i, "PT_GNU_STACK asks for an executable stack");
            break;
        case PT_NOTE:
            read_notes(&f, ph.p_offset, ph.p_filesz, ph.p_align, &notes);
            break;
        case PT_DYNAMIC:
            dyn_ph = ph;
            have_dyn = true;
            break;
        case PT_LOAD: {
            bool ok = true;
            if (!in_file(&f, ph.p_offset, ph.p_filesz)) {
                bad_input(&f, "program header %u: PT_LOAD file range is past the end of the file", i);
                ok = false;
            }
            if (ph.p_filesz > ph.p_memsz) {
                report_segment(&f, i, "p_filesz 0x%llx > p_memsz 0x%llx",
                               (unsigned long long)ph.p_filesz, (unsigned long long)ph.p_memsz);
                ok = false;
            }
            if (ph.p_vaddr >= MODULE_SPACE || ph.p_memsz > MODULE_SPACE - ph.p_vaddr) {
                report_segment(&f, i, "[0x%llx, +0x%llx) is not inside [0, 3 GiB)",
                               (unsigned long long)ph.p_vaddr, (unsigned long long)ph.p_memsz);
                ok = false;
            }
            if (ph.p_align < PAGE || (ph.p_align & (ph.p_align - 1))) {
                report_segment(&f, i, "p_align 0x%llx is not a power of two >= 4096",
                               (unsigned long long)ph.p_align);
                ok = false;
            }
            if ((ph.p_vaddr - ph.p_offset) % PAGE) {
                report_segment(&f, i, "p_vaddr and p_offset are not congruent modulo 4096");
                ok = false;
            }
            uint32_t rwx = ph.p_flags & (PF_R | PF_W | PF_X);
            if ((ph.p_flags & PF_W) && (ph.p_flags & PF_X)) {
                report_segment(&f, i, "segment is writable and executable");
                ok = false;
            } else if (ph.p_flags != rwx || !(rwx == PF_R || rwx == (PF_R | PF_X) ||
                                              rwx == (PF_R | PF_W))) {
                report_segment(&f, i, "flags 0x%x are not R, R+X or R+W", ph.p_flags);
                ok = false;
            }
            if (rwx == (PF_R | PF_X)) {
                if (++n_code == 1) {
                    code_ph = ph;
                    code_index = i;
                    code_ok = ok;
                }
            }
            if (ok && ph.p_memsz > 0) {
                loads[n_loads].vaddr = ph.p_vaddr;
                loads[n_loads].end = ph.p_vaddr + ph.p_memsz;
                loads[n_loads].index = i;
                n_loads++;
            }
            break;
        }
        default:
            break;
        }
    }

    if (n_code != 1)
        sfi_report_input(result, f.max, "ELF", 0, 0, 20,
                         "%u executable (R+X) PT_LOAD segments; a module has exactly one", n_code);
    if (n_code >= 1) {
        if ((code_ph.p_vaddr | code_ph.p_offset) & SFI_BUNDLE_MASK) {
            report_segment(&f, code_index, "code p_vaddr/p_offset are not 32-byte aligned");
            code_ok = false;
        }
        if (code_ph.p_memsz != code_ph.p_filesz) {
            report_segment(&f, code_index, "code p_memsz != p_filesz");
            code_ok = false;
        }
        if (code_ph.p_filesz == 0) {
            report_segment(&f, code_index, "the code segment is empty");
            code_ok = false;
        }
    }

    /* No two segments overlap, and no other segment shares a page with the code (the
     * loader maps whole pages R+X and fills the rest of them with hlt). */
    qsort(loads, n_loads, sizeof *loads, by_vaddr);
    for (unsigned i = 1; i < n_loads; i++)
        if (loads[i].vaddr < loads[i - 1].end)
            report_segment(&f, loads[i].index, "overlaps program header %u", loads[i - 1].index);
    load_seg code_seg = {code_ph.p_vaddr, code_ph.p_vaddr + code_ph.p_memsz, code_index};
    if (n_code == 1 && code_ok) {
        uint64_t lo = code_seg.vaddr & ~(PAGE - 1), hi = align_up(code_seg.end, PAGE);
        for (unsigned i = 0; i < n_loads; i++)
            if (loads[i].index != code_index && loads[i].vaddr < hi && loads[i].end > lo)
                report_segment(&f, loads[i].index, "shares a page with the code segment");
    }
    uint64_t image_start = UINT64_MAX, image_end = 0;
    for (unsigned i = 0; i < n_loads; i++) {
        if (loads[i].vaddr < image_start)
            image_start = loads[i].vaddr;
        if (loads[i].end > image_end)
            image_end = loads[i].end;
    }
    free(loads);

    if (have_dyn && !f.bad)
        check_dynamic(&f, &dyn_ph, &code_seg);

    sfi_policy policy = SFI_POLICY_LOADS_STORES;
    uint32_t flags = 0;
    if (!f.bad)
        check_notes(&f, &notes, true, &policy, &flags);
    result->module_policy = policy;
    result->module_flags = flags;

    if (f.bad || n_code == 0 || !code_ok || image_end == 0)
        return finish(&f);

    sfi_verifier v;
    sfi_verifier_init(&v, NULL, result);
    v.max_violations = f.max;
    v.policy = policy;
    v.image_start = image_start;
    v.image_end = image_end;
    char name[32];
    snprintf(name, sizeof name, "LOAD[%u]", code_index);
    v.region_name = name;
    v.code = file + code_ph.p_offset;
    v.size = code_ph.p_filesz;
    v.vaddr = code_ph.p_vaddr;
    v.reference = reference;
    if (sfi_verify_region(&v) == SFI_VERIFY_BAD_INPUT)
        f.bad = true;
    return finish(&f);
}

sfi_verify_status sfi_verify_module(const uint8_t *file, size_t size,
                                    const sfi_verify_config *config, sfi_verify_result *result) {
    return verify_module(file, size, config, result, false);
}

sfi_verify_status sfi_verify_module_reference(const uint8_t *file, size_t size,
                                              const sfi_verify_config *config,
                                              sfi_verify_result *result) {
    return verify_module(file, size, config, result, true);
}

/* ---- relocatable objects ---- */

typedef struct obj_section {
    Elf64_Shdr sh;
    const char *name;
} obj_section;

static const char *section_name(const elf_file *f, const Elf64_Shdr *strtab, uint32_t off) {
    if (!strtab || off >= strtab->sh_size)
        return "?";
    const char *s = (const char *)f->data + strtab->sh_offset + off;
    /* The string must end inside the table. */
    if (!memchr(s, '\0', strtab->sh_size - off))
        return "?";
    return s;
}

static int by_offset(const void *a, const void *b) {
    const sfi_reloc *x = a, *y = b;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Builds the relocation list for section `target` (sorted by offset). */
static sfi_reloc *collect_relocs(elf_file *f, const Elf64_Shdr *shdrs, unsigned n,
                                 unsigned target, size_t *count) {
    size_t total = 0;
    *count = 0;
    for (unsigned i = 0; i < n; i++) {
        const Elf64_Shdr *s = &shdrs[i];
        if (s->sh_info != target || (s->sh_type != SHT_RELA && s->sh_type != SHT_REL))
            continue;
        if (s->sh_type == SHT_REL) {
            bad_input(f, "SHT_REL relocations against an executable section are not supported");
            return NULL;
        }
        if (s->sh_entsize != sizeof(Elf64_Rela) || !in_file(f, s->sh_offset, s->sh_size)) {
            bad_input(f, "malformed relocation section %u", i);
            return NULL;
        }
        total += s->sh_size / sizeof(Elf64_Rela);
    }
    if (total == 0)
        return NULL;
    sfi_reloc *out = calloc(total, sizeof *out);
    if (!out) {
        bad_input(f, "out of memory");
        return NULL;
    }
    for (unsigned i = 0; i < n; i++) {
        const Elf64_Shdr *s = &shdrs[i];
        if (s->sh_info != target || s->sh_type != SHT_RELA)
            continue;
        const Elf64_Shdr *symtab = s->sh_link < n ? &shdrs[s->sh_link] : NULL;
        bool symtab_ok = symtab && symtab->sh_type == SHT_SYMTAB &&
                         symtab->sh_entsize == sizeof(Elf64_Sym) &&
                         in_file(f, symtab->sh_offset, symtab->sh_size);
        for (uint64_t pos = 0; s->sh_size - pos >= sizeof(Elf64_Rela); pos += sizeof(Elf64_Rela)) {
            Elf64_Rela r;
            memcpy(&r, f->data + s->sh_offset + pos, sizeof r);
            sfi_reloc *o = &out[(*count)++];
            uint32_t type = ELF64_R_TYPE(r.r_info);
            uint64_t sym = ELF64_R_SYM(r.r_info);
            o->offset = r.r_offset;
            o->pc_relative = type == R_X86_64_PC32 || type == R_X86_64_PLT32;
            o->kind = SFI_RELOC_UNKNOWN;
            if (sym == 0) {
                o->kind = SFI_RELOC_ABSOLUTE;
                continue;
            }
            if (!symtab_ok || sym >= symtab->sh_size / sizeof(Elf64_Sym)) {
                bad_input(f, "relocation refers to a missing symbol");
                free(out);
                *count = 0;
                return NULL;
            }
            Elf64_Sym st;
            memcpy(&st, f->data + symtab->sh_offset + sym * sizeof st, sizeof st);
            if (st.st_shndx == SHN_ABS)
                o->kind = SFI_RELOC_ABSOLUTE;
            else if (st.st_shndx == target) {
                /* A symbol of this very section (local or global: a static PIE has no
                 * preemption), so the target is known now. */
                o->kind = SFI_RELOC_SAME_REGION;
                o->value = (int64_t)(st.st_value + (uint64_t)r.r_addend);
            }
        }
    }
    qsort(out, *count, sizeof *out, by_offset);
    return out;
}

static sfi_verify_status verify_object(const uint8_t *file, size_t size,
                                       const sfi_verify_config *config,
                                       sfi_verify_result *result, bool reference) {
    if (!result)
        return SFI_VERIFY_BAD_INPUT;
    elf_file f = open_file(file, size, config, result);
    if (!read_ehdr(&f, ET_REL))
        return finish(&f);
    const Elf64_Ehdr *eh = &f.eh;
    unsigned n = eh->e_shnum;
    if (eh->e_shentsize != sizeof(Elf64_Shdr) || n == 0 ||
        !in_file(&f, eh->e_shoff, (uint64_t)n * sizeof(Elf64_Shdr))) {
        bad_input(&f, "section header table missing, malformed or past the end of the file");
        return finish(&f);
    }
    Elf64_Shdr *shdrs = calloc(n, sizeof *shdrs);
    if (!shdrs) {
        bad_input(&f, "out of memory");
        return finish(&f);
    }
    memcpy(shdrs, file + eh->e_shoff, (size_t)n * sizeof *shdrs);
    const Elf64_Shdr *strtab = NULL;
    if (eh->e_shstrndx < n && shdrs[eh->e_shstrndx].sh_type == SHT_STRTAB &&
        in_file(&f, shdrs[eh->e_shstrndx].sh_offset, shdrs[eh->e_shstrndx].sh_size))
        strtab = &shdrs[eh->e_shstrndx];

    sfi_note_set notes = {0};
    for (unsigned i = 0; i < n; i++)
        /* A compressed note's bytes are not notes: ignore it, as libelf does (the policy
         * then stays the strict default). */
        if (shdrs[i].sh_type == SHT_NOTE && !(shdrs[i].sh_flags & SHF_COMPRESSED))
            read_notes(&f, shdrs[i].sh_offset, shdrs[i].sh_size, shdrs[i].sh_addralign, &notes);
    sfi_policy policy = config ? config->policy : SFI_POLICY_LOADS_STORES;
    uint32_t flags = 0;
    if (!f.bad && notes.count)
        check_notes(&f, &notes, false, &policy, &flags);
    result->module_policy = policy;
    result->module_flags = flags;

    for (unsigned i = 0; i < n && !f.bad; i++) {
        const Elf64_Shdr *s = &shdrs[i];
        if (!(s->sh_flags & SHF_EXECINSTR) || s->sh_size == 0)
            continue;
        const char *name = section_name(&f, strtab, s->sh_name);
        if (s->sh_type != SHT_PROGBITS) {
            sfi_report_input(result, f.max, name, 0, 0, 5,
                             "executable section of type %u has no bytes to verify", s->sh_type);
            continue;
        }
        if (!in_file(&f, s->sh_offset, s->sh_size) || s->sh_size > UINT32_MAX) {
            bad_input(&f, "section %s is past the end of the file", name);
            break;
        }
        /* A multiple of 32, not merely >= 32: an alignment of 48 lets the linker place the
         * section at an address that is not a bundle start (R5). */
        if (s->sh_addralign < SFI_BUNDLE_SIZE || s->sh_addralign % SFI_BUNDLE_SIZE != 0) {
            sfi_report_input(result, f.max, name, 0, 0, 5,
                             "executable section alignment %llu is not a multiple of the "
                             "32-byte bundle",
                             (unsigned long long)s->sh_addralign);
            continue;
        }
        size_t n_relocs = 0;
        sfi_reloc *relocs = collect_relocs(&f, shdrs, n, i, &n_relocs);
        if (f.bad)
            break;
        sfi_verifier v;
        sfi_verifier_init(&v, NULL, result);
        v.max_violations = f.max;
        v.policy = policy;
        v.image_start = v.image_end = 0; /* object mode: rip targets are relocations */
        v.region_name = name;
        v.code = file + s->sh_offset;
        v.size = s->sh_size;
        v.vaddr = 0;
        v.relocs = relocs;
        v.n_relocs = n_relocs;
        v.reference = reference;
        if (sfi_verify_region(&v) == SFI_VERIFY_BAD_INPUT)
            f.bad = true;
        free(relocs);
    }
    free(shdrs);
    return finish(&f);
}

sfi_verify_status sfi_verify_object(const uint8_t *file, size_t size,
                                    const sfi_verify_config *config, sfi_verify_result *result) {
    return verify_object(file, size, config, result, false);
}

sfi_verify_status sfi_verify_object_reference(const uint8_t *file, size_t size,
                                              const sfi_verify_config *config,
                                              sfi_verify_result *result) {
    return verify_object(file, size, config, result, true);
}
