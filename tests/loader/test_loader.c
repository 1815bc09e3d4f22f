/* libsfi tests: loading, calls of every argument kind, callbacks and nesting, the syscall hook,
 * faults, timeouts, isolation between sandboxes, malformed and unverifiable modules, R25. */
#define _GNU_SOURCE
#include <errno.h>
#include <fenv.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xmmintrin.h>

#include <cmocka.h>

#include "sfi/sfi.h"

#define MOD(name) SFI_TEST_MODULE_DIR "/" name ".sfi"
#define IMAGE_OFF 0x100000u
#define GATES_OFF 0x20000u
#define GATE_AREA 0x10000
#define SLOT (UINT64_C(1) << 32)

/* CMocka installs its own SIGSEGV/SIGILL/SIGFPE/SIGBUS handlers around every test; put
 * libsfi's back in front of them (they chain to CMocka's for faults outside sandboxes). */
#define BEGIN() assert_int_equal(sfi_runtime_reinstall_handlers(), SFI_OK)

static void *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* ---- host callbacks used by basic.s ---- */
#include "basic_host.h"
#include "dirty_fp.h"

/* host_reenter(x) = x > 0 ? nested(x - 1) : 0, so nested(n) = 1000 * (n + 1) */
static uint64_t host_reenter(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)user;
    if (a->i[0] == 0) return 0;
    uint64_t arg = a->i[0] - 1, r = 0;
    sfi_status st = sfi_call_u64(sb, "nested", 1, &arg, &r);
    return st == SFI_OK ? r : (uint64_t)-1000000;
}

static sfi_sandbox *make(const sfi_options *opt, const char *path) {
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(opt, &sb), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_add", host_add, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_reenter", host_reenter, NULL), SFI_OK);
    sfi_status st = sfi_sandbox_load_file(sb, path);
    if (st) fprintf(stderr, "load: %s\n", sfi_last_error(sb));
    assert_int_equal(st, SFI_OK);
    return sb;
}

static uint64_t call0(sfi_sandbox *sb, const char *name) {
    uint64_t r = 0;
    sfi_status st = sfi_call_u64(sb, name, 0, NULL, &r);
    if (st) fprintf(stderr, "%s: %s\n", name, sfi_last_error(sb));
    assert_int_equal(st, SFI_OK);
    return r;
}

static uint64_t call1(sfi_sandbox *sb, const char *name, uint64_t a) {
    uint64_t r = 0;
    sfi_status st = sfi_call_u64(sb, name, 1, &a, &r);
    if (st) fprintf(stderr, "%s: %s\n", name, sfi_last_error(sb));
    assert_int_equal(st, SFI_OK);
    return r;
}

/* ---- loading and the entry state ---- */
static void test_constant_and_init(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_READY);
    assert_int_equal(call0(sb, "answer"), 42);
    assert_int_equal(call0(sb, "get_init"), 1234); /* __sfi_init ran */
    uint64_t base = sfi_sandbox_base(sb);
    assert_int_equal(base % (UINT64_C(1) << 32), 0);
    assert_int_equal(call0(sb, "get_r15"), base);          /* R3 */
    assert_int_equal(call0(sb, "entry_regs"), 0);          /* R22: no host values */
    uint64_t rsp = call0(sb, "get_rsp");
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    assert_true(rsp >= l.stack_start && rsp < l.stack_end);
    assert_int_equal(rsp % 16, 8);                          /* R22 alignment */
    assert_true(l.stack_end <= base + (UINT64_C(1) << 32) - 0x10000);
    /* R_X86_64_RELATIVE applied: the stored pointer equals the global's address */
    assert_int_equal(call0(sb, "get_relocated"), call0(sb, "addr_global"));
    assert_true(call0(sb, "addr_global") > l.image_start);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

static void test_fp_environment(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    unsigned host_mxcsr = _mm_getcsr();
    _mm_setcsr(host_mxcsr | 0x8040); /* FTZ + DAZ in the host */
    assert_int_equal(call0(sb, "get_fpenv"), (0x1f80u << 16) | 0x37f); /* R22 */
    assert_int_equal(_mm_getcsr(), host_mxcsr | 0x8040);               /* host's restored */
    _mm_setcsr(host_mxcsr);
    /* the sandbox changes its MXCSR (unmasks everything, FTZ) and x87 control word */
    uint64_t fp[2] = {0x8000, 0x27f}, r;
    unsigned short cw_before, cw_after;
    __asm__ volatile("fnstcw %0" : "=m"(cw_before));
    assert_int_equal(sfi_call_u64(sb, "set_fpenv", 2, fp, &r), SFI_OK);
    __asm__ volatile("fnstcw %0" : "=m"(cw_after));
    assert_int_equal(_mm_getcsr(), host_mxcsr);
    assert_int_equal(cw_after, cw_before);
    assert_int_equal(call0(sb, "get_fpenv"), (0x1f80u << 16) | 0x37f); /* fresh on every entry */
    sfi_sandbox_destroy(sb);
}

/* R19/R23: the gate page is exactly the documented bytes; code and gates are never writable. */
static void test_gate_page_and_protections(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    uint64_t base = sfi_sandbox_base(sb);
    static uint8_t g[GATE_AREA];
    assert_int_equal(sfi_copy_out(sb, g, base + GATES_OFF, sizeof g), SFI_OK);
    assert_int_equal(g[0], 0xfc);                       /* gate 0: cld; jmpq *%fs:off */
    assert_memory_equal(g + 1, "\x64\xff\x24\x25", 4);
    assert_int_equal(g[32], 0xfc);                      /* gate 1 */
    assert_memory_equal(g + 33, "\x64\xff\x24\x25", 4);
    for (int k = 0; k < 3; k++) {                       /* gates 2..4: the three imports */
        const uint8_t *b = g + 32 * (2 + k);
        assert_memory_equal(b, "\xfc\x41\xbb", 3);
        assert_int_equal(b[3], k);
        assert_memory_equal(b + 7, "\x64\xff\x24\x25", 4);
        for (int i = 15; i < 32; i++) assert_int_equal(b[i], 0xf4);
    }
    /* bundle 5 (2 + imports): hlt hlt, then the entry sequence ending at the bundle's end:
     * fildl 52(%rip); 7 x fldz; emms; andl $-32,%eax; addq %r15,%rax; callq *%rax */
    assert_memory_equal(g + 32 * 5, "\xf4\xf4\xdb\x05\x34\x00\x00\x00\xd9\xee\xd9\xee\xd9\xee\xd9\xee"
                                    "\xd9\xee\xd9\xee\xd9\xee\x0f\x77\x83\xe0\xe0\x4c\x01\xf8\xff\xd0", 32);
    assert_memory_equal(g + 32 * 6, g, 28);            /* bundle 6: its exit gate, as gate 0 */
    assert_memory_equal(g + 32 * 6 + 28, "\0\0\0\0", 4); /* the fildl's zero, after the jmp */
    for (int i = 32 * 7; i < GATE_AREA; i++) assert_int_equal(g[i], 0xf4); /* unused: hlt */
    for (int i = 9; i < 32; i++) assert_int_equal(g[i], 0xf4);
    /* no mapping in the slot is writable and executable; executable ones are shared memfd */
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int exec = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3) continue;
        if (hi <= base || lo >= base + (UINT64_C(1) << 32)) continue;
        if (perms[2] == 'x') {
            exec++;
            assert_int_equal(perms[1], '-');
            assert_int_equal(perms[3], 's');
            assert_non_null(strstr(line, "memfd:sfi-code"));
        }
    }
    fclose(f);
    assert_int_equal(exec, 1); /* gate area and code: one mapping (R2, compact layout) */
    sfi_sandbox_destroy(sb);
}

/* ---- argument kinds ---- */
static void test_integer_args(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    uint64_t a[6] = {1, 2, 3, 4, 5, 6}, r = 0;
    assert_int_equal(sfi_call_u64(sb, "sum6", 6, a, &r), SFI_OK);
    assert_int_equal(r, 21);
    a[0] = UINT64_C(0x123456789);
    a[1] = UINT64_C(0x100000000);
    assert_int_equal(sfi_call_u64(sb, "add_i64", 2, a, &r), SFI_OK);
    assert_int_equal(r, UINT64_C(0x223456789));
    sfi_func fn;
    assert_int_equal(sfi_lookup(sb, "neg_i32", &fn), SFI_OK);
    sfi_value arg = sfi_i32(-5), ret = {.type = SFI_TYPE_I32};
    assert_int_equal(sfi_call(sb, fn, &arg, 1, &ret), SFI_OK);
    assert_int_equal(ret.v.i32, 5);
    sfi_sandbox_destroy(sb);
}

/* sfi_call's integer path (up to six integer arguments, an integer or no result: through
 * sfi_call_i64, call.c) and its hand-offs to the full C path: every argument and result kind,
 * bound and unbound, and the errors in the order the C path reports them. */
static void test_call_integer_path(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    sfi_func sum6, neg, addr, answer, add_f64;
    assert_int_equal(sfi_lookup(sb, "sum6", &sum6), SFI_OK);
    assert_int_equal(sfi_lookup(sb, "neg_i32", &neg), SFI_OK);
    assert_int_equal(sfi_lookup(sb, "addr_global", &addr), SFI_OK);
    assert_int_equal(sfi_lookup(sb, "answer", &answer), SFI_OK);
    assert_int_equal(sfi_lookup(sb, "add_f64", &add_f64), SFI_OK);
    uint64_t g = call0(sb, "addr_global");
    for (int bound = 0; bound < 2; bound++) {
        if (bound) assert_int_equal(sfi_sandbox_bind_thread(sb), SFI_OK);
        sfi_value six[6] = {sfi_i64(1), sfi_i32(-2), sfi_ptr(g), sfi_i64(4), sfi_i32(5), sfi_i64(6)};
        sfi_value ret = {.type = SFI_TYPE_I64};
        assert_int_equal(sfi_call(sb, sum6, six, 6, &ret), SFI_OK);
        assert_int_equal(ret.v.i64, (int64_t)(1 - 2 + g + 4 + 5 + 6));
        ret = (sfi_value){.type = SFI_TYPE_I32, .v.i64 = -1};
        six[0] = sfi_i32(7);
        assert_int_equal(sfi_call(sb, neg, six, 1, &ret), SFI_OK);
        assert_int_equal(ret.v.i32, -7);
        assert_int_equal((uint32_t)(ret.v.i64 >> 32), 0xffffffffu); /* only the i32 written */
        ret = (sfi_value){.type = SFI_TYPE_PTR};
        assert_int_equal(sfi_call(sb, addr, NULL, 0, &ret), SFI_OK);
        assert_int_equal(ret.v.ptr, g);
        assert_int_equal(sfi_call(sb, answer, NULL, 0, NULL), SFI_OK); /* no result wanted */
        /* a floating-point argument or result: the full C path */
        sfi_value two[2] = {sfi_f64(1.25), sfi_f64(2.5)};
        ret = (sfi_value){.type = SFI_TYPE_F64};
        assert_int_equal(sfi_call(sb, add_f64, two, 2, &ret), SFI_OK);
        assert_true(ret.v.f64 == 3.75);
        /* bad arguments: refused, with the C path's message */
        int local = 0;
        sfi_value host = sfi_ptr((uint64_t)(uintptr_t)&local);
        assert_int_equal(sfi_call(sb, sum6, &host, 1, &ret), SFI_ERR_ARG);
        assert_non_null(strstr(sfi_last_error(sb), "not a sandbox address"));
        sfi_value seven[7];
        for (int i = 0; i < 7; i++) seven[i] = sfi_i64(i);
        assert_int_equal(sfi_call(sb, sum6, seven, 7, &ret), SFI_ERR_ARG);
        assert_non_null(strstr(sfi_last_error(sb), "more than 6 integer arguments"));
        sfi_value bad = {.type = (sfi_type)99};
        assert_int_equal(sfi_call(sb, sum6, &bad, 1, &ret), SFI_ERR_ARG);
        assert_int_equal(sfi_call(sb, sum6, NULL, 1, &ret), SFI_ERR_ARG);
        assert_int_equal(sfi_call(sb, sum6 + 1, NULL, 0, &ret), SFI_ERR_ARG); /* not a bundle */
        assert_int_equal(sfi_call(NULL, sum6, NULL, 0, &ret), SFI_ERR_ARG);
    }
    assert_int_equal(sfi_sandbox_unbind_thread(sb), SFI_OK);
    /* a dead sandbox: its status comes first, before the bad argument */
    assert_int_equal(sfi_call_u64(sb, "null_read", 0, NULL, NULL), SFI_ERR_FAULT);
    int local = 0;
    sfi_value host = sfi_ptr((uint64_t)(uintptr_t)&local);
    sfi_value ret = {.type = SFI_TYPE_I64};
    assert_int_equal(sfi_call(sb, sum6, &host, 1, &ret), SFI_ERR_FAULT);
    assert_int_equal(sfi_call(sb, sum6, NULL, 0, &ret), SFI_ERR_FAULT);
    sfi_sandbox_destroy(sb);
}

static void test_fp_args(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    sfi_func fn;
    sfi_value ret = {.type = SFI_TYPE_F64};
    sfi_value two[2] = {sfi_f64(1.25), sfi_f64(2.5)};
    assert_int_equal(sfi_lookup(sb, "add_f64", &fn), SFI_OK);
    assert_int_equal(sfi_call(sb, fn, two, 2, &ret), SFI_OK);
    assert_true(ret.v.f64 == 3.75);

    sfi_value twof[2] = {sfi_f32(1.5f), sfi_f32(0.25f)};
    ret.type = SFI_TYPE_F32;
    assert_int_equal(sfi_lookup(sb, "add_f32", &fn), SFI_OK);
    assert_int_equal(sfi_call(sb, fn, twof, 2, &ret), SFI_OK);
    assert_true(ret.v.f32 == 1.75f);

    /* mixed: integers and doubles go to their own register sequences */
    sfi_value mix[4] = {sfi_i32(3), sfi_f64(0.5), sfi_i64(-4), sfi_f64(2.0)};
    ret.type = SFI_TYPE_F64;
    assert_int_equal(sfi_lookup(sb, "mix", &fn), SFI_OK);
    assert_int_equal(sfi_call(sb, fn, mix, 4, &ret), SFI_OK);
    assert_true(ret.v.f64 == 3 * 0.5 + -4 * 2.0);

    sfi_value eight[8];
    for (int i = 0; i < 8; i++) eight[i] = sfi_f64(i + 0.5);
    assert_int_equal(sfi_lookup(sb, "sum8", &fn), SFI_OK);
    assert_int_equal(sfi_call(sb, fn, eight, 8, &ret), SFI_OK);
    assert_true(ret.v.f64 == 32.0);
    sfi_value nine[9];
    for (int i = 0; i < 9; i++) nine[i] = sfi_f64(1);
    assert_int_equal(sfi_call(sb, fn, nine, 9, &ret), SFI_ERR_ARG);
    sfi_sandbox_destroy(sb);
}

static void test_pointer_args(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    uint64_t p = 0;
    assert_int_equal(sfi_malloc(sb, 64, &p), SFI_OK);
    assert_true(p - sfi_sandbox_base(sb) < (UINT64_C(1) << 32));
    const char msg[] = "hello, sandbox";
    assert_int_equal(sfi_copy_in(sb, p, msg, sizeof msg), SFI_OK);
    sfi_func fn;
    assert_int_equal(sfi_lookup(sb, "strlen_s", &fn), SFI_OK);
    sfi_value arg = sfi_ptr(p), ret = {.type = SFI_TYPE_I64};
    assert_int_equal(sfi_call(sb, fn, &arg, 1, &ret), SFI_OK);
    assert_int_equal(ret.v.i64, strlen(msg));

    /* the sandbox writes through a pointer; the host reads back through sfi_translate */
    sfi_value pv[2] = {sfi_ptr(p + 16), sfi_i64(0x1122334455667788)};
    assert_int_equal(sfi_lookup(sb, "poke", &fn), SFI_OK);
    assert_int_equal(sfi_call(sb, fn, pv, 2, NULL), SFI_OK);
    void *host = NULL;
    assert_int_equal(sfi_translate(sb, p + 16, 8, &host), SFI_OK);
    assert_int_equal(*(uint64_t *)host, 0x1122334455667788);
    uint64_t back = 0;
    assert_int_equal(sfi_copy_out(sb, &back, p + 16, 8), SFI_OK);
    assert_int_equal(back, 0x1122334455667788);
    assert_int_equal(call1(sb, "peek", p + 16), 0x1122334455667788);

    /* a host pointer is refused, it never reaches the sandbox */
    int local = 0;
    arg = sfi_ptr((uint64_t)(uintptr_t)&local);
    assert_int_equal(sfi_call(sb, fn, &arg, 1, NULL), SFI_ERR_ARG);
    assert_int_equal(sfi_free(sb, p), SFI_OK);
    sfi_sandbox_destroy(sb);
}

static void test_translate_checks(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    uint64_t base = sfi_sandbox_base(sb);
    void *h;
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    assert_int_equal(sfi_translate(sb, l.stack_start, l.stack_end - l.stack_start, &h), SFI_OK);
    assert_int_equal(sfi_translate(sb, l.stack_end - 4, 8, &h), SFI_ERR_ARG);     /* high guard */
    assert_int_equal(sfi_translate(sb, UINT64_MAX - 3, 16, &h), SFI_ERR_ARG);     /* wraps */
    assert_int_equal(sfi_translate(sb, base + 8, SIZE_MAX, &h), SFI_ERR_ARG);
    assert_int_equal(sfi_translate(sb, base, 8, &h), SFI_ERR_ARG);                /* low guard */
    assert_int_equal(sfi_translate(sb, base + GATES_OFF, 8, &h), SFI_ERR_ARG);    /* gates: R+X */
    assert_int_equal(sfi_translate(sb, base + 0x10000, 8, &h), SFI_OK);           /* TP_SLOT */
    uint64_t code;
    assert_int_equal(sfi_lookup(sb, "answer", &code), SFI_OK);
    assert_int_equal(sfi_translate(sb, code, 1, &h), SFI_ERR_ARG);                /* code */
    uint8_t byte;
    assert_int_equal(sfi_copy_out(sb, &byte, code, 1), SFI_OK);                   /* readable */
    assert_int_equal(sfi_copy_in(sb, code, &byte, 1), SFI_ERR_ARG);
    assert_int_equal(sfi_copy_in(sb, l.heap_start, &byte, 1), SFI_ERR_ARG);       /* unmapped */
    /* runtime support: heap mappings */
    assert_int_equal(sfi_sandbox_map(sb, l.heap_start, 8192, SFI_PROT_READ | SFI_PROT_WRITE), SFI_OK);
    assert_int_equal(sfi_copy_in(sb, l.heap_start + 4096, &byte, 1), SFI_OK);
    assert_int_equal(sfi_sandbox_unmap(sb, l.heap_start, 4096), SFI_OK);
    assert_int_equal(sfi_copy_in(sb, l.heap_start, &byte, 1), SFI_ERR_ARG);
    assert_int_equal(sfi_copy_in(sb, l.heap_start + 4096, &byte, 1), SFI_OK);
    assert_int_equal(sfi_sandbox_map(sb, l.image_start, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_map(sb, l.heap_start, 4096, 4 /* exec */), SFI_ERR_ARG);
    sfi_sandbox_destroy(sb);
}

/* sfi_sandbox_protect: heap pages change protection in place (contents kept), the checked
 * exchange follows, a sandbox write to a read-only page is a fault the host survives, and
 * nothing but mapped heap pages can be re-protected, never executable. */
static void test_protect(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    const uint64_t h = l.heap_start, rw = SFI_PROT_READ | SFI_PROT_WRITE;
    uint64_t a[2] = {h + 4096, 0x1234}, r = 0, v = 0;
    void *p;
    assert_int_equal(sfi_sandbox_map(sb, h, 8192, rw), SFI_OK);
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_OK);
    /* read-only: reads work on both sides, writes are refused to the host and fault in the sandbox */
    assert_int_equal(sfi_sandbox_protect(sb, h + 4096, 4096, SFI_PROT_READ), SFI_OK);
    assert_int_equal(sfi_call_u64(sb, "peek", 1, a, &r), SFI_OK);
    assert_int_equal(r, 0x1234);
    assert_int_equal(sfi_copy_out(sb, &v, h + 4096, 8), SFI_OK);
    assert_int_equal(v, 0x1234);
    assert_int_equal(sfi_translate(sb, h + 4096, 8, &p), SFI_ERR_ARG);
    assert_int_equal(sfi_copy_in(sb, h + 4096 - 4, &v, 8), SFI_ERR_ARG); /* straddles */
    assert_int_equal(sfi_copy_in(sb, h, &v, 8), SFI_OK);                 /* first page still RW */
    a[1] = 0x5678;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_ERR_FAULT);
    sfi_fault_info fi;
    assert_int_equal(sfi_fault_info_get(sb, &fi), SFI_OK);
    assert_int_equal(fi.signo, SIGSEGV);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK); /* the host goes on */
    assert_int_equal(call0(sb, "answer"), 42);
    /* reset dropped the heap: map it again, read-only then read-write again keeps the contents */
    assert_int_equal(sfi_sandbox_map(sb, h, 8192, rw), SFI_OK);
    a[1] = 0x1234;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_OK);
    assert_int_equal(sfi_sandbox_protect(sb, h, 8192, SFI_PROT_READ), SFI_OK);
    assert_int_equal(sfi_sandbox_protect(sb, h + 4096, 4096, rw), SFI_OK);
    a[1] = 0x5678;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_OK);
    assert_int_equal(sfi_copy_out(sb, &v, h + 4096, 8), SFI_OK);
    assert_int_equal(v, 0x5678);
    assert_int_equal(sfi_translate(sb, h + 4096, 8, &p), SFI_OK);
    assert_int_equal(sfi_translate(sb, h, 8, &p), SFI_ERR_ARG); /* the first page stayed R */
    /* inaccessible: even reads fault, and the host cannot read it either */
    assert_int_equal(sfi_sandbox_protect(sb, h + 4096, 4096, 0), SFI_OK);
    assert_int_equal(sfi_copy_out(sb, &v, h + 4096, 8), SFI_ERR_ARG);
    assert_int_equal(sfi_call_u64(sb, "peek", 1, a, &r), SFI_ERR_FAULT);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    /* refused: image, code, gates, data page, stack, outside the slot, unmapped heap,
     * unaligned, empty, executable */
    assert_int_equal(sfi_sandbox_map(sb, h, 8192, rw), SFI_OK);
    uint64_t code;
    assert_int_equal(sfi_lookup(sb, "answer", &code), SFI_OK);
    code &= ~UINT64_C(4095);
    assert_int_equal(sfi_sandbox_protect(sb, l.image_start, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, code, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, l.gates, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, l.tp_slot, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, l.stack_start, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, l.stack_end - 4096, 8192, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, l.base + SLOT, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, l.base - 4096, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, h, 12288, SFI_PROT_READ), SFI_ERR_ARG); /* 3rd unmapped */
    assert_int_equal(sfi_sandbox_protect(sb, h + 8192, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, h + 8, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, h, 4000, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, h, 0, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, h, 4096, 4 /* exec */), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, h, 4096, SFI_PROT_READ | 4), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(NULL, h, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_translate(sb, h, 8192, &p), SFI_OK); /* nothing changed */
    /* a protected page is still counted and unmaps like any other */
    assert_int_equal(sfi_sandbox_protect(sb, h, 4096, 0), SFI_OK);
    assert_int_equal(sfi_sandbox_unmap(sb, h, 8192), SFI_OK);
    assert_int_equal(sfi_copy_out(sb, &v, h + 4096, 8), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_protect(sb, h, 4096, SFI_PROT_READ), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* ---- callbacks and nesting ---- */
static void test_callbacks(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = NULL;
    int count = 0;
    assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_add", host_add, &count), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_reenter", host_reenter, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("basic")), SFI_OK);
    uint64_t a[2] = {40, 2}, r = 0;
    assert_int_equal(sfi_call_u64(sb, "call_add", 2, a, &r), SFI_OK);
    assert_int_equal(r, 43); /* also checks that the sandbox's %rbx survived the callback */
    assert_int_equal(count, 1);
    sfi_func fn;
    sfi_value x = sfi_f64(2.0), ret = {.type = SFI_TYPE_F64};
    assert_int_equal(sfi_lookup(sb, "call_scale", &fn), SFI_OK);
    assert_int_equal(sfi_call(sb, fn, &x, 1, &ret), SFI_OK);
    assert_true(ret.v.f64 == 6.5);
    /* callbacks cannot be registered after loading */
    assert_int_equal(sfi_register_callback(sb, "late", host_add, NULL), SFI_ERR_STATE);
    sfi_sandbox_destroy(sb);
}

static void test_nested(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    assert_int_equal(call1(sb, "nested", 0), 1000);
    assert_int_equal(call1(sb, "nested", 1), 2000);   /* host->sb->host->sb */
    assert_int_equal(call1(sb, "nested", 20), 21000); /* 21 levels deep */
    assert_int_equal(call0(sb, "answer"), 42);
    sfi_sandbox_destroy(sb);
}

/* A nested call into another sandbox from a callback, and a fault in the inner one. */
static sfi_sandbox *other_sb;
static sfi_status other_st;
static uint64_t reenter_other(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)sb, (void)user;
    uint64_t r = 0;
    other_st = sfi_call_u64(other_sb, a->i[0] ? "null_read" : "answer", 0, NULL, &r);
    return r;
}

static void test_nested_other_sandbox(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *a = NULL;
    assert_int_equal(sfi_sandbox_create(NULL, &a), SFI_OK);
    assert_int_equal(sfi_register_callback(a, "host_add", host_add, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(a, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(a, "host_reenter", reenter_other, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(a, MOD("basic")), SFI_OK);
    other_sb = make(NULL, MOD("basic"));
    assert_int_equal(call1(a, "nested", 0), 1042);
    assert_int_equal(other_st, SFI_OK);
    /* inner fault: the inner call fails, the outer sandbox carries on */
    assert_int_equal(call1(a, "nested", 1), 1000);
    assert_int_equal(other_st, SFI_ERR_FAULT);
    assert_int_equal(sfi_sandbox_state(other_sb), SFI_STATE_DEAD);
    assert_int_equal(sfi_sandbox_state(a), SFI_STATE_READY);
    sfi_sandbox_destroy(other_sb);
    sfi_sandbox_destroy(a);
}

/* ---- the syscall hook ---- */
struct sys_log {
    uint64_t nr, args[6];
};

static int64_t my_syscall(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *user) {
    struct sys_log *log = user;
    log->nr = nr;
    memcpy(log->args, args, sizeof log->args);
    if (nr == 231) {
        sfi_request_exit(sb, (int)args[0]);
        return 0;
    }
    return 123;
}

static int64_t clobber_syscall(sfi_sandbox *sb, uint64_t nr, const uint64_t args[6], void *user) {
    (void)sb, (void)nr, (void)args, (void)user;
    /* host code may use AVX: the gate must save the full ymm registers */
    __asm__ volatile("vpxor %%xmm5, %%xmm5, %%xmm5\n\tvinsertf128 $1, %%xmm5, %%ymm5, %%ymm5" ::: "xmm5");
    return 0;
}

/* R18 with AVX: the syscall gate keeps the upper halves of the ymm registers. */
static void test_syscall_keeps_ymm(void **state) {
    (void)state;
    BEGIN();
    if (!__builtin_cpu_supports("avx")) skip();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    assert_int_equal(sfi_set_syscall_handler(sb, clobber_syscall, NULL), SFI_OK);
    assert_int_equal(call1(sb, "sys_ymm", 39), 0);
    sfi_sandbox_destroy(sb);
}

/* A sandbox that returns with an unmasked x87 exception pending: the exit gate's emms raises
 * #MF, which ends the call as a sandbox fault; the host's x87 state is intact afterwards. */
static void test_x87_pending_exception(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    unsigned short cw_before, cw_after;
    __asm__ volatile("fnstcw %0" : "=m"(cw_before));
    uint64_t r = 0;
    assert_int_equal(sfi_call_u64(sb, "x87_pending", 0, NULL, &r), SFI_ERR_FAULT);
    sfi_fault_info fi;
    assert_int_equal(sfi_fault_info_get(sb, &fi), SFI_OK);
    assert_int_equal(fi.signo, SIGFPE);
    __asm__ volatile("fnstcw %0" : "=m"(cw_after));
    assert_int_equal(cw_after, cw_before);
    volatile long double one = 1.0L, three = 3.0L;
    long double q = one / three; /* would trap if the sandbox's exception were still pending */
    assert_true(q > 0.33L && q < 0.34L);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    assert_int_equal(call0(sb, "answer"), 42);
    /* the same through the callback gate: the host function never runs */
    int calls = 0;
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
    assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_add", host_add, &calls), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_reenter", host_reenter, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("basic")), SFI_OK);
    assert_int_equal(sfi_call_u64(sb, "x87_pending_cb", 0, NULL, &r), SFI_ERR_FAULT);
    assert_int_equal(sfi_fault_info_get(sb, &fi), SFI_OK);
    assert_int_equal(fi.signo, SIGFPE);
    assert_int_equal(calls, 0);
    q = one / three;
    assert_true(q > 0.33L && q < 0.34L);
    sfi_sandbox_destroy(sb);
}

/* R22: no host data in vector or x87/MMX registers on entry, whatever the host left there. */
static void test_entry_clears_vector_and_x87(void **state) {
    (void)state;
    BEGIN();
    if (!__builtin_cpu_supports("avx2")) skip();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    sfi_func f;
    assert_int_equal(sfi_lookup(sb, "vec_nonzero", &f), SFI_OK);
    sfi_value ret = {.type = SFI_TYPE_I64};
    /* right before the call (the lookup is done already: libc's AVX string functions end
     * with vzeroupper) */
    dirty_vector_and_x87_registers();
    assert_int_equal(sfi_call(sb, f, NULL, 0, &ret), SFI_OK);
    assert_int_equal(ret.v.i64, 0);
    sfi_sandbox_destroy(sb);
}

/* R22 and the x87 scrub: the x87 instruction/operand pointers the sandbox can read point
 * neither into libsfi's text nor at the host data of the host's last long double operation. */
extern char sfi__enter[];
static void test_x87_pointers_scrubbed(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    volatile long double x = 1.5L;
    long double y = x * 3.0L; /* an x87 load from the host stack: FDP = &x */
    assert_true(y > 4.0L);
    uint64_t r = call0(sb, "get_fpu_ptrs");
    uint32_t fip = (uint32_t)r, fdp = (uint32_t)(r >> 32);
    uint32_t text = (uint32_t)(uintptr_t)sfi__enter, host = (uint32_t)(uintptr_t)&x;
    assert_true(fip - text + (1u << 20) > (2u << 20)); /* not within 1 MiB of the entry stub */
    assert_true(fdp - host + (1u << 20) > (2u << 20)); /* not near the host stack */
    sfi_sandbox_destroy(sb);
}

static void test_syscalls(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    uint64_t a[6] = {39 /* getpid */, 1, 2, 3, 4, 5}, r = 0;
    assert_int_equal(sfi_call_u64(sb, "do_syscall", 6, a, &r), SFI_OK);
    assert_int_equal((int64_t)r, -ENOSYS); /* default handler */
    assert_int_equal(call1(sb, "sys_preserve", 39), 0); /* R18: registers kept */

    struct sys_log log = {0};
    assert_int_equal(sfi_set_syscall_handler(sb, my_syscall, &log), SFI_OK);
    assert_int_equal(sfi_call_u64(sb, "do_syscall", 6, a, &r), SFI_OK);
    assert_int_equal(r, 123);
    assert_int_equal(log.nr, 39);
    for (int i = 0; i < 5; i++) assert_int_equal(log.args[i], (uint64_t)i + 1);
    assert_int_equal(call1(sb, "sys_preserve", 7), 0);

    a[0] = 231;
    a[1] = 9;
    assert_int_equal(sfi_call_u64(sb, "do_syscall", 6, a, &r), SFI_ERR_EXITED);
    int code = -1;
    assert_int_equal(sfi_exit_code(sb, &code), SFI_OK);
    assert_int_equal(code, 9);
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_DEAD);
    assert_int_equal(sfi_call_u64(sb, "answer", 0, NULL, &r), SFI_ERR_EXITED);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    assert_int_equal(call0(sb, "answer"), 42);

    /* default handler: exit(3) */
    assert_int_equal(sfi_set_syscall_handler(sb, NULL, NULL), SFI_OK);
    a[0] = 60;
    a[1] = 3;
    assert_int_equal(sfi_call_u64(sb, "do_syscall", 6, a, &r), SFI_ERR_EXITED);
    assert_int_equal(sfi_exit_code(sb, &code), SFI_OK);
    assert_int_equal(code, 3);
    sfi_sandbox_destroy(sb);
}

/* ---- faults ---- */
static void expect_fault(sfi_sandbox *sb, const char *fn, uint64_t arg, int signo) {
    uint64_t r = 0;
    sfi_status st = sfi_call_u64(sb, fn, 1, &arg, &r);
    if (st != SFI_ERR_FAULT) fprintf(stderr, "%s(0x%llx): %s\n", fn, (unsigned long long)arg, sfi_last_error(sb));
    assert_int_equal(st, SFI_ERR_FAULT);
    sfi_fault_info fi;
    assert_int_equal(sfi_fault_info_get(sb, &fi), SFI_OK);
    if (signo) assert_int_equal(fi.signo, signo);
    assert_true(fi.pc - sfi_sandbox_base(sb) < (UINT64_C(1) << 32));
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_DEAD);
    assert_int_equal(sfi_call_u64(sb, "answer", 0, NULL, &r), SFI_ERR_FAULT); /* still dead */
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    assert_int_equal(call0(sb, "answer"), 42);
    assert_int_equal(call0(sb, "get_init"), 1234);
}

static void test_faults(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    uint64_t base = sfi_sandbox_base(sb);
    expect_fault(sb, "null_read", 0, SIGSEGV);
    sfi_fault_info fi;
    assert_int_equal(sfi_fault_info_get(sb, &fi), SFI_ERR_STATE); /* reset cleared it */
    expect_fault(sb, "null_read", 0, SIGSEGV);
    expect_fault(sb, "div_zero", 1, SIGFPE);
    expect_fault(sb, "do_ud2", 0, SIGILL);
    /* stack overflow: through bss and data (compact layout, R2) into the code below them */
    expect_fault(sb, "recurse", 0, SIGSEGV);
    expect_fault(sb, "poke", 0x80000000, SIGSEGV);          /* wild write to unmapped memory */
    expect_fault(sb, "peek", 0xfffffff8, SIGSEGV);          /* high guard */
    expect_fault(sb, "jump_to", 0, SIGSEGV);                /* jump into the low guard */
    uint64_t data = call0(sb, "addr_global") - base;
    expect_fault(sb, "jump_to", data, SIGSEGV);             /* jump to a data page (NX) */
    expect_fault(sb, "jump_to", 0x10000, SIGSEGV);          /* runtime data page (NX) */
    expect_fault(sb, "jump_to", GATES_OFF + 32 * 40, SIGSEGV); /* unused gate: hlt */
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    expect_fault(sb, "jump_to", l.stack_start - base, SIGSEGV); /* stack: NX */
    /* jumping to gate 0 is just a return to the host */
    uint64_t r = 99;
    uint64_t g0 = GATES_OFF;
    assert_int_equal(sfi_call_u64(sb, "jump_to", 1, &g0, &r), SFI_OK);
    sfi_sandbox_destroy(sb);
}

/* ---- time limits ---- */
static uint64_t slow_callback(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)sb, (void)user;
    struct timespec ts = {0, 300 * 1000000};
    nanosleep(&ts, NULL);
    return a->i[0];
}

static void test_timeout(void **state) {
    (void)state;
    BEGIN();
    sfi_options opt;
    sfi_options_init(&opt);
    opt.time_limit_ms = 100;
    sfi_sandbox *sb = make(&opt, MOD("basic"));
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t r;
    assert_int_equal(sfi_call_u64(sb, "spin", 0, NULL, &r), SFI_ERR_TIMEOUT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    assert_true(ms >= 99 && ms < 2000);
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_DEAD);
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    assert_int_equal(call0(sb, "answer"), 42); /* a fast call is not affected */
    for (int i = 0; i < 100; i++) assert_int_equal(call0(sb, "answer"), 42);
    sfi_sandbox_destroy(sb);

    /* timeout while the host runs a callback: reported when the callback returns */
    sfi_sandbox *s2 = NULL;
    assert_int_equal(sfi_sandbox_create(&opt, &s2), SFI_OK);
    assert_int_equal(sfi_register_callback(s2, "host_add", slow_callback, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(s2, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(s2, "host_reenter", host_reenter, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(s2, MOD("basic")), SFI_OK);
    uint64_t a[2] = {1, 2};
    assert_int_equal(sfi_call_u64(s2, "call_add", 2, a, &r), SFI_ERR_TIMEOUT);
    sfi_sandbox_destroy(s2);
}

/* ---- many sandboxes, isolation ---- */
static void test_many_sandboxes(void **state) {
    (void)state;
    BEGIN();
    enum { N = 1000 };
    char err[256];
    sfi_module *mod = NULL;
    assert_int_equal(sfi_module_open_file(MOD("basic"), &mod, err, sizeof err), SFI_OK);
    sfi_sandbox **sbs = calloc(N, sizeof *sbs);
    sfi_options opt;
    sfi_options_init(&opt);
    opt.stack_size = 64 * 1024;
    for (int i = 0; i < N; i++) {
        assert_int_equal(sfi_sandbox_create(&opt, &sbs[i]), SFI_OK);
        sfi_register_callback(sbs[i], "host_add", host_add, NULL);
        sfi_register_callback(sbs[i], "host_scale", host_scale, NULL);
        sfi_register_callback(sbs[i], "host_reenter", host_reenter, NULL);
        sfi_status st = sfi_sandbox_load_module(sbs[i], mod);
        if (st) fprintf(stderr, "sandbox %d: %s\n", i, sfi_last_error(sbs[i]));
        assert_int_equal(st, SFI_OK);
        call1(sbs[i], "set_global", 1000000 + (uint64_t)i);
    }
    sfi_module_release(mod); /* the sandboxes keep it alive */
    for (int i = 0; i < N; i++) {
        assert_int_equal(call0(sbs[i], "get_global"), 1000000 + (uint64_t)i);
        for (int j = 0; j < i && j < 3; j++) assert_int_not_equal(sfi_sandbox_base(sbs[i]), sfi_sandbox_base(sbs[j]));
    }
    for (int i = 0; i < N; i++) assert_int_equal(sfi_sandbox_destroy(sbs[i]), SFI_OK);
    free(sbs);
}

static volatile uint64_t host_canary[512];

static void test_wild_writes_isolated(void **state) {
    (void)state;
    BEGIN();
    for (int i = 0; i < 512; i++) host_canary[i] = 0xc0ffee00 + (uint64_t)i;
    sfi_sandbox *a = make(NULL, MOD("basic"));
    sfi_sandbox *b = make(NULL, MOD("basic"));
    call1(b, "set_global", 0xb0b);
    uint64_t canary_addr = (uint64_t)(uintptr_t)host_canary;
    uint64_t targets[] = {
        /* the host canary's low 32 bits, B's globals, offsets near both ends of the slot */
        canary_addr, call0(b, "addr_global"), sfi_sandbox_base(b) + 0x10000,
        0xffffffff, 0xfffffff0, 0, 8, 0x7fffffff,
    };
    srand(12345);
    int faults = 0, writes = 0;
    for (int i = 0; i < 400; i++) {
        uint64_t t = i < (int)(sizeof targets / sizeof targets[0]) ? targets[i]
                                                                  : ((uint64_t)rand() << 16 ^ (uint64_t)rand());
        uint64_t args[2] = {t, 0xdeadbeefdeadbeef}, r;
        sfi_status st = sfi_call_u64(a, "poke", 2, args, &r);
        if (st == SFI_ERR_FAULT) {
            faults++;
            assert_int_equal(sfi_sandbox_reset(a), SFI_OK);
        } else {
            assert_int_equal(st, SFI_OK);
            writes++;
        }
    }
    assert_true(faults > 0 && writes > 0);
    for (int i = 0; i < 512; i++) assert_int_equal(host_canary[i], 0xc0ffee00 + (uint64_t)i);
    assert_int_equal(call0(b, "get_global"), 0xb0b);
    assert_int_equal(call0(b, "answer"), 42);
    sfi_sandbox_destroy(a);
    sfi_sandbox_destroy(b);
}

/* ---- bad modules ---- */
static int slot_has_exec_mapping(uint64_t base) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3) continue;
        if (hi > base && lo < base + (UINT64_C(1) << 32) && (perms[0] != '-' || perms[2] != '-')) found = 1;
    }
    if (f) fclose(f);
    return found;
}

static void test_verify_rejects(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("bad_ret")), SFI_ERR_VERIFY);
    assert_non_null(strstr(sfi_last_error(sb), "R10"));
    assert_false(slot_has_exec_mapping(sfi_sandbox_base(sb))); /* nothing mapped at all */
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_EMPTY);
    uint64_t r;
    assert_int_equal(sfi_call_u64(sb, "answer", 0, NULL, &r), SFI_ERR_STATE);
    /* the sandbox is still usable for a good module */
    assert_int_equal(sfi_register_callback(sb, "host_add", host_add, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_reenter", host_reenter, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("basic")), SFI_OK);
    assert_true(slot_has_exec_mapping(sfi_sandbox_base(sb)));
    assert_int_equal(call0(sb, "answer"), 42);
    sfi_sandbox_destroy(sb);

    assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, "/nonexistent/module.sfi"), SFI_ERR_IO);
    sfi_sandbox_destroy(sb);
}

static void test_unknown_import(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("bad_import")), SFI_ERR_IMPORT);
    assert_non_null(strstr(sfi_last_error(sb), "nonexistent"));
    assert_false(slot_has_exec_mapping(sfi_sandbox_base(sb)));
    assert_int_equal(sfi_register_callback(sb, "nonexistent", host_add, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("bad_import")), SFI_OK);
    assert_int_equal(call0(sb, "answer"), 42);
    sfi_sandbox_destroy(sb);
}

static void test_stores_only_policy(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("stores_only")), SFI_ERR_POLICY);
    sfi_sandbox_destroy(sb);
    sfi_options opt;
    sfi_options_init(&opt);
    opt.allow_stores_only = true;
    assert_int_equal(sfi_sandbox_create(&opt, &sb), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("stores_only")), SFI_OK);
    assert_int_equal(call0(sb, "answer"), 42);
    sfi_sandbox_destroy(sb);
}

static void test_malformed_modules(void **state) {
    (void)state;
    BEGIN();
    size_t len;
    uint8_t *good = read_file(MOD("basic"), &len);
    uint8_t *buf = malloc(len);
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
    sfi_register_callback(sb, "host_add", host_add, NULL);
    sfi_register_callback(sb, "host_scale", host_scale, NULL);
    sfi_register_callback(sb, "host_reenter", host_reenter, NULL);
    srand(777);
    int loaded = 0, refused = 0;
    for (int i = 0; i < 3000; i++) {
        memcpy(buf, good, len);
        size_t n = len;
        if (i % 3 == 0) {
            n = (size_t)rand() % len; /* truncated */
        } else {
            int flips = 1 + rand() % 8;
            /* bias towards the headers, where structure lives */
            for (int k = 0; k < flips; k++) {
                size_t at = (i % 3 == 1) ? (size_t)rand() % (len < 1024 ? len : 1024) : (size_t)rand() % len;
                buf[at] ^= (uint8_t)(1 + rand() % 255);
            }
        }
        sfi_status st = sfi_sandbox_load_memory(sb, buf, n);
        if (st == SFI_OK) {
            loaded++;
            uint64_t r;
            sfi_call_u64(sb, "answer", 0, NULL, &r); /* may fault; must not crash the host */
            sfi_sandbox_destroy(sb);
            assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
            sfi_register_callback(sb, "host_add", host_add, NULL);
            sfi_register_callback(sb, "host_scale", host_scale, NULL);
            sfi_register_callback(sb, "host_reenter", host_reenter, NULL);
        } else {
            refused++;
            assert_true(st == SFI_ERR_BAD_MODULE || st == SFI_ERR_VERIFY || st == SFI_ERR_IMPORT ||
                        st == SFI_ERR_POLICY || st == SFI_ERR_FAULT || st == SFI_ERR_LIMIT ||
                        st == SFI_ERR_TIMEOUT || st == SFI_ERR_EXITED);
            assert_true(sfi_last_error(sb)[0] != 0);
            assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_EMPTY);
        }
    }
    fprintf(stderr, "malformed: %d loaded, %d refused\n", loaded, refused);
    assert_true(refused > 1000);
    sfi_sandbox_destroy(sb);
    free(buf);
    free(good);
}

/* ---- R25: one thread per sandbox ---- */
struct busy_arg {
    sfi_sandbox *sb;
    sfi_status st;
};

static void *other_thread(void *p) {
    struct busy_arg *a = p;
    uint64_t r;
    a->st = sfi_call_u64(a->sb, "answer", 0, NULL, &r);
    return NULL;
}

static uint64_t busy_callback(sfi_sandbox *sb, sfi_callback_args *args, void *user) {
    struct busy_arg *a = user;
    a->sb = sb;
    pthread_t t;
    pthread_create(&t, NULL, other_thread, a);
    pthread_join(t, NULL);
    return args->i[0] + args->i[1];
}

static void test_concurrent_entry_busy(void **state) {
    (void)state;
    BEGIN();
    struct busy_arg arg = {0};
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(NULL, &sb), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_add", busy_callback, &arg), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_reenter", host_reenter, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("basic")), SFI_OK);
    uint64_t a[2] = {1, 2}, r;
    assert_int_equal(sfi_call_u64(sb, "call_add", 2, a, &r), SFI_OK);
    assert_int_equal(r, 4);
    assert_int_equal(arg.st, SFI_ERR_BUSY);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
    /* when nobody is inside, another thread may enter */
    sb = make(NULL, MOD("basic"));
    arg.sb = sb;
    pthread_t t;
    pthread_create(&t, NULL, other_thread, &arg);
    pthread_join(t, NULL);
    assert_int_equal(arg.st, SFI_OK);
    sfi_sandbox_destroy(sb);
}

/* ---- host faults are not ours ---- */
static sigjmp_buf host_jmp;
static void host_segv(int sig) {
    (void)sig;
    siglongjmp(host_jmp, 1);
}

static void test_host_fault_forwarded(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = host_segv;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, &old);
    assert_int_equal(sfi_runtime_reinstall_handlers(), SFI_OK); /* libsfi first, then host_segv */
    volatile int reached = 0;
    if (sigsetjmp(host_jmp, 1) == 0) {
        *(volatile int *)(uintptr_t)sfi_sandbox_base(sb) = 1; /* host writes the guard: a host bug */
    } else {
        reached = 1;
    }
    assert_int_equal(reached, 1);
    assert_int_equal(sfi_sandbox_state(sb), SFI_STATE_READY);
    assert_int_equal(call0(sb, "answer"), 42);
    sigaction(SIGSEGV, &old, NULL);
    sfi_sandbox_destroy(sb);
}

static void test_misc_errors(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    sfi_func fn;
    assert_int_equal(sfi_lookup(sb, "no_such_function", &fn), SFI_ERR_NOT_FOUND);
    assert_non_null(strstr(sfi_last_error(sb), "no_such_function"));
    assert_int_equal(sfi_lookup(sb, "answer", &fn), SFI_OK);
    assert_int_equal(sfi_call(sb, fn + 1, NULL, 0, NULL), SFI_ERR_ARG); /* not a bundle */
    assert_int_equal(sfi_call(sb, 0x1000, NULL, 0, NULL), SFI_ERR_ARG);
    assert_int_equal(sfi_sandbox_load_file(sb, MOD("basic")), SFI_ERR_STATE);
    assert_string_equal(sfi_strerror(SFI_ERR_FAULT), "sandbox fault");
    sfi_options opt;
    sfi_options_init(&opt);
    opt.memory_limit = 64 * 1024; /* smaller than the image + stack */
    sfi_sandbox *small = NULL;
    assert_int_equal(sfi_sandbox_create(&opt, &small), SFI_OK);
    sfi_register_callback(small, "host_add", host_add, NULL);
    sfi_register_callback(small, "host_scale", host_scale, NULL);
    sfi_register_callback(small, "host_reenter", host_reenter, NULL);
    assert_int_equal(sfi_sandbox_load_file(small, MOD("basic")), SFI_ERR_LIMIT);
    sfi_sandbox_destroy(small);
    sfi_sandbox_destroy(sb);
}

/* ---- slot layout (R2): the properties the layouts rely on ---- */
struct slot_maps {
    int count;     /* kernel mappings that start inside [B, B + 4 GiB): what a sandbox costs */
    int wx;        /* mappings both writable and executable */
    int exec_anon; /* executable mappings that are not the sealed code memfd */
    int holes;     /* gaps in [B - G, B + 4 GiB + G) that no mapping covers */
};

static struct slot_maps slot_maps(uint64_t base) {
    struct slot_maps r = {0, 0, 0, 0};
    const uint64_t lo = base - 0x10000, hi = base + SLOT + 0x10000;
    uint64_t covered = lo;
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        unsigned long a, b;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &a, &b, perms) != 3 || b <= lo || a >= hi) continue;
        if (a >= base && a < base + SLOT) r.count++;
        if (perms[1] == 'w' && perms[2] == 'x') r.wx++;
        if (perms[2] == 'x' && (perms[3] != 's' || !strstr(line, "memfd:sfi-code"))) r.exec_anon++;
        if (a > covered) r.holes++;
        if (b > covered) covered = b;
    }
    fclose(f);
    if (covered < hi) r.holes++;
    return r;
}

/* The slot holds exactly a compact instance's 4 mappings: no hole, no W+X, only memfd code. */
static void assert_compact_maps(uint64_t base) {
    struct slot_maps m = slot_maps(base);
    assert_int_equal(m.count, 4);
    assert_int_equal(m.holes, 0);
    assert_int_equal(m.wx, 0);
    assert_int_equal(m.exec_anon, 0);
}

static sfi_sandbox *make_opt(int readonly_data, uint64_t memory_limit) {
    sfi_options opt;
    sfi_options_init(&opt);
    opt.readonly_data = readonly_data;
    opt.memory_limit = memory_limit;
    return make(&opt, MOD("basic"));
}

/* Default (compact) layout: 4 mappings per sandbox, no W+X, no hole, only memfd code is
 * executable; also after heap mappings next to the data. */
static void test_layout_compact(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    uint64_t base = sfi_sandbox_base(sb);
    struct slot_maps m = slot_maps(base);
    assert_int_equal(m.count, 4);
    assert_int_equal(m.wx, 0);
    assert_int_equal(m.exec_anon, 0);
    assert_int_equal(m.holes, 0);
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    assert_int_equal(l.tp_slot, base + 0x10000);
    assert_int_equal(l.gates, base + GATES_OFF);
    assert_true(l.image_start > base + 0x10000 && l.image_start < base + GATES_OFF);
    assert_int_equal(l.heap_start, l.stack_end); /* the heap continues the data mapping */
    assert_int_equal(sfi_sandbox_map(sb, l.heap_start, 65536, SFI_PROT_READ | SFI_PROT_WRITE), SFI_OK);
    m = slot_maps(base);
    assert_int_equal(m.count, 4);
    assert_int_equal(m.holes, 0);
    /* The trade-off of this layout (docs/sandbox-abi.md R2): the image outside the code is
     * writable by the sandbox itself, e.g. the ELF header at IMAGE. */
    uint64_t a[2] = {l.image_start, 0x5a5a}, r;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* sfi_options.readonly_data: the classic layout keeps the image's read-only segments and
 * RELRO read-only and a guard below the stack. */
static void test_layout_readonly_data(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make_opt(1, 0);
    uint64_t base = sfi_sandbox_base(sb);
    struct slot_maps m = slot_maps(base);
    assert_int_equal(m.wx, 0);
    assert_int_equal(m.exec_anon, 0);
    assert_int_equal(m.holes, 0);
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    assert_int_equal(l.image_start, base + IMAGE_OFF);
    assert_int_equal(l.stack_end, base + SLOT - 0x10000);
    assert_int_equal(call0(sb, "answer"), 42);
    void *h;
    assert_int_equal(sfi_translate(sb, l.stack_start - 1, 2, &h), SFI_ERR_ARG); /* stack guard */
    assert_int_equal(sfi_translate(sb, l.image_start, 8, &h), SFI_ERR_ARG);     /* read-only */
    uint64_t a[2] = {l.image_start, 0x5a5a}, r;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_ERR_FAULT); /* rodata: read-only */
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    a[0] = l.stack_start - 8;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_ERR_FAULT); /* stack guard */
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    expect_fault(sb, "recurse", 0, SIGSEGV);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* The memory limit holds in the compact layout: nothing past the stack is mapped until the
 * host maps it, and the host refuses to map past the limit. */
static void test_layout_memory_limit(void **state) {
    (void)state;
    BEGIN();
    const uint64_t limit = 4 << 20;
    sfi_sandbox *sb = make_opt(0, limit);
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    uint64_t a[2] = {l.stack_end, 1}, r;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_ERR_FAULT); /* heap: not mapped */
    assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
    uint64_t used = l.stack_end - (l.base + 0x10000); /* all of it is mapped */
    assert_true(used < limit);
    uint64_t room = (limit - used) & ~UINT64_C(4095);
    assert_int_equal(sfi_sandbox_map(sb, l.heap_start, room + 4096, SFI_PROT_READ | SFI_PROT_WRITE),
                     SFI_ERR_LIMIT);
    assert_int_equal(sfi_sandbox_map(sb, l.heap_start, room, SFI_PROT_READ | SFI_PROT_WRITE), SFI_OK);
    a[0] = l.heap_start + room - 8;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_OK);
    a[0] = l.heap_start + room;
    assert_int_equal(sfi_call_u64(sb, "poke", 2, a, &r), SFI_ERR_FAULT);
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

/* A sandbox with basic.s's callbacks and the stack size stack (0: the default), mod loaded. */
static sfi_sandbox *make_with_stack(uint64_t stack, sfi_module *mod) {
    sfi_options opt;
    sfi_options_init(&opt);
    opt.stack_size = stack;
    sfi_sandbox *sb = NULL;
    assert_int_equal(sfi_sandbox_create(&opt, &sb), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_add", host_add, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_scale", host_scale, NULL), SFI_OK);
    assert_int_equal(sfi_register_callback(sb, "host_reenter", host_reenter, NULL), SFI_OK);
    assert_int_equal(sfi_sandbox_load_module(sb, mod), SFI_OK);
    return sb;
}

static sfi_sandbox *make_from(sfi_module *mod) { return make_with_stack(0, mod); }

/* Two copies of basic.sfi (two modules to libsfi) and a sandbox of the first; *l its layout. */
static sfi_sandbox *two_modules_and_a_sandbox(sfi_module **m1, sfi_module **m2, sfi_layout *l) {
    char err[256];
    assert_int_equal(sfi_module_open_file(MOD("basic"), m1, err, sizeof err), SFI_OK);
    assert_int_equal(sfi_module_open_file(MOD("basic"), m2, err, sizeof err), SFI_OK);
    sfi_sandbox *a = make_from(*m1);
    assert_int_equal(sfi_sandbox_layout(a, l), SFI_OK);
    return a;
}

/* Writes 0xabcdef at each address through the module's poke export. */
static void poke_marks(sfi_sandbox *sb, const uint64_t *marks, size_t n) {
    uint64_t r;
    for (size_t i = 0; i < n; i++) {
        uint64_t args[2] = {marks[i], 0xabcdef};
        assert_int_equal(sfi_call_u64(sb, "poke", 2, args, &r), SFI_OK);
    }
}

/* A destroyed compact sandbox's slot stays warm for the same module (its mappings kept, its
 * pages dropped); another module replaces those mappings. Either way the next sandbox there
 * must see a fresh instance, with the heap unmapped. */
static void check_next_instance_is_fresh(int same_module) {
    sfi_module *m1, *m2;
    sfi_layout l;
    sfi_sandbox *a = two_modules_and_a_sandbox(&m1, &m2, &l);
    uint64_t base = l.base, r;
    assert_int_equal(sfi_sandbox_map(a, l.heap_start, 65536, SFI_PROT_READ | SFI_PROT_WRITE), SFI_OK);
    uint64_t marks[] = {l.heap_start, l.stack_start, l.tp_slot, l.image_start};
    poke_marks(a, marks, sizeof marks / sizeof marks[0]);
    call1(a, "set_global", 99);
    assert_int_equal(sfi_sandbox_destroy(a), SFI_OK);

    sfi_sandbox *b = make_from(same_module ? m1 : m2);
    assert_int_equal(sfi_sandbox_base(b), base); /* the lowest free slot: the warm one */
    assert_int_equal(call0(b, "get_global"), 7);  /* data copied again */
    for (size_t i = 1; i < 3; i++) assert_int_equal(call1(b, "peek", marks[i]), 0);
    assert_int_not_equal(call1(b, "peek", l.image_start), 0xabcdef); /* ELF header again */
    struct slot_maps m = slot_maps(base);
    assert_int_equal(m.count, 4); /* the heap mapping is gone */
    assert_int_equal(m.holes, 0);
    uint64_t args[2] = {l.heap_start, 1};
    assert_int_equal(sfi_call_u64(b, "poke", 2, args, &r), SFI_ERR_FAULT);
    assert_int_equal(sfi_sandbox_destroy(b), SFI_OK);
    sfi_module_release(m1);
    sfi_module_release(m2);
}

/* A slot warm for one instance, reused by an instance with another extent (here: another
 * stack size, smaller and larger): the loader keeps the scrubbed R+W mappings, remaps the code
 * and moves the top (instantiate.c, remap_compact). The new instance must be fresh, its slot
 * without holes, W+X or leftover R+W above its stack (which would escape the memory limit). */
static void check_other_extent_is_fresh(uint64_t stack2) {
    sfi_module *m1, *m2;
    sfi_layout l;
    sfi_sandbox *a = two_modules_and_a_sandbox(&m1, &m2, &l);
    uint64_t base = l.base, r;
    uint64_t marks[] = {l.stack_start, l.stack_end - 2048, l.tp_slot, l.image_start};
    poke_marks(a, marks, sizeof marks / sizeof marks[0]);
    call1(a, "set_global", 99);
    assert_int_equal(sfi_sandbox_destroy(a), SFI_OK);

    sfi_sandbox *b = make_with_stack(stack2, m2);
    assert_int_equal(sfi_sandbox_base(b), base); /* the lowest free slot: the warm one */
    sfi_layout l2;
    assert_int_equal(sfi_sandbox_layout(b, &l2), SFI_OK);
    assert_int_equal(l2.stack_end - l2.stack_start, stack2);
    assert_int_equal(call0(b, "get_global"), 7);
    assert_int_equal(call1(b, "peek", l2.stack_start), 0);
    assert_int_equal(call1(b, "peek", l.tp_slot), 0);
    assert_int_not_equal(call1(b, "peek", l.image_start), 0xabcdef);
    if (l.stack_end - 2048 < l2.stack_end) assert_int_equal(call1(b, "peek", l.stack_end - 2048), 0);
    uint64_t above[2] = {l2.stack_end, 1}; /* the (unmapped) heap starts right above the stack */
    assert_int_equal(sfi_call_u64(b, "poke", 2, above, &r), SFI_ERR_FAULT);
    assert_compact_maps(base);
    assert_int_equal(sfi_sandbox_destroy(b), SFI_OK);
    sfi_module_release(m1);
    sfi_module_release(m2);
}

static void test_warm_slot_is_fresh(void **state) {
    (void)state;
    BEGIN();
    check_next_instance_is_fresh(1);
    check_next_instance_is_fresh(0);
    check_other_extent_is_fresh(64 * 1024);       /* shorter: the old top goes back to reserved */
    check_other_extent_is_fresh(4 * 1024 * 1024); /* longer: R+W added above the old top */
}

#define STALE UINT64_C(0x5a17e0ddba11ad)
#define HEAP_PROBED (128 * 1024) /* more than the heap pages a warm slot keeps (64 KiB) */

/* The first and the last 8 bytes of every page of [lo, hi) that the host may write (R+W),
 * but the top of the stack, where a call's own frame is (there: 512 bytes below the top). */
static size_t writable_probes(sfi_sandbox *sb, uint64_t lo, uint64_t hi, uint64_t *out, size_t n) {
    void *h;
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    for (uint64_t a = lo & ~UINT64_C(4095); a < hi; a += 4096)
        for (uint64_t off = 0; off <= 4088; off += 4088) {
            uint64_t p = a + off;
            if (p >= l.stack_end - 256 && p < l.stack_end) p = l.stack_end - 512;
            if (sfi_translate(sb, p, 8, &h) == SFI_OK) out[n++] = p;
        }
    return n;
}

/* Every R+W byte of a slot's data page, image, stack and heap written by one sandbox (and
 * some heap pages left read-only or inaccessible by sfi_sandbox_protect), then the sandbox
 * destroyed: the next one in that slot (warm for the same module, or reused by another module
 * or stack size) must find none of it, whichever pages the slot kept (instantiate.c,
 * keep_ranges; memory.c, sfi__heap_scrub), and its heap unmapped until it maps it. */
static void check_no_stale_bytes(int same_module, uint64_t stack2) {
    sfi_module *m1, *m2;
    sfi_layout l;
    sfi_sandbox *a = two_modules_and_a_sandbox(&m1, &m2, &l);
    uint64_t base = l.base, r;
    const uint64_t header = call1(a, "peek", l.image_start);
    assert_int_equal(sfi_sandbox_map(a, l.heap_start, HEAP_PROBED, SFI_PROT_READ | SFI_PROT_WRITE), SFI_OK);
    enum { MAXP = 4096 };
    uint64_t *probe = calloc(MAXP, sizeof *probe);
    assert_non_null(probe);
    size_t n = writable_probes(a, l.tp_slot, l.heap_start + HEAP_PROBED, probe, 0);
    assert_true(n > 2 * (16 + 256 + HEAP_PROBED / 4096) - 8 && n < MAXP);
    for (size_t i = 0; i < n; i++) {
        uint64_t args[2] = {probe[i], STALE};
        assert_int_equal(sfi_call_u64(a, "poke", 2, args, &r), SFI_OK);
    }
    /* heap pages the sandbox wrote and then made read-only, or inaccessible */
    assert_int_equal(sfi_sandbox_protect(a, l.heap_start + 4096, 4096, SFI_PROT_READ), SFI_OK);
    assert_int_equal(sfi_sandbox_protect(a, l.heap_start + 3 * 4096, 4096, 0), SFI_OK);
    assert_int_equal(sfi_sandbox_destroy(a), SFI_OK);

    sfi_sandbox *b = make_with_stack(stack2, same_module ? m1 : m2);
    assert_int_equal(sfi_sandbox_base(b), base); /* the lowest free slot: the warm one */
    sfi_layout l2;
    assert_int_equal(sfi_sandbox_layout(b, &l2), SFI_OK);
    uint64_t above[2] = {l2.heap_start, 1};
    assert_int_equal(sfi_call_u64(b, "poke", 2, above, &r), SFI_ERR_FAULT); /* heap unmapped */
    assert_int_equal(sfi_sandbox_reset(b), SFI_OK);
    assert_int_equal(call0(b, "get_global"), 7);
    assert_int_equal(call1(b, "peek", l.image_start), header);
    assert_int_equal(sfi_sandbox_map(b, l2.heap_start, 2 * HEAP_PROBED, SFI_PROT_READ | SFI_PROT_WRITE), SFI_OK);
    size_t checked = 0;
    for (size_t i = 0; i < n; i++) {
        void *h;
        if (sfi_translate(b, probe[i], 8, &h) != SFI_OK) continue; /* e.g. code there now */
        uint64_t v = call1(b, "peek", probe[i]);
        if (v == STALE) fprintf(stderr, "stale bytes at slot offset 0x%llx\n",
                                (unsigned long long)(probe[i] - base));
        assert_int_not_equal(v, STALE);
        /* nothing but the loader and this sandbox's own calls (at the top of its stack)
         * writes the slot: its data page and heap are still zero */
        if (probe[i] < l2.tp_slot + 4096 || probe[i] >= l2.heap_start) assert_int_equal(v, 0);
        checked++;
    }
    assert_true(checked > 2 * (16 + HEAP_PROBED / 4096)); /* data page, image, heap at least */
    assert_compact_maps(base);
    assert_int_equal(sfi_sandbox_destroy(b), SFI_OK);
    free(probe);
    sfi_module_release(m1);
    sfi_module_release(m2);
}

static void test_warm_slot_keeps_no_stale_bytes(void **state) {
    (void)state;
    BEGIN();
    check_no_stale_bytes(1, 0);               /* warm for this module */
    check_no_stale_bytes(0, 0);               /* another module, same geometry */
    check_no_stale_bytes(1, 64 * 1024);       /* a shorter stack: kept pages elsewhere */
    check_no_stale_bytes(0, 4 * 1024 * 1024); /* a longer one */
    check_no_stale_bytes(1, 4096);            /* a stack smaller than the kept top */
}

/* Heap pages in the slot of a live sandbox: mapping unmapped pages (an mprotect, memory.c)
 * gives zero pages, mapping over mapped ones replaces them with zero pages, protecting with
 * the protection they already have changes nothing, and all of it merges with the stack's
 * mapping (4 mappings per sandbox). */
static void test_heap_map_fresh_pages(void **state) {
    (void)state;
    BEGIN();
    sfi_sandbox *sb = make(NULL, MOD("basic"));
    uint64_t base = sfi_sandbox_base(sb), r;
    sfi_layout l;
    assert_int_equal(sfi_sandbox_layout(sb, &l), SFI_OK);
    const uint64_t h = l.heap_start, rw = SFI_PROT_READ | SFI_PROT_WRITE;
    for (int round = 0; round < 3; round++) {
        assert_int_equal(sfi_sandbox_map(sb, h, 8192, rw), SFI_OK);
        assert_int_equal(sfi_sandbox_map(sb, h + 8192, 16384, rw), SFI_OK);
        assert_int_equal(slot_maps(base).count, 4);
        for (uint64_t a = h; a < h + 24576; a += 4096) {
            assert_int_equal(call1(sb, "peek", a), 0);
            uint64_t args[2] = {a, STALE};
            assert_int_equal(sfi_call_u64(sb, "poke", 2, args, &r), SFI_OK);
        }
        assert_int_equal(sfi_sandbox_protect(sb, h + 8192, 4096, rw), SFI_OK); /* no change */
        assert_int_equal(call1(sb, "peek", h + 8192), STALE);
        assert_int_equal(slot_maps(base).count, 4);
        assert_int_equal(sfi_sandbox_map(sb, h, 4096, rw), SFI_OK); /* over a mapped page */
        assert_int_equal(call1(sb, "peek", h), 0);
        assert_int_equal(call1(sb, "peek", h + 4096), STALE);
        if (round == 0) { /* unmapped, then mapped again: zero */
            assert_int_equal(sfi_sandbox_unmap(sb, h, 24576), SFI_OK);
            uint64_t args[2] = {h + 4096, 1};
            assert_int_equal(sfi_call_u64(sb, "poke", 2, args, &r), SFI_ERR_FAULT);
            assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
        } else { /* a reset: the same slot, warm, for the same module */
            assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
            uint64_t args[2] = {h + 4096, 1};
            assert_int_equal(sfi_call_u64(sb, "poke", 2, args, &r), SFI_ERR_FAULT);
            assert_int_equal(sfi_sandbox_reset(sb), SFI_OK);
        }
    }
    assert_int_equal(sfi_sandbox_destroy(sb), SFI_OK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constant_and_init),
        cmocka_unit_test(test_layout_compact),
        cmocka_unit_test(test_layout_readonly_data),
        cmocka_unit_test(test_layout_memory_limit),
        cmocka_unit_test(test_warm_slot_is_fresh),
        cmocka_unit_test(test_warm_slot_keeps_no_stale_bytes),
        cmocka_unit_test(test_heap_map_fresh_pages),
        cmocka_unit_test(test_fp_environment),
        cmocka_unit_test(test_gate_page_and_protections),
        cmocka_unit_test(test_integer_args),
        cmocka_unit_test(test_fp_args),
        cmocka_unit_test(test_pointer_args),
        cmocka_unit_test(test_call_integer_path),
        cmocka_unit_test(test_translate_checks),
        cmocka_unit_test(test_protect),
        cmocka_unit_test(test_callbacks),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_nested_other_sandbox),
        cmocka_unit_test(test_syscalls),
        cmocka_unit_test(test_syscall_keeps_ymm),
        cmocka_unit_test(test_x87_pending_exception),
        cmocka_unit_test(test_x87_pointers_scrubbed),
        cmocka_unit_test(test_entry_clears_vector_and_x87),
        cmocka_unit_test(test_faults),
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_many_sandboxes),
        cmocka_unit_test(test_wild_writes_isolated),
        cmocka_unit_test(test_verify_rejects),
        cmocka_unit_test(test_unknown_import),
        cmocka_unit_test(test_stores_only_policy),
        cmocka_unit_test(test_malformed_modules),
        cmocka_unit_test(test_concurrent_entry_busy),
        cmocka_unit_test(test_host_fault_forwarded),
        cmocka_unit_test(test_misc_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
