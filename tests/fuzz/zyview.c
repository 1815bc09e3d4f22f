/* Zydis side of the decoder comparison (zyview.h). */
#include "zyview.h"

#include <string.h>

void zyview_decoder_init(ZydisDecoder *d)
{
    /* Same call as sfi_verifier_init(): the default modes are what the verifier uses. */
    ZydisDecoderInit(d, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
}

/* The register-name mapping. Comparing every ZydisRegisterGetString() with every
 * cs_reg_name() of Capstone 4.0.2 (both decoders' full register lists) shows that the
 * names of general registers (all widths), rip/eip and the vector registers are spelled
 * identically; the differences are x87 (Zydis st0, Capstone st(0)), Capstone's
 * pseudo-registers riz/eiz ("no index" in a SIB byte; handled by the comparers) and
 * registers that never appear in a memory operand (flags, bnd, tmm, control registers).
 * So the mapping is the identity on the classes below and refuses everything else, which
 * turns an unexpected register into a reported disagreement instead of a silent match. */
const char *zyview_capstone_name(ZydisRegister r)
{
    static const char *const st[8] = {"st(0)", "st(1)", "st(2)", "st(3)",
                                      "st(4)", "st(5)", "st(6)", "st(7)"};
    switch (ZydisRegisterGetClass(r)) {
    case ZYDIS_REGCLASS_GPR64:
    case ZYDIS_REGCLASS_GPR32:
    case ZYDIS_REGCLASS_GPR16:
    case ZYDIS_REGCLASS_GPR8:
    case ZYDIS_REGCLASS_IP:
    case ZYDIS_REGCLASS_XMM:
    case ZYDIS_REGCLASS_YMM:
    case ZYDIS_REGCLASS_ZMM:
    case ZYDIS_REGCLASS_SEGMENT:
        return ZydisRegisterGetString(r);
    case ZYDIS_REGCLASS_X87:
        return st[ZydisRegisterGetId(r) & 7];
    default:
        return NULL;
    }
}

bool zyview_decode(const ZydisDecoder *d, const uint8_t *p, size_t n, zyview *out)
{
    ZydisDecodedInstruction zi;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    if (n > ZYDIS_MAX_INSTRUCTION_LENGTH)
        n = ZYDIS_MAX_INSTRUCTION_LENGTH;
    memset(out, 0, sizeof *out);
    out->base = out->index = "-";
    if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(d, p, n, &zi, ops)))
        return false;
    out->length = zi.length;
    out->addr_bytes = zi.address_width / 8;
    out->has_disp = zi.raw.disp.size != 0; /* the field, even if 0 */
    for (unsigned k = 0; k < zi.operand_count; k++) {
        const ZydisDecodedOperand *op = &ops[k];
        /* Hidden operands (string instructions, push/pop stack slots) are not in
         * Capstone's operand list either. */
        if (op->type != ZYDIS_OPERAND_TYPE_MEMORY ||
            op->visibility != ZYDIS_OPERAND_VISIBILITY_EXPLICIT)
            continue;
        out->has_mem = true;
        if (op->mem.base != ZYDIS_REGISTER_NONE) {
            const char *b = zyview_capstone_name(op->mem.base);
            out->base = b ? b : "?unmapped";
        }
        if (op->mem.index != ZYDIS_REGISTER_NONE) {
            const char *x = zyview_capstone_name(op->mem.index);
            out->index = x ? x : "?unmapped";
            out->scale = op->mem.scale;
        }
        out->disp = op->mem.disp.value;
        out->segment = op->mem.segment;
        break;
    }
    return true;
}
