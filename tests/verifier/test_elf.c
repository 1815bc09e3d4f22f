/* Tests of sfi_verify_module (R20, R24) and sfi_verify_object on ELF files built here
 * from bytes: a minimal valid static-PIE module and object, then one corruption each. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sfi/verify.h"

/* ---- a minimal module ----
 * file/vaddr 0x0000  R    ELF header, program headers, the note at 0x200
 *            0x1000  R+X  code (two bundles)
 *            0x2000  R+W  data (16 bytes), the end of the file */
enum { PH_TEXT_R, PH_CODE, PH_DATA, PH_NOTE, PH_STACK, N_PH };
#define NOTE_OFF 0x200
#define CODE_OFF 0x1000
#define DATA_OFF 0x2000
#define DATA_SIZE 16
#define FILE_SIZE (DATA_OFF + DATA_SIZE)

static const uint8_t good_code[] = {
    0x43, 0x8b, 0x04, 0x37,       /* movl (%r15,%r14,1), %eax */
    0x48, 0x8b, 0x05, 0xf5, 0x0f, 0x00, 0x00, /* movq 0xff5(%rip), %rax: the data at 0x2000 */
    0x41, 0x5b,                   /* popq %r11 */
    0x41, 0x83, 0xe3, 0xe0,       /* andl $-32, %r11d */
    0x4d, 0x01, 0xfb,             /* addq %r15, %r11 */
    0x41, 0x53,                   /* pushq %r11 */
    0xc3,                         /* retq */
};

typedef struct module {
    uint8_t *data;
    size_t size;
    Elf64_Ehdr *eh;
    Elf64_Phdr *ph;     /* N_PH entries */
    uint32_t *note;     /* namesz, descsz, type, name, desc[4] */
} module;

static void put_note(uint32_t *n, uint32_t mode, uint32_t policy) {
    n[0] = 4;                 /* namesz */
    n[1] = 16;                /* descsz */
    n[2] = 1;                 /* type */
    memcpy(&n[3], "SFI", 4);
    n[4] = 1;                 /* ABI version */
    n[5] = mode;
    n[6] = policy;
    n[7] = 0;                 /* flags */
}

static module make_module(const uint8_t *code, size_t code_size) {
    module m;
    m.size = FILE_SIZE;
    m.data = calloc(1, m.size);
    assert_non_null(m.data);
    m.eh = (Elf64_Ehdr *)m.data;
    m.ph = (Elf64_Phdr *)(m.data + sizeof(Elf64_Ehdr));
    m.note = (uint32_t *)(m.data + NOTE_OFF);

    memcpy(m.eh->e_ident, ELFMAG, SELFMAG);
    m.eh->e_ident[EI_CLASS] = ELFCLASS64;
    m.eh->e_ident[EI_DATA] = ELFDATA2LSB;
    m.eh->e_ident[EI_VERSION] = EV_CURRENT;
    m.eh->e_type = ET_DYN;
    m.eh->e_machine = EM_X86_64;
    m.eh->e_version = EV_CURRENT;
    m.eh->e_entry = CODE_OFF;
    m.eh->e_phoff = sizeof(Elf64_Ehdr);
    m.eh->e_ehsize = sizeof(Elf64_Ehdr);
    m.eh->e_phentsize = sizeof(Elf64_Phdr);
    m.eh->e_phnum = N_PH;

    m.ph[PH_TEXT_R] = (Elf64_Phdr){PT_LOAD, PF_R, 0, 0, 0, 0x300, 0x300, 0x1000};
    m.ph[PH_CODE] = (Elf64_Phdr){PT_LOAD, PF_R | PF_X, CODE_OFF, CODE_OFF, CODE_OFF,
                                 code_size, code_size, 0x1000};
    m.ph[PH_DATA] = (Elf64_Phdr){PT_LOAD, PF_R | PF_W, DATA_OFF, DATA_OFF, DATA_OFF,
                                 DATA_SIZE, DATA_SIZE + 0x100, 0x1000};
    m.ph[PH_NOTE] = (Elf64_Phdr){PT_NOTE, PF_R, NOTE_OFF, NOTE_OFF, NOTE_OFF, 32, 32, 4};
    m.ph[PH_STACK] = (Elf64_Phdr){PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16};
    put_note(m.note, 0, 0);
    memcpy(m.data + CODE_OFF, code, code_size);
    return m;
}

static module good_module(void) {
    return make_module(good_code, sizeof good_code);
}

static bool cites(const sfi_verify_result *r, unsigned rule) {
    for (size_t i = 0; i < r->n_violations && i < r->capacity; i++)
        if (r->violations[i].rule == rule)
            return true;
    return false;
}

static void show(const sfi_verify_result *r) {
    for (size_t i = 0; i < r->n_violations && i < r->capacity; i++)
        print_message("  [R%u] %s+0x%llx %s\n", r->violations[i].rule, r->violations[i].region,
                      (unsigned long long)r->violations[i].region_offset,
                      r->violations[i].message);
    if (r->error[0])
        print_message("  error: %s\n", r->error);
}

/* Verifies m and checks the status and (if rule != 0) the cited rule. */
static void expect(module *m, sfi_verify_status want, unsigned rule) {
    sfi_verify_result r;
    sfi_verify_status st = sfi_verify_module(m->data, m->size, NULL, &r);
    if (st != want || (rule && !cites(&r, rule))) {
        print_message("status %d, wanted %d (R%u)\n", st, want, rule);
        show(&r);
    }
    assert_int_equal(st, want);
    if (rule)
        assert_true(cites(&r, rule));
    if (want == SFI_VERIFY_BAD_INPUT)
        assert_true(strlen(r.error) > 0);
    sfi_verify_result_free(&r);
    free(m->data);
}

static void valid_module(void **state) {
    (void)state;
    module m = good_module();
    sfi_verify_result r;
    sfi_verify_status st = sfi_verify_module(m.data, m.size, NULL, &r);
    if (st != SFI_VERIFY_OK)
        show(&r);
    assert_int_equal(st, SFI_VERIFY_OK);
    assert_int_equal(r.stats.instructions, 7);
    assert_int_equal(r.stats.seq_return, 1);
    assert_int_equal(r.module_policy, SFI_POLICY_LOADS_STORES);
    sfi_verify_result_free(&r);
    free(m.data);
}

static void stores_only_policy_comes_from_the_note(void **state) {
    (void)state;
    static const uint8_t load_rax[] = {0x8b, 0x00}; /* movl (%rax), %eax */
    module m = make_module(load_rax, sizeof load_rax);
    put_note(m.note, 0, 1);
    sfi_verify_result r;
    assert_int_equal(sfi_verify_module(m.data, m.size, NULL, &r), SFI_VERIFY_OK);
    assert_int_equal(r.module_policy, SFI_POLICY_STORES_ONLY);
    sfi_verify_result_free(&r);
    put_note(m.note, 0, 0);
    expect(&m, SFI_VERIFY_REJECTED, 11);
}

static void truncated_header(void **state) {
    (void)state;
    module m = good_module();
    m.size = 10;
    expect(&m, SFI_VERIFY_BAD_INPUT, 0);
}

static void every_truncation_is_refused(void **state) {
    (void)state;
    module m = good_module();
    for (size_t size = 0; size < m.size; size += size < 256 ? 1 : 61) {
        sfi_verify_result r;
        assert_int_not_equal(sfi_verify_module(m.data, size, NULL, &r), SFI_VERIFY_OK);
        sfi_verify_result_free(&r);
    }
    free(m.data);
}

static void not_elf(void **state) {
    (void)state;
    module m = good_module();
    m.eh->e_ident[EI_CLASS] = ELFCLASS32;
    expect(&m, SFI_VERIFY_BAD_INPUT, 0);
}

static void not_dyn(void **state) {
    (void)state;
    module m = good_module();
    m.eh->e_type = ET_EXEC;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void wrong_machine(void **state) {
    (void)state;
    module m = good_module();
    m.eh->e_machine = EM_AARCH64;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void phdrs_past_eof(void **state) {
    (void)state;
    module m = good_module();
    m.eh->e_phoff = m.size - 10;
    expect(&m, SFI_VERIFY_BAD_INPUT, 0);
}

static void phdrs_offset_overflow(void **state) {
    (void)state;
    module m = good_module();
    m.eh->e_phoff = UINT64_MAX - 8;
    expect(&m, SFI_VERIFY_BAD_INPUT, 0);
}

static void segment_past_eof(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_DATA].p_offset = UINT64_MAX - 4;
    expect(&m, SFI_VERIFY_BAD_INPUT, 0);
}

static void code_filesz_past_eof(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_CODE].p_filesz = m.ph[PH_CODE].p_memsz = 0x100000;
    expect(&m, SFI_VERIFY_BAD_INPUT, 0);
}

static void write_and_execute(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_DATA].p_flags = PF_R | PF_W | PF_X;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void two_code_segments(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_DATA].p_flags = PF_R | PF_X;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void no_code_segment(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_CODE].p_flags = PF_R;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void missing_note(void **state) {
    (void)state;
    module m = good_module();
    memcpy(&m.note[3], "SFJ", 4);
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void note_mode_segue(void **state) {
    (void)state;
    module m = good_module();
    put_note(m.note, 1, 0);
    expect(&m, SFI_VERIFY_REJECTED, 24);
}

static void note_bad_version(void **state) {
    (void)state;
    module m = good_module();
    m.note[4] = 2;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void note_truncated(void **state) {
    (void)state;
    module m = good_module();
    m.note[1] = 0x7fffffff; /* descsz past the note segment */
    expect(&m, SFI_VERIFY_BAD_INPUT, 0);
}

static void notes_differ(void **state) {
    (void)state;
    module m = good_module();
    /* A second note right after the first one, with another policy. */
    put_note(m.note + 8, 0, 1);
    m.ph[PH_NOTE].p_filesz = m.ph[PH_NOTE].p_memsz = 64;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void code_not_aligned(void **state) {
    (void)state;
    module m = good_module();
    memmove(m.data + CODE_OFF + 16, m.data + CODE_OFF, sizeof good_code);
    m.ph[PH_CODE].p_offset += 16;
    m.ph[PH_CODE].p_vaddr += 16;
    m.ph[PH_CODE].p_paddr += 16;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void code_memsz_differs(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_CODE].p_memsz += 32;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void code_empty(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_CODE].p_memsz = m.ph[PH_CODE].p_filesz = 0;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void small_alignment(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_DATA].p_align = 16;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void beyond_3gib(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_DATA].p_vaddr = 0xc0000000;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void vaddr_overflow(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_DATA].p_vaddr = UINT64_MAX - 0x1000 + 1;
    m.ph[PH_DATA].p_offset = DATA_OFF;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void overlapping_segments(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_DATA].p_vaddr = 0x100;
    m.ph[PH_DATA].p_offset = 0x100;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void data_shares_code_page(void **state) {
    (void)state;
    module m = good_module();
    /* R+W bytes right after the code, on the same page: the loader could not map it. */
    m.ph[PH_DATA].p_vaddr = CODE_OFF + 0x800;
    m.ph[PH_DATA].p_offset = 0x800;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void interpreter(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_STACK].p_type = PT_INTERP;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void executable_stack(void **state) {
    (void)state;
    module m = good_module();
    m.ph[PH_STACK].p_flags = PF_R | PF_W | PF_X;
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void needed_library(void **state) {
    (void)state;
    module m = good_module();
    /* PT_DYNAMIC in the data segment: DT_NEEDED, DT_NULL. */
    Elf64_Dyn *dyn = (Elf64_Dyn *)(m.data + DATA_OFF);
    dyn[0] = (Elf64_Dyn){.d_tag = DT_NEEDED, .d_un.d_val = 1};
    m.ph[PH_STACK] = (Elf64_Phdr){PT_DYNAMIC, PF_R | PF_W, DATA_OFF, DATA_OFF, DATA_OFF,
                                  DATA_SIZE, DATA_SIZE, 8};
    expect(&m, SFI_VERIFY_REJECTED, 20);
}

static void bad_code_is_reported_with_its_segment(void **state) {
    (void)state;
    static const uint8_t code[] = {0x90, 0xc3}; /* nop; ret */
    module m = make_module(code, sizeof code);
    sfi_verify_result r;
    assert_int_equal(sfi_verify_module(m.data, m.size, NULL, &r), SFI_VERIFY_REJECTED);
    assert_int_equal(r.n_violations, 1);
    assert_int_equal(r.violations[0].rule, 10);
    assert_int_equal(r.violations[0].vaddr, CODE_OFF + 1);
    assert_string_equal(r.violations[0].region, "LOAD[1]");
    assert_int_equal(r.violations[0].region_offset, 1);
    sfi_verify_result_free(&r);
    free(m.data);
}

static void rip_relative_checked_against_image(void **state) {
    (void)state;
    /* The image is [0, 0x2110): 0x2110 - 8 is the last good target; one more is out. */
    uint8_t code[] = {0x48, 0x8b, 0x05, 0, 0, 0, 0}; /* movq disp(%rip), %rax */
    int32_t disp = 0x2110 - 8 - (CODE_OFF + 7);
    memcpy(code + 3, &disp, 4);
    module m = make_module(code, sizeof code);
    sfi_verify_result r;
    assert_int_equal(sfi_verify_module(m.data, m.size, NULL, &r), SFI_VERIFY_OK);
    sfi_verify_result_free(&r);
    free(m.data);
    disp++;
    memcpy(code + 3, &disp, 4);
    m = make_module(code, sizeof code);
    expect(&m, SFI_VERIFY_REJECTED, 17);
}

/* Random damage to the headers never crashes the parser (ASan/UBSan watch). */
static void header_mutations_do_not_crash(void **state) {
    (void)state;
    uint32_t x = 0x9e3779b9;
    for (unsigned round = 0; round < 20000; round++) {
        module m = good_module();
        for (unsigned k = 0; k < 1 + round % 4; k++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            size_t at = x % (NOTE_OFF + 32);
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            m.data[at] = (uint8_t)x;
        }
        sfi_verify_result r;
        sfi_verify_status st = sfi_verify_module(m.data, m.size, NULL, &r);
        assert_true(st == SFI_VERIFY_OK || st == SFI_VERIFY_REJECTED || st == SFI_VERIFY_BAD_INPUT);
        sfi_verify_result_free(&r);
        free(m.data);
    }
}

/* ---- a minimal relocatable object: null, .text, .note.sfi, .shstrtab ---- */

typedef struct object {
    uint8_t data[0x400];
    Elf64_Ehdr *eh;
    Elf64_Shdr *sh;
} object;

static const char obj_strtab[] = "\0.text\0.note.sfi\0.shstrtab";

static void make_object(object *o, const uint8_t *code, size_t code_size, uint64_t align) {
    memset(o->data, 0, sizeof o->data);
    o->eh = (Elf64_Ehdr *)o->data;
    o->sh = (Elf64_Shdr *)(o->data + 0x200);
    memcpy(o->eh->e_ident, ELFMAG, SELFMAG);
    o->eh->e_ident[EI_CLASS] = ELFCLASS64;
    o->eh->e_ident[EI_DATA] = ELFDATA2LSB;
    o->eh->e_ident[EI_VERSION] = EV_CURRENT;
    o->eh->e_type = ET_REL;
    o->eh->e_machine = EM_X86_64;
    o->eh->e_version = EV_CURRENT;
    o->eh->e_shoff = 0x200;
    o->eh->e_ehsize = sizeof(Elf64_Ehdr);
    o->eh->e_shentsize = sizeof(Elf64_Shdr);
    o->eh->e_shnum = 4;
    o->eh->e_shstrndx = 3;
    memcpy(o->data + 0x40, code, code_size);
    put_note((uint32_t *)(o->data + 0x100), 0, 0);
    memcpy(o->data + 0x180, obj_strtab, sizeof obj_strtab);
    o->sh[1] = (Elf64_Shdr){.sh_name = 1, .sh_type = SHT_PROGBITS,
                            .sh_flags = SHF_ALLOC | SHF_EXECINSTR, .sh_offset = 0x40,
                            .sh_size = code_size, .sh_addralign = align};
    o->sh[2] = (Elf64_Shdr){.sh_name = 7, .sh_type = SHT_NOTE, .sh_offset = 0x100,
                            .sh_size = 32, .sh_addralign = 4};
    o->sh[3] = (Elf64_Shdr){.sh_name = 17, .sh_type = SHT_STRTAB, .sh_offset = 0x180,
                            .sh_size = sizeof obj_strtab, .sh_addralign = 1};
}

static void object_valid_and_invalid(void **state) {
    (void)state;
    object o;
    sfi_verify_result r;
    make_object(&o, good_code, sizeof good_code, 32);
    assert_int_equal(sfi_verify_object(o.data, sizeof o.data, NULL, &r), SFI_VERIFY_OK);
    assert_int_equal(r.stats.rip_unchecked, 1); /* object mode: rip targets are relocations */
    sfi_verify_result_free(&r);

    static const uint8_t ret[] = {0xc3};
    make_object(&o, ret, 1, 32);
    assert_int_equal(sfi_verify_object(o.data, sizeof o.data, NULL, &r), SFI_VERIFY_REJECTED);
    assert_int_equal(r.violations[0].rule, 10);
    assert_string_equal(r.violations[0].region, ".text");
    sfi_verify_result_free(&r);

    make_object(&o, good_code, sizeof good_code, 16);
    assert_int_equal(sfi_verify_object(o.data, sizeof o.data, NULL, &r), SFI_VERIFY_REJECTED);
    assert_int_equal(r.violations[0].rule, 5);
    sfi_verify_result_free(&r);

    static const uint8_t load_rax[] = {0x8b, 0x00}; /* movl (%rax), %eax */
    make_object(&o, load_rax, sizeof load_rax, 32);
    assert_int_equal(sfi_verify_object(o.data, sizeof o.data, NULL, &r), SFI_VERIFY_REJECTED);
    sfi_verify_result_free(&r);
    put_note((uint32_t *)(o.data + 0x100), 0, 1);
    assert_int_equal(sfi_verify_object(o.data, sizeof o.data, NULL, &r), SFI_VERIFY_OK);
    assert_int_equal(r.module_policy, SFI_POLICY_STORES_ONLY);
    sfi_verify_result_free(&r);
    put_note((uint32_t *)(o.data + 0x100), 1, 0);
    assert_int_equal(sfi_verify_object(o.data, sizeof o.data, NULL, &r), SFI_VERIFY_REJECTED);
    assert_int_equal(r.violations[0].rule, 24);
    sfi_verify_result_free(&r);

    make_object(&o, good_code, sizeof good_code, 32);
    o.sh[1].sh_offset = 0x3f0;
    assert_int_equal(sfi_verify_object(o.data, sizeof o.data, NULL, &r), SFI_VERIFY_BAD_INPUT);
    sfi_verify_result_free(&r);
    make_object(&o, good_code, sizeof good_code, 32);
    assert_int_equal(sfi_verify_object(o.data, 0x210, NULL, &r), SFI_VERIFY_BAD_INPUT);
    sfi_verify_result_free(&r);
    /* A module is not an object and the other way round. */
    assert_int_equal(sfi_verify_module(o.data, sizeof o.data, NULL, &r), SFI_VERIFY_BAD_INPUT);
    sfi_verify_result_free(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_module),
        cmocka_unit_test(stores_only_policy_comes_from_the_note),
        cmocka_unit_test(truncated_header),
        cmocka_unit_test(every_truncation_is_refused),
        cmocka_unit_test(not_elf),
        cmocka_unit_test(not_dyn),
        cmocka_unit_test(wrong_machine),
        cmocka_unit_test(phdrs_past_eof),
        cmocka_unit_test(phdrs_offset_overflow),
        cmocka_unit_test(segment_past_eof),
        cmocka_unit_test(code_filesz_past_eof),
        cmocka_unit_test(write_and_execute),
        cmocka_unit_test(two_code_segments),
        cmocka_unit_test(no_code_segment),
        cmocka_unit_test(missing_note),
        cmocka_unit_test(note_mode_segue),
        cmocka_unit_test(note_bad_version),
        cmocka_unit_test(note_truncated),
        cmocka_unit_test(notes_differ),
        cmocka_unit_test(code_not_aligned),
        cmocka_unit_test(code_memsz_differs),
        cmocka_unit_test(code_empty),
        cmocka_unit_test(small_alignment),
        cmocka_unit_test(beyond_3gib),
        cmocka_unit_test(vaddr_overflow),
        cmocka_unit_test(overlapping_segments),
        cmocka_unit_test(data_shares_code_page),
        cmocka_unit_test(interpreter),
        cmocka_unit_test(executable_stack),
        cmocka_unit_test(needed_library),
        cmocka_unit_test(bad_code_is_reported_with_its_segment),
        cmocka_unit_test(rip_relative_checked_against_image),
        cmocka_unit_test(header_mutations_do_not_crash),
        cmocka_unit_test(object_valid_and_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
