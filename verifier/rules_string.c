/* R13: string instructions and the masked moves access (%rdi) and/or (%rsi) implicitly.
 * Each pointer they use must have been rebased by the two instructions
 *     movl %eR, %eR ; leaq (%r15,%rR,1), %rR
 * right before (pairs in either order, in the same bundle). Under stores-only only the
 * written pointer (%rdi of movs, stos and the masked moves) needs it. */
#include "internal.h"

enum { NEED_RDI = 1, NEED_RSI = 2 };

static unsigned pointers_needed(const sfi_verifier *v, const ZydisDecodedInstruction *zi) {
    bool stores_only = v->policy == SFI_POLICY_STORES_ONLY;
    if (sfi_is_masked_move(zi))
        return NEED_RDI;
    switch (zi->mnemonic) {
    case ZYDIS_MNEMONIC_MOVSB: case ZYDIS_MNEMONIC_MOVSW:
    case ZYDIS_MNEMONIC_MOVSD: case ZYDIS_MNEMONIC_MOVSQ:
        return stores_only ? NEED_RDI : NEED_RDI | NEED_RSI;
    case ZYDIS_MNEMONIC_STOSB: case ZYDIS_MNEMONIC_STOSW:
    case ZYDIS_MNEMONIC_STOSD: case ZYDIS_MNEMONIC_STOSQ:
        return NEED_RDI;
    case ZYDIS_MNEMONIC_LODSB: case ZYDIS_MNEMONIC_LODSW:
    case ZYDIS_MNEMONIC_LODSD: case ZYDIS_MNEMONIC_LODSQ:
        return stores_only ? 0 : NEED_RSI;
    case ZYDIS_MNEMONIC_CMPSB: case ZYDIS_MNEMONIC_CMPSW:
    case ZYDIS_MNEMONIC_CMPSD: case ZYDIS_MNEMONIC_CMPSQ:
        return stores_only ? 0 : NEED_RDI | NEED_RSI;
    case ZYDIS_MNEMONIC_SCASB: case ZYDIS_MNEMONIC_SCASW:
    case ZYDIS_MNEMONIC_SCASD: case ZYDIS_MNEMONIC_SCASQ:
        return stores_only ? 0 : NEED_RDI;
    default:
        /* A string instruction this table does not know: demand both, which fails
         * closed if it is unlisted elsewhere. */
        return NEED_RDI | NEED_RSI;
    }
}

static unsigned pointer_bit(ZydisRegister r) {
    return r == ZYDIS_REGISTER_RDI ? NEED_RDI : r == ZYDIS_REGISTER_RSI ? NEED_RSI : 0;
}

/* The pointer rebased by the pair ending `back` instructions before the current one,
 * as a NEED_* bit, or 0. */
static unsigned pair_at(const sfi_verifier *v, unsigned back) {
    const sfi_summary *lea = sfi_window_back(v, back);
    const sfi_summary *mov = sfi_window_back(v, back + 1);
    if (!lea || !mov || lea->kind != SFI_KIND_LEA_REBASE || mov->kind != SFI_KIND_MOV_SELF32 ||
        lea->reg != mov->reg)
        return 0;
    return pointer_bit(lea->reg);
}

void sfi_check_string(sfi_verifier *v, const sfi_insn *in) {
    const ZydisDecodedInstruction *zi = &in->zi;
    if (!sfi_is_string_op(zi) && !sfi_is_masked_move(zi))
        return;
    if (zi->address_width != 64) {
        sfi_report(v, in->offset, 13, "string instruction with a 32-bit address size");
        return;
    }
    unsigned need = pointers_needed(v, zi);
    if (need == 0)
        return;
    unsigned last = pair_at(v, 1);
    unsigned before = last ? pair_at(v, 3) : 0;
    unsigned pairs;
    if (last && before && (last | before) == (NEED_RDI | NEED_RSI) && (need & ~(last | before)) == 0)
        pairs = 2;
    else if (last && (need & ~last) == 0)
        pairs = 1;
    else {
        sfi_report(v, in->offset, 13, "%s needs movl %%e%s,%%e%s; leaq (%%r15,%%r%s,1),%%r%s "
                   "right before it", ZydisMnemonicGetString(zi->mnemonic),
                   (need & ~last & NEED_RDI) ? "di" : "si", (need & ~last & NEED_RDI) ? "di" : "si",
                   (need & ~last & NEED_RDI) ? "di" : "si", (need & ~last & NEED_RDI) ? "di" : "si");
        return;
    }
    /* The first movl is the head; everything after it is interior. */
    for (unsigned back = 2 * pairs - 1; back >= 1; back--)
        sfi_mark_interior(v, sfi_window_back(v, back)->offset);
    sfi_mark_interior(v, in->offset);
    v->result->stats.seq_string++;
}
