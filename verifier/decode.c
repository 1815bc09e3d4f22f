/* The driver: decodes a region bundle by bundle (R5) and runs every rule on each
 * instruction. One pass; the only allocations are two bitmaps sized to the code, the
 * (amortised) list of direct branch targets and the memo below.
 *
 * Per instruction: the memo, else ZydisDecoderDecodeInstruction and the fast path
 * (fast_path.c, which explains the measurements), else the operands and the reference
 * rules. The reference path (reference.h) skips the first two.
 *
 * THE MEMO. Compiled code repeats itself: in sfi-clang -O2 output ~70% of instructions
 * have the exact bytes of one of the last few thousand (padding NOPs, stack slots,
 * masked accesses). Zydis costs ~110 ns per instruction here whatever we do with the
 * result, so the only way past it is not to call it. An instruction the fast path
 * accepted as SFI_FAST_MEMO is remembered by its bytes; when the same bytes start a later
 * instruction, its verdict is reused without decoding. This is sound because
 *   1. decoding is prefix-free: Zydis reads an instruction's bytes one after another and
 *      stops at its end (it only peeks at the byte it reads next), so bytes b[0..n) that
 *      once decoded as an n-byte instruction decode the same way wherever they appear,
 *      given n bytes to read; the memo is used only when all n fit before the end of
 *      the region and of the bundle (R5), exactly as a decode would have required;
 *   2. for a SFI_FAST_MEMO instruction everything the rules did depended on those bytes
 *      and the policy only (fixed for the region), except ending a pending rsp rebase,
 *      which is done again here; rip-relative operands, whose check depends on the
 *      address, and anything with a violation of its own are never memoised; a direct
 *      branch (SFI_FAST_MEMO_BRANCH) is memoised with its decoded displacement and its
 *      address-dependent checks (R8, R7, relocations) run again at every use;
 *   3. a hit compares every byte, so a hash collision only costs a miss.
 * The differential test (tests/verifier) runs with the memo on; the reference never uses
 * it. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "reference.h"

void sfi_verifier_init(sfi_verifier *v, const sfi_verify_config *config,
                       sfi_verify_result *result) {
    memset(v, 0, sizeof *v);
    sfi_allowlist_init();
    /* Default decoder modes: MPX on (so f2 on branches is seen as a bnd prefix and
     * rejected), CET on (endbr64 is decoded as itself), LZCNT/TZCNT on (f3 0f bd/bc are
     * what the CPU executes on every machine with BMI1/LZCNT). */
    ZydisDecoderInit(&v->decoder, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
    ZydisFormatterInit(&v->formatter, ZYDIS_FORMATTER_STYLE_ATT);
    v->result = result;
    v->policy = SFI_POLICY_LOADS_STORES;
    v->max_violations = SFI_DEFAULT_MAX_VIOLATIONS;
    v->region_name = "code";
    if (config) {
        v->policy = config->policy;
        v->image_start = config->image_start;
        v->image_end = config->image_end;
        if (config->max_violations)
            v->max_violations = config->max_violations;
    }
}

/* CPU time of this thread: the throughput figure stays meaningful on a loaded machine,
 * where wall-clock time mostly measures the other processes. */
static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* After undecodable bytes or a bundle-crossing instruction there is no instruction
 * stream to follow; decoding restarts at the next bundle start, where R5 says one must
 * begin anyway. */
static size_t next_bundle(size_t offset) {
    return (offset | SFI_BUNDLE_MASK) + 1;
}

typedef struct sfi_memo {
    uint64_t lo, hi;       /* the instruction's bytes, little-endian, zero past length */
    int64_t rel;           /* branch: the decoded displacement */
    uint8_t length;        /* 0: empty */
    uint8_t masked;        /* counted as a masked access (R11 form a) */
    uint8_t branch;        /* a direct branch: R8 and R7 are checked at each use */
    uint8_t is_call, rel_field;
} sfi_memo;
enum { MEMO_WAYS = 4, MEMO_KEY = 4, MEMO_MAX_SETS = 8192 };

/* One set per 64 bytes of code, a power of two in [16, MEMO_MAX_SETS]. NULL (no memo)
 * if the allocation fails: the memo is only an accelerator. */
static void memo_alloc(sfi_verifier *v) {
    uint32_t sets = 16;
    while (sets < MEMO_MAX_SETS && (size_t)sets * 64 < v->size)
        sets *= 2;
    v->memo = calloc((size_t)sets * MEMO_WAYS, sizeof(sfi_memo));
    v->memo_sets_mask = sets - 1;
}

static sfi_memo *memo_set(const sfi_verifier *v, const uint8_t *p) {
    uint32_t key;
    memcpy(&key, p, MEMO_KEY);
    return &v->memo[((key * 0x9e3779b1u) >> 16 & v->memo_sets_mask) * MEMO_WAYS];
}

/* bytes[0..n) of p as the two words of a memo entry (zero past n; n <= 15). */
static void memo_words(const uint8_t *p, unsigned n, uint64_t *lo, uint64_t *hi) {
    uint8_t b[16] = {0};
    memcpy(b, p, n);
    memcpy(lo, b, 8);
    memcpy(hi, b + 8, 8);
}

/* The memoised instruction that starts at offset, or NULL. room: bytes left in the
 * region and in the bundle, whichever is less; an entry longer than that never matches.
 * Every byte of the entry is compared (masks keep exactly length bytes). */
static const sfi_memo *memo_find(const sfi_verifier *v, size_t offset, size_t room) {
    if (!v->memo || v->size - offset < MEMO_KEY)
        return NULL;
    const uint8_t *p = v->code + offset;
    const sfi_memo *set = memo_set(v, p);
    uint64_t lo, hi;
    if (v->size - offset >= 16) {           /* 16 readable bytes: load them directly */
        memcpy(&lo, p, 8);
        memcpy(&hi, p + 8, 8);
    } else {
        memo_words(p, (unsigned)(v->size - offset < 15 ? v->size - offset : 15), &lo, &hi);
    }
    for (unsigned w = 0; w < MEMO_WAYS; w++) {
        const sfi_memo *m = &set[w];
        unsigned n = m->length;
        if (n == 0 || n > room)
            continue;
        uint64_t mask_lo = n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
        uint64_t mask_hi = n <= 8 ? 0 : (1ull << (8 * (n - 8))) - 1;
        if (((lo ^ m->lo) & mask_lo) == 0 && ((hi ^ m->hi) & mask_hi) == 0)
            return m;
    }
    return NULL;
}

/* branch: the direct branch (SFI_FAST_MEMO_BRANCH), or NULL. */
static void memo_add(sfi_verifier *v, size_t offset, unsigned length, bool masked,
                     const sfi_direct *branch) {
    if (!v->memo || v->size - offset < MEMO_KEY)
        return;
    sfi_memo *set = memo_set(v, v->code + offset);
    memmove(&set[1], &set[0], (MEMO_WAYS - 1) * sizeof *set); /* oldest way drops out */
    sfi_memo *m = &set[0];
    memset(m, 0, sizeof *m);
    memo_words(v->code + offset, length, &m->lo, &m->hi);
    m->length = (uint8_t)length;
    m->masked = masked;
    if (branch) {
        m->branch = 1;
        m->is_call = branch->is_call;
        m->rel_field = branch->rel_field;
        m->rel = branch->rel;
    }
}

static void push_summary(sfi_verifier *v, const sfi_insn *in) {
    sfi_summary *s = &v->window[v->window_len++];
    s->offset = in->offset;
    s->length = in->zi.length;
    s->kind = (uint8_t)in->kind;
    s->reg = (uint16_t)in->kind_reg;
}

static void end_bundle(sfi_verifier *v) {
    sfi_flush_pending_rebase(v);
    v->window_len = 0;
}

sfi_verify_status sfi_verify_region(sfi_verifier *v) {
    sfi_verify_stats *st = &v->result->stats;
    size_t size = v->size;
    size_t words = size / 64 + 1;
    size_t errors_before = v->result->n_violations;

    if (v->vaddr & SFI_BUNDLE_MASK) {
        sfi_report_input(v->result, v->max_violations, v->region_name, 0, v->vaddr, 5,
                         "the executable region starts at 0x%llx, which is not 32-byte aligned",
                         (unsigned long long)v->vaddr);
        return SFI_VERIFY_REJECTED;
    }
    v->insn_start = calloc(words, sizeof(uint64_t));
    v->interior = calloc(words, sizeof(uint64_t));
    if (!v->insn_start || !v->interior) {
        free(v->insn_start);
        free(v->interior);
        v->insn_start = v->interior = NULL;
        snprintf(v->result->error, sizeof v->result->error,
                 "out of memory for the bitmaps of %zu bytes of code", size);
        return SFI_VERIFY_BAD_INPUT;
    }

    if (!v->reference)
        memo_alloc(v);
    uint64_t t0 = now_ns();
    sfi_insn in;
    size_t offset = 0;
    v->window_len = 0;
    v->rebase_pending = false;
    while (offset < size) {
        if ((offset & SFI_BUNDLE_MASK) == 0) {
            end_bundle(v);
            st->bundles++;
        }
        size_t avail = size - offset;
        size_t room = SFI_BUNDLE_SIZE - (offset & SFI_BUNDLE_MASK);
        if (room > avail)
            room = avail;
        sfi_fields f;
        bool masked = false;
        if (!v->reference && sfi_table_decode(v->code + offset, room, &f)) {
            /* table_decode.c: no Zydis for the common instructions. The fast rules either
             * judge the instruction completely or leave no trace (then Zydis below). */
            v->reported_rules = 0;
            v->reported_offset = (uint32_t)offset;
            if (sfi_fast_fields(v, (uint32_t)offset, &f, &v->window[v->window_len]) !=
                SFI_FAST_NO) {
                v->window_len++;
                sfi_bit_set(v->insn_start, offset);
                st->instructions++;
                offset += f.length;
                continue;
            }
        }
        const sfi_memo *hit = memo_find(v, offset, room);
        if (hit) {
            /* What the fast path did for these bytes (SFI_FAST_MEMO), and what the loop
             * does for every instruction. */
            sfi_bit_set(v->insn_start, offset);
            st->instructions++;
            v->reported_rules = 0;
            v->reported_offset = (uint32_t)offset;
            sfi_flush_pending_rebase(v);
            if (hit->masked)
                st->masked_accesses++;
            if (hit->branch) {
                sfi_direct b = {.offset = (uint32_t)offset, .length = hit->length,
                                .rel_field = hit->rel_field, .is_call = hit->is_call,
                                .rel = hit->rel};
                sfi_check_call_end(v, b.offset, b.length, b.is_call);
                sfi_check_direct_target(v, &b);
            }
            sfi_summary *s = &v->window[v->window_len++];
            s->offset = (uint32_t)offset;
            s->length = hit->length;
            s->kind = SFI_KIND_OTHER;
            s->reg = ZYDIS_REGISTER_NONE;
            offset += hit->length;
            continue;
        }
        if (avail > ZYDIS_MAX_INSTRUCTION_LENGTH)
            avail = ZYDIS_MAX_INSTRUCTION_LENGTH;
        /* The reference path decodes everything up front, as the verifier always did; the
         * fast path decodes the operands only for instructions it does not handle. */
        ZydisDecoderContext ctx;
        ZyanStatus zs = v->reference
                            ? ZydisDecoderDecodeFull(&v->decoder, v->code + offset, avail,
                                                     &in.zi, in.ops)
                            : ZydisDecoderDecodeInstruction(&v->decoder, &ctx, v->code + offset,
                                                            avail, &in.zi);
        if (!ZYAN_SUCCESS(zs)) {
            end_bundle(v);
            if (zs == ZYDIS_STATUS_NO_MORE_DATA)
                sfi_report(v, (uint32_t)offset, 5,
                           "the last instruction runs past the end of the executable region");
            else
                sfi_report(v, (uint32_t)offset, 5,
                           "undecodable or invalid instruction bytes (Zydis status 0x%08x)",
                           (unsigned)zs);
            offset = next_bundle(offset);
            continue;
        }
        if ((offset & SFI_BUNDLE_MASK) + in.zi.length > SFI_BUNDLE_SIZE) {
            end_bundle(v);
            sfi_report(v, (uint32_t)offset, 5,
                       "instruction crosses the 32-byte bundle boundary at 0x%llx",
                       (unsigned long long)(v->vaddr + next_bundle(offset)));
            offset = next_bundle(offset);
            continue;
        }
        in.offset = (uint32_t)offset;
        in.vaddr = v->vaddr + offset;
        sfi_bit_set(v->insn_start, offset);
        st->instructions++;
        v->reported_rules = 0;
        v->reported_offset = in.offset;

        sfi_fast_result fast = v->reference ? SFI_FAST_NO : sfi_fast_path(v, &in, &masked);
        if (fast == SFI_FAST_MEMO) {
            memo_add(v, offset, in.zi.length, masked, NULL);
        } else if (fast == SFI_FAST_MEMO_BRANCH) {
            sfi_direct b = sfi_direct_of(&in, in.zi.raw.imm[0].value.s);
            memo_add(v, offset, in.zi.length, false, &b);
        }
        if (fast == SFI_FAST_NO) {
            if (!v->reference) {
                /* Exactly the operands DecodeFull would have produced. It cannot fail
                 * after DecodeInstruction succeeded; if it did, fail closed. */
                zs = ZydisDecoderDecodeOperands(&v->decoder, &ctx, &in.zi, in.ops,
                                                in.zi.operand_count);
                if (!ZYAN_SUCCESS(zs)) {
                    sfi_report(v, in.offset, 5, "Zydis could not decode the operands "
                               "(status 0x%08x)", (unsigned)zs);
                    in.zi.operand_count = in.zi.operand_count_visible = 0;
                }
            }
            sfi_classify(&in);
            sfi_check_prefixes(v, &in);
            if (sfi_check_allowlist(v, &in)) {
                sfi_check_register_writes(v, &in);
                sfi_check_memory(v, &in);
                sfi_check_control(v, &in);
                sfi_check_string(v, &in);
            } else {
                /* Refused outright: it cannot complete or take part in a sequence. */
                sfi_flush_pending_rebase(v);
                in.kind = SFI_KIND_OTHER;
            }
        }

        push_summary(v, &in);
        offset += in.zi.length;
    }
    end_bundle(v);
    sfi_check_branch_targets(v);
    st->code_bytes += size;
    st->verify_ns += now_ns() - t0;

    free(v->insn_start);
    free(v->interior);
    free(v->branches);
    free(v->memo);
    v->memo = NULL;
    v->insn_start = v->interior = NULL;
    v->branches = NULL;
    v->n_branches = v->cap_branches = 0;
    if (v->out_of_memory) {
        snprintf(v->result->error, sizeof v->result->error,
                 "out of memory while collecting branch targets");
        return SFI_VERIFY_BAD_INPUT;
    }
    return v->result->n_violations > errors_before ? SFI_VERIFY_REJECTED : SFI_VERIFY_OK;
}

static sfi_verify_status verify_code(const uint8_t *code, size_t size, uint64_t vaddr,
                                     const sfi_verify_config *config, sfi_verify_result *result,
                                     bool reference) {
    if (!result)
        return SFI_VERIFY_BAD_INPUT;
    memset(result, 0, sizeof *result);
    if (!code && size) {
        snprintf(result->error, sizeof result->error, "no code buffer");
        return SFI_VERIFY_BAD_INPUT;
    }
    /* Offsets are kept in 32 bits: no executable region of a 4 GiB slot is larger. */
    if (size > UINT32_MAX || vaddr > UINT64_MAX - size) {
        snprintf(result->error, sizeof result->error,
                 "code region of %zu bytes at 0x%llx does not fit a sandbox", size,
                 (unsigned long long)vaddr);
        return SFI_VERIFY_BAD_INPUT;
    }
    sfi_verifier v;
    sfi_verifier_init(&v, config, result);
    v.code = code;
    v.size = size;
    v.vaddr = vaddr;
    v.reference = reference;
    return sfi_verify_region(&v);
}

sfi_verify_status sfi_verify_code(const uint8_t *code, size_t size, uint64_t vaddr,
                                  const sfi_verify_config *config, sfi_verify_result *result) {
    return verify_code(code, size, vaddr, config, result, false);
}

sfi_verify_status sfi_verify_code_reference(const uint8_t *code, size_t size, uint64_t vaddr,
                                            const sfi_verify_config *config,
                                            sfi_verify_result *result) {
    return verify_code(code, size, vaddr, config, result, true);
}
