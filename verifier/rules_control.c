/* Control flow: R7 (direct targets), R8 (calls end bundles), R9 (masked indirect jumps and
 * calls), R10 (masked returns). Direct targets are only collected here; they are checked
 * once the whole region is decoded, when every instruction start and every interior
 * instruction is known. */
#include <stdlib.h>

#include "internal.h"

static bool is_control(const ZydisDecodedInstruction *zi) {
    switch (zi->meta.category) {
    case ZYDIS_CATEGORY_COND_BR: case ZYDIS_CATEGORY_UNCOND_BR:
    case ZYDIS_CATEGORY_CALL: case ZYDIS_CATEGORY_RET:
        return true;
    default:
        return false;
    }
}

static const sfi_reloc *find_reloc(const sfi_verifier *v, uint64_t offset) {
    size_t lo = 0, hi = v->n_relocs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->relocs[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < v->n_relocs && v->relocs[lo].offset == offset ? &v->relocs[lo] : NULL;
}

static void record_target(sfi_verifier *v, uint32_t from, uint64_t target) {
    if (target < v->vaddr || target - v->vaddr >= v->size) {
        sfi_report(v, from, 7, "direct branch to 0x%llx, outside the executable region",
                   (unsigned long long)target);
        return;
    }
    if (v->n_branches == v->cap_branches) {
        size_t cap = v->cap_branches ? v->cap_branches * 2 : 256;
        sfi_branch *b = realloc(v->branches, cap * sizeof *b);
        if (!b) {
            v->out_of_memory = true;
            return;
        }
        v->branches = b;
        v->cap_branches = cap;
    }
    v->branches[v->n_branches].from = from;
    v->branches[v->n_branches].to = (uint32_t)(target - v->vaddr);
    v->n_branches++;
}

/* R7 for a direct branch. Everything it needs is in *b, so the fast path can call it
 * without a decoded instruction. */
void sfi_check_direct_target(sfi_verifier *v, const sfi_direct *b) {
    uint64_t vaddr = v->vaddr + b->offset;
    uint64_t next = vaddr + b->length;
    if (v->n_relocs) {
        /* Object mode: the displacement field may be a relocation. */
        const sfi_reloc *r = find_reloc(v, (uint64_t)b->offset + b->rel_field);
        if (r) {
            if (r->kind == SFI_RELOC_ABSOLUTE || !r->pc_relative) {
                sfi_report(v, b->offset, 7, "direct branch to an absolute address");
            } else if (r->kind == SFI_RELOC_UNKNOWN) {
                v->result->stats.branch_unchecked++;
            } else {
                /* disp = S + A - P, target = next + disp; P is the field's address. */
                uint64_t p = vaddr + b->rel_field;
                record_target(v, b->offset, next + (uint64_t)r->value - p);
            }
            return;
        }
    }
    record_target(v, b->offset, next + (uint64_t)b->rel);
}

/* The direct branch in in, whose relative operand decodes to rel. */
sfi_direct sfi_direct_of(const sfi_insn *in, int64_t rel) {
    sfi_direct b = {
        .offset = in->offset,
        .length = in->zi.length,
        .rel_field = in->zi.raw.imm[0].offset,
        .is_call = in->zi.meta.category == ZYDIS_CATEGORY_CALL,
        .rel = rel,
    };
    return b;
}

/* andl $imm,%eR ; addq %r15,%rR right before the current instruction. */
static bool masked_by_previous(sfi_verifier *v, unsigned back, ZydisRegister r) {
    return sfi_window_is(v, back, SFI_KIND_ADD_BASE, r) &&
           sfi_window_is(v, back + 1, SFI_KIND_AND_MASK, r);
}

void sfi_check_indirect_reg(sfi_verifier *v, uint32_t offset, bool is_call, ZydisRegister r) {
    const char *what = is_call ? "call" : "jmp";
    if (ZydisRegisterGetClass(r) != ZYDIS_REGCLASS_GPR64 || r == ZYDIS_REGISTER_RSP ||
        r == ZYDIS_REGISTER_R14 || r == ZYDIS_REGISTER_R15) {
        sfi_report(v, offset, 9, "indirect %s through %%%s", what, ZydisRegisterGetString(r));
        return;
    }
    if (!masked_by_previous(v, 1, r)) {
        sfi_report(v, offset, 9, "indirect %s through %%%s not preceded by "
                   "andl $-32,%%%s; addq %%r15,%%%s in the same bundle", what,
                   ZydisRegisterGetString(r),
                   ZydisRegisterGetString(ZydisRegisterEncode(ZYDIS_REGCLASS_GPR32,
                                                              ZydisRegisterGetId(r))),
                   ZydisRegisterGetString(r));
        return;
    }
    sfi_mark_interior(v, sfi_window_back(v, 1)->offset);
    sfi_mark_interior(v, offset);
    v->result->stats.seq_indirect++;
}

static void check_indirect(sfi_verifier *v, const sfi_insn *in, const ZydisDecodedOperand *op) {
    bool is_call = in->zi.mnemonic == ZYDIS_MNEMONIC_CALL;
    if (op->type == ZYDIS_OPERAND_TYPE_MEMORY) {
        sfi_report(v, in->offset, 9, "memory-indirect %s: load the target into a register "
                   "and mask it", is_call ? "call" : "jmp");
        return;
    }
    sfi_check_indirect_reg(v, in->offset, is_call, op->reg.value);
}

void sfi_check_return(sfi_verifier *v, uint32_t offset) {
    const sfi_summary *push = sfi_window_back(v, 1);
    if (!push || push->kind != SFI_KIND_PUSH_REG || !masked_by_previous(v, 2, push->reg)) {
        sfi_report(v, offset, 10, "bare ret: use popq %%r11; andl $-32,%%r11d; "
                   "addq %%r15,%%r11; pushq %%r11; retq");
        return;
    }
    sfi_mark_interior(v, sfi_window_back(v, 2)->offset);
    sfi_mark_interior(v, push->offset);
    sfi_mark_interior(v, offset);
    v->result->stats.seq_return++;
}

static void check_return(sfi_verifier *v, const sfi_insn *in) {
    if (in->zi.operand_count_visible > 0) {
        sfi_report(v, in->offset, 10, "ret $imm moves %%rsp by more than 8 bytes; use the "
                   "masked return sequence");
        return;
    }
    sfi_check_return(v, in->offset);
}

/* R8 */
void sfi_check_call_end(sfi_verifier *v, uint32_t offset, unsigned length, bool is_call) {
    if (is_call && ((offset + length) & SFI_BUNDLE_MASK) != 0)
        sfi_report(v, offset, 8, "call does not end at a bundle boundary, so its return "
                   "address is not a bundle start");
}

void sfi_check_control(sfi_verifier *v, const sfi_insn *in) {
    const ZydisDecodedInstruction *zi = &in->zi;
    if (!is_control(zi) || zi->meta.branch_type == ZYDIS_BRANCH_TYPE_FAR)
        return; /* far forms are refused by the allow list (R14) */

    sfi_check_call_end(v, in->offset, zi->length, zi->meta.category == ZYDIS_CATEGORY_CALL);

    if (zi->meta.category == ZYDIS_CATEGORY_RET) {
        check_return(v, in);
        return;
    }
    const ZydisDecodedOperand *op = &in->ops[0];
    if (zi->operand_count_visible < 1) {
        sfi_report(v, in->offset, 14, "unexpected control transfer");
        return;
    }
    if (op->type == ZYDIS_OPERAND_TYPE_IMMEDIATE && op->imm.is_relative) {
        sfi_direct b = sfi_direct_of(in, op->imm.value.s);
        sfi_check_direct_target(v, &b);
    }
    else if (zi->mnemonic == ZYDIS_MNEMONIC_JMP || zi->mnemonic == ZYDIS_MNEMONIC_CALL)
        check_indirect(v, in, op);
    else
        sfi_report(v, in->offset, 14, "unexpected control transfer");
}

void sfi_check_branch_targets(sfi_verifier *v) {
    for (size_t i = 0; i < v->n_branches; i++) {
        uint32_t to = v->branches[i].to;
        if (!sfi_bit_get(v->insn_start, to))
            sfi_report(v, v->branches[i].from, 7,
                       "direct branch to 0x%llx, which is not the start of an instruction",
                       (unsigned long long)(v->vaddr + to));
        else if (sfi_bit_get(v->interior, to))
            sfi_report(v, v->branches[i].from, 7,
                       "direct branch to 0x%llx, inside a masking sequence (R6)",
                       (unsigned long long)(v->vaddr + to));
    }
}
