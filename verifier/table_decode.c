/* The table decoder: length and encoding fields of the common legacy-encoded instructions
 * of compiled code, without Zydis.
 *
 * WHY. ZydisDecoderDecodeInstruction costs ~100 ns (~950 x86 instructions) per
 * instruction on this VM whatever we do with the result, which caps the verifier at
 * ~37 MiB/s on sqlite (see fast_path.c for the measurements); issue 3 asks for
 * 300 MiB/s, ~13 ns per instruction. The lead decided to add this small decoder for the
 * subset compiled code is made of; it fills the sfi_fields the fast rules (fast_path.c)
 * read, and the fast rules run on them without calling Zydis at all.
 *
 * DOMAIN. Zydis stays the reference and the authority: this decoder accepts only what
 * is listed in the table below and declines everything else, and a declined instruction
 * takes the Zydis path exactly as before. Accepted:
 *   - prefixes: at most one 66, f2 or f3, which must be the row's mandatory prefix or a
 *     66 operand-size prefix on a row whose operand size it changes; the padding NOPs
 *     90 and 0f 1f /0 may also carry more 66 and one 2e (R16 names that form). No lock, no 67,
 *     no other segment, no repeated group (R16 would report them);
 *   - REX only right before the opcode, and only if each of its bits means something
 *     for the instruction (W: operand size; R: ModRM.reg is a register; X: there is a
 *     SIB; B: ModRM.rm, the SIB base or the opcode's register is used; a bare 40 only
 *     where it selects %spl-%dil), so that no REX the CPU ignores gets here (R16);
 *   - the one-byte map and 0f map opcodes of the rows, every ModRM/SIB form of them
 *     (rows say whether a memory or register operand is required), 64-bit addressing;
 *   - only mnemonics of the fast table (fast_path.c), all of them allowed by R14/R15.
 * So for an accepted instruction sfi_check_prefixes and sfi_allowlist_insn_ok have
 * nothing to say and the fast rules get the same sfi_fields as from Zydis.
 * tests/verifier/test_table_decode.c checks exactly that against ZydisDecoderDecodeFull
 * for every prefix combination, opcode, ModRM and SIB byte, with displacement and
 * immediate bytes of both signs; the differential test then checks whole verdicts. */
#include "internal.h"

enum form {          /* what follows the opcode */
    F_M,             /* ModRM (+SIB, displacement) */
    F_MI8,           /* ModRM, imm8 */
    F_MIZ,           /* ModRM, imm16 (66) or imm32 */
    F_M_G3,          /* group 3 (f6/f7): ModRM, and with /0 (test) an imm8 or immz */
    F_I8,            /* imm8 */
    F_IZ,            /* imm16 (66) or imm32 */
    F_R,             /* register in the opcode's low bits */
    F_RI8,           /* register in the opcode's low bits, imm8 */
    F_RIV,           /* register in the opcode's low bits, imm16/32/64 (66, -, REX.W) */
    F_N,             /* nothing */
    F_J8, F_J32      /* direct branch: rel8, rel32 */
};

enum attr {
    A_W = 1,         /* REX.W changes the operand size or the mnemonic */
    A_O = 2,         /* 66 is an operand-size prefix here (16-bit operands) */
    A_V = A_W | A_O, /* ordinary integer operation of operand size 16/32/64 */
    A_B = 4,         /* byte operation: operand width 8, REX 40 selects %spl-%dil */
    A_BSRC = 8,      /* byte source register in ModRM.rm (movzx/movsx): same for REX 40 */
    A_MEM = 16,      /* ModRM must name memory (mod != 3) */
    A_REG = 32,      /* ModRM must name a register (mod == 3) */
    A_PAD = 64,      /* the padding NOP: any number of 66, one 2e */
    A_W0 = 128,      /* row only without REX.W */
    A_W1 = 256,      /* row only with REX.W */
    A_X0 = 512,      /* ModRM.reg is an opcode extension that must be 0 (setcc) */
};

enum prefix { P_NONE, P_66, P_F3, P_F2, P_COUNT };

/* ModRM.reg opcode-extension groups (Intel SDM Vol. 2 Table A-6); 0 = not accepted:
 * rcl/rcr and the /6 alias of shl (not in the fast table), test's /1 alias, the
 * indirect call/jmp/push of ff (the reference path checks them), reserved NOPs. */
enum group { G_NONE, G_1, G_2, G_3, G_4, G_5, G_11, G_NOP, G_SETCC_BASE };
#define MN(x) ZYDIS_MNEMONIC_##x
static const ZydisMnemonic group_mnemonic[G_SETCC_BASE][8] = {
    [G_1] = {MN(ADD), MN(OR), MN(ADC), MN(SBB), MN(AND), MN(SUB), MN(XOR), MN(CMP)},
    [G_2] = {MN(ROL), MN(ROR), 0, 0, MN(SHL), MN(SHR), 0, MN(SAR)},
    [G_3] = {MN(TEST), 0, MN(NOT), MN(NEG), MN(MUL), MN(IMUL), MN(DIV), MN(IDIV)},
    [G_4] = {MN(INC), MN(DEC)},
    [G_5] = {MN(INC), MN(DEC), MN(CALL), 0, MN(JMP)},
    [G_11] = {MN(MOV)},
    [G_NOP] = {MN(NOP)},
};

/* Group members whose operand size is fixed (64-bit call/jmp): 66 and REX.W mean
 * nothing there (R16), whatever the row allows for the others. One bit per reg value. */
static const uint8_t group_fixed_size[G_SETCC_BASE] = {[G_5] = 1u << 2 | 1u << 4};

typedef struct row {
    uint8_t map, prefix, opcode, form;
    uint16_t attrs;
    uint8_t group;            /* G_*: the mnemonic comes from ModRM.reg */
    ZydisMnemonic mnemonic;   /* when group is G_NONE */
} row;

#define R(map, p, op, form, attrs, mn) {map, p, op, form, attrs, G_NONE, MN(mn)}
#define G(map, p, op, form, attrs, g) {map, p, op, form, attrs, g, 0}
/* The eight classic ALU operations: op Eb,Gb; Ev,Gv; Gb,Eb; Gv,Ev; al,imm8; eax,immz. */
#define ALU(op, mn) R(0, P_NONE, op, F_M, A_B, mn), R(0, P_NONE, op + 1, F_M, A_V, mn), \
    R(0, P_NONE, op + 2, F_M, A_B, mn), R(0, P_NONE, op + 3, F_M, A_V, mn),             \
    R(0, P_NONE, op + 4, F_I8, A_B, mn), R(0, P_NONE, op + 5, F_IZ, A_V, mn)
/* Condition codes in encoding order (low 4 bits of jcc, cmovcc, setcc). */
#define CC16(map, base, form, attrs, pre)                                                   \
    R(map, P_NONE, base + 0, form, attrs, pre##O), R(map, P_NONE, base + 1, form, attrs, pre##NO), \
    R(map, P_NONE, base + 2, form, attrs, pre##B), R(map, P_NONE, base + 3, form, attrs, pre##NB), \
    R(map, P_NONE, base + 4, form, attrs, pre##Z), R(map, P_NONE, base + 5, form, attrs, pre##NZ), \
    R(map, P_NONE, base + 6, form, attrs, pre##BE), R(map, P_NONE, base + 7, form, attrs, pre##NBE), \
    R(map, P_NONE, base + 8, form, attrs, pre##S), R(map, P_NONE, base + 9, form, attrs, pre##NS), \
    R(map, P_NONE, base + 10, form, attrs, pre##P), R(map, P_NONE, base + 11, form, attrs, pre##NP), \
    R(map, P_NONE, base + 12, form, attrs, pre##L), R(map, P_NONE, base + 13, form, attrs, pre##NL), \
    R(map, P_NONE, base + 14, form, attrs, pre##LE), R(map, P_NONE, base + 15, form, attrs, pre##NLE)

static const row rows[] = {
    /* ---- one-byte map ---- */
    ALU(0x00, ADD), ALU(0x08, OR), ALU(0x10, ADC), ALU(0x18, SBB),
    ALU(0x20, AND), ALU(0x28, SUB), ALU(0x30, XOR), ALU(0x38, CMP),
#define REG8(op, form, attrs, mn) R(0, P_NONE, op, form, attrs, mn), \
    R(0, P_NONE, op + 1, form, attrs, mn), R(0, P_NONE, op + 2, form, attrs, mn), \
    R(0, P_NONE, op + 3, form, attrs, mn), R(0, P_NONE, op + 4, form, attrs, mn), \
    R(0, P_NONE, op + 5, form, attrs, mn), R(0, P_NONE, op + 6, form, attrs, mn), \
    R(0, P_NONE, op + 7, form, attrs, mn)
    REG8(0x50, F_R, 0, PUSH), REG8(0x58, F_R, 0, POP),
    R(0, P_NONE, 0x63, F_M, A_W | A_W1, MOVSXD),  /* without REX.W refused (R15) */
    R(0, P_NONE, 0x69, F_MIZ, A_V, IMUL), R(0, P_NONE, 0x6b, F_MI8, A_V, IMUL),
    CC16(0, 0x70, F_J8, 0, J),
    G(0, P_NONE, 0x80, F_MI8, A_B, G_1), G(0, P_NONE, 0x81, F_MIZ, A_V, G_1),
    G(0, P_NONE, 0x83, F_MI8, A_V, G_1),
    R(0, P_NONE, 0x84, F_M, A_B, TEST), R(0, P_NONE, 0x85, F_M, A_V, TEST),
    R(0, P_NONE, 0x86, F_M, A_B, XCHG), R(0, P_NONE, 0x87, F_M, A_V, XCHG),
    R(0, P_NONE, 0x88, F_M, A_B, MOV), R(0, P_NONE, 0x89, F_M, A_V, MOV),
    R(0, P_NONE, 0x8a, F_M, A_B, MOV), R(0, P_NONE, 0x8b, F_M, A_V, MOV),
    R(0, P_NONE, 0x8d, F_M, A_V | A_MEM, LEA),
    R(0, P_NONE, 0x90, F_N, A_PAD, NOP),
    R(0, P_NONE, 0x91, F_R, A_V, XCHG), R(0, P_NONE, 0x92, F_R, A_V, XCHG),
    R(0, P_NONE, 0x93, F_R, A_V, XCHG), R(0, P_NONE, 0x94, F_R, A_V, XCHG),
    R(0, P_NONE, 0x95, F_R, A_V, XCHG), R(0, P_NONE, 0x96, F_R, A_V, XCHG),
    R(0, P_NONE, 0x97, F_R, A_V, XCHG),
    R(0, P_NONE, 0x98, F_N, A_W | A_W0, CWDE), R(0, P_NONE, 0x98, F_N, A_W | A_W1, CDQE),
    R(0, P_NONE, 0x99, F_N, A_W | A_W0, CDQ), R(0, P_NONE, 0x99, F_N, A_W | A_W1, CQO),
    R(0, P_NONE, 0xa8, F_I8, A_B, TEST), R(0, P_NONE, 0xa9, F_IZ, A_V, TEST),
    REG8(0xb0, F_RI8, A_B, MOV), REG8(0xb8, F_RIV, A_V, MOV),
    G(0, P_NONE, 0xc0, F_MI8, A_B, G_2), G(0, P_NONE, 0xc1, F_MI8, A_V, G_2),
    G(0, P_NONE, 0xc6, F_MI8, A_B, G_11), G(0, P_NONE, 0xc7, F_MIZ, A_V, G_11),
    G(0, P_NONE, 0xd0, F_M, A_B, G_2), G(0, P_NONE, 0xd1, F_M, A_V, G_2),
    G(0, P_NONE, 0xd2, F_M, A_B, G_2), G(0, P_NONE, 0xd3, F_M, A_V, G_2),
    R(0, P_NONE, 0xc3, F_N, 0, RET),
    R(0, P_NONE, 0xe8, F_J32, 0, CALL), R(0, P_NONE, 0xe9, F_J32, 0, JMP),
    R(0, P_NONE, 0xeb, F_J8, 0, JMP),
    G(0, P_NONE, 0xf6, F_M_G3, A_B, G_3), G(0, P_NONE, 0xf7, F_M_G3, A_V, G_3),
    G(0, P_NONE, 0xfe, F_M, A_B, G_4), G(0, P_NONE, 0xff, F_M, A_V, G_5),

    /* ---- 0f map: integer ---- */
    G(1, P_NONE, 0x1f, F_M, A_MEM | A_PAD, G_NOP),
    CC16(1, 0x40, F_M, A_V, CMOV),
    CC16(1, 0x80, F_J32, 0, J),
    CC16(1, 0x90, F_M, A_B | A_X0, SET),
    R(1, P_NONE, 0xaf, F_M, A_V, IMUL),
    R(1, P_NONE, 0xb6, F_M, A_V | A_BSRC, MOVZX), R(1, P_NONE, 0xb7, F_M, A_V, MOVZX),
    R(1, P_NONE, 0xbe, F_M, A_V | A_BSRC, MOVSX), R(1, P_NONE, 0xbf, F_M, A_V, MOVSX),
    R(1, P_NONE, 0xbc, F_M, A_V, BSF), R(1, P_NONE, 0xbd, F_M, A_V, BSR),
    R(1, P_F3, 0xb8, F_M, A_W, POPCNT), R(1, P_F3, 0xbc, F_M, A_W, TZCNT),
    R(1, P_F3, 0xbd, F_M, A_W, LZCNT),

    /* ---- 0f map: SSE/SSE2 (mandatory prefix selects the mnemonic) ---- */
    R(1, P_NONE, 0x10, F_M, 0, MOVUPS), R(1, P_NONE, 0x11, F_M, 0, MOVUPS),
    R(1, P_66, 0x10, F_M, 0, MOVUPD), R(1, P_66, 0x11, F_M, 0, MOVUPD),
    R(1, P_F3, 0x10, F_M, 0, MOVSS), R(1, P_F3, 0x11, F_M, 0, MOVSS),
    R(1, P_F2, 0x10, F_M, 0, MOVSD), R(1, P_F2, 0x11, F_M, 0, MOVSD),
    /* 0f 12/16 with a register operand are movhlps/movlhps. */
    R(1, P_NONE, 0x12, F_M, A_MEM, MOVLPS), R(1, P_NONE, 0x13, F_M, A_MEM, MOVLPS),
    R(1, P_66, 0x12, F_M, A_MEM, MOVLPD), R(1, P_66, 0x13, F_M, A_MEM, MOVLPD),
    R(1, P_NONE, 0x16, F_M, A_MEM, MOVHPS), R(1, P_NONE, 0x17, F_M, A_MEM, MOVHPS),
    R(1, P_66, 0x16, F_M, A_MEM, MOVHPD), R(1, P_66, 0x17, F_M, A_MEM, MOVHPD),
    R(1, P_NONE, 0x28, F_M, 0, MOVAPS), R(1, P_NONE, 0x29, F_M, 0, MOVAPS),
    R(1, P_66, 0x28, F_M, 0, MOVAPD), R(1, P_66, 0x29, F_M, 0, MOVAPD),
    R(1, P_F3, 0x2a, F_M, A_W, CVTSI2SS), R(1, P_F2, 0x2a, F_M, A_W, CVTSI2SD),
    R(1, P_F3, 0x2c, F_M, A_W, CVTTSS2SI), R(1, P_F2, 0x2c, F_M, A_W, CVTTSD2SI),
    R(1, P_NONE, 0x2e, F_M, 0, UCOMISS), R(1, P_66, 0x2e, F_M, 0, UCOMISD),
    R(1, P_NONE, 0x2f, F_M, 0, COMISS), R(1, P_66, 0x2f, F_M, 0, COMISD),
    R(1, P_NONE, 0x54, F_M, 0, ANDPS), R(1, P_66, 0x54, F_M, 0, ANDPD),
    R(1, P_NONE, 0x57, F_M, 0, XORPS), R(1, P_66, 0x57, F_M, 0, XORPD),
    R(1, P_F3, 0x58, F_M, 0, ADDSS), R(1, P_F2, 0x58, F_M, 0, ADDSD),
    R(1, P_F3, 0x59, F_M, 0, MULSS), R(1, P_F2, 0x59, F_M, 0, MULSD),
    R(1, P_F3, 0x5a, F_M, 0, CVTSS2SD), R(1, P_F2, 0x5a, F_M, 0, CVTSD2SS),
    R(1, P_F3, 0x5c, F_M, 0, SUBSS), R(1, P_F2, 0x5c, F_M, 0, SUBSD),
    R(1, P_F3, 0x5e, F_M, 0, DIVSS), R(1, P_F2, 0x5e, F_M, 0, DIVSD),
    R(1, P_66, 0x62, F_M, 0, PUNPCKLDQ), R(1, P_66, 0x6c, F_M, 0, PUNPCKLQDQ),
    R(1, P_66, 0x6e, F_M, A_W | A_W0, MOVD), R(1, P_66, 0x6e, F_M, A_W | A_W1, MOVQ),
    R(1, P_66, 0x6f, F_M, 0, MOVDQA), R(1, P_F3, 0x6f, F_M, 0, MOVDQU),
    R(1, P_66, 0x70, F_MI8, 0, PSHUFD), R(1, P_66, 0x74, F_M, 0, PCMPEQB),
    /* Not f3 0f 7e (movq): REX.W there is ignored and decoders disagree on it (bug 3). */
    R(1, P_66, 0x7e, F_M, A_W | A_W0, MOVD), R(1, P_66, 0x7e, F_M, A_W | A_W1, MOVQ),
    R(1, P_66, 0x7f, F_M, 0, MOVDQA), R(1, P_F3, 0x7f, F_M, 0, MOVDQU),
    R(1, P_66, 0xd6, F_M, 0, MOVQ), R(1, P_66, 0xd7, F_M, A_REG, PMOVMSKB),
    R(1, P_66, 0xdb, F_M, 0, PAND), R(1, P_66, 0xeb, F_M, 0, POR),
    R(1, P_66, 0xef, F_M, 0, PXOR),
};
#undef R
#undef G
#undef REG8
#undef ALU
#undef CC16
#undef MN

/* entries[map][prefix][rex.w][opcode]: a copy of the row's fields (attrs has E_VALID),
 * or all zero for no row. One load instead of an index and then the row: this lookup is
 * on the critical path of every instruction. */
enum { E_VALID = 0x8000 };
typedef struct entry {
    uint16_t attrs;           /* the row's A_* | E_VALID */
    uint16_t mnemonic;        /* ZydisMnemonic when group is G_NONE */
    uint8_t form, group;
    uint8_t gpr;              /* row_gpr: sfi_fast_is_gpr by ModRM.reg */
    uint8_t prefix;           /* the row's P_* */
} entry;
_Static_assert(sizeof(entry) == 8, "entry layout");
_Static_assert(ZYDIS_MNEMONIC_MAX_VALUE <= UINT16_MAX, "mnemonic fits 16 bits");
static entry entries[2][P_COUNT][2][256];
/* What a ModRM byte implies in 64-bit addressing: displacement bytes (mod 1: 1, mod 2
 * and rip-relative: 4), a SIB byte follows (rm 4, mod != 3), ModRM.rm names a register
 * or base that REX.B extends (mod 3, or memory other than SIB and rip). */
enum { MI_DISP = 7, MI_SIB = 8, MI_RM_USED = 16 };
static uint8_t modrm_info[256];
/* Immediate bytes of each form: [form][66 operand size][REX.W] (F_M_G3: see the code). */
static const uint8_t form_imm[F_J32 + 1][2][2] = {
    [F_MI8] = {{1, 1}, {1, 1}}, [F_MIZ] = {{4, 4}, {2, 2}}, [F_I8] = {{1, 1}, {1, 1}},
    [F_IZ] = {{4, 4}, {2, 2}}, [F_RI8] = {{1, 1}, {1, 1}}, [F_RIV] = {{4, 8}, {2, 8}},
    [F_J8] = {{1, 1}, {1, 1}}, [F_J32] = {{4, 4}, {4, 4}},
};
/* sfi_fast_is_gpr of each row's mnemonic, by ModRM.reg (bit = reg; all bits for rows
 * that are not groups), so the decoder looks it up without a branch. */
static uint8_t row_gpr[sizeof rows / sizeof rows[0]];
_Static_assert((A_W | A_O | A_B | A_BSRC | A_MEM | A_REG | A_PAD | A_W0 | A_W1 | A_X0) < E_VALID,
               "attrs leave E_VALID free");

void sfi_table_build(void) {
    for (unsigned m = 0; m < 256; m++) {
        unsigned mod = m >> 6, rm = m & 7;
        bool sib = mod != 3 && rm == 4, rip = mod == 0 && rm == 5;
        modrm_info[m] = (uint8_t)((mod == 1 ? 1 : mod == 2 || rip ? 4 : 0) | (sib ? MI_SIB : 0) |
                                  (!sib && !rip ? MI_RM_USED : 0));
    }
    for (unsigned i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        for (unsigned reg = 0; reg < 8; reg++) {
            ZydisMnemonic m = r->group ? group_mnemonic[r->group][reg] : r->mnemonic;
            if (m && sfi_fast_is_gpr(m))
                row_gpr[i] |= (uint8_t)(1u << reg);
        }
        for (unsigned w = 0; w < 2; w++)
            if (!((r->attrs & A_W0) && w) && !((r->attrs & A_W1) && !w))
                entries[r->map][r->prefix][w][r->opcode] = (entry){
                    .attrs = (uint16_t)(r->attrs | E_VALID), .mnemonic = (uint16_t)r->mnemonic,
                    .form = r->form, .group = r->group, .gpr = row_gpr[i], .prefix = r->prefix};
    }
}

static int64_t read_signed(const uint8_t *p, unsigned bytes) {
    switch (bytes) {
    case 1: return (int8_t)p[0];
    case 2: return (int16_t)(p[0] | p[1] << 8);
    default: return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                              (uint32_t)p[3] << 24);
    }
}

static inline __attribute__((always_inline)) bool
decode_after_prefixes(const uint8_t *code, size_t limit, size_t i, unsigned n66, unsigned rep,
                      unsigned cs, int rex_known, sfi_fields *f);

/* Fields are kept in locals and stored once at the end: stores through f (uint8_t
 * members) could alias code[] and would make the compiler reload everything. */
bool sfi_table_decode(const uint8_t *code, size_t room, sfi_fields *f) {
    size_t limit = room < 15 ? room : 15;   /* 15: the architectural maximum length */
    /* Most instructions have no legacy prefix: the same code with n66, rep and cs known
     * to be 0 (exactly what the loop below finds when code[0] is none of its prefixes),
     * which lets the compiler drop their checks. */
    if (limit == 0)
        return false;
    uint8_t b0 = code[0];
    if (b0 != 0x66 && b0 != 0xf2 && b0 != 0xf3 && b0 != 0x2e) {
        if ((b0 & 0xf0) == 0x40)
            return decode_after_prefixes(code, limit, 0, 0, 0, 0, 1, f);
        return decode_after_prefixes(code, limit, 0, 0, 0, 0, 0, f);
    }
    size_t i = 0;
    unsigned n66 = 0, rep = 0, cs = 0;
    for (; i < limit; i++) {                /* legacy prefixes */
        uint8_t b = code[i];
        if (b == 0x66)
            n66++;
        else if ((b == 0xf2 || b == 0xf3) && !rep)
            rep = b;
        else if (b == 0x2e && !cs)
            cs = 1;
        else
            break;
    }
    return decode_after_prefixes(code, limit, i, n66, rep, cs, -1, f);
}

/* The instruction after its legacy prefixes code[0..i): n66 66s, rep (f2, f3 or 0), cs (one 2e). */
static inline __attribute__((always_inline)) bool
decode_after_prefixes(const uint8_t *code, size_t limit, size_t i, unsigned n66, unsigned rep,
                      unsigned cs, int rex_known, sfi_fields *f) {
    unsigned rex = 0;
    /* REX and the 0f escape are common and unpredictable: taken without branches (the
     * bounds checks are predictable). */
    if (i >= limit)
        return false;
    /* rex_known: 1 or 0 when the caller has already seen whether code[i] is a REX (the
     * same value as computed here), -1 when not. */
    unsigned first = code[i];
    unsigned is_rex = rex_known >= 0 ? (unsigned)rex_known : (first & 0xf0) == 0x40;
    rex = first & (0u - is_rex);
    i += is_rex;
    if (i >= limit)
        return false;
    unsigned map = code[i] == 0x0f;
    if (i + map >= limit)
        return false;
    unsigned opcode = code[i + map];
    i += 1 + map;
    unsigned w = rex >> 3 & 1;
    /* The mandatory prefix if the row has one, else 66 as operand size. */
    enum prefix p = rep == 0xf3 ? P_F3 : rep == 0xf2 ? P_F2 : n66 ? P_66 : P_NONE;
    if (rep && n66)
        return false;
    const entry *r = &entries[map][p][w][opcode];
    if (!(r->attrs & E_VALID) & (p == P_66))
        r = &entries[map][P_NONE][w][opcode];
    if (!(r->attrs & E_VALID))
        return false;
    unsigned attrs = r->attrs;
    bool pad = attrs & A_PAD;
    if ((cs && !pad) || (n66 > 1 && !pad))
        return false;
    bool opsize16 = n66 && r->prefix == P_NONE;
    if (opsize16 && (!(attrs & (A_O | A_PAD)) || w))
        return false;   /* with REX.W the CPU ignores 66 (R16) */

    ZydisMnemonic mnemonic = (ZydisMnemonic)r->mnemonic;
    bool rex_used = false;  /* a bare 40 turns %ah-%bh into %spl-%dil, nothing else */
    bool w_used = (attrs & A_W) != 0, r_used = false, x_used = false, b_used = false;
    unsigned imm_bytes = form_imm[r->form][opsize16][w];
    if (r->form == F_R || r->form == F_RI8 || r->form == F_RIV) {
        b_used = true;
        rex_used = (attrs & A_B) && (opcode & 7) >= 4;
    }
    unsigned has_modrm = 0, mod = 0, reg = 0, rm = 0, has_sib = 0, sib = 0;
    int64_t disp = 0;
    if (r->form <= F_M_G3) {                /* ModRM forms */
        if (i >= limit)
            return false;
        unsigned modrm = code[i++];
        has_modrm = 1;
        mod = modrm >> 6;
        reg = modrm >> 3 & 7;
        rm = modrm & 7;
        if (r->group) {
            mnemonic = group_mnemonic[r->group][reg];
            if (!mnemonic)
                return false;
            if (r->form == F_M_G3 && reg == 0)
                imm_bytes = attrs & A_B ? 1 : opsize16 ? 2 : 4;
            if ((group_fixed_size[r->group] >> reg & 1) && (opsize16 || w))
                return false;
        } else if (attrs & A_X0) {
            if (reg != 0)
                return false;
        } else {
            r_used = true;
            rex_used = (attrs & A_B) && reg >= 4;
        }
        if ((attrs & (A_B | A_BSRC)) && mod == 3 && rm >= 4)
            rex_used = true;
        if (((mod == 3) & ((attrs & A_MEM) != 0)) | ((mod != 3) & ((attrs & A_REG) != 0)))
            return false;
        unsigned info = modrm_info[modrm], disp_bytes = info & MI_DISP;
        b_used = (info & MI_RM_USED) != 0;
        if (info & MI_SIB) {
            if (i >= limit)
                return false;
            sib = code[i++];
            has_sib = 1;
            x_used = true;
            if (mod == 0 && (sib & 7) == 5)
                disp_bytes = 4;             /* no base, disp32 */
            else
                b_used = true;
        }
        if (limit - i < disp_bytes)
            return false;
        if (limit - i >= 4) {               /* the common case, without a branch on the size */
            uint32_t x = (uint32_t)code[i] | (uint32_t)code[i + 1] << 8 |
                         (uint32_t)code[i + 2] << 16 | (uint32_t)code[i + 3] << 24;
            int64_t d1 = (int8_t)x, d4 = (int32_t)x;
            disp = (d4 & -(int64_t)(disp_bytes == 4)) | (d1 & -(int64_t)(disp_bytes == 1));
        } else if (disp_bytes) {
            disp = read_signed(code + i, disp_bytes);
        }
        i += disp_bytes;
    }
    unsigned imm_at = (unsigned)i;
    if (limit - i < imm_bytes)
        return false;
    unsigned imm_low = (i < limit ? code[i] : 0) & (imm_bytes ? 0xffu : 0);
    i += imm_bytes;
    /* REX: every bit must mean something (R16 rejects a REX the instruction ignores).
     * Bitwise, not short-circuit: these are unpredictable and almost never fail. */
    unsigned used = (unsigned)w_used << 3 | (unsigned)r_used << 2 | (unsigned)x_used << 1 |
                    (unsigned)b_used;
    if ((rex & 0xf & ~used) | ((rex != 0) & !rex_used & ((rex & 0xf) == 0)))
        return false;

    bool branch = r->form == F_J8 || r->form == F_J32;
    /* As sfi_fields_of: the operand width is only kept for FP_GPR mnemonics. */
    unsigned width = attrs & A_B ? 8 : w ? 64 : opsize16 ? 16 : 32;
    width &= 0u - (r->gpr >> reg & 1u);
    *f = (sfi_fields){
        .mnemonic = (uint16_t)mnemonic, .length = (uint8_t)i, .map = (uint8_t)map,
        .opcode = (uint8_t)opcode, .operand_width = (uint8_t)width,
        .has_modrm = (uint8_t)has_modrm, .mod = (uint8_t)mod, .reg = (uint8_t)reg,
        .rm = (uint8_t)rm, .has_sib = (uint8_t)has_sib, .sib_scale = (uint8_t)(sib >> 6),
        .sib_index = (uint8_t)(sib >> 3 & 7), .sib_base = (uint8_t)(sib & 7),
        .rex_w = (uint8_t)w, .rex_r = rex >> 2 & 1, .rex_x = rex >> 1 & 1, .rex_b = rex & 1,
        .imm_size = (uint8_t)(imm_bytes * 8), .direct_branch = branch,
        .rel_field = branch ? (uint8_t)imm_at : 0,
        .rel = branch ? read_signed(code + imm_at, imm_bytes) : 0, .disp = disp,
        .imm_low = (uint8_t)imm_low};
    return true;
}

void sfi_table_row_view(unsigned map, unsigned w, unsigned opcode, unsigned reg,
                        sfi_row_view *view) {
    const entry *r = &entries[map & 1][P_NONE][w & 1][opcode & 0xff];
    *view = (sfi_row_view){.shape = SFI_ROW_NONE};
    if (!(r->attrs & E_VALID))
        return;
    unsigned attrs = r->attrs;
    ZydisMnemonic mnemonic = (ZydisMnemonic)r->mnemonic;
    unsigned imm = form_imm[r->form][0][w & 1];
    if (r->group) {
        mnemonic = group_mnemonic[r->group][reg & 7];
        if (!mnemonic || ((group_fixed_size[r->group] >> (reg & 7) & 1) && w))
            return;
        if (r->form == F_M_G3 && (reg & 7) == 0)
            imm = attrs & A_B ? 1 : 4;
    } else if ((attrs & A_X0) && (reg & 7) != 0) {
        return;
    }
    view->mnemonic = mnemonic;
    view->shape = r->form <= F_M_G3                                      ? SFI_ROW_MODRM
                  : r->form == F_J8 || r->form == F_J32                  ? SFI_ROW_REL
                  : r->form == F_R || r->form == F_RI8 || r->form == F_RIV ? SFI_ROW_OPREG
                                                                           : SFI_ROW_PLAIN;
    view->imm_bytes = (uint8_t)imm;
    view->w_used = (attrs & A_W) != 0;
    view->reg_is_register = r->form <= F_M_G3 && !r->group && !(attrs & A_X0);
    view->mem_only = (attrs & A_MEM) != 0;
    view->reg_only = (attrs & A_REG) != 0;
    view->gpr = (r->gpr >> (reg & 7) & 1) != 0;
    view->byte_op = (attrs & A_B) != 0;
}
