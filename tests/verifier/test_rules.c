/* Unit tests of sfi_verify_code on hand-encoded bytes: for every rule R3-R17 at least one
 * sequence that must pass and several that must be rejected citing exactly that rule.
 * The byte arrays are in code_cases.inc (regenerate with gen_cases.py). */
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

typedef struct code_case {
    const char *name;
    const uint8_t *code;
    size_t size;
    unsigned rule;      /* 0: must verify; n: must be rejected citing R<n> */
    sfi_policy policy;
} code_case;

#define CASE(array, rule, policy) {#array, array, sizeof array, rule, policy}

#include "code_cases.inc"

/* The code is placed at 0x1000 in an image [0, 0x10000), so rip-relative targets can be
 * checked (R11 form c, R17). */
#define CODE_VADDR 0x1000
#define IMAGE_END 0x10000

static void print_result(const char *name, sfi_verify_status st, const sfi_verify_result *r) {
    print_message("%s: status %d, %zu violations\n", name, st, r->n_violations);
    for (size_t i = 0; i < r->n_violations && i < r->capacity; i++)
        print_message("  0x%llx [R%u] %s: %s\n", (unsigned long long)r->violations[i].vaddr,
                      r->violations[i].rule, r->violations[i].message, r->violations[i].text);
}

static bool cites(const sfi_verify_result *r, unsigned rule) {
    for (size_t i = 0; i < r->n_violations && i < r->capacity; i++)
        if (r->violations[i].rule == rule)
            return true;
    return false;
}

static void run_code_case(void **state) {
    const code_case *c = *state;
    sfi_verify_config cfg = {.policy = c->policy, .image_start = 0, .image_end = IMAGE_END};
    sfi_verify_result r;
    sfi_verify_status st = sfi_verify_code(c->code, c->size, CODE_VADDR, &cfg, &r);
    bool ok = c->rule == 0 ? st == SFI_VERIFY_OK
                           : st == SFI_VERIFY_REJECTED && cites(&r, c->rule);
    if (!ok || getenv("SFI_TEST_VERBOSE"))
        print_result(c->name, st, &r);
    sfi_verify_result_free(&r);
    assert_true(ok);
}

/* ---- hand-written checks that do not fit the table ---- */

static void empty_code_is_ok(void **state) {
    (void)state;
    sfi_verify_result r;
    assert_int_equal(sfi_verify_code(NULL, 0, 0, NULL, &r), SFI_VERIFY_OK);
    assert_int_equal(r.stats.instructions, 0);
    sfi_verify_result_free(&r);
}

static void unaligned_vaddr_is_r5(void **state) {
    (void)state;
    static const uint8_t nop[] = {0x90};
    sfi_verify_result r;
    assert_int_equal(sfi_verify_code(nop, 1, 0x1010, NULL, &r), SFI_VERIFY_REJECTED);
    assert_true(cites(&r, 5));
    sfi_verify_result_free(&r);
}

static void violation_records_instruction(void **state) {
    (void)state;
    static const uint8_t code[] = {
        0x90,             /* nop */
        0x49, 0x89, 0xc7, /* movq %rax, %r15 */
    };
    sfi_verify_result r;
    assert_int_equal(sfi_verify_code(code, sizeof code, 0x2000, NULL, &r), SFI_VERIFY_REJECTED);
    assert_int_equal(r.n_violations, 1);
    const sfi_violation *v = &r.violations[0];
    assert_int_equal(v->vaddr, 0x2001);
    assert_int_equal(v->rule, 3);
    assert_int_equal(v->length, 3);
    assert_memory_equal(v->bytes, code + 1, 3);
    assert_string_equal(v->text, "mov %rax, %r15");
    assert_int_equal(v->region_offset, 1);
    assert_true(strlen(v->message) > 10);
    assert_string_equal(sfi_rule_name(3), "R3 %r15 is the base");
    sfi_verify_result_free(&r);
}

static void all_violations_up_to_the_cap(void **state) {
    (void)state;
    uint8_t code[200];
    memset(code, 0xc3, sizeof code); /* 200 bare rets */
    sfi_verify_result r;
    sfi_verify_config cfg = {.max_violations = 5};
    assert_int_equal(sfi_verify_code(code, sizeof code, 0, &cfg, &r), SFI_VERIFY_REJECTED);
    assert_int_equal(r.n_violations, 200);
    assert_int_equal(r.capacity, 5);
    assert_int_equal(r.violations[4].vaddr, 4);
    sfi_verify_result_free(&r);
    assert_int_equal(sfi_verify_code(code, sizeof code, 0, NULL, &r), SFI_VERIFY_REJECTED);
    assert_int_equal(r.capacity, 100);
    sfi_verify_result_free(&r);
}

static void stats_count_sequences(void **state) {
    (void)state;
    static const uint8_t code[] = {
        0x41, 0x83, 0xe3, 0xe0,       /* andl $-32, %r11d */
        0x4d, 0x01, 0xfb,             /* addq %r15, %r11 */
        0x41, 0xff, 0xe3,             /* jmpq *%r11 */
        0x44, 0x8d, 0x74, 0x24, 0xf0, /* leal -16(%rsp), %r14d */
        0x4b, 0x8d, 0x24, 0x37,       /* leaq (%r15,%r14,1), %rsp */
        0x89, 0xff,                   /* movl %edi, %edi */
        0x49, 0x8d, 0x3c, 0x3f,       /* leaq (%r15,%rdi,1), %rdi */
        0xaa,                         /* stosb */
        0x43, 0x8b, 0x04, 0x37,       /* movl (%r15,%r14,1), %eax */
        0x41, 0x5b,                   /* popq %r11 */
        0x41, 0x83, 0xe3, 0xe0,       /* andl $-32, %r11d */
        0x4d, 0x01, 0xfb,             /* addq %r15, %r11 */
        0x41, 0x53,                   /* pushq %r11 */
        0xc3,                         /* retq */
    };
    sfi_verify_result r;
    assert_int_equal(sfi_verify_code(code, sizeof code, 0, NULL, &r), SFI_VERIFY_OK);
    assert_int_equal(r.stats.seq_indirect, 1);
    assert_int_equal(r.stats.seq_rsp, 1);
    assert_int_equal(r.stats.seq_string, 1);
    assert_int_equal(r.stats.seq_return, 1);
    assert_int_equal(r.stats.masked_accesses, 1);
    assert_int_equal(r.stats.bundles, 2);
    assert_int_equal(r.stats.instructions, 14);
    assert_int_equal(r.stats.code_bytes, sizeof code);
    sfi_verify_result_free(&r);
}

/* A direct jump to each interior instruction of each kind of sequence is R7. */
static void branch_into_each_interior(void **state) {
    (void)state;
    static const uint8_t seq[] = {
        0x41, 0x83, 0xe3, 0xe0, /* 0: andl $-32, %r11d (head) */
        0x4d, 0x01, 0xfb,       /* 4: addq %r15, %r11 */
        0x41, 0x53,             /* 7: pushq %r11 */
        0xc3,                   /* 9: retq */
        0x89, 0xff,             /* 10: movl %edi, %edi (head) */
        0x49, 0x8d, 0x3c, 0x3f, /* 12: leaq (%r15,%rdi,1), %rdi */
        0xaa,                   /* 16: stosb */
        0x4b, 0x8d, 0x24, 0x37, /* 17: leaq (%r15,%r14,1), %rsp (no sequence: a target) */
        0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, /* 21..31 */
    };
    static const unsigned heads[] = {0, 10, 17}, interiors[] = {4, 7, 9, 12, 16};
    uint8_t code[sizeof seq + 32];
    for (unsigned k = 0; k < 8; k++) {
        unsigned target = k < 3 ? heads[k] : interiors[k - 3];
        memcpy(code, seq, sizeof seq);
        memset(code + sizeof seq, 0x90, 32);
        /* jmp rel32 at offset 32 to `target`. */
        int32_t rel = (int32_t)target - (32 + 5);
        code[32] = 0xe9;
        memcpy(code + 33, &rel, 4);
        sfi_verify_result r;
        sfi_verify_status st = sfi_verify_code(code, sizeof code, 0, NULL, &r);
        if (k < 3) {
            if (st != SFI_VERIFY_OK)
                print_result("jump to head", st, &r);
            assert_int_equal(st, SFI_VERIFY_OK);
        } else {
            assert_int_equal(st, SFI_VERIFY_REJECTED);
            assert_true(cites(&r, 7));
        }
        sfi_verify_result_free(&r);
    }
}

/* Random bytes never crash the verifier and never pass (with overwhelming probability). */
static void random_bytes_are_rejected_safely(void **state) {
    (void)state;
    size_t size = 1 << 16;
    uint8_t *code = malloc(size);
    assert_non_null(code);
    uint32_t x = 12345;
    for (unsigned round = 0; round < 8; round++) {
        for (size_t i = 0; i < size; i++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            code[i] = (uint8_t)x;
        }
        sfi_verify_config cfg = {.image_end = 1 << 20};
        sfi_verify_result r;
        assert_int_equal(sfi_verify_code(code, size - round, 0x20000, &cfg, &r),
                         SFI_VERIFY_REJECTED);
        sfi_verify_result_free(&r);
    }
    free(code);
}

int main(void) {
    size_t n_cases = sizeof code_cases / sizeof code_cases[0];
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(empty_code_is_ok),
        cmocka_unit_test(unaligned_vaddr_is_r5),
        cmocka_unit_test(violation_records_instruction),
        cmocka_unit_test(all_violations_up_to_the_cap),
        cmocka_unit_test(stats_count_sequences),
        cmocka_unit_test(branch_into_each_interior),
        cmocka_unit_test(random_bytes_are_rejected_safely),
    };
    size_t n_fixed = sizeof fixed / sizeof fixed[0];
    struct CMUnitTest *tests = calloc(n_cases + n_fixed, sizeof *tests);
    if (!tests)
        return 1;
    for (size_t i = 0; i < n_cases; i++) {
        tests[i].name = code_cases[i].name;
        tests[i].test_func = run_code_case;
        tests[i].initial_state = (void *)&code_cases[i];
    }
    memcpy(tests + n_cases, fixed, sizeof fixed);
    int failed = _cmocka_run_group_tests("verifier_rules", tests, n_cases + n_fixed, NULL, NULL);
    free(tests);
    return failed;
}
