/* The driver: decodes a region bundle by bundle (R5) and runs every rule on each
 * instruction. One pass; the only allocations are two bitmaps sized to the code and the
 * (amortised) list of direct branch targets.
 *
 * Per instruction: the quick path (quick_path.h, ~98% of sqlite's instructions under
 * the loads+stores policy), else the table decoder (table_decode.c) and the fast rules
 * on its fields (fast_path.c), else ZydisDecoderDecodeInstruction and the fast rules on
 * Zydis's fields, else the operands and the reference rules. The reference path
 * (reference.h) skips the first three.
 *
 * There used to be a memo here: instructions whose exact bytes had already been judged
 * by the fast path skipped Zydis (~70% of them, when Zydis was ~100 ns of the ~110 ns
 * per instruction). With the table decoder only ~0.7% of sqlite's instructions reach
 * Zydis at all, so the memo no longer paid for its lookups and its 1.3 MiB allocation
 * per region, and it went (measurements: docs/performance.md section 4). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "quick_path.h"
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

static void push_summary(sfi_verifier *v, const sfi_insn *in) {
    sfi_summary *s = &v->window[v->window_len++];
    s->offset = in->offset;
    s->length = in->zi.length;
    s->kind = (uint8_t)in->kind;
    s->reg = (uint16_t)in->kind_reg;
}

static void end_bundle(sfi_verifier *v) {
    v->window_len = 0;
}

/* The quick path (quick_path.h) from offset to the end of its bundle, or to the first
 * instruction it declines; returns where it stopped. The bytes up to SFI_QUICK_READ past
 * the bundle's end must be in the region. Counts and instruction-start bits are kept in
 * locals and stored once per bundle. */
static __attribute__((noinline)) size_t quick_bundle(sfi_verifier *v, size_t offset) {
    size_t base = offset & ~(size_t)SFI_BUNDLE_MASK, end = base + SFI_BUNDLE_SIZE;
    const uint8_t *code = v->code;
    unsigned window_len = v->window_len, masked = 0;
    uint32_t starts = 0;
    while (offset < end) {
        sfi_quick q;
        unsigned length = sfi_quick_judge(code + offset, &q);
        if (!length || offset + length > end)
            break;
        masked += q.effect & SFI_QUICK_MASKED;
        unsigned kind = SFI_KIND_OTHER;   /* | its register << 8 */
        if (q.effect & SFI_QUICK_RULES) {
            v->window_len = window_len;    /* a sequence end looks back at the bundle */
            kind = sfi_quick_apply_rules(v, (uint32_t)offset, length, q.effect, q.field,
                                         q.value);
        }
        v->window[window_len++] = (sfi_summary){.offset = (uint32_t)offset,
                                                .length = (uint8_t)length,
                                                .kind = (uint8_t)kind,
                                                .reg = (uint16_t)(kind >> 8)};
        starts |= 1u << (offset - base);
        offset += length;
    }
    v->window_len = window_len;
    v->insn_start[base >> 6] |= (uint64_t)starts << (base & 63);
    v->result->stats.instructions += (unsigned)__builtin_popcount(starts);
    v->result->stats.masked_accesses += masked;
    return offset;
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

    uint64_t t0 = now_ns();
    sfi_insn in;
    size_t offset = 0;
    /* quick_path.h: the loads+stores policy's common instructions. */
    bool quick = !v->reference && v->policy == SFI_POLICY_LOADS_STORES;
    v->window_len = 0;
    while (offset < size) {
        if ((offset & SFI_BUNDLE_MASK) == 0) {
            end_bundle(v);
            st->bundles++;
        }
        if (quick && (offset | SFI_BUNDLE_MASK) + 1 + SFI_QUICK_READ <= size) {
            size_t next = quick_bundle(v, offset);
            bool declined = next == offset || (next & SFI_BUNDLE_MASK);
            offset = next;
            if (!declined)
                continue;   /* the bundle is done */
        }
        size_t avail = size - offset;
        size_t room = SFI_BUNDLE_SIZE - (offset & SFI_BUNDLE_MASK);
        if (room > avail)
            room = avail;
        sfi_fields f;
        if (!v->reference && sfi_table_decode(v->code + offset, room, &f)) {
            /* table_decode.c: no Zydis for the common instructions. The fast rules either
             * judge the instruction completely or leave no trace (then Zydis below). */
            v->reported_rules = 0;
            v->reported_offset = (uint32_t)offset;
            if (sfi_fast_fields(v, (uint32_t)offset, &f, &v->window[v->window_len])) {
                v->window_len++;
                sfi_bit_set(v->insn_start, offset);
                st->instructions++;
                offset += f.length;
                continue;
            }
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

        bool fast = !v->reference && sfi_fast_path(v, &in);
        if (!fast) {
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
