/* R16: prefixes. Zydis accepts every prefix the CPU tolerates; the contract accepts only
 * the ones that mean something for the instruction (or are harmless no-op segments), at
 * most one per group, and never the ones that change the address size, the segment base
 * or the branch semantics. */
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

void sfi_check_prefixes(sfi_verifier *v, const sfi_insn *in) {
    const ZydisDecodedInstruction *zi = &in->zi;
    /* The common cases, with nothing to count or report: no prefix, or one effective REX
     * (what the loop below concludes for them too). */
    if (zi->raw.prefix_count == 0 ||
        (zi->raw.prefix_count == 1 && prefix_group(zi->raw.prefixes[0].value) == GROUP_NONE &&
         zi->raw.prefixes[0].type != ZYDIS_PREFIX_TYPE_IGNORED))
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
            else if (type == ZYDIS_PREFIX_TYPE_IGNORED && !nop)
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
            /* REX: harmless unless a legacy prefix after it makes the CPU drop it, which
             * means what was assembled is not what runs. */
            if (type == ZYDIS_PREFIX_TYPE_IGNORED)
                sfi_report(v, in->offset, 16, "REX prefix 0x%02x is ignored by the CPU", p);
            break;
        }
    }
    if (count[GROUP_LOCK_REP] > 1 || count[GROUP_SEGMENT] > 1 || count[GROUP_ADDRSIZE] > 1 ||
        (count[GROUP_OPSIZE] > 1 && !nop))
        sfi_report(v, in->offset, 16, "more than one prefix of the same group");
    if (count[GROUP_NONE] > 1)
        sfi_report(v, in->offset, 16, "more than one REX prefix");
}
