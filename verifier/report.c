/* Violations: collection into the result, disassembly for the report, rule names. The
 * offending instruction is decoded again here, so the hot path never formats anything. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

sfi_violation *sfi_result_add(sfi_verify_result *r, size_t max) {
    if (max == 0)
        max = SFI_DEFAULT_MAX_VIOLATIONS;
    size_t index = r->n_violations++;
    if (!r->violations && r->capacity == 0) {
        r->violations = calloc(max, sizeof *r->violations);
        r->capacity = r->violations ? max : 0;
    }
    if (index >= r->capacity)
        return NULL;
    memset(&r->violations[index], 0, sizeof r->violations[index]);
    return &r->violations[index];
}

static void set_region(sfi_violation *out, const char *region, uint64_t offset) {
    snprintf(out->region, sizeof out->region, "%s", region ? region : "");
    out->region_offset = offset;
}

void sfi_report(sfi_verifier *v, uint32_t offset, unsigned rule, const char *fmt, ...) {
    /* One line per rule per instruction, however many operands break it. */
    if (offset == v->reported_offset && rule < 64) {
        if (v->reported_rules & (1ull << rule))
            return;
        v->reported_rules |= 1ull << rule;
    }
    sfi_violation *out = sfi_result_add(v->result, v->max_violations);
    if (!out)
        return;
    out->vaddr = v->vaddr + offset;
    out->rule = rule;
    set_region(out, v->region_name, offset);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);

    size_t avail = v->size - offset;
    if (avail > ZYDIS_MAX_INSTRUCTION_LENGTH)
        avail = ZYDIS_MAX_INSTRUCTION_LENGTH;
    ZydisDecodedInstruction zi;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    if (ZYAN_SUCCESS(ZydisDecoderDecodeFull(&v->decoder, v->code + offset, avail, &zi, ops))) {
        out->length = zi.length;
        if (!ZYAN_SUCCESS(ZydisFormatterFormatInstruction(&v->formatter, &zi, ops,
                                                          zi.operand_count_visible, out->text,
                                                          sizeof out->text, out->vaddr, NULL)))
            out->text[0] = '\0';
    } else {
        /* Undecodable: show what is there, up to the end of the bundle. */
        size_t to_bundle_end = SFI_BUNDLE_SIZE - (offset & SFI_BUNDLE_MASK);
        out->length = (uint8_t)(avail < to_bundle_end ? avail : to_bundle_end);
    }
    memcpy(out->bytes, v->code + offset, out->length);
}

void sfi_report_input(sfi_verify_result *r, size_t max, const char *region, uint64_t offset,
                      uint64_t vaddr, unsigned rule, const char *fmt, ...) {
    sfi_violation *out = sfi_result_add(r, max);
    if (!out)
        return;
    out->vaddr = vaddr;
    out->rule = rule;
    set_region(out, region, offset);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
}

void sfi_verify_result_free(sfi_verify_result *result) {
    if (!result)
        return;
    free(result->violations);
    result->violations = NULL;
    result->capacity = 0;
}

const char *sfi_rule_name(unsigned rule) {
    static const char *const names[] = {
        [0] = "R0 input error",
        [1] = "R1 target",
        [2] = "R2 slot layout",
        [3] = "R3 %r15 is the base",
        [4] = "R4 %r14 stays below 2^32",
        [5] = "R5 bundles and decoding",
        [6] = "R6 sequences",
        [7] = "R7 direct branches",
        [8] = "R8 calls end bundles",
        [9] = "R9 indirect jumps and calls",
        [10] = "R10 returns",
        [11] = "R11 memory operands",
        [12] = "R12 the stack pointer",
        [13] = "R13 string instructions",
        [14] = "R14 forbidden instructions",
        [15] = "R15 allowed instruction sets",
        [16] = "R16 prefixes",
        [17] = "R17 rip-relative operands",
        [18] = "R18 system calls and thread pointer",
        [19] = "R19 gates",
        [20] = "R20 module format",
        [21] = "R21 exports, imports, init",
        [22] = "R22 entry and exit state",
        [23] = "R23 memory protection",
        [24] = "R24 policy and mode selection",
        [25] = "R25 one thread per sandbox",
    };
    if (rule < sizeof names / sizeof names[0] && names[rule])
        return names[rule];
    return "unknown rule";
}
