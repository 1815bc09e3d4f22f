/* Recognition of the pieces of sequences (R6). Each instruction is classified once into
 * an sfi_kind; the last instruction of a sequence (in rules_control.c, rules_string.c and
 * rules_registers.c) then looks back through the summaries of its bundle. Interior
 * instructions are recorded in a bitmap so that R7 can refuse branches into them. */
#include "internal.h"

ZydisRegister sfi_reg64(ZydisRegister reg) {
    ZydisRegister r = ZydisRegisterGetLargestEnclosing(ZYDIS_MACHINE_MODE_LONG_64, reg);
    return r == ZYDIS_REGISTER_NONE ? reg : r;
}

static bool is_reg(const ZydisDecodedOperand *op, ZydisRegister reg) {
    return op->type == ZYDIS_OPERAND_TYPE_REGISTER && op->reg.value == reg;
}

static bool is_gpr(const ZydisDecodedOperand *op, ZydisRegisterClass cls) {
    return op->type == ZYDIS_OPERAND_TYPE_REGISTER &&
           ZydisRegisterGetClass(op->reg.value) == cls;
}

void sfi_classify(sfi_insn *in) {
    const ZydisDecodedInstruction *zi = &in->zi;
    const ZydisDecodedOperand *op = in->ops;
    in->kind = SFI_KIND_OTHER;
    in->kind_reg = ZYDIS_REGISTER_NONE;
    if (zi->operand_count_visible < 1 || zi->address_width != 64)
        return;

    switch (zi->mnemonic) {
    case ZYDIS_MNEMONIC_AND:
        /* andl $imm, %eR: a 32-bit write, so the upper half is zero and the low 5 bits are
         * clear: R = bundle-aligned offset in [0, 4 GiB). */
        if (zi->operand_width == 32 && zi->operand_count_visible == 2 &&
            is_gpr(&op[0], ZYDIS_REGCLASS_GPR32) && op[1].type == ZYDIS_OPERAND_TYPE_IMMEDIATE &&
            (op[1].imm.value.u & SFI_BUNDLE_MASK) == 0) {
            ZydisRegister r = sfi_reg64(op[0].reg.value);
            if (r != ZYDIS_REGISTER_RSP && r != ZYDIS_REGISTER_R14 && r != ZYDIS_REGISTER_R15) {
                in->kind = SFI_KIND_AND_MASK;
                in->kind_reg = r;
                return;
            }
        }
        break;
    case ZYDIS_MNEMONIC_ADD:
        if (zi->operand_width == 64 && zi->operand_count_visible == 2 &&
            is_gpr(&op[0], ZYDIS_REGCLASS_GPR64) && is_reg(&op[1], ZYDIS_REGISTER_R15)) {
            if (op[0].reg.value == ZYDIS_REGISTER_RSP)
                break; /* no sequence ends with it: R12 refuses it */
            in->kind = SFI_KIND_ADD_BASE;
            in->kind_reg = op[0].reg.value;
            return;
        }
        break;
    case ZYDIS_MNEMONIC_PUSH:
        if (zi->operand_width == 64 && is_gpr(&op[0], ZYDIS_REGCLASS_GPR64)) {
            in->kind = SFI_KIND_PUSH_REG;
            in->kind_reg = op[0].reg.value;
            return;
        }
        break;
    case ZYDIS_MNEMONIC_MOV:
        if (zi->operand_count_visible == 2 && op[0].type == ZYDIS_OPERAND_TYPE_REGISTER &&
            is_reg(&op[1], op[0].reg.value) &&
            (op[0].reg.value == ZYDIS_REGISTER_EDI || op[0].reg.value == ZYDIS_REGISTER_ESI)) {
            in->kind = SFI_KIND_MOV_SELF32;
            in->kind_reg = sfi_reg64(op[0].reg.value);
            return;
        }
        break;
    case ZYDIS_MNEMONIC_LEA:
        if (zi->operand_width == 64 && zi->operand_count_visible == 2 &&
            op[0].type == ZYDIS_OPERAND_TYPE_REGISTER && op[1].type == ZYDIS_OPERAND_TYPE_MEMORY &&
            op[1].mem.disp.value == 0) {
            ZydisRegister r = op[0].reg.value;
            const ZydisDecodedOperandMem *m = &op[1].mem;
            if ((r == ZYDIS_REGISTER_RDI || r == ZYDIS_REGISTER_RSI) &&
                m->base == ZYDIS_REGISTER_R15 && m->index == r && m->scale == 1) {
                in->kind = SFI_KIND_LEA_REBASE;
                in->kind_reg = r;
                return;
            }
        }
        break;
    default:
        break;
    }
}

const sfi_summary *sfi_window_back(const sfi_verifier *v, unsigned i) {
    if (i == 0 || i > v->window_len)
        return NULL;
    return &v->window[v->window_len - i];
}

bool sfi_window_is(const sfi_verifier *v, unsigned back, sfi_kind kind, ZydisRegister reg) {
    const sfi_summary *s = sfi_window_back(v, back);
    return s && s->kind == kind && s->reg == reg;
}

void sfi_mark_interior(sfi_verifier *v, uint32_t offset) {
    sfi_bit_set(v->interior, offset);
}
