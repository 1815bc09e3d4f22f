/* R3 (%r15 is never written), R4 (%r14 is never written at 64 bits) and R12 (the ways
 * %rsp may change). Every register an instruction writes is in Zydis's operand list,
 * visible or hidden (cmpxchg's %rax, mul's %rdx, cpuid's four, push's %rsp, …), so one
 * loop over the operands sees explicit and implicit writes alike. */
#include "internal.h"

/* Implicit %rsp updates of at most 8 bytes (R12.1). Far forms, enter, leave and popf are
 * already refused by the allow list. */
static bool implicit_stack_op(ZydisMnemonic m) {
    switch (m) {
    case ZYDIS_MNEMONIC_PUSH: case ZYDIS_MNEMONIC_POP:
    case ZYDIS_MNEMONIC_PUSHF: case ZYDIS_MNEMONIC_PUSHFQ:
    case ZYDIS_MNEMONIC_CALL: case ZYDIS_MNEMONIC_RET:
        return true;
    default:
        return false;
    }
}

/* R12.2: andq $imm, %rsp with a negative sign-extended immediate only clears low bits,
 * so %rsp stays at or above B. */
static bool is_rsp_realign(const sfi_insn *in) {
    return in->zi.mnemonic == ZYDIS_MNEMONIC_AND && in->zi.operand_width == 64 &&
           in->zi.operand_count_visible == 2 &&
           in->ops[0].type == ZYDIS_OPERAND_TYPE_REGISTER &&
           in->ops[0].reg.value == ZYDIS_REGISTER_RSP &&
           in->ops[1].type == ZYDIS_OPERAND_TYPE_IMMEDIATE && in->ops[1].imm.value.s < 0;
}

/* R12.3: leaq (%r15,%r14,1),%rsp. %r14 < 2^32 (R4), so %rsp = B + %r14 is in the slot the
 * moment it is written. No sequence: %rsp never holds a 32-bit absolute address, which a
 * signal delivered on the current stack would turn into a host-memory write. */
static bool is_rsp_from_r14(const sfi_insn *in) {
    const ZydisDecodedOperandMem *m = &in->ops[1].mem;
    return in->zi.mnemonic == ZYDIS_MNEMONIC_LEA && in->zi.operand_count_visible == 2 &&
           in->ops[0].type == ZYDIS_OPERAND_TYPE_REGISTER &&
           in->ops[0].reg.value == ZYDIS_REGISTER_RSP &&
           in->ops[1].type == ZYDIS_OPERAND_TYPE_MEMORY && m->base == ZYDIS_REGISTER_R15 &&
           m->index == ZYDIS_REGISTER_R14 && m->scale == 1 && m->disp.value == 0;
}

static void check_rsp_write(sfi_verifier *v, const sfi_insn *in, const ZydisDecodedOperand *op) {
    if (op->visibility == ZYDIS_OPERAND_VISIBILITY_HIDDEN && op->reg.value == ZYDIS_REGISTER_RSP &&
        implicit_stack_op(in->zi.mnemonic))
        return;
    if (is_rsp_realign(in))
        return;
    if (is_rsp_from_r14(in)) {
        v->result->stats.seq_rsp++;
        return;
    }
    sfi_report(v, in->offset, 12, "%%%s is written other than by push/pop/call/ret, "
               "andq $-n,%%rsp or leaq (%%r15,%%r14,1),%%rsp",
               ZydisRegisterGetString(op->reg.value));
}

void sfi_check_register_writes(sfi_verifier *v, const sfi_insn *in) {
    for (unsigned i = 0; i < in->zi.operand_count; i++) {
        const ZydisDecodedOperand *op = &in->ops[i];
        if (op->type != ZYDIS_OPERAND_TYPE_REGISTER || !(op->actions & ZYDIS_OPERAND_ACTION_MASK_WRITE))
            continue;
        ZydisRegister full = sfi_reg64(op->reg.value);
        if (full == ZYDIS_REGISTER_R15) {
            sfi_report(v, in->offset, 3, "writes %%%s: %%r15 holds the sandbox base",
                       ZydisRegisterGetString(op->reg.value));
        } else if (full == ZYDIS_REGISTER_R14) {
            if (ZydisRegisterGetWidth(ZYDIS_MACHINE_MODE_LONG_64, op->reg.value) == 64)
                sfi_report(v, in->offset, 4,
                           "64-bit write of %%r14, which must stay below 2^32 (write %%r14d)");
        } else if (full == ZYDIS_REGISTER_RSP) {
            check_rsp_write(v, in, op);
        }
    }
}
