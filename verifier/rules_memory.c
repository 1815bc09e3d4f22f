/* R11 and R17: every explicit memory operand that accesses memory has one of the forms
 *   a. disp(%r15,%r14,1)  |disp| < D
 *   b. disp(%rsp)         |disp| < D, no index
 *   c. disp(%rip)         [target, target+8) inside the image (unchecked in object mode)
 *   d. disp(%r15)         0 <= disp < 2^31, no index
 * Implicit operands are the stack slot of push/pop/call/ret (R12 keeps %rsp in the slot)
 * and the %rdi/%rsi operands of R13; any other implicit access is refused. */
#include "internal.h"

static bool segment_ok(ZydisRegister seg) {
    return seg == ZYDIS_REGISTER_NONE || seg == ZYDIS_REGISTER_CS || seg == ZYDIS_REGISTER_DS ||
           seg == ZYDIS_REGISTER_ES || seg == ZYDIS_REGISTER_SS;
}

/* Operands the policy asks us to check (R11 "Policy"). */
static bool policy_covers(const sfi_verifier *v, const sfi_insn *in, const ZydisDecodedOperand *op) {
    if (v->policy == SFI_POLICY_LOADS_STORES)
        return true;
    if (op->actions & ZYDIS_OPERAND_ACTION_MASK_WRITE)
        return true;
    switch (in->zi.mnemonic) {
    /* Written forms the doc names even where Zydis marks the operand read-only. */
    case ZYDIS_MNEMONIC_PUSH: case ZYDIS_MNEMONIC_POP: case ZYDIS_MNEMONIC_XCHG:
    case ZYDIS_MNEMONIC_CMPXCHG: case ZYDIS_MNEMONIC_CMPXCHG8B: case ZYDIS_MNEMONIC_CMPXCHG16B:
        return true;
    default:
        return false;
    }
}

void sfi_check_rip_relative(sfi_verifier *v, uint32_t offset, unsigned length, int64_t disp) {
    if (v->image_end == 0) {
        v->result->stats.rip_unchecked++;
        return;
    }
    /* target = next instruction + disp, without wrapping. */
    uint64_t next = v->vaddr + offset + length;
    uint64_t target;
    bool ok;
    if (disp < 0) {
        uint64_t back = (uint64_t)(-(disp + 1)) + 1;
        ok = back <= next;
        target = next - back;
    } else {
        ok = (uint64_t)disp <= UINT64_MAX - next;
        target = next + (uint64_t)disp;
    }
    ok = ok && target >= v->image_start && target <= v->image_end &&
         v->image_end - target >= SFI_RIP_ACCESS_BYTES;
    if (!ok)
        sfi_report(v, offset, 17,
                   "rip-relative operand reaches 0x%llx, outside the module image [0x%llx, 0x%llx)",
                   (unsigned long long)target, (unsigned long long)v->image_start,
                   (unsigned long long)v->image_end);
}

static void check_explicit(sfi_verifier *v, const sfi_insn *in, const ZydisDecodedOperand *op) {
    const ZydisDecodedOperandMem *m = &op->mem;
    int64_t disp = m->disp.value;
    if (!segment_ok(m->segment)) {
        sfi_report(v, in->offset, 11, "memory operand uses the %%%s segment",
                   ZydisRegisterGetString(m->segment));
        return;
    }
    if (in->zi.address_width != 64) {
        sfi_report(v, in->offset, 11, "memory operand with a 32-bit address size");
        return;
    }
    if (m->base == ZYDIS_REGISTER_R15 && m->index == ZYDIS_REGISTER_R14 && m->scale == 1) {
        if (sfi_small_disp(disp)) {
            v->result->stats.masked_accesses++;
            return;
        }
        sfi_report(v, in->offset, 11, "displacement %lld of a (%%r15,%%r14,1) operand is not "
                   "within +-0x8000", (long long)disp);
        return;
    }
    if (m->index == ZYDIS_REGISTER_NONE) {
        switch (m->base) {
        case ZYDIS_REGISTER_RSP:
            if (sfi_small_disp(disp))
                return;
            sfi_report(v, in->offset, 11, "displacement %lld off %%rsp is not within +-0x8000",
                       (long long)disp);
            return;
        case ZYDIS_REGISTER_RIP:
            sfi_check_rip_relative(v, in->offset, in->zi.length, disp);
            return;
        case ZYDIS_REGISTER_R15:
            if (disp >= 0 && disp < 0x80000000ll)
                return;
            sfi_report(v, in->offset, 11, "negative displacement off %%r15");
            return;
        default:
            break;
        }
    }
    sfi_report(v, in->offset, 11, "memory operand is not disp(%%r15,%%r14,1), disp(%%rsp), "
               "disp(%%rip) or disp(%%r15): mask it with leal ...,%%r14d");
}

/* bt/bts/btr/btc m, r: the register is a signed bit offset, so the byte accessed is up to
 * 2^60 bytes away from the operand's address, beyond any mask or guard. The immediate form
 * wraps the offset within the operand and is an ordinary access. */
static bool bit_offset_in_register(const sfi_insn *in) {
    switch (in->zi.mnemonic) {
    case ZYDIS_MNEMONIC_BT: case ZYDIS_MNEMONIC_BTS:
    case ZYDIS_MNEMONIC_BTR: case ZYDIS_MNEMONIC_BTC:
        return in->zi.operand_count_visible == 2 &&
               in->ops[0].type == ZYDIS_OPERAND_TYPE_MEMORY &&
               in->ops[1].type == ZYDIS_OPERAND_TYPE_REGISTER;
    default:
        return false;
    }
}

void sfi_check_memory(sfi_verifier *v, const sfi_insn *in) {
    const ZydisDecodedInstruction *zi = &in->zi;
    if (bit_offset_in_register(in)) {
        sfi_report(v, in->offset, 11, "bit-string instruction with a memory operand and a "
                   "register bit offset reaches up to 2^60 bytes past its operand");
        return;
    }
    bool string_like = sfi_is_string_op(zi) || sfi_is_masked_move(zi);
    for (unsigned i = 0; i < zi->operand_count; i++) {
        const ZydisDecodedOperand *op = &in->ops[i];
        if (op->type != ZYDIS_OPERAND_TYPE_MEMORY)
            continue;
        switch (op->mem.type) {
        case ZYDIS_MEMOP_TYPE_AGEN:   /* lea: computes, never accesses */
            continue;
        case ZYDIS_MEMOP_TYPE_VSIB:
            sfi_report(v, in->offset, 14, "VSIB (gather/scatter) memory operand");
            continue;
        case ZYDIS_MEMOP_TYPE_MEM:
            break;
        default:
            sfi_report(v, in->offset, 11, "unsupported kind of memory operand");
            continue;
        }
        if (sfi_is_nop(zi))
            continue;                 /* a multi-byte nop's operand is never accessed */
        if (op->visibility != ZYDIS_OPERAND_VISIBILITY_EXPLICIT) {
            if (op->mem.base == ZYDIS_REGISTER_RSP && op->mem.index == ZYDIS_REGISTER_NONE &&
                op->mem.disp.value == 0 && segment_ok(op->mem.segment))
                continue;             /* the stack slot of push/pop/call/ret */
            if (string_like)
                continue;             /* R13 checks %rdi/%rsi */
            sfi_report(v, in->offset, 11, "implicit memory access through %%%s",
                       ZydisRegisterGetString(op->mem.base));
            continue;
        }
        if (!policy_covers(v, in, op))
            continue;
        check_explicit(v, in, op);
    }
}
