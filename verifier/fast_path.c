/* The fast path: the common instructions of compiled code, checked from the fields Zydis
 * already reports in ZydisDecodedInstruction (mnemonic, prefixes, REX, ModRM, SIB,
 * displacement, immediate), without decoding their operands.
 *
 * WHY (measured with tests/verifier/sfi-vbench, thread CPU time, median of 5 runs, on a
 * 15.4 MiB stream of sfi-clang -O2 output: sqlite3 3.40.1 + verifier, driver, bzip2;
 * 4.2 bytes per instruction; 2-core shared VM):
 *
 *   ZydisDecoderDecodeFull alone                           23 MiB/s   174 ns/instruction
 *   ZydisDecoderDecodeInstruction + DecodeOperands          24 MiB/s   166 ns/instruction
 *   ZydisDecoderDecodeInstruction alone                     37 MiB/s   111 ns/instruction
 *   ZydisDecoderDecodeInstruction, ZYDIS_DECODER_MODE_MINIMAL  41 MiB/s  98 ns/instruction
 *   verifier before this file (DecodeFull + every rule)    16 MiB/s   250 ns/instruction
 *
 * (callgrind: ~950 instructions per DecodeInstruction, ~450 per DecodeOperands, ~480 in
 * the rules.) Decoding the instruction alone caps the verifier at ~37 MiB/s here, far
 * below the 300 MiB/s asked for: that needs ~13 ns per instruction, i.e. a purpose-built
 * table-driven length/field decoder, which this session deliberately does not add to the
 * trusted base. MINIMAL mode saves another 10% but drops the attributes and prefix
 * types R16 relies on (lock/rep effectiveness, ignored prefixes), so it is not used.
 * What remains to win is the operand decode and the rules, which this file removes for
 * the instructions that make up almost all compiled code, and the decode itself, which
 * the memo in decode.c skips for instructions whose exact bytes were already judged.
 *
 * RESULT (same input and method; numbers move by ~10% between runs on this VM):
 *   before: 15.5 MiB/s; fast path alone: 25 MiB/s; fast path + memo: 38-44 MiB/s
 *   (~95 ns/instruction). callgrind on sfi-verify --object sqlite3.o: 708 M -> 217 M
 *   instructions. Now 66% of instructions are memo hits; of the rest, 91% take the fast
 *   path. DecodeInstruction is ~50% of what is left, the fast path ~10%, the reference
 *   path (push/pop/ret, sequence pieces: 9% of instructions) ~15%.
 *
 * HOW. The fast path is a filter, not a second verifier. It accepts an instruction only
 * when it can prove, from the raw encoding and a per-mnemonic table, that the reference
 * rules would find nothing beyond what it reports itself (prefixes, R7/R8 of a direct
 * branch, R17 of a rip-relative operand), that the instruction is no part of a sequence
 * (kind OTHER) and what the statistics count. Whenever it is unsure it returns false and
 * the caller runs the reference path (full operand decode, every rule). Being unsure
 * only costs time, so every test below errs towards "unsure":
 *   - legacy encoding only (no VEX/EVEX/XOP/3DNow), 64-bit addressing, no %fs/%gs prefix;
 *   - the mnemonic is in the table below, whose classes say which operands its legacy
 *     encodings can have: registers in ModRM.reg / ModRM.rm / the opcode's low bits,
 *     fixed %rax/%rcx/%rdx, at most one memory operand (ModRM.rm with mod != 3), an
 *     immediate, hidden flags; never a segment/control/debug register, a far pointer, an
 *     implicit memory access or an implicit %rsp write (the stack ops, string ops, moffs
 *     and segment forms of mov are all left to the reference path);
 *   - every field that can name a register (ModRM.reg even when it is an opcode
 *     extension, ModRM.rm when mod == 3, the opcode's low bits of mov/xchg) is
 *     "candidate" register number n (with its REX bit). No x86 instruction writes
 *     r8-r15 implicitly, so a write of %r15, %r14 or %rsp must name 15, 14 or 4 in one
 *     of those fields. Candidate 4 or 15 (also %ah, %xmm4, …: false alarms are fine) goes
 *     to the reference path; candidate 14 only when the mnemonic's general registers all
 *     have the operand size and that size is 32 bits or less (a legal %r14d write, R4);
 *   - memory operands are accepted only in forms a, b, d of R11 (and c, which is checked
 *     here as in the reference) under the loads+stores policy; anything else, including
 *     every violation, is left to the reference path, which reports it;
 *   - mnemonics that can start a sequence (and $imm, add %r15, mov %edi,%edi, lea with
 *     a %r15 base) are sent to the reference path; push, pop, ret and indirect branches
 *     are not in the table at all.
 * tests/verifier/test_differential.c runs both paths on the test corpus, the attacks and
 * random and mutated byte streams and requires identical violations and statistics. */
#include "internal.h"

/* Classes of the per-mnemonic table. */
enum {
    FP_GPR = 1,      /* integer op: every general register operand has the operand size */
    FP_VEC = 2,      /* SSE/MMX op with a ModRM: registers in ModRM only, any size */
    FP_BRANCH = 4,   /* jmp/jcc/call: fast only in the direct rel8/rel32 form */
    FP_NOP = 8,      /* nop: its memory operand is never accessed (R11) */
    FP_LEA = 16,     /* lea: address generation, no access (R11); LEA_REBASE if base r15 */
    FP_OPREG = 32,   /* without ModRM the opcode's low 3 bits (+REX.B) name a register */
    FP_MOV = 64,     /* mov: only the plain ModRM and immediate opcodes; mov %eR,%eR is a
                        MOV_SELF32 candidate */
    FP_AND = 128,    /* and: with an immediate it may be an AND_MASK */
};

typedef struct { ZydisMnemonic mnemonic; uint8_t flags; } fast_entry;

static const fast_entry fast_table[] = {
    {ZYDIS_MNEMONIC_MOV, FP_GPR | FP_OPREG | FP_MOV},
    {ZYDIS_MNEMONIC_LEA, FP_GPR | FP_LEA},
    {ZYDIS_MNEMONIC_NOP, FP_NOP},
    {ZYDIS_MNEMONIC_AND, FP_GPR | FP_AND},
    {ZYDIS_MNEMONIC_ADD, FP_GPR}, {ZYDIS_MNEMONIC_SUB, FP_GPR},  /* add %r15 names 15 */
    {ZYDIS_MNEMONIC_ADC, FP_GPR}, {ZYDIS_MNEMONIC_SBB, FP_GPR},
    {ZYDIS_MNEMONIC_OR, FP_GPR},  {ZYDIS_MNEMONIC_XOR, FP_GPR},
    {ZYDIS_MNEMONIC_CMP, FP_GPR}, {ZYDIS_MNEMONIC_TEST, FP_GPR},
    {ZYDIS_MNEMONIC_INC, FP_GPR}, {ZYDIS_MNEMONIC_DEC, FP_GPR},
    {ZYDIS_MNEMONIC_NEG, FP_GPR}, {ZYDIS_MNEMONIC_NOT, FP_GPR},
    {ZYDIS_MNEMONIC_SHL, FP_GPR}, {ZYDIS_MNEMONIC_SHR, FP_GPR}, /* count: imm, 1 or %cl */
    {ZYDIS_MNEMONIC_SAR, FP_GPR}, {ZYDIS_MNEMONIC_ROL, FP_GPR},
    {ZYDIS_MNEMONIC_ROR, FP_GPR},
    {ZYDIS_MNEMONIC_IMUL, FP_GPR}, {ZYDIS_MNEMONIC_MUL, FP_GPR}, /* hidden %rax/%rdx */
    {ZYDIS_MNEMONIC_DIV, FP_GPR}, {ZYDIS_MNEMONIC_IDIV, FP_GPR},
    {ZYDIS_MNEMONIC_MOVZX, FP_GPR}, {ZYDIS_MNEMONIC_MOVSX, FP_GPR}, /* source narrower, */
    {ZYDIS_MNEMONIC_MOVSXD, FP_GPR},                  /* destination has the operand size */
    {ZYDIS_MNEMONIC_CDQE, FP_GPR}, {ZYDIS_MNEMONIC_CDQ, FP_GPR},    /* hidden %rax/%rdx */
    {ZYDIS_MNEMONIC_CQO, FP_GPR},  {ZYDIS_MNEMONIC_CWDE, FP_GPR},
    {ZYDIS_MNEMONIC_XCHG, FP_GPR | FP_OPREG},         /* 86/87 /r and 90+r with %rax */
    /* No BT: its register-offset memory form reaches far past the operand (R11). */
    {ZYDIS_MNEMONIC_BSF, FP_GPR}, {ZYDIS_MNEMONIC_BSR, FP_GPR},
    {ZYDIS_MNEMONIC_TZCNT, FP_GPR}, {ZYDIS_MNEMONIC_LZCNT, FP_GPR},
    {ZYDIS_MNEMONIC_POPCNT, FP_GPR},
#define CC(x) {ZYDIS_MNEMONIC_CMOV##x, FP_GPR}, {ZYDIS_MNEMONIC_SET##x, FP_GPR}
    CC(B), CC(BE), CC(L), CC(LE), CC(NB), CC(NBE), CC(NL), CC(NLE),
    CC(NO), CC(NP), CC(NS), CC(NZ), CC(O), CC(P), CC(S), CC(Z),
#undef CC
    {ZYDIS_MNEMONIC_JMP, FP_BRANCH}, {ZYDIS_MNEMONIC_CALL, FP_BRANCH},
    {ZYDIS_MNEMONIC_JB, FP_BRANCH},  {ZYDIS_MNEMONIC_JBE, FP_BRANCH},
    {ZYDIS_MNEMONIC_JL, FP_BRANCH},  {ZYDIS_MNEMONIC_JLE, FP_BRANCH},
    {ZYDIS_MNEMONIC_JNB, FP_BRANCH}, {ZYDIS_MNEMONIC_JNBE, FP_BRANCH},
    {ZYDIS_MNEMONIC_JNL, FP_BRANCH}, {ZYDIS_MNEMONIC_JNLE, FP_BRANCH},
    {ZYDIS_MNEMONIC_JNO, FP_BRANCH}, {ZYDIS_MNEMONIC_JNP, FP_BRANCH},
    {ZYDIS_MNEMONIC_JNS, FP_BRANCH}, {ZYDIS_MNEMONIC_JNZ, FP_BRANCH},
    {ZYDIS_MNEMONIC_JO, FP_BRANCH},  {ZYDIS_MNEMONIC_JP, FP_BRANCH},
    {ZYDIS_MNEMONIC_JS, FP_BRANCH},  {ZYDIS_MNEMONIC_JZ, FP_BRANCH},
    /* SSE/SSE2 moves and scalar arithmetic that -O2 code uses. The string movsd/cmpsd
     * share mnemonics with SSE2 but have no ModRM, which FP_VEC requires. */
    {ZYDIS_MNEMONIC_MOVAPS, FP_VEC}, {ZYDIS_MNEMONIC_MOVAPD, FP_VEC},
    {ZYDIS_MNEMONIC_MOVUPS, FP_VEC}, {ZYDIS_MNEMONIC_MOVUPD, FP_VEC},
    {ZYDIS_MNEMONIC_MOVDQA, FP_VEC}, {ZYDIS_MNEMONIC_MOVDQU, FP_VEC},
    {ZYDIS_MNEMONIC_MOVSS, FP_VEC},  {ZYDIS_MNEMONIC_MOVSD, FP_VEC},
    {ZYDIS_MNEMONIC_MOVD, FP_VEC},   {ZYDIS_MNEMONIC_MOVQ, FP_VEC},
    {ZYDIS_MNEMONIC_MOVHPS, FP_VEC}, {ZYDIS_MNEMONIC_MOVLPS, FP_VEC},
    {ZYDIS_MNEMONIC_MOVHPD, FP_VEC}, {ZYDIS_MNEMONIC_MOVLPD, FP_VEC},
    {ZYDIS_MNEMONIC_XORPS, FP_VEC},  {ZYDIS_MNEMONIC_XORPD, FP_VEC},
    {ZYDIS_MNEMONIC_ANDPS, FP_VEC},  {ZYDIS_MNEMONIC_ANDPD, FP_VEC},
    {ZYDIS_MNEMONIC_PXOR, FP_VEC},   {ZYDIS_MNEMONIC_PAND, FP_VEC},
    {ZYDIS_MNEMONIC_POR, FP_VEC},    {ZYDIS_MNEMONIC_PSHUFD, FP_VEC},
    {ZYDIS_MNEMONIC_PUNPCKLQDQ, FP_VEC}, {ZYDIS_MNEMONIC_PUNPCKLDQ, FP_VEC},
    {ZYDIS_MNEMONIC_PCMPEQB, FP_VEC}, {ZYDIS_MNEMONIC_PMOVMSKB, FP_VEC},
    {ZYDIS_MNEMONIC_ADDSD, FP_VEC},  {ZYDIS_MNEMONIC_SUBSD, FP_VEC},
    {ZYDIS_MNEMONIC_MULSD, FP_VEC},  {ZYDIS_MNEMONIC_DIVSD, FP_VEC},
    {ZYDIS_MNEMONIC_ADDSS, FP_VEC},  {ZYDIS_MNEMONIC_SUBSS, FP_VEC},
    {ZYDIS_MNEMONIC_MULSS, FP_VEC},  {ZYDIS_MNEMONIC_DIVSS, FP_VEC},
    {ZYDIS_MNEMONIC_UCOMISD, FP_VEC}, {ZYDIS_MNEMONIC_UCOMISS, FP_VEC},
    {ZYDIS_MNEMONIC_COMISD, FP_VEC}, {ZYDIS_MNEMONIC_COMISS, FP_VEC},
    {ZYDIS_MNEMONIC_CVTSI2SD, FP_VEC}, {ZYDIS_MNEMONIC_CVTSI2SS, FP_VEC},
    {ZYDIS_MNEMONIC_CVTTSD2SI, FP_VEC}, {ZYDIS_MNEMONIC_CVTTSS2SI, FP_VEC},
    {ZYDIS_MNEMONIC_CVTSD2SS, FP_VEC}, {ZYDIS_MNEMONIC_CVTSS2SD, FP_VEC},
};

/* Built once (sfi_allowlist_init's pthread_once runs sfi_fast_build first). */
static uint8_t fast_flags[ZYDIS_MNEMONIC_MAX_VALUE + 1];

void sfi_fast_build(void) {
    for (size_t i = 0; i < sizeof fast_table / sizeof fast_table[0]; i++)
        fast_flags[fast_table[i].mnemonic] = fast_table[i].flags;
}

/* Legacy opcodes whose ModRM.reg is an opcode extension, not a register, for the
 * mnemonics above (Intel SDM Vol. 2 Table A-6, "opcode extensions"): group 1 (80, 81,
 * 83), group 2 (c0, c1, d0-d3), group 3 (f6, f7), group 4 (fe), group 11 (c6, c7), and
 * in map 0f setcc (90-9f, reg ignored) and group 8 (ba). Elsewhere ModRM.reg counts as
 * a register candidate. */
static bool reg_is_opcode_extension(const ZydisDecodedInstruction *zi) {
    if (zi->opcode_map == ZYDIS_OPCODE_MAP_DEFAULT) {
        switch (zi->opcode) {
        case 0x80: case 0x81: case 0x83: case 0xc0: case 0xc1: case 0xd0: case 0xd1:
        case 0xd2: case 0xd3: case 0xf6: case 0xf7: case 0xfe: case 0xc6: case 0xc7:
            return true;
        default:
            return false;
        }
    }
    if (zi->opcode_map == ZYDIS_OPCODE_MAP_0F)
        return (zi->opcode & 0xf0) == 0x90 || zi->opcode == 0xba;
    return false;
}

/* mov opcodes the fast path knows: 88-8b /r, c6/c7 /0, b0-bf (+r). Not 8c/8e (segment
 * registers), a0-a3 (moffs: an absolute address, no ModRM), 0f 20-23 (control/debug). */
static bool plain_mov(const ZydisDecodedInstruction *zi) {
    if (zi->opcode_map != ZYDIS_OPCODE_MAP_DEFAULT)
        return false;
    uint8_t op = zi->opcode;
    return (op >= 0x88 && op <= 0x8b) || op == 0xc6 || op == 0xc7 || (op >= 0xb0 && op <= 0xbf);
}

/* Register number candidate n: false if it may be a register the fast path must not
 * judge (see the top of the file). */
static bool candidate_ok(unsigned n, bool r14_ok) {
    return n != 4 && n != 15 && (n != 14 || r14_ok);
}

enum { MEM_NONE, MEM_MASKED, MEM_OTHER_OK, MEM_RIP };

sfi_fast_result sfi_fast_path(sfi_verifier *v, sfi_insn *in, bool *masked) {
    const ZydisDecodedInstruction *zi = &in->zi;
    unsigned flags = fast_flags[zi->mnemonic];

    /* ---- eligibility: no side effects until the end of this block ---- */
    if (!flags || zi->encoding != ZYDIS_INSTRUCTION_ENCODING_LEGACY || zi->address_width != 64)
        return SFI_FAST_NO;
    for (unsigned i = 0; i < zi->raw.prefix_count; i++)
        if (zi->raw.prefixes[i].value == 0x64 || zi->raw.prefixes[i].value == 0x65)
            return SFI_FAST_NO;
    if (!sfi_allowlist_insn_ok(zi))
        return SFI_FAST_NO;

    bool has_modrm = (zi->attributes & ZYDIS_ATTRIB_HAS_MODRM) != 0;
    if (flags & FP_BRANCH) {
        /* Direct rel8/rel32 only: no ModRM, the immediate is the displacement. */
        if (has_modrm || !zi->raw.imm[0].is_relative || zi->operand_count_visible != 1)
            return SFI_FAST_NO;
        size_t violations_before = v->result->n_violations;
        sfi_check_prefixes(v, in);
        bool prefixes_clean = v->result->n_violations == violations_before;
        sfi_flush_pending_rebase(v);
        sfi_direct b = sfi_direct_of(in, zi->raw.imm[0].value.s);
        sfi_check_call_end(v, b.offset, b.length, b.is_call);
        sfi_check_direct_target(v, &b);
        in->kind = SFI_KIND_OTHER;
        in->kind_reg = ZYDIS_REGISTER_NONE;
        return prefixes_clean ? SFI_FAST_MEMO_BRANCH : SFI_FAST_DONE;
    }
    if ((flags & FP_VEC) && !has_modrm)
        return SFI_FAST_NO;
    if ((flags & FP_MOV) && !plain_mov(zi))
        return SFI_FAST_NO;
    if ((flags & FP_AND) && zi->raw.imm[0].size != 0)
        return SFI_FAST_NO;

    /* %r14 may be named if every general register operand has the operand size and that
     * size cannot make a 64-bit write (R4). */
    bool r14_ok = (flags & FP_GPR) && zi->operand_width <= 32;
    unsigned rex_r = zi->raw.rex.R, rex_x = zi->raw.rex.X, rex_b = zi->raw.rex.B;
    int mem = MEM_NONE;
    int64_t disp = zi->raw.disp.value;
    if (has_modrm) {
        unsigned mod = zi->raw.modrm.mod, reg = zi->raw.modrm.reg | rex_r << 3;
        unsigned rm = zi->raw.modrm.rm | rex_b << 3;
        if (!reg_is_opcode_extension(zi) && !candidate_ok(reg, r14_ok))
            return SFI_FAST_NO;
        if (mod == 3) {
            if (!candidate_ok(rm, r14_ok))
                return SFI_FAST_NO;
            if ((flags & FP_MOV) && reg == rm)
                return SFI_FAST_NO; /* mov %edi,%edi / %esi,%esi: MOV_SELF32 */
        } else {
            /* The memory operand. 64-bit addressing: rm 4 = SIB, mod 0 rm 5 = rip,
             * SIB index 4 = none, SIB base 5 with mod 0 = no base (disp32). */
            unsigned base, index = 16, scale = 1;   /* 16: no register */
            bool rip = false;
            if (zi->raw.modrm.rm == 4) {
                unsigned si = zi->raw.sib.index | rex_x << 3;
                index = si == 4 ? 16 : si;
                scale = 1u << zi->raw.sib.scale;
                base = (zi->raw.sib.base == 5 && mod == 0) ? 16 : (zi->raw.sib.base | rex_b << 3);
            } else if (zi->raw.modrm.rm == 5 && mod == 0) {
                base = 16;
                rip = true;
            } else {
                base = rm;
            }
            if (flags & FP_LEA) {
                if (base == 15)
                    return SFI_FAST_NO; /* leaq (%r15,%rR,1),%rR: LEA_REBASE */
            } else if (!(flags & FP_NOP)) {
                if (v->policy != SFI_POLICY_LOADS_STORES)
                    return SFI_FAST_NO; /* which operands count depends on their actions */
                if (rip)
                    mem = MEM_RIP;
                else if (base == 15 && index == 14 && scale == 1 && sfi_small_disp(disp))
                    mem = MEM_MASKED;                               /* form a */
                else if (base == 4 && index == 16 && sfi_small_disp(disp))
                    mem = MEM_OTHER_OK;                             /* form b */
                else if (base == 15 && index == 16 && disp >= 0 && disp < 0x80000000ll)
                    mem = MEM_OTHER_OK;                             /* form d */
                else
                    return SFI_FAST_NO; /* a violation: the reference path reports it */
            }
        }
    } else if (flags & FP_OPREG) {
        if (!candidate_ok((zi->opcode & 7u) | rex_b << 3, r14_ok))
            return SFI_FAST_NO;
    }

    /* ---- accepted: the reference rules' effects, in the reference order ---- */
    size_t violations_before = v->result->n_violations;
    sfi_check_prefixes(v, in);             /* R16 */
    bool prefixes_clean = v->result->n_violations == violations_before;
    sfi_flush_pending_rebase(v);           /* R12: not a rebase, so a pending one failed */
    *masked = mem == MEM_MASKED;
    if (mem == MEM_MASKED)                 /* R11 */
        v->result->stats.masked_accesses++;
    else if (mem == MEM_RIP)
        sfi_check_rip_relative(v, in, disp);
    in->kind = SFI_KIND_OTHER;
    in->kind_reg = ZYDIS_REGISTER_NONE;
    /* A rip-relative target depends on where the instruction is. */
    return prefixes_clean && mem != MEM_RIP ? SFI_FAST_MEMO : SFI_FAST_DONE;
}
