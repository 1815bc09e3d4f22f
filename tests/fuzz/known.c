/* Known findings (known.h). */
#include "known.h"

static bool has_f2_f3(const ZydisDecodedInstruction *zi)
{
    bool rep = false;
    for (unsigned k = 0; k < zi->raw.prefix_count; k++)
        rep |= zi->raw.prefixes[k].value == 0xf2 || zi->raw.prefixes[k].value == 0xf3;
    return rep;
}

/* Bug 1 (README.md): the verifier accepts the whole reserved-NOP ("hint NOP") space,
 * 0F 0D and 0F 18-0F 1F, register forms and stray F2/F3 prefixes included, where the
 * contract allows only the NOP 0F 1F /0 with a memory operand that assemblers emit, and
 * no F2/F3 on it (R15, R16). Capstone 4 cannot decode the register forms, which is how
 * the fuzzer noticed. */
bool known_verifier_bug(const ZydisDecodedInstruction *zi)
{
    /* Bug 3 (README.md): a REX prefix the instruction ignores is accepted unless a legacy
     * prefix after it is what makes the CPU drop it; R16 rejects every ignored REX. Here
     * only endbr64 (F3 REX 0F 1E FA), the one case Capstone 4 cannot decode, so the only
     * one the cross-checks see; cld, cpuid, the fences and x87 with REX are accepted too. */
    if (zi->mnemonic == ZYDIS_MNEMONIC_ENDBR64 && (zi->attributes & ZYDIS_ATTRIB_HAS_REX))
        return true;
    if (zi->mnemonic != ZYDIS_MNEMONIC_NOP || zi->opcode_map != ZYDIS_OPCODE_MAP_0F ||
        !(zi->opcode == 0x0d || (zi->opcode >= 0x18 && zi->opcode <= 0x1f)))
        return false;
    return !(zi->opcode == 0x1f && zi->raw.modrm.reg == 0 && zi->raw.modrm.mod != 3 &&
             !has_f2_f3(zi));
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
