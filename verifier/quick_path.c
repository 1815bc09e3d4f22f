/* The quick path's tables (see quick_path.h), built once from the table decoder's rows
 * (sfi_table_row_view) and the fast path's mnemonic classes (sfi_fast_class): the rules
 * below are fast_path.c's decide(), spelled out per ModRM and SIB byte; and its sequence
 * pieces (sfi_quick_sequence), as fast_path.c's decide_sequence and apply. */
#include "quick_path.h"

SFI_QUICK_TABLE uint8_t sfi_quick_class[2][2][256];
SFI_QUICK_TABLE uint16_t sfi_quick_entries[SFI_QUICK_MAX_CLASSES][256][8];
SFI_QUICK_TABLE uint8_t sfi_quick_sib[8][4][256];
unsigned sfi_quick_unclassed;

/* What a ModRM opcode's members allow, by ModRM.reg (bit r: reg == r). */
typedef struct modrm_row {
    uint8_t reg_ok;       /* accepted */
    uint8_t r14_ok;       /* %r14 may be named: a GPR operation of 32 bits or less (R4) */
    uint8_t and_mask;     /* andl $imm: a register destination may be an AND_MASK (QM_SEQ) */
    uint8_t mov_self;     /* mod 3 with reg == rm declines: mov (MOV_SELF32) */
    uint8_t indirect;     /* jmp/call: only *%r, a sequence end (QM_SEQ) */
    uint8_t imm[8];       /* immediate bytes */
    bool reg_cand;        /* ModRM.reg names a register: REX.R used, a register candidate */
    bool mem_only, reg_only;
    uint8_t access;       /* enum access */
    uint8_t add_source;   /* addq: 1 ModRM.reg, 2 ModRM.rm is the source (ADD_BASE of %r15) */
    bool lea_rsp;         /* leaq: leaq (%r15,%r14,1),%rsp, exactly (R12.3) */
} modrm_row;

/* How a memory operand counts (R11): accessed, never accessed (nop), or an address (lea,
 * where a %r15 base makes a LEA_REBASE candidate). The SIB table selector is
 * access * 2 + (mod == 0). */
enum access { ACCESS, NO_ACCESS, LEA_ADDRESS };

/* Whether the quick path takes a member (the table route takes all of them). */
static bool member_ok(const sfi_row_view *view, unsigned cls, unsigned w) {
    if (view->shape == SFI_ROW_NONE || !cls || (w && !view->w_used))
        return false;
    if (cls & FP_BRANCH)              /* rel8/rel32, or ff /2 /4 */
        return true;
    return view->shape != SFI_ROW_REL;
}

/* andl $imm with a register destination: an AND_MASK candidate (32-bit operations only). */
static bool and_mask_candidate(const sfi_row_view *view, unsigned cls, unsigned w) {
    return (cls & FP_AND) && view->imm_bytes && !view->byte_op && !w;
}

/* The ModRM row of (w, map, opcode); false when no member is accepted or it has no ModRM. */
static bool modrm_row_of(unsigned w, unsigned map, unsigned opcode, modrm_row *m) {
    *m = (modrm_row){0};
    bool any = false;
    for (unsigned reg = 0; reg < 8; reg++) {
        sfi_row_view view;
        sfi_table_row_view(map, w, opcode, reg, &view);
        unsigned cls = sfi_fast_class(view.mnemonic);
        if (view.shape != SFI_ROW_MODRM || !member_ok(&view, cls, w))
            continue;
        any = true;
        /* ModRM constraints and REX.R use are the row's, the same for all members. */
        m->reg_cand = view.reg_is_register;
        m->mem_only = view.mem_only;
        m->reg_only = view.reg_only;
        m->access = cls & FP_LEA ? LEA_ADDRESS : cls & FP_NOP ? NO_ACCESS : ACCESS;
        uint8_t bit = (uint8_t)(1u << reg);
        m->reg_ok |= bit;
        m->imm[reg] = view.imm_bytes;
        if ((cls & FP_GPR) && view.gpr && !w)
            m->r14_ok |= bit;
        if (and_mask_candidate(&view, cls, w))
            m->and_mask |= bit;
        if (cls & FP_MOV)
            m->mov_self |= bit;
        if (cls & FP_BRANCH)
            m->indirect |= bit;
        if ((cls & FP_ADD) && w && map == 0 && (opcode == 0x01 || opcode == 0x03))
            m->add_source = opcode == 0x01 ? 1 : 2;
        if ((cls & FP_LEA) && w)
            m->lea_rsp = true;
    }
    return any;
}

/* A register number the quick path never judges (fast_path.c's candidates): %rsp and
 * %r15, and %r14 unless every general register operand is 32 bits or narrower (R3, R4,
 * R12). */
static bool bad_reg(unsigned n, bool r14_ok) {
    return n == 4 || n == 15 || (n == 14 && !r14_ok);
}

/* One ModRM byte of a class with REX bits R, X, B (rex3 = the REX's low three bits). */
static uint16_t modrm_entry(const modrm_row *m, unsigned rex3, unsigned modrm) {
    unsigned mod = modrm >> 6, reg = modrm >> 3 & 7, rm = modrm & 7;
    unsigned r = rex3 >> 2 & 1, x = rex3 >> 1 & 1, b = rex3 & 1;
    bool r14_ok = m->r14_ok >> reg & 1;
    unsigned regn = reg | r << 3, rmn = rm | b << 3;
    unsigned nosib = 7u << QM_SEL_SHIFT;
    if (!(m->reg_ok >> reg & 1) || (r && !m->reg_cand))
        return QM_REJECT;
    /* leaq (%r15,%r14,1),%rsp: REX 4b, ModRM 24, then SIB 37 exactly (selector 6). */
    if (m->lea_rsp && rex3 == 3 && modrm == 0x24)
        return (uint16_t)(QM_SEQ | QM_MODRM | QM_SIB | 6u << QM_SEL_SHIFT | 2);
    /* addq %r15,%rR: an ADD_BASE of R, unless R is %rsp, %r14 or %r15 (a violation). */
    if (m->add_source && mod == 3 && (m->add_source == 1 ? regn : rmn) == 15) {
        unsigned dst = m->add_source == 1 ? rmn : regn;
        return (uint16_t)(x || dst == 4 || dst == 14 || dst == 15
                              ? QM_REJECT : QM_SEQ | QM_MODRM | nosib | 1);
    }
    if (m->indirect >> reg & 1)       /* jmp/call *%r: R9 judges the register */
        return (uint16_t)(mod != 3 || x ? QM_REJECT : QM_SEQ | QM_MODRM | nosib | 1);
    if (m->reg_cand && bad_reg(regn, r14_ok))
        return QM_REJECT;
    unsigned imm = m->imm[reg];
    if (mod == 3) {
        if (m->mem_only || x || bad_reg(rmn, r14_ok) ||
            ((m->mov_self >> reg & 1) && regn == rmn))
            return QM_REJECT;
        return (uint16_t)((m->and_mask >> reg & 1 ? QM_SEQ : 0) | QM_MODRM | nosib | (1 + imm));
    }
    if (m->reg_only)
        return QM_REJECT;
    unsigned disp = mod == 1 ? 1 : mod == 2 ? 4 : 0, code = mod == 1 ? 1 : mod == 2 ? 2 : 0;
    if (rm == 4)                      /* SIB: the SIB table decides the rest */
        return (uint16_t)(QM_MODRM | QM_SIB | (m->access * 2 + (mod == 0)) << QM_SEL_SHIFT |
                          code << QM_DISP_SHIFT | (2 + disp + imm));
    if (x)
        return QM_REJECT;             /* REX.X without a SIB (R16) */
    if (mod == 0 && rm == 5) {        /* rip-relative */
        if (b)
            return QM_REJECT;
        return (uint16_t)(QM_MODRM | nosib | 2u << QM_DISP_SHIFT |
                          (m->access == ACCESS ? QM_RIP : 0) | (1 + 4 + imm));
    }
    unsigned entry = QM_MODRM | nosib | code << QM_DISP_SHIFT | (1 + disp + imm);
    switch (m->access) {
    case ACCESS:                      /* only form d has no SIB */
        return (uint16_t)(rmn == 15 ? entry | QM_NONNEG : QM_REJECT);
    case LEA_ADDRESS:
        return (uint16_t)(rmn == 15 ? QM_REJECT : entry);
    default:
        return (uint16_t)entry;
    }
}

/* One SIB byte under selector access * 2 + mod0, with REX bits X, B (rex2). */
static uint8_t sib_entry(unsigned access, unsigned mod0, unsigned rex2, unsigned sib) {
    if (access * 2 + mod0 == 6)       /* leaq (%r15,%r14,1),%rsp */
        return rex2 == 3 && sib == 0x37 ? 0 : QSIB_REJECT;
    unsigned x = rex2 >> 1 & 1, b = rex2 & 1;
    unsigned index = (sib >> 3 & 7) | x << 3, sb = sib & 7;
    bool no_index = index == 4, nobase = mod0 && sb == 5;
    unsigned base = sb | b << 3;
    if (nobase && b)
        return QSIB_REJECT;           /* REX.B without a base (R16) */
    uint8_t extra = nobase ? QSIB_NOBASE : 0;
    switch (access) {
    case ACCESS:
        if (nobase)
            return QSIB_REJECT;
        if (base == 15 && index == 14 && sib >> 6 == 0)
            return QSIB_SMALL | QSIB_MASKED;                       /* form a */
        if (base == 4 && no_index)
            return QSIB_SMALL;                                     /* form b */
        if (base == 15 && no_index)
            return QSIB_NONNEG;                                    /* form d */
        return QSIB_REJECT;
    case LEA_ADDRESS:
        return !nobase && base == 15 ? QSIB_REJECT : extra;
    default:
        return extra;
    }
}

/* An opcode without ModRM: a register in its low bits (opreg), a direct branch, or nothing. */
typedef struct op_row {
    uint8_t shape;        /* SFI_ROW_OPREG, SFI_ROW_REL, SFI_ROW_PLAIN */
    uint8_t imm;          /* immediate (rel) bytes */
    bool r14_ok;          /* opreg: a GPR operation of 32 bits or less */
    bool call;
    bool seq;             /* push (any register), ret, andl $imm,%eax: QM_SEQ */
} op_row;

static bool op_row_of(unsigned w, unsigned map, unsigned opcode, op_row *o) {
    sfi_row_view view;
    sfi_table_row_view(map, w, opcode, 0, &view);
    unsigned cls = sfi_fast_class(view.mnemonic);
    *o = (op_row){0};
    if (view.shape == SFI_ROW_MODRM || !member_ok(&view, cls, w))
        return false;
    o->shape = view.shape;
    o->imm = view.imm_bytes;
    o->r14_ok = (cls & FP_GPR) && view.gpr && !w;
    o->call = view.mnemonic == ZYDIS_MNEMONIC_CALL;
    o->seq = ((cls & FP_STACK) && opcode < 0x58) || (cls & FP_RET) ||
             and_mask_candidate(&view, cls, w);
    return true;
}

/* One opcode of an opcode class, with REX bits R, X, B. */
static uint16_t op_entry(const op_row *o, unsigned rex3, unsigned opcode) {
    unsigned nosib = 7u << QM_SEL_SHIFT;
    switch (o->shape) {
    case SFI_ROW_OPREG:               /* a push reads its register: any is fine */
        if ((rex3 & 6) || (!o->seq && bad_reg((opcode & 7) | (rex3 & 1) << 3, o->r14_ok)))
            return QM_REJECT;
        return (uint16_t)((o->seq ? QM_SEQ : 0) | nosib | o->imm);
    case SFI_ROW_REL:
        if (rex3)
            return QM_REJECT;
        return (uint16_t)(nosib | QM_BRANCH | (o->call ? QM_CALL : 0) |
                          (o->imm == 1 ? 1u : 2u) << QM_DISP_SHIFT | o->imm);
    default:
        return (uint16_t)(rex3 ? QM_REJECT : (o->seq ? QM_SEQ : 0) | nosib | o->imm);
    }
}

typedef struct class_row {
    bool no_modrm;
    modrm_row m;
    op_row o;
} class_row;

static uint16_t class_entry(const class_row *c, unsigned rex3, unsigned byte) {
    return c->no_modrm ? op_entry(&c->o, rex3, byte) : modrm_entry(&c->m, rex3, byte);
}

void sfi_quick_build(void) {
    static class_row classes[SFI_QUICK_MAX_CLASSES];
    unsigned n = 1;                   /* class 0: decline (every entry QM_REJECT) */
    for (unsigned w = 0; w < 2; w++)
        for (unsigned map = 0; map < 2; map++)
            for (unsigned opcode = 0; opcode < 256; opcode++) {
                class_row row = {0};
                if (op_row_of(w, map, opcode, &row.o))
                    row.no_modrm = true;
                else if (!modrm_row_of(w, map, opcode, &row.m))
                    continue;
                unsigned c = 1;
                while (c < n && memcmp(&classes[c], &row, sizeof row) != 0)
                    c++;
                if (c == n) {
                    if (n == SFI_QUICK_MAX_CLASSES) {
                        sfi_quick_unclassed++;  /* the table route takes it; the
                                                   test requires none */
                        continue;
                    }
                    classes[n++] = row;
                }
                sfi_quick_class[w][map][opcode] = (uint8_t)(c | (row.no_modrm ? QC_NO_MODRM : 0));
            }
    for (unsigned rex3 = 0; rex3 < 8; rex3++)
        for (unsigned byte = 0; byte < 256; byte++) {
            sfi_quick_entries[0][byte][rex3] = QM_REJECT;
            for (unsigned c = 1; c < n; c++)
                sfi_quick_entries[c][byte][rex3] = class_entry(&classes[c], rex3, byte);
        }
    for (unsigned sel = 0; sel < 7; sel++)
        for (unsigned rex2 = 0; rex2 < 4; rex2++)
            for (unsigned sib = 0; sib < 256; sib++)
                sfi_quick_sib[sel][rex2][sib] = sib_entry(sel / 2, sel & 1, rex2, sib);
}

sfi_quick_seq sfi_quick_sequence(const uint8_t *p) {
    unsigned rex = (p[0] & 0xf0) == 0x40 ? p[0] : 0, i = rex != 0;
    unsigned op = p[i], modrm = p[i + 1];
    unsigned regn = (modrm >> 3 & 7) | (rex & 4) << 1, rmn = (modrm & 7) | (rex & 1) << 3;
    sfi_quick_seq s = {.action = QSEQ_NONE, .kind = SFI_KIND_OTHER};
    switch (op) {
    case 0xc3:
        s.action = QSEQ_RET;
        break;
    case 0xff:                        /* ff /2 call, ff /4 jmp, mod 3 */
        s.action = QSEQ_INDIRECT;
        s.is_call = (modrm >> 3 & 7) == 2;
        s.reg = (uint8_t)rmn;
        break;
    case 0x8d:
        s.action = QSEQ_RSP;
        break;
    case 0x01:                        /* the source is %r15 */
    case 0x03:
        s.kind = SFI_KIND_ADD_BASE;
        s.reg = (uint8_t)(op == 0x01 ? rmn : regn);
        break;
    case 0x25:                        /* andl $imm32,%eax */
        if ((p[i + 1] & 31) == 0) {
            s.kind = SFI_KIND_AND_MASK;
            s.reg = 0;
        }
        break;
    case 0x81:                        /* andl $imm,%eR: rm is not %esp or %r15d */
    case 0x83:
        if ((p[i + 2] & 31) == 0 && rmn != 14) {
            s.kind = SFI_KIND_AND_MASK;
            s.reg = (uint8_t)rmn;
        }
        break;
    default:                          /* 50+r push */
        s.kind = SFI_KIND_PUSH_REG;
        s.reg = (uint8_t)((op & 7) | (rex & 1) << 3);
        break;
    }
    return s;
}


unsigned sfi_quick_apply_rules(sfi_verifier *v, uint32_t offset, unsigned length,
                               unsigned effect, unsigned field, int32_t value) {
    v->reported_rules = 0;
    v->reported_offset = offset;
    if (effect & QM_RIP) {
        sfi_check_rip_relative(v, offset, length, value);
        return SFI_KIND_OTHER;
    }
    if (effect & QM_BRANCH) {
        sfi_direct b = {.offset = offset, .length = (uint8_t)length, .rel_field = (uint8_t)field,
                        .is_call = (effect & QM_CALL) != 0, .rel = value};
        sfi_check_call_end(v, offset, length, b.is_call);
        sfi_check_direct_target(v, &b);
        return SFI_KIND_OTHER;
    }
    sfi_quick_seq s = sfi_quick_sequence(v->code + offset);
    switch (s.action) {
    case QSEQ_RET:
        sfi_check_return(v, offset);
        break;
    case QSEQ_INDIRECT:
        sfi_check_call_end(v, offset, length, s.is_call);
        sfi_check_indirect_reg(v, offset, s.is_call, sfi_gpr64(s.reg));
        break;
    case QSEQ_RSP:                    /* R12.3, as check_rsp_write */
        v->result->stats.seq_rsp++;
        break;
    default:
        break;
    }
    return s.kind == SFI_KIND_OTHER ? SFI_KIND_OTHER : s.kind | (unsigned)sfi_gpr64(s.reg) << 8;
}
