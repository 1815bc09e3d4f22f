/* Differential test of the verifier's fast path (verifier/fast_path.c) against its
 * reference path (verifier/reference.h: full Zydis decode, every rule, no fast path).
 *
 *   verifier_test_differential [FILE.o...]
 *
 * Both paths must return the same status, the same violations (address, rule, message,
 * disassembly, in the same order) and the same statistics on:
 *   - every snippet of code_cases.inc (the unit tests' hand-encoded cases);
 *   - the executable sections of the ELF objects given as arguments (CTest passes the
 *     attack corpus, every .s file of tests/attacks assembled with llvm-mc; any sfi-as
 *     object works);
 *   - the same bytes with random single-byte mutations;
 *   - uniformly random bytes;
 *   - "plausible" random instructions: random prefixes, REX, opcode maps, ModRM, SIB,
 *     displacements and immediates biased towards the mnemonics, registers (%rsp, %r14,
 *     %r15, %rdi, %rsi) and operand forms the fast path decides on.
 * Each buffer is checked under both policies and in both image and object modes.
 * Deterministic (fixed seed); SFI_DIFF_SEED and SFI_DIFF_SCALE change seed and size. */
#include <elf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h" /* sfi_table_decode: how much of the input the table route sees */
#include "quick_path.h" /* sfi_quick_judge: and the quick path */
#include "reference.h"
#include "sfi/verify.h"

typedef struct code_case {
    const char *name;
    const uint8_t *code;
    size_t size;
    unsigned rule;
    sfi_policy policy;
} code_case;
#define CASE(array, rule, policy) {#array, array, sizeof array, rule, policy}
#include "code_cases.inc"

static uint64_t rng_state = 0x5f1d1ff5eedull;
static uint64_t rnd(void) { /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }

static unsigned long compared, insns_seen, failures;

static bool same_violation(const sfi_violation *a, const sfi_violation *b) {
    return a->vaddr == b->vaddr && a->rule == b->rule && a->length == b->length &&
           !memcmp(a->bytes, b->bytes, a->length) && !strcmp(a->text, b->text) &&
           !strcmp(a->message, b->message) && !strcmp(a->region, b->region) &&
           a->region_offset == b->region_offset;
}

static bool same_stats(const sfi_verify_stats *a, const sfi_verify_stats *b) {
    return a->code_bytes == b->code_bytes && a->instructions == b->instructions &&
           a->bundles == b->bundles && a->seq_indirect == b->seq_indirect &&
           a->seq_return == b->seq_return && a->seq_rsp == b->seq_rsp &&
           a->seq_string == b->seq_string && a->masked_accesses == b->masked_accesses &&
           a->rip_unchecked == b->rip_unchecked && a->branch_unchecked == b->branch_unchecked;
}

/* Prints the violations around the first difference (or the first ones). */
static void dump(const char *what, const uint8_t *code, size_t size, const sfi_verify_result *r,
                 size_t around) {
    fprintf(stderr, "  %s: %zu violations\n", what, r->n_violations);
    size_t n = r->n_violations < r->capacity ? r->n_violations : r->capacity;
    size_t from = around == (size_t)-1 || around < 3 ? 0 : around - 3;
    for (size_t i = from; i < n && i < from + 6; i++) {
        const sfi_violation *x = &r->violations[i];
        fprintf(stderr, "    0x%llx R%u %s | %s | bytes", (unsigned long long)x->vaddr, x->rule,
                x->message, x->text);
        for (unsigned j = 0; j < x->length; j++)
            fprintf(stderr, " %02x", x->bytes[j]);
        fprintf(stderr, "\n");
    }
    (void)code, (void)size;
}

static void compare_results(const char *name, int cfgi, const uint8_t *code, size_t size,
                            sfi_verify_status sf, sfi_verify_result *fast_r,
                            sfi_verify_status sr, sfi_verify_result *ref_r);

/* Runs both paths on a whole ELF file: sfi_verify_object (both policies), where object
 * mode checks relocated branches, or sfi_verify_module. */
static void compare_file(const char *name, const uint8_t *file, size_t size) {
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
    if (size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG))
        return;
    for (int policy = 0; policy < 2; policy++) {
        sfi_verify_config cfg = {.policy = (sfi_policy)policy, .max_violations = 1024};
        sfi_verify_result fast, ref;
        sfi_verify_status sf, sr;
        if (eh->e_type == ET_REL) {
            sf = sfi_verify_object(file, size, &cfg, &fast);
            sr = sfi_verify_object_reference(file, size, &cfg, &ref);
        } else {
            sf = sfi_verify_module(file, size, &cfg, &fast);
            sr = sfi_verify_module_reference(file, size, &cfg, &ref);
        }
        compare_results(name, 8 + policy, file, size, sf, &fast, sr, &ref);
    }
}

/* Instructions the table decoder (verifier/table_decode.c) accepts in code, walking as
 * the verifier does (a declined instruction skips to the next bundle here, which only
 * undercounts): proof that the comparisons exercise the table route too. */
static unsigned long table_accepted;
static void count_table_route(const uint8_t *code, size_t size) {
    size_t off = 0;
    while (off < size) {
        size_t room = 32 - (off & 31);
        sfi_fields f;
        if (sfi_table_decode(code + off, room < size - off ? room : size - off, &f)) {
            table_accepted++;
            off += f.length;
        } else {
            off = (off | 31) + 1;
        }
    }
}

/* The same for the quick path (verifier/quick_path.h), which the verifier uses where
 * SFI_QUICK_READ bytes past the bundle are in the region. */
static unsigned long quick_accepted;
static void count_quick_route(const uint8_t *code, size_t size) {
    size_t off = 0;
    while ((off | 31) + 1 + SFI_QUICK_READ <= size) {
        sfi_quick q;
        unsigned length = sfi_quick_judge(code + off, &q);
        if (length && (off & 31) + length <= 32) {
            quick_accepted++;
            off += length;
        } else {
            off = (off | 31) + 1;
        }
    }
}

/* Runs both paths on one buffer in the four configurations. */
static void compare(const char *name, const uint8_t *code, size_t size) {
    count_table_route(code, size);
    count_quick_route(code, size);
    for (int cfgi = 0; cfgi < 4; cfgi++) {
        sfi_verify_config cfg = {
            .policy = (cfgi & 1) ? SFI_POLICY_STORES_ONLY : SFI_POLICY_LOADS_STORES,
            .image_start = 0,
            .image_end = (cfgi & 2) ? 0 : 0x10000 + size, /* 0: object mode */
            .max_violations = 1024,
        };
        sfi_verify_result fast, ref;
        sfi_verify_status sf = sfi_verify_code(code, size, 0x1000, &cfg, &fast);
        sfi_verify_status sr = sfi_verify_code_reference(code, size, 0x1000, &cfg, &ref);
        compare_results(name, cfgi, code, size, sf, &fast, sr, &ref);
    }
}

/* Config 0-3: sfi_verify_code (bit 0 stores-only, bit 1 object mode); 8, 9: whole file. */
static void compare_results(const char *name, int cfgi, const uint8_t *code, size_t size,
                            sfi_verify_status sf, sfi_verify_result *fast_r,
                            sfi_verify_status sr, sfi_verify_result *ref_r) {
    {
        sfi_verify_result fast = *fast_r, ref = *ref_r;
        bool ok = sf == sr && fast.n_violations == ref.n_violations &&
                  same_stats(&fast.stats, &ref.stats) && !strcmp(fast.error, ref.error) &&
                  fast.module_policy == ref.module_policy &&
                  fast.module_flags == ref.module_flags;
        size_t first_diff = (size_t)-1;
        for (size_t i = 0; i < fast.n_violations && i < fast.capacity &&
                           i < ref.n_violations && i < ref.capacity; i++)
            if (!same_violation(&fast.violations[i], &ref.violations[i])) {
                ok = false;
                first_diff = i;
                break;
            }
        compared++;
        insns_seen += ref.stats.instructions;
        if (!ok) {
            if (failures++ < 10) {
                fprintf(stderr, "MISMATCH %s (config %d): status %d vs %d, %zu vs %zu "
                        "violations, first differing violation %lld, masked %llu vs %llu\n",
                        name, cfgi, sf, sr, fast.n_violations, ref.n_violations,
                        (long long)first_diff, (unsigned long long)fast.stats.masked_accesses,
                        (unsigned long long)ref.stats.masked_accesses);
                const char *save = getenv("SFI_DIFF_SAVE"); /* the bytes, for debugging */
                FILE *fp = save && failures == 1 ? fopen(save, "wb") : NULL;
                if (fp) {
                    fwrite(code, 1, size, fp);
                    fclose(fp);
                }
                dump("fast", code, size, &fast, first_diff);
                dump("reference", code, size, &ref, first_diff);
            }
        }
        sfi_verify_result_free(fast_r);
        sfi_verify_result_free(ref_r);
    }
}

/* ---- inputs ---- */

static uint8_t *read_whole(const char *path, size_t *out_size) {
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *file = n > 0 ? malloc((size_t)n) : NULL;
    if (!file || fread(file, 1, (size_t)n, fp) != (size_t)n) {
        fclose(fp);
        free(file);
        return NULL;
    }
    fclose(fp);
    *out_size = (size_t)n;
    return file;
}

static uint8_t *read_exec_sections(const char *path, size_t *out_size) {
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    uint8_t *file = malloc((size_t)n + 1);
    if (!file || fread(file, 1, (size_t)n, fp) != (size_t)n) {
        fclose(fp);
        free(file);
        return NULL;
    }
    fclose(fp);
    uint8_t *code = NULL;
    size_t size = 0;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
    if ((size_t)n >= sizeof *eh && !memcmp(eh->e_ident, ELFMAG, SELFMAG) &&
        eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_shoff + eh->e_shnum * sizeof(Elf64_Shdr) <= (size_t)n) {
        const Elf64_Shdr *sh = (const Elf64_Shdr *)(file + eh->e_shoff);
        for (unsigned i = 0; i < eh->e_shnum; i++) {
            if (sh[i].sh_type != SHT_PROGBITS || !(sh[i].sh_flags & SHF_EXECINSTR) ||
                sh[i].sh_offset + sh[i].sh_size > (size_t)n)
                continue;
            size_t padded = (sh[i].sh_size + 31) & ~(size_t)31;
            code = realloc(code, size + padded);
            memcpy(code + size, file + sh[i].sh_offset, sh[i].sh_size);
            memset(code + size + sh[i].sh_size, 0x90, padded - sh[i].sh_size);
            size += padded;
        }
    }
    free(file);
    *out_size = size;
    return code;
}

static void mutate_and_compare(const char *name, const uint8_t *code, size_t size, int rounds) {
    if (!size)
        return;
    uint8_t *m = malloc(size);
    for (int r = 0; r < rounds; r++) {
        memcpy(m, code, size);
        unsigned flips = 1 + pick(1 + (unsigned)(size / 64));
        for (unsigned k = 0; k < flips; k++) {
            size_t at = pick((unsigned)size);
            switch (pick(3)) {
            case 0: m[at] = (uint8_t)rnd(); break;
            case 1: m[at] ^= (uint8_t)(1u << pick(8)); break;
            default: m[at] = (uint8_t)(0x40 | pick(16)); break; /* a REX byte */
            }
        }
        compare(name, m, size);
    }
    free(m);
}

/* One plausible instruction at p (at most 15 bytes); returns its length in bytes. */
static size_t gen_insn(uint8_t *p) {
    static const uint8_t legacy[] = {0x66, 0xf2, 0xf3, 0xf0, 0x2e, 0x3e, 0x26, 0x36,
                                     0x64, 0x65, 0x67};
    /* Opcodes of the default map the fast path cares about, plus neighbours. */
    static const uint8_t map0[] = {
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x09, 0x0b, 0x10, 0x11, 0x18, 0x19, 0x21,
        0x23, 0x25, 0x29, 0x2b, 0x31, 0x33, 0x38, 0x39, 0x3b, 0x3d, 0x50, 0x54, 0x58, 0x5c,
        0x63, 0x69, 0x6b, 0x70, 0x74, 0x7c, 0x80, 0x81, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
        0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x94, 0x96, 0x97, 0x98, 0x99, 0xa0,
        0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xae, 0xb0, 0xb4, 0xb8,
        0xbc, 0xbe, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc6, 0xc7, 0xc9, 0xcc, 0xd0, 0xd1, 0xd2,
        0xd3, 0xd7, 0xe0, 0xe2, 0xe3, 0xe8, 0xe9, 0xeb, 0xf6, 0xf7, 0xfe, 0xff};
    static const uint8_t map0f[] = {
        0x00, 0x01, 0x05, 0x0b, 0x0d, 0x10, 0x11, 0x12, 0x13, 0x16, 0x17, 0x18, 0x19, 0x1e,
        0x1f, 0x20, 0x22, 0x28, 0x29, 0x2a, 0x2c, 0x2e, 0x2f, 0x31, 0x40, 0x44, 0x4c, 0x4f,
        0x51, 0x54, 0x57, 0x58, 0x59, 0x5a, 0x5c, 0x5e, 0x62, 0x6c, 0x6e, 0x6f, 0x70, 0x74,
        0x7e, 0x7f, 0x80, 0x84, 0x8f, 0x90, 0x94, 0x9f, 0xa2, 0xa3, 0xab, 0xae, 0xaf, 0xb0,
        0xb1, 0xb3, 0xb6, 0xb7, 0xb8, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf, 0xc3, 0xc7, 0xc8,
        0xcc, 0xd4, 0xd6, 0xd7, 0xdb, 0xe7, 0xeb, 0xef, 0xf7, 0xfe, 0xff};
    size_t n = 0;
    unsigned np = pick(8) == 0 ? 1 + pick(3) : (pick(3) == 0 ? 1 : 0);
    for (unsigned i = 0; i < np; i++)
        p[n++] = legacy[pick(sizeof legacy)];
    if (pick(2))
        p[n++] = (uint8_t)(0x40 | pick(16));
    switch (pick(10)) {
    case 0: case 1: case 2: case 3: case 4: case 5:
        p[n++] = map0[pick(sizeof map0)];
        break;
    case 6: case 7: case 8:
        p[n++] = 0x0f;
        p[n++] = map0f[pick(sizeof map0f)];
        break;
    default:
        if (pick(4) == 0) { /* VEX */
            p[n++] = 0xc5;
            p[n++] = (uint8_t)rnd();
        } else {
            p[n++] = 0x0f;
        }
        p[n++] = (uint8_t)rnd();
        break;
    }
    /* ModRM biased to interesting registers: 4 (rsp), 6 (rsi), 7 (rdi), 5 (rip/rbp). */
    static const uint8_t regs[] = {0, 1, 4, 4, 5, 6, 7, 7, 3, 2};
    uint8_t mod = (uint8_t)pick(4), reg = regs[pick(sizeof regs)], rm = regs[pick(sizeof regs)];
    p[n++] = (uint8_t)(mod << 6 | reg << 3 | rm);
    if (mod != 3 && rm == 4)
        p[n++] = (uint8_t)(pick(4) << 6 | regs[pick(sizeof regs)] << 3 | regs[pick(sizeof regs)]);
    /* Displacement/immediate bytes: small, near the D limit, or random. */
    static const uint32_t vals[] = {0, 8, 0x7fff, 0x8000, 0xffff8001, 0xffff8000, 0xffffffe0,
                                    0x10000, 0x7fffffff, 0x80000000, 0xfffffff0, 0x20};
    uint32_t v = pick(3) ? vals[pick(sizeof vals / sizeof vals[0])] : (uint32_t)rnd();
    for (unsigned i = 0; i < 4 && n < 15; i++)
        p[n++] = (uint8_t)(v >> (8 * i));
    uint32_t w = (uint32_t)rnd();
    for (unsigned i = 0; i < 4 && n < 15; i++)
        p[n++] = (uint8_t)(w >> (8 * i));
    return n;
}

/* A buffer of generated instructions. Each candidate is written whole; whatever the
 * decoder makes of the bytes (often a shorter instruction followed by more) is the
 * test. Sequence pieces (movl %edi,%edi; leaq (%r15,%rdi,1),%rdi; andl $-32; addq
 * %r15; pushq; retq; movl ...,%esp) are mixed in so sequences complete and break. */
static void gen_buffer(uint8_t *b, size_t size) {
    static const struct { uint8_t n, bytes[8]; } pieces[] = {
        {2, {0x89, 0xff}},                         /* movl %edi,%edi */
        {2, {0x89, 0xf6}},                         /* movl %esi,%esi */
        {4, {0x49, 0x8d, 0x3c, 0x3f}},             /* leaq (%r15,%rdi,1),%rdi */
        {4, {0x49, 0x8d, 0x34, 0x37}},             /* leaq (%r15,%rsi,1),%rsi */
        {4, {0x41, 0x83, 0xe3, 0xe0}},             /* andl $-32,%r11d */
        {3, {0x4d, 0x01, 0xfb}},                   /* addq %r15,%r11 */
        {2, {0x41, 0x53}},                         /* pushq %r11 */
        {1, {0xc3}},                               /* retq */
        {3, {0x41, 0xff, 0xe3}},                   /* jmpq *%r11 */
        {2, {0x89, 0xec}},                         /* movl %ebp,%esp */
        {3, {0x4c, 0x01, 0xfc}},                   /* addq %r15,%rsp */
        {2, {0xf3, 0xab}},                         /* rep stosl */
        {2, {0xf3, 0xa4}},                         /* rep movsb */
        {4, {0x43, 0x8b, 0x04, 0x37}},             /* movl (%r15,%r14,1),%eax */
        {4, {0x45, 0x8d, 0x34, 0x06}},             /* leal (%r14,%rax,1),%r14d */
        {4, {0x47, 0x89, 0x34, 0x37}},             /* movl %r14d,(%r15,%r14,1) */
        {3, {0x4d, 0x89, 0xf6}},                   /* movq %r14,%r14 */
        {4, {0x48, 0x83, 0xe4, 0xf0}},             /* andq $-16,%rsp */
        {4, {0x4b, 0x8d, 0x24, 0x37}},             /* leaq (%r15,%r14,1),%rsp (R12.3) */
        {5, {0x4b, 0x8d, 0x64, 0x37, 0x00}},       /* leaq 0(%r15,%r14,1),%rsp */
        {5, {0x4b, 0x8d, 0x64, 0x37, 0x08}},       /* leaq 8(%r15,%r14,1),%rsp */
        {4, {0x4b, 0x8d, 0x24, 0x3e}},             /* leaq (%r14,%r15,1),%rsp */
        {4, {0x4b, 0x8d, 0x24, 0x77}},             /* leaq (%r15,%r14,2),%rsp */
        {4, {0x4f, 0x8d, 0x24, 0x37}},             /* leaq (%r15,%r14,1),%r12 */
        {4, {0x43, 0x8d, 0x24, 0x37}},             /* leal (%r15,%r14,1),%esp */
        {5, {0x0f, 0x1f, 0x44, 0x00, 0x00}},       /* nopl 0(%rax,%rax,1) */
    };
    size_t at = 0;
    while (at + 16 <= size) {
        if (pick(6) == 0) {
            unsigned k = pick(sizeof pieces / sizeof pieces[0]);
            memcpy(b + at, pieces[k].bytes, pieces[k].n);
            at += pieces[k].n;
        } else {
            at += gen_insn(b + at);
        }
    }
    while (at < size)
        b[at++] = 0x90;
}

int main(int argc, char **argv) {
    if (getenv("SFI_DIFF_SEED"))
        rng_state = strtoull(getenv("SFI_DIFF_SEED"), NULL, 0) | 1;
    double scale = getenv("SFI_DIFF_SCALE") ? atof(getenv("SFI_DIFF_SCALE")) : 1.0;

    /* 1. the unit tests' snippets, and mutations of them */
    size_t n_cases = sizeof code_cases / sizeof code_cases[0];
    for (size_t i = 0; i < n_cases; i++) {
        compare(code_cases[i].name, code_cases[i].code, code_cases[i].size);
        mutate_and_compare(code_cases[i].name, code_cases[i].code, code_cases[i].size,
                           (int)(8 * scale) + 1);
    }
    unsigned long after_cases = compared;

    /* 2. objects from the command line (the attack corpus), and mutations of them */
    int objects = 0;
    for (int i = 1; i < argc; i++) {
        size_t fsize;
        uint8_t *file = read_whole(argv[i], &fsize);
        if (file) {
            compare_file(argv[i], file, fsize);
            free(file);
        }
        size_t size;
        uint8_t *code = read_exec_sections(argv[i], &size);
        if (!code && size) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            return 1;
        }
        if (!size) {
            free(code);
            continue;
        }
        objects++;
        compare(argv[i], code, size);
        mutate_and_compare(argv[i], code, size, size > 65536 ? 2 : (int)(4 * scale) + 1);
        free(code);
    }

    /* 3. random bytes, 4. plausible instructions; 4 KiB buffers */
    enum { CHUNK = 4096 };
    uint8_t *b = malloc(CHUNK + 16);
    unsigned n_random = (unsigned)(64 * scale) + 1, n_plausible = (unsigned)(768 * scale) + 1;
    for (unsigned r = 0; r < n_random; r++) {
        for (size_t i = 0; i < CHUNK; i++)
            b[i] = (uint8_t)rnd();
        compare("random bytes", b, CHUNK);
    }
    for (unsigned r = 0; r < n_plausible; r++) {
        gen_buffer(b, CHUNK);
        compare("plausible instructions", b, CHUNK);
        /* A region need not end at a bundle boundary (the last instruction may be cut). */
        compare("plausible instructions, cut", b, CHUNK - 1 - pick(40));
    }
    /* 5. repetitive code: a small vocabulary of generated instructions and sequence
     * pieces, each used many times at every alignment, so that memoised instructions
     * recur at other addresses, across bundle ends, before the region end, after a
     * pending rsp rebase, rip-relative ones with other targets, and so on. */
    unsigned n_repetitive = (unsigned)(256 * scale) + 1;
    for (unsigned r = 0; r < n_repetitive; r++) {
        uint8_t vocab[16][16];
        size_t vlen[16];
        unsigned words = 2 + pick(15);
        for (unsigned w = 0; w < words; w++) {
            uint8_t tmp[CHUNK];
            gen_buffer(tmp, 64); /* a generated instruction or a sequence piece first */
            vlen[w] = 1 + pick(15);
            memcpy(vocab[w], tmp, vlen[w]);
        }
        size_t at = 0;
        while (at < CHUNK) { /* b has 16 bytes of slack */
            unsigned w = pick(words);
            memcpy(b + at, vocab[w], vlen[w]);
            at += vlen[w];
        }
        /* Cut anywhere: the region may end inside an instruction seen before. */
        compare("repetitive code", b, CHUNK - pick(64));
    }
    free(b);

    printf("differential: %lu comparisons (%lu on the %zu unit-test snippets, %d objects), "
           "%lu instructions per path, %lu of them (at least) through the table decoder, "
           "%lu through the quick path, %lu mismatches\n",
           compared, after_cases, n_cases, objects, insns_seen, table_accepted, quick_accepted,
           failures);
    if (table_accepted < 100000) {
        fprintf(stderr, "the table decoder saw only %lu instructions: the comparisons do not "
                "exercise the table route\n", table_accepted);
        return 1;
    }
    if (quick_accepted < 80000) {
        fprintf(stderr, "the quick path saw only %lu instructions: the comparisons do not "
                "exercise it\n", quick_accepted);
        return 1;
    }
    return failures ? 1 : 0;
}
