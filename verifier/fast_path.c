/* The fast path: the common instructions of compiled code, checked from their raw
 * encoding fields (sfi_fields: mnemonic, REX, ModRM, SIB, displacement, immediate)
 * without decoding their operands. The fields come from the table decoder
 * (table_decode.c, no Zydis at all; ~99% of sqlite's instructions) or, for what it
 * declines, from ZydisDecoderDecodeInstruction (sfi_fields_of).
 *
 * HISTORY (tests/verifier/sfi-vbench, thread CPU time, sfi-clang -O2 output, 2-core
 * shared VM; docs/performance.md section 4 has the current numbers and commands):
 *   ZydisDecoderDecodeFull alone                           23 MiB/s   174 ns/instruction
 *   ZydisDecoderDecodeInstruction alone                     37 MiB/s   111 ns/instruction
 *   verifier before this file (DecodeFull + every rule)    16 MiB/s   250 ns/instruction
 *   this file on Zydis's fields + a memo of judged bytes   38-44 MiB/s
 * Decoding with Zydis alone capped the verifier at ~37 MiB/s, far below the 300 MiB/s of
 * issue 3 (~13 ns per instruction), hence the table decoder, which replaced the memo.
 * MINIMAL mode of Zydis saves only 10% and drops the prefix types R16 relies on.
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
#include "quick_path.h"

typedef struct { ZydisMnemonic mnemonic; uint16_t flags; } fast_entry;

static const fast_entry fast_table[] = {
    {ZYDIS_MNEMONIC_MOV, FP_GPR | FP_OPREG | FP_MOV},
    {ZYDIS_MNEMONIC_LEA, FP_GPR | FP_LEA},
    {ZYDIS_MNEMONIC_NOP, FP_NOP},
    {ZYDIS_MNEMONIC_AND, FP_GPR | FP_AND},
    {ZYDIS_MNEMONIC_ADD, FP_GPR | FP_ADD}, {ZYDIS_MNEMONIC_SUB, FP_GPR},
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
    {ZYDIS_MNEMONIC_PUSH, FP_STACK}, {ZYDIS_MNEMONIC_POP, FP_STACK},
    {ZYDIS_MNEMONIC_RET, FP_RET},
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
static uint16_t fast_flags[ZYDIS_MNEMONIC_MAX_VALUE + 1];

static void build_extension_table(void);

void sfi_fast_build(void) {
    for (size_t i = 0; i < sizeof fast_table / sizeof fast_table[0]; i++)
        fast_flags[fast_table[i].mnemonic] = fast_table[i].flags;
    build_extension_table();
    sfi_table_build();
    sfi_quick_build();   /* from the table's rows and the classes above */
}

bool sfi_fast_is_gpr(ZydisMnemonic mnemonic) {
    return (fast_flags[mnemonic] & FP_GPR) != 0;
}

unsigned sfi_fast_class(ZydisMnemonic mnemonic) {
    return fast_flags[mnemonic];
}

/* Legacy opcodes whose ModRM.reg is an opcode extension, not a register, for the
 * mnemonics above (Intel SDM Vol. 2 Table A-6, "opcode extensions"): group 1 (80, 81,
 * 83), group 2 (c0, c1, d0-d3), group 3 (f6, f7), group 4 (fe), group 5 (ff), group 11
 * (c6, c7), and in map 0f setcc (90-9f, reg ignored) and group 8 (ba). Elsewhere ModRM.reg
 * counts as a register candidate. A table ([map][opcode], built once): this is asked for
 * every instruction. */
static bool reg_is_extension[2][256];

static void build_extension_table(void) {
    static const uint8_t one_byte_map[] = {0x80, 0x81, 0x83, 0xc0, 0xc1, 0xd0, 0xd1, 0xd2,
                                           0xd3, 0xf6, 0xf7, 0xfe, 0xff, 0xc6, 0xc7};
    for (size_t i = 0; i < sizeof one_byte_map; i++)
        reg_is_extension[0][one_byte_map[i]] = true;
    for (unsigned op = 0x90; op <= 0x9f; op++)
        reg_is_extension[1][op] = true;
    reg_is_extension[1][0xba] = true;
}

static bool reg_is_opcode_extension(const sfi_fields *f) {
    return reg_is_extension[f->map & 1][f->opcode];
}

/* mov opcodes the fast path knows: 88-8b /r, c6/c7 /0, b0-bf (+r). Not 8c/8e (segment
 * registers), a0-a3 (moffs: an absolute address, no ModRM), 0f 20-23 (control/debug). */
static bool plain_mov(const sfi_fields *f) {
    if (f->map != 0)
        return false;
    uint8_t op = f->opcode;
    return (op >= 0x88 && op <= 0x8b) || op == 0xc6 || op == 0xc7 || (op >= 0xb0 && op <= 0xbf);
}

bool sfi_fields_of(const ZydisDecodedInstruction *zi, sfi_fields *f) {
    unsigned flags = fast_flags[zi->mnemonic];
    if (!flags || zi->encoding != ZYDIS_INSTRUCTION_ENCODING_LEGACY || zi->address_width != 64 ||
        (zi->opcode_map != ZYDIS_OPCODE_MAP_DEFAULT && zi->opcode_map != ZYDIS_OPCODE_MAP_0F))
        return false;
    for (unsigned i = 0; i < zi->raw.prefix_count; i++)
        if (zi->raw.prefixes[i].value == 0x64 || zi->raw.prefixes[i].value == 0x65)
            return false;
    if (!sfi_allowlist_insn_ok(zi))
        return false;
    bool has_modrm = (zi->attributes & ZYDIS_ATTRIB_HAS_MODRM) != 0;
    bool has_sib = has_modrm && zi->raw.modrm.mod != 3 && zi->raw.modrm.rm == 4;
    bool direct = !has_modrm && zi->raw.imm[0].is_relative && zi->operand_count_visible == 1;
    *f = (sfi_fields){
        .mnemonic = (uint16_t)zi->mnemonic, .length = zi->length,
        .map = zi->opcode_map == ZYDIS_OPCODE_MAP_0F, .opcode = zi->opcode,
        .operand_width = (flags & FP_GPR) ? (uint8_t)zi->operand_width : 0,
        .has_modrm = has_modrm, .mod = zi->raw.modrm.mod, .reg = zi->raw.modrm.reg,
        .rm = zi->raw.modrm.rm, .has_sib = has_sib, .sib_scale = zi->raw.sib.scale,
        .sib_index = zi->raw.sib.index, .sib_base = zi->raw.sib.base,
        .rex_w = zi->raw.rex.W, .rex_r = zi->raw.rex.R, .rex_x = zi->raw.rex.X,
        .rex_b = zi->raw.rex.B, .imm_size = zi->raw.imm[0].size, .direct_branch = direct,
        .rel_field = direct ? zi->raw.imm[0].offset : 0,
        .rel = direct ? zi->raw.imm[0].value.s : 0, .disp = zi->raw.disp.value,
        .imm_low = (uint8_t)zi->raw.imm[0].value.u};
    if (flags & FP_BRANCH)
        return direct || has_modrm; /* direct, or indirect (decide() takes registers only) */
    if ((flags & FP_VEC) && !has_modrm)
        return false;
    if ((flags & FP_MOV) && !plain_mov(f))
        return false;
    return true;
}

/* Register number candidate n: false if it may be a register the fast path must not
 * judge (see the top of the file). */
static bool candidate_ok(unsigned n, bool r14_ok) {
    return n != 4 && n != 15 && (n != 14 || r14_ok);
}

/* Register numbers of the memory operand: 64-bit addressing, rm 4 = SIB, mod 0 rm 5 =
 * rip, SIB index 4 = none, SIB base 5 with mod 0 = no base (disp32). */
enum { NO_REG = 16, RIP = 17 };
static void memory_regs(const sfi_fields *f, unsigned *base, unsigned *index, unsigned *scale) {
    *index = NO_REG;
    *scale = 1;
    if (f->rm == 4) {
        unsigned si = f->sib_index | f->rex_x << 3;
        *index = si == 4 ? NO_REG : si;
        *scale = 1u << f->sib_scale;
        *base = (f->sib_base == 5 && f->mod == 0) ? NO_REG : (f->sib_base | f->rex_b << 3);
    } else if (f->rm == 5 && f->mod == 0) {
        *base = RIP;
    } else {
        *base = f->rm | f->rex_b << 3;
    }
}

void sfi_fields_memory(const sfi_fields *f, ZydisRegister *base, ZydisRegister *index,
                       unsigned *scale) {
    unsigned b, i;
    memory_regs(f, &b, &i, scale);
    *base = b == RIP ? ZYDIS_REGISTER_RIP
            : b == NO_REG ? ZYDIS_REGISTER_NONE
                          : ZydisRegisterEncode(ZYDIS_REGCLASS_GPR64, (uint8_t)b);
    *index = i == NO_REG ? ZYDIS_REGISTER_NONE
                         : ZydisRegisterEncode(ZYDIS_REGCLASS_GPR64, (uint8_t)i);
}

/* What the fast rules concluded (decide) and have to do (apply). */
enum { MEM_NO = -1, MEM_NONE, MEM_MASKED, MEM_OTHER_OK, MEM_RIP };
enum { ACT_PLAIN, ACT_BRANCH, ACT_INDIRECT, ACT_RET, ACT_RSP_FROM_R14 };
typedef struct verdict {
    int mem;          /* MEM_NO: leave the instruction to the reference path */
    int action;
    sfi_kind kind;    /* for the summary (R6) */
    unsigned reg;     /* register number of the kind, or of ACT_INDIRECT */
} verdict;
static const verdict NO = {.mem = MEM_NO};

/* Sequence pieces and ends (sequences: the table route only). */
static verdict decide_sequence(const sfi_fields *f, unsigned flags) {
    verdict d = {.mem = MEM_NONE, .action = ACT_PLAIN, .kind = SFI_KIND_OTHER};
    unsigned reg = f->reg | f->rex_r << 3, rm = f->rm | f->rex_b << 3;
    if (flags & FP_RET)                 /* only c3: ret $imm is the reference's */
        return f->map == 0 && f->opcode == 0xc3 ? (d.action = ACT_RET, d) : NO;
    if (flags & FP_STACK) {             /* 50+r push, 58+r pop */
        if (f->map != 0 || f->opcode < 0x50 || f->opcode > 0x5f || f->has_modrm)
            return NO;
        d.reg = (f->opcode & 7u) | f->rex_b << 3;
        if (f->opcode < 0x58) {
            d.kind = SFI_KIND_PUSH_REG; /* reads it; the %rsp update is R12.1's */
            return d;
        }
        return candidate_ok(d.reg, false) ? d : NO;  /* pop %rsp/%r14/%r15: a violation */
    }
    if (flags & FP_BRANCH) {            /* jmp/call *%r (ff /4, ff /2) */
        if (!f->has_modrm || f->mod != 3)
            return NO;                  /* memory-indirect: the reference reports it */
        d.action = ACT_INDIRECT;
        d.reg = rm;
        return d;
    }
    if (f->map != 0 || !f->has_modrm || f->mod != 3)
        return NO;
    /* addq %r15,%rR (01 /r with reg 15, 03 /r with rm 15): ADD_BASE; R = %rsp, %r14 or %r15
     * is a violation (the reference reports it). */
    if ((flags & FP_ADD) && f->operand_width == 64 && (f->opcode == 0x01 || f->opcode == 0x03)) {
        unsigned src = f->opcode == 0x01 ? reg : rm, dst = f->opcode == 0x01 ? rm : reg;
        if (src == 15 && dst != 4 && dst != 14 && dst != 15) {
            d.kind = SFI_KIND_ADD_BASE;
            d.reg = dst;
            return d;
        }
    }
    return NO;
}

static verdict
decide_operands(const sfi_verifier *v, const sfi_fields *f, unsigned flags);

/* and $imm: decided like any integer operation; a 32-bit andl $imm,%eR with the low 5
 * bits of imm clear is an AND_MASK of R unless R is %rsp/%r14/%r15 (sequences.c). */
static verdict decide_and_imm(const sfi_verifier *v, const sfi_fields *f, unsigned flags) {
    verdict d = decide_operands(v, f, flags);
    bool reg_dest = !f->has_modrm || f->mod == 3;     /* 24/25: %al/%eax */
    unsigned r = f->has_modrm ? (f->rm | f->rex_b << 3u) : 0;
    if (d.mem != MEM_NO && reg_dest && f->operand_width == 32 && (f->imm_low & 31) == 0 &&
        r != 4 && r != 14 && r != 15) {
        d.kind = SFI_KIND_AND_MASK;
        d.reg = r;
    }
    return d;
}

/* Whether the fast rules judge the instruction, how its memory operand counts and what
 * it is in a sequence. No side effects. Without `sequences` (the Zydis route) only
 * what the fast path always took, all of kind OTHER. */
static inline verdict decide(const sfi_verifier *v, const sfi_fields *f, bool sequences) {
    unsigned flags = fast_flags[f->mnemonic];
    if ((flags & FP_BRANCH) && f->direct_branch)
        return (verdict){.mem = MEM_NONE, .action = ACT_BRANCH, .kind = SFI_KIND_OTHER};
    if (flags & (FP_BRANCH | FP_STACK | FP_RET))
        return sequences ? decide_sequence(f, flags) : NO;
    if ((flags & FP_AND) && f->imm_size != 0)
        return sequences ? decide_and_imm(v, f, flags) : NO;
    /* R12.3: leaq (%r15,%r14,1),%rsp, exactly 4b 8d 24 37 (no prefix, no displacement):
     * no violation, kind OTHER, counted in seq_rsp (rules_registers.c). Every other lea
     * naming %rsp stays with the reference path. */
    if ((flags & FP_LEA) && sequences && f->length == 4 && f->map == 0 && f->opcode == 0x8d &&
        f->has_modrm && f->mod == 0 && f->reg == 4 && f->rm == 4 && f->has_sib &&
        f->sib_scale == 0 && f->sib_index == 6 && f->sib_base == 7 && f->rex_w && !f->rex_r &&
        f->rex_x && f->rex_b && f->disp == 0)
        return (verdict){.mem = MEM_NONE, .action = ACT_RSP_FROM_R14, .kind = SFI_KIND_OTHER};
    if ((flags & FP_ADD) && sequences) {
        verdict s = decide_sequence(f, flags);
        if (s.mem != MEM_NO)
            return s;
    }
    return decide_operands(v, f, flags);
}

/* Registers and memory operand of an instruction of kind OTHER (see the top of the file). */
static verdict
decide_operands(const sfi_verifier *v, const sfi_fields *f, unsigned flags) {
    verdict d = {.mem = MEM_NONE, .action = ACT_PLAIN, .kind = SFI_KIND_OTHER};
    /* %r14 may be named if every general register operand has the operand size and that
     * size cannot make a 64-bit write (R4). */
    bool r14_ok = (flags & FP_GPR) && f->operand_width <= 32;
    if (f->has_modrm) {
        unsigned reg = f->reg | f->rex_r << 3, rm = f->rm | f->rex_b << 3;
        if (!reg_is_opcode_extension(f) && !candidate_ok(reg, r14_ok))
            return NO;
        if (f->mod == 3) {
            if (!candidate_ok(rm, r14_ok))
                return NO;
            if ((flags & FP_MOV) && reg == rm)
                return NO;          /* mov %edi,%edi / %esi,%esi: MOV_SELF32 */
            return d;
        }
        if (flags & FP_NOP)
            return d;               /* never accessed (R11) */
        unsigned base, index, scale;
        memory_regs(f, &base, &index, &scale);
        if (flags & FP_LEA)
            return base == 15 ? NO /* leaq (%r15,%rR,1),%rR: LEA_REBASE */ : d;
        if (v->policy != SFI_POLICY_LOADS_STORES)
            return NO;              /* which operands count depends on their actions */
        if (base == RIP)
            d.mem = MEM_RIP;
        else if (base == 15 && index == 14 && scale == 1 && sfi_small_disp(f->disp))
            d.mem = MEM_MASKED;                                     /* form a */
        else if (base == 4 && index == NO_REG && sfi_small_disp(f->disp))
            d.mem = MEM_OTHER_OK;                                   /* form b */
        else if (base == 15 && index == NO_REG && f->disp >= 0 && f->disp < 0x80000000ll)
            d.mem = MEM_OTHER_OK;                                   /* form d */
        else
            return NO;              /* a violation: the reference path reports it */
        return d;
    }
    if ((flags & FP_OPREG) && !candidate_ok((f->opcode & 7u) | f->rex_b << 3, r14_ok))
        return NO;
    return d;
}


/* The reference rules' effects after R16, in the reference order. */
static void apply(sfi_verifier *v, uint32_t offset, const sfi_fields *f, const verdict *d) {
    bool is_call = f->mnemonic == ZYDIS_MNEMONIC_CALL;
    switch (d->action) {
    case ACT_BRANCH: {
        sfi_direct b = {.offset = offset, .length = f->length, .rel_field = f->rel_field,
                        .is_call = is_call, .rel = f->rel};
        sfi_check_call_end(v, b.offset, b.length, b.is_call);
        sfi_check_direct_target(v, &b);
        return;
    }
    case ACT_INDIRECT:
        sfi_check_call_end(v, offset, f->length, is_call);
        sfi_check_indirect_reg(v, offset, is_call, sfi_gpr64(d->reg));
        return;
    case ACT_RET:
        sfi_check_return(v, offset);
        return;
    case ACT_RSP_FROM_R14:                 /* R12.3, as check_rsp_write */
        v->result->stats.seq_rsp++;
        return;
    default:
        break;
    }
    if (d->mem == MEM_MASKED)              /* R11 */
        v->result->stats.masked_accesses++;
    else if (d->mem == MEM_RIP)
        sfi_check_rip_relative(v, offset, f->length, f->disp);
}

bool sfi_fast_path(sfi_verifier *v, sfi_insn *in) {
    sfi_fields f;
    if (!sfi_fields_of(&in->zi, &f))
        return false;
    verdict d = decide(v, &f, false);
    if (d.mem == MEM_NO)
        return false;
    sfi_check_prefixes(v, in);             /* R16 */
    in->kind = SFI_KIND_OTHER;
    in->kind_reg = ZYDIS_REGISTER_NONE;
    apply(v, in->offset, &f, &d);
    return true;
}

bool sfi_fast_fields(sfi_verifier *v, uint32_t offset, const sfi_fields *f,
                     sfi_summary *summary) {
    verdict d = decide(v, f, true);
    if (d.mem == MEM_NO)
        return false;
    if (d.action != ACT_PLAIN || d.mem != MEM_NONE)
        apply(v, offset, f, &d);           /* the common plain instruction: nothing to do */
    summary->offset = offset;
    summary->length = f->length;
    summary->kind = (uint8_t)d.kind;
    summary->reg = (uint16_t)(d.kind == SFI_KIND_OTHER ? ZYDIS_REGISTER_NONE : sfi_gpr64(d.reg));
    return true;
}

bool sfi_fast_verdict(const sfi_verifier *v, const sfi_fields *f, sfi_quick *q,
                      sfi_quick_seq *seq) {
    verdict d = decide(v, f, true);
    if (d.mem == MEM_NO)
        return false;
    *q = (sfi_quick){0};
    *seq = (sfi_quick_seq){.action = QSEQ_NONE, .kind = (uint8_t)d.kind,
                           .reg = d.kind == SFI_KIND_OTHER ? 0 : (uint8_t)d.reg};
    switch (d.action) {
    case ACT_BRANCH:
        q->effect = QM_BRANCH | (f->mnemonic == ZYDIS_MNEMONIC_CALL ? QM_CALL : 0);
        q->field = f->rel_field;
        q->value = (int32_t)f->rel;
        return true;
    case ACT_INDIRECT:
        seq->action = QSEQ_INDIRECT;
        seq->is_call = f->mnemonic == ZYDIS_MNEMONIC_CALL;
        seq->reg = (uint8_t)d.reg;
        break;
    case ACT_RET:
        seq->action = QSEQ_RET;
        break;
    case ACT_RSP_FROM_R14:
        seq->action = QSEQ_RSP;
        break;
    default:
        break;
    }
    if (seq->action != QSEQ_NONE || d.kind != SFI_KIND_OTHER)
        q->effect = QM_SEQ;
    else if (d.mem == MEM_MASKED)
        q->effect = SFI_QUICK_MASKED;
    else if (d.mem == MEM_RIP) {
        q->effect = QM_RIP;
        q->value = (int32_t)f->disp;
    }
    return true;
}
