/* Known findings (known.h). */
#include "known.h"

bool known_verifier_bug(const ZydisDecodedInstruction *zi)
{
    /* None open. Bug 3 (REX.W that selects nothing, README.md) was the last. */
    (void)zi;
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
    /* lfence/mfence/sfence are 0F AE /5, /6, /7 with mod == 3 and any r/m; Capstone 4
     * decodes only r/m == 0 (E8, F0, F8). */
    if ((zi->mnemonic == ZYDIS_MNEMONIC_LFENCE || zi->mnemonic == ZYDIS_MNEMONIC_MFENCE ||
         zi->mnemonic == ZYDIS_MNEMONIC_SFENCE) && zi->raw.modrm.rm != 0)
        return true;
    /* endbr64 with a REX prefix (F3 REX 0F 1E FA): Capstone 4 does not decode it. The
     * verifier refuses REX.W there (R16) and accepts REX.R/X/B, which change nothing. */
    if (zi->mnemonic == ZYDIS_MNEMONIC_ENDBR64 && (zi->attributes & ZYDIS_ATTRIB_HAS_REX))
        return true;
    /* vbroadcasti128 (VEX.256.66.0F38.W0 5A /r, AVX2): Capstone 4 does not decode it at
     * all (found by sfi-sweep). */
    if (zi->mnemonic == ZYDIS_MNEMONIC_VBROADCASTI128)
        return true;
    return false;
}
