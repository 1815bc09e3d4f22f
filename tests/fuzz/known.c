/* Known findings (known.h). */
#include "known.h"

static bool has_f2_f3(const ZydisDecodedInstruction *zi)
{
    bool rep = false;
    for (unsigned k = 0; k < zi->raw.prefix_count; k++)
        rep |= zi->raw.prefixes[k].value == 0xf2 || zi->raw.prefixes[k].value == 0xf3;
    return rep;
}

bool known_verifier_bug(const ZydisDecodedInstruction *zi)
{
    /* Bug 3 (README.md): a REX prefix the instruction ignores is accepted unless a legacy
     * prefix after it is what makes the CPU drop it; R16 rejects every ignored REX. Here
     * only endbr64 (F3 REX 0F 1E FA), the one case Capstone 4 cannot decode, so the only
     * one the cross-checks see; cld, cpuid, the fences and x87 with REX are accepted too. */
    if (zi->mnemonic == ZYDIS_MNEMONIC_ENDBR64 && (zi->attributes & ZYDIS_ATTRIB_HAS_REX))
        return true;
    /* The same bug where it matters more: F3 REX.W 0F 7E is movq xmm, m64, a load (SDM;
     * Zydis), but Capstone 4 reads it as movq m64, mm, a store. Two decoders disagreeing on
     * load versus store is why R16 rejects an ignored REX (found by sfi-sweep under the
     * stores-only policy, where it decides whether the operand is checked). */
    if (zi->mnemonic == ZYDIS_MNEMONIC_MOVQ && zi->opcode_map == ZYDIS_OPCODE_MAP_0F &&
        zi->opcode == 0x7e && zi->raw.rex.W && has_f2_f3(zi))
        return true;
    return false;
}

bool known_capstone_access_gap(const ZydisDecodedInstruction *zi)
{
    /* Capstone 4 gives these loads a memory operand it marks written (test m,imm: read and
     * write; frstor: write) or leaves unmarked (the conversions and rounds), and
     * sfi-capcheck checks an operand that is not marked read-only under stores-only. The
     * SDM and Zydis agree that they only read memory. Found by sfi-sweep. */
    switch (zi->mnemonic) {
    case ZYDIS_MNEMONIC_TEST:
    case ZYDIS_MNEMONIC_FRSTOR:
    case ZYDIS_MNEMONIC_CVTSS2SI: case ZYDIS_MNEMONIC_CVTSD2SI:
    case ZYDIS_MNEMONIC_VCVTSS2SI: case ZYDIS_MNEMONIC_VCVTSD2SI:
    case ZYDIS_MNEMONIC_ROUNDSS: case ZYDIS_MNEMONIC_ROUNDSD:
    case ZYDIS_MNEMONIC_VROUNDSS: case ZYDIS_MNEMONIC_VROUNDSD:
        return true;
    default:
        return false;
    }
}

bool known_capstone_gap(const ZydisDecodedInstruction *zi)
{
    /* 63 /r without REX.W is MOVSXD r32, r/m32 (SDM: a 32-bit move, zero-extended like any
     * 32-bit write; with 66, a 16-bit one). Capstone 4 decodes it with a 64-bit
     * destination, so sfi-capcheck sees "movslq ..., %r14" and reports an R4 violation. */
    if (zi->mnemonic == ZYDIS_MNEMONIC_MOVSXD && zi->operand_width != 64)
        return true;
    /* lfence/mfence/sfence are 0F AE /5, /6, /7 with mod == 3 and any r/m; Capstone 4
     * decodes only r/m == 0 (E8, F0, F8). */
    if ((zi->mnemonic == ZYDIS_MNEMONIC_LFENCE || zi->mnemonic == ZYDIS_MNEMONIC_MFENCE ||
         zi->mnemonic == ZYDIS_MNEMONIC_SFENCE) && zi->raw.modrm.rm != 0)
        return true;
    /* vbroadcasti128 (VEX.256.66.0F38.W0 5A /r, AVX2): Capstone 4 does not decode it at
     * all (found by sfi-sweep). */
    if (zi->mnemonic == ZYDIS_MNEMONIC_VBROADCASTI128)
        return true;
    return false;
}
