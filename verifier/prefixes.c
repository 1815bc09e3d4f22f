/* R16: prefixes. Zydis accepts every prefix the CPU tolerates; the contract accepts only
 * the ones that mean something for the instruction (or are harmless no-op segments), at
 * most one per group, and never the ones that change the address size, the segment base
 * or the branch semantics. */
#include <string.h>

#include "internal.h"

enum { GROUP_LOCK_REP, GROUP_SEGMENT, GROUP_OPSIZE, GROUP_ADDRSIZE, GROUP_NONE };

static int prefix_group(uint8_t p) {
    switch (p) {
    case 0xf0: case 0xf2: case 0xf3: return GROUP_LOCK_REP;
    case 0x2e: case 0x36: case 0x3e: case 0x26: case 0x64: case 0x65: return GROUP_SEGMENT;
    case 0x66: return GROUP_OPSIZE;
    case 0x67: return GROUP_ADDRSIZE;
    default: return GROUP_NONE; /* REX (0x40-0x4f); VEX/EVEX/XOP are not in this list */
    }
}

static bool is_branch(const ZydisDecodedInstruction *zi) {
    switch (zi->meta.category) {
    case ZYDIS_CATEGORY_COND_BR: case ZYDIS_CATEGORY_UNCOND_BR:
    case ZYDIS_CATEGORY_CALL: case ZYDIS_CATEGORY_RET:
        return true;
    default:
        return false;
    }
}

static bool same_operand(const ZydisDecodedOperand *a, const ZydisDecodedOperand *b) {
    if (a->type != b->type || a->size != b->size || a->element_type != b->element_type ||
        a->element_size != b->element_size || a->element_count != b->element_count ||
        a->actions != b->actions || a->visibility != b->visibility)
        return false;
    switch (a->type) {
    case ZYDIS_OPERAND_TYPE_REGISTER:
        return a->reg.value == b->reg.value;
    case ZYDIS_OPERAND_TYPE_MEMORY:
        return a->mem.type == b->mem.type && a->mem.segment == b->mem.segment &&
               a->mem.base == b->mem.base && a->mem.index == b->mem.index &&
               a->mem.scale == b->mem.scale && a->mem.disp.value == b->mem.disp.value;
    case ZYDIS_OPERAND_TYPE_IMMEDIATE:
        return a->imm.value.u == b->imm.value.u && a->imm.is_signed == b->imm.is_signed &&
               a->imm.is_relative == b->imm.is_relative;
    default:
        return true; /* pointer operands are refused by R14 anyway */
    }
}

/* Whether bytes[0, n) decode to the same instruction as `in`, with the same operands: then
 * what was taken out of or changed in its encoding selects nothing. No instruction, another
 * mnemonic or another length means it does select something; otherwise the operands
 * decide. (Zydis's operand_width is no shortcut: it follows REX.W and 66 even where every
 * operand has a fixed size.) */
static bool decodes_the_same(const sfi_verifier *v, const sfi_insn *in, const uint8_t *bytes,
                             size_t n) {
    const ZydisDecodedInstruction *zi = &in->zi;
    ZydisDecodedInstruction z0;
    if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&v->decoder, NULL, bytes, n, &z0)) ||
        z0.mnemonic != zi->mnemonic || z0.length != n || z0.operand_count != zi->operand_count)
        return false;
    ZydisDecodedInstruction full, full0;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT], ops0[ZYDIS_MAX_OPERAND_COUNT];
    if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(&v->decoder, v->code + in->offset, zi->length,
                                             &full, ops)) ||
        !ZYAN_SUCCESS(ZydisDecoderDecodeFull(&v->decoder, bytes, n, &full0, ops0)))
        return false; /* cannot happen after the decodes above; the other rules decide */
    for (unsigned i = 0; i < full.operand_count; i++)
        if (!same_operand(&ops[i], &ops0[i]))
            return false;
    return true;
}

/* R16: REX.W must select something, the operand size or another instruction. An unused W
 * is ignored by the CPU, and it is where decoders disagree: Capstone 4 reads
 * `f3 48 0f 7e 00` (a load to the SDM and Zydis) as a store. */
static bool rex_w_selects(const sfi_verifier *v, const sfi_insn *in) {
    uint8_t bytes[ZYDIS_MAX_INSTRUCTION_LENGTH];
    memcpy(bytes, v->code + in->offset, in->zi.length);
    bytes[in->zi.raw.rex.offset] &= (uint8_t)~0x08u;
    return !decodes_the_same(v, in, bytes, in->zi.length);
}

/* R16: the same for a 66 that Zydis calls effective: it is, as far as the encoding goes,
 * even under REX.W, under an F2/F3 mandatory prefix or on an instruction without an
 * operand size (`66 48 01 c0`, `f3 66 0f 7e 00`, `66 0f a2`), where the CPU ignores it. The
 * F3 case is another load that Capstone 4 reads as a store. Taken out here is the prefix
 * at `index` (a repeated 66 is reported as a repeated group). */
static bool opsize_selects(const sfi_verifier *v, const sfi_insn *in, unsigned index) {
    const uint8_t *code = v->code + in->offset;
    uint8_t bytes[ZYDIS_MAX_INSTRUCTION_LENGTH];
    size_t n = 0;
    for (unsigned k = 0; k < in->zi.length; k++)
        if (k != index)
            bytes[n++] = code[k];
    return !decodes_the_same(v, in, bytes, n);
}

void sfi_check_prefixes(sfi_verifier *v, const sfi_insn *in) {
    const ZydisDecodedInstruction *zi = &in->zi;
    /* The common cases, with nothing to count or report: no prefix, or one effective REX
     * without W (what the loop below concludes for them too). */
    if (zi->raw.prefix_count == 0 ||
        (zi->raw.prefix_count == 1 && prefix_group(zi->raw.prefixes[0].value) == GROUP_NONE &&
         zi->raw.prefixes[0].type != ZYDIS_PREFIX_TYPE_IGNORED && !zi->raw.rex.W))
        return;
    unsigned count[GROUP_NONE + 1] = {0};
    bool nop = sfi_is_nop(zi);

    for (unsigned i = 0; i < zi->raw.prefix_count; i++) {
        uint8_t p = zi->raw.prefixes[i].value;
        ZydisPrefixType type = zi->raw.prefixes[i].type;
        int group = prefix_group(p);
        count[group]++;
        switch (p) {
        case 0x64: case 0x65:
            sfi_report(v, in->offset, 16, "%%%s segment override prefix (0x%02x)",
                       p == 0x64 ? "fs" : "gs", p);
            sfi_report(v, in->offset, 14, "%%fs/%%gs segment overrides are forbidden");
            break;
        case 0x67:
            /* lea only computes the address and a nop never accesses it. */
            if (zi->mnemonic != ZYDIS_MNEMONIC_LEA && !nop)
                sfi_report(v, in->offset, 16,
                           "address-size prefix 0x67 would form a 32-bit absolute address");
            break;
        case 0x66:
            /* 66 on a branch changes nothing on Intel but truncates the target to 16 bits
             * on AMD (outside the slot): never allowed there. */
            if (is_branch(zi))
                sfi_report(v, in->offset, 16, "operand-size prefix 0x66 on a branch");
            else if (!nop && (type == ZYDIS_PREFIX_TYPE_IGNORED ||
                              (type != ZYDIS_PREFIX_TYPE_MANDATORY && !opsize_selects(v, in, i))))
                sfi_report(v, in->offset, 16, "operand-size prefix 0x66 has no effect here");
            break;
        case 0xf0:
            if (type == ZYDIS_PREFIX_TYPE_IGNORED || !(zi->attributes & ZYDIS_ATTRIB_HAS_LOCK))
                sfi_report(v, in->offset, 16, "lock prefix that is not effective");
            break;
        case 0xf2: case 0xf3:
            if (type == ZYDIS_PREFIX_TYPE_MANDATORY)
                break;
            if (zi->attributes & (ZYDIS_ATTRIB_HAS_BND | ZYDIS_ATTRIB_HAS_XACQUIRE |
                                  ZYDIS_ATTRIB_HAS_XRELEASE))
                sfi_report(v, in->offset, 16,
                           "0x%02x used as a bnd/xacquire/xrelease hint", p);
            else if (type == ZYDIS_PREFIX_TYPE_IGNORED)
                sfi_report(v, in->offset, 16, "prefix 0x%02x has no effect here", p);
            else if (!sfi_is_string_op(zi))
                sfi_report(v, in->offset, 16, "rep/repe/repne prefix on a non-string instruction");
            break;
        case 0x2e: case 0x36: case 0x3e: case 0x26:
            /* No-op segments in 64-bit mode; also branch hints and notrack. */
            break;
        default:
            /* REX: dropped by the CPU when a legacy prefix follows it, which means what
             * was assembled is not what runs. Its R, X and B bits only extend register
             * numbers, so unused ones change nothing; an unused W is refused (above). */
            if (type == ZYDIS_PREFIX_TYPE_IGNORED)
                sfi_report(v, in->offset, 16, "REX prefix 0x%02x is ignored by the CPU", p);
            else if ((p & 0x08) && !rex_w_selects(v, in))
                sfi_report(v, in->offset, 16,
                           "REX.W (prefix 0x%02x) selects nothing in this instruction", p);
            break;
        }
    }
    if (count[GROUP_LOCK_REP] > 1 || count[GROUP_SEGMENT] > 1 || count[GROUP_ADDRSIZE] > 1 ||
        (count[GROUP_OPSIZE] > 1 && !nop))
        sfi_report(v, in->offset, 16, "more than one prefix of the same group");
    if (count[GROUP_NONE] > 1)
        sfi_report(v, in->offset, 16, "more than one REX prefix");
}
