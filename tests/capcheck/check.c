/* The per-instruction checks of sfi-capcheck (see capcheck.h and README.md).
 *
 * One linear pass decodes the region with Capstone and checks each instruction against the
 * few instructions before it; a second pass checks direct branch targets once every
 * instruction start is known. Operands are read from an Intel-syntax handle (Capstone orders
 * detail operands like the syntax it prints, and Intel order is destination first); a second
 * AT&T handle only renders the text of a reported instruction. */
#include "capcheck.h"

#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define BUNDLE 32u
#define DISP_LIMIT 0x8000 /* D in docs/sandbox-abi.md */

/* ---- general registers: map every sub-register to its 64-bit register ---- */

static const x86_reg gpr[16][5] = {
    {X86_REG_RAX, X86_REG_EAX, X86_REG_AX, X86_REG_AL, X86_REG_AH},
    {X86_REG_RBX, X86_REG_EBX, X86_REG_BX, X86_REG_BL, X86_REG_BH},
    {X86_REG_RCX, X86_REG_ECX, X86_REG_CX, X86_REG_CL, X86_REG_CH},
    {X86_REG_RDX, X86_REG_EDX, X86_REG_DX, X86_REG_DL, X86_REG_DH},
    {X86_REG_RSI, X86_REG_ESI, X86_REG_SI, X86_REG_SIL, X86_REG_INVALID},
    {X86_REG_RDI, X86_REG_EDI, X86_REG_DI, X86_REG_DIL, X86_REG_INVALID},
    {X86_REG_RBP, X86_REG_EBP, X86_REG_BP, X86_REG_BPL, X86_REG_INVALID},
    {X86_REG_RSP, X86_REG_ESP, X86_REG_SP, X86_REG_SPL, X86_REG_INVALID},
    {X86_REG_R8, X86_REG_R8D, X86_REG_R8W, X86_REG_R8B, X86_REG_INVALID},
    {X86_REG_R9, X86_REG_R9D, X86_REG_R9W, X86_REG_R9B, X86_REG_INVALID},
    {X86_REG_R10, X86_REG_R10D, X86_REG_R10W, X86_REG_R10B, X86_REG_INVALID},
    {X86_REG_R11, X86_REG_R11D, X86_REG_R11W, X86_REG_R11B, X86_REG_INVALID},
    {X86_REG_R12, X86_REG_R12D, X86_REG_R12W, X86_REG_R12B, X86_REG_INVALID},
    {X86_REG_R13, X86_REG_R13D, X86_REG_R13W, X86_REG_R13B, X86_REG_INVALID},
    {X86_REG_R14, X86_REG_R14D, X86_REG_R14W, X86_REG_R14B, X86_REG_INVALID},
    {X86_REG_R15, X86_REG_R15D, X86_REG_R15W, X86_REG_R15B, X86_REG_INVALID},
};

/* The 64-bit register containing r, and in *width its size in bytes (8, 4, 2 or 1);
 * X86_REG_INVALID if r is not a general register. */
static x86_reg family(x86_reg r, unsigned *width)
{
    static const unsigned widths[5] = {8, 4, 2, 1, 1};
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 5; j++)
            if (r != X86_REG_INVALID && gpr[i][j] == r) {
                if (width)
                    *width = widths[j];
                return gpr[i][0];
            }
    return X86_REG_INVALID;
}

static bool is_gpr(x86_reg r, unsigned want_width)
{
    unsigned w = 0;
    return family(r, &w) != X86_REG_INVALID && w == want_width;
}

/* ---- what an instruction means to the instructions after it ---- */

enum kind {
    K_OTHER,
    K_AND_MASK,   /* andl $imm, %eR   with imm & 31 == 0 (R9) */
    K_ADD_BASE,   /* addq %r15, %rR (R9, R10) */
    K_ZEXT_SELF,  /* movl %eR, %eR (R13) */
    K_LEA_REBASE, /* leaq (%r15,%rR,1), %rR (R13) */
    K_PUSH,       /* pushq %rR (R10) */
};

struct seen {
    uint64_t off; /* offset in the region */
    enum kind kind;
    x86_reg reg;  /* the 64-bit register the kind is about */
};

static struct seen classify(const cs_insn *in, uint64_t off)
{
    const cs_x86 *x = &in->detail->x86;
    const cs_x86_op *o = x->operands;
    struct seen s = {off, K_OTHER, X86_REG_INVALID};

    if (in->id == X86_INS_AND && x->op_count == 2 && o[0].type == X86_OP_REG &&
        is_gpr(o[0].reg, 4) && o[1].type == X86_OP_IMM && (o[1].imm & 31) == 0) {
        s.kind = K_AND_MASK;
    } else if (in->id == X86_INS_ADD && x->op_count == 2 && o[0].type == X86_OP_REG &&
               is_gpr(o[0].reg, 8) && o[1].type == X86_OP_REG && o[1].reg == X86_REG_R15) {
        s.kind = K_ADD_BASE;
    } else if (in->id == X86_INS_MOV && x->op_count == 2 && o[0].type == X86_OP_REG &&
               is_gpr(o[0].reg, 4) && o[1].type == X86_OP_REG && o[1].reg == o[0].reg) {
        s.kind = K_ZEXT_SELF;
    } else if (in->id == X86_INS_LEA && x->op_count == 2 && o[0].type == X86_OP_REG &&
               is_gpr(o[0].reg, 8) && o[1].type == X86_OP_MEM &&
               o[1].mem.base == X86_REG_R15 && o[1].mem.index == o[0].reg &&
               o[1].mem.scale == 1 && o[1].mem.disp == 0 &&
               o[1].mem.segment == X86_REG_INVALID && x->addr_size == 8) {
        s.kind = K_LEA_REBASE;
    } else if (in->id == X86_INS_PUSH && x->op_count == 1 && o[0].type == X86_OP_REG &&
               is_gpr(o[0].reg, 8)) {
        s.kind = K_PUSH;
    }
    if (s.kind != K_OTHER)
        s.reg = family(o[0].reg, NULL);
    return s;
}

/* ---- the pass ---- */

struct branch {
    size_t insn;      /* index into the seen array */
    uint64_t target;  /* region offset (may be out of range: it is unsigned arithmetic) */
};

struct pass {
    const capcheck_region *r;
    const capcheck_out *out;
    csh intel, att;
    long problems;
    struct seen *seen; /* every decoded instruction, in order */
    size_t n_seen;
    uint8_t *at;       /* per byte: AT_START / AT_INTERIOR */
    struct branch *branches;
    size_t n_branches;
    const cs_insn *cur; /* the instruction being checked */
};
enum { AT_START = 1, AT_INTERIOR = 2 };

static void problem(struct pass *p, uint64_t off, const char *what)
{
    p->problems++;
    if (!p->out->report)
        return;
    /* Re-decode with the AT&T handle only to print what the project's tools print. */
    char text[160] = "(undecodable)";
    cs_insn *in = NULL;
    size_t left = p->r->size - off;
    if (cs_disasm(p->att, p->r->code + off, left < 15 ? left : 15, p->r->vaddr + off, 1, &in) == 1)
        snprintf(text, sizeof text, "%s %s", in->mnemonic, in->op_str);
    if (in)
        cs_free(in, 1);
    fprintf(p->out->report, "%s:%s+0x%" PRIx64 ": %s: %s\n", p->r->file, p->r->name, off, what,
            text);
}

/* Do instructions seen[a] and seen[b] start in the same bundle? A sequence split over two
 * bundles is no sequence: an indirect jump can land between its parts (R6). */
static bool in_one_bundle(const struct pass *p, size_t a, size_t b)
{
    return p->seen[a].off / BUNDLE == p->seen[b].off / BUNDLE;
}

static bool prev_is(const struct pass *p, size_t i, size_t back, enum kind k, x86_reg reg)
{
    return i >= back && p->seen[i - back].kind == k && p->seen[i - back].reg == reg &&
           in_one_bundle(p, i - back, i);
}

static void mark_interior(struct pass *p, size_t from, size_t to)
{
    for (size_t j = from; j <= to; j++)
        p->at[p->seen[j].off] |= AT_INTERIOR;
}

static bool relocated(const capcheck_region *r, uint64_t lo, uint64_t hi)
{
    for (size_t k = 0; k < r->n_relocs; k++)
        if (r->relocs[k] >= lo && r->relocs[k] < hi)
            return true;
    return false;
}

/* R9, R10: indirect jmp/call and ret must end their masking sequence. */
static void check_control(struct pass *p, const cs_insn *in, size_t i, uint64_t off)
{
    const cs_x86 *x = &in->detail->x86;
    const cs_x86_op *o = x->operands;

    switch (in->id) {
    case X86_INS_LJMP:
    case X86_INS_LCALL:
        problem(p, off, "far jmp/call");
        return;
    case X86_INS_RETF:
    case X86_INS_RETFQ:
    case X86_INS_IRET:
    case X86_INS_IRETD:
    case X86_INS_IRETQ:
        problem(p, off, "far return");
        return;
    case X86_INS_RET:
        if (x->prefix[2] == 0x66) {
            problem(p, off, "operand-size prefix on a ret");
            return;
        }
        if (x->op_count != 0) {
            problem(p, off, "ret with an immediate");
            return;
        }
        /* andl $-32,%eR; addq %r15,%rR; pushq %rR; retq */
        if (i >= 1 && p->seen[i - 1].kind == K_PUSH) {
            x86_reg r = p->seen[i - 1].reg;
            if (in_one_bundle(p, i - 1, i) && prev_is(p, i, 2, K_ADD_BASE, r) &&
                prev_is(p, i, 3, K_AND_MASK, r)) {
                mark_interior(p, i - 2, i);
                return;
            }
        }
        problem(p, off, "ret without the masked push before it");
        return;
    case X86_INS_JMP:
    case X86_INS_CALL:
        break;
    default:
        return;
    }
    /* 66 on a near branch is ignored by Intel but truncates the target to 16 bits on AMD:
     * the two vendors disagree on where it goes, so no decoder's answer can be trusted. */
    if (x->prefix[2] == 0x66) {
        problem(p, off, "operand-size prefix on a jmp/call");
        return;
    }
    if (x->op_count != 1 || o[0].type == X86_OP_IMM)
        return; /* direct: checked with the branch targets */
    if (o[0].type == X86_OP_MEM) {
        problem(p, off, "memory-indirect jmp/call");
        return;
    }
    x86_reg r = o[0].reg;
    if (!is_gpr(r, 8) || r == X86_REG_RSP || r == X86_REG_R14 || r == X86_REG_R15) {
        problem(p, off, "indirect jmp/call through a register R9 does not allow");
        return;
    }
    if (prev_is(p, i, 1, K_ADD_BASE, r) && prev_is(p, i, 2, K_AND_MASK, r)) {
        mark_interior(p, i - 1, i);
        return;
    }
    problem(p, off, "indirect jmp/call without andl $-32 and addq %r15 on its register in its bundle");
}

/* R13: the string instruction's pointer registers must be rebased right before it. */
static bool string_regs(const cs_insn *in, bool *rdi, bool *rsi)
{
    const cs_x86 *x = &in->detail->x86;
    if (in->id == X86_INS_MASKMOVQ || in->id == X86_INS_MASKMOVDQU ||
        in->id == X86_INS_VMASKMOVDQU) {
        *rdi = true, *rsi = false;
        return true;
    }
    /* By opcode, not by id: Capstone's MOVSD/CMPSD ids also name the SSE instructions. */
    uint8_t op = x->opcode[0];
    if (x->opcode[1] != 0 || !((op >= 0xa4 && op <= 0xa7) || (op >= 0xaa && op <= 0xaf)))
        return false;
    bool lods = op == 0xac || op == 0xad;
    *rdi = !lods;
    *rsi = op <= 0xa7 || lods; /* movs, cmps, lods */
    return true;
}

static void check_string(struct pass *p, size_t i, uint64_t off, bool rdi, bool rsi)
{
    /* Walk back over at most two adjacent (movl %eR,%eR; leaq (%r15,%rR,1),%rR) pairs. */
    bool got_rdi = false, got_rsi = false;
    size_t first = i;
    for (int pair = 0; pair < 2; pair++) {
        size_t lea = first - 1, mov = first - 2;
        if (first < 2 || p->seen[lea].kind != K_LEA_REBASE || p->seen[mov].kind != K_ZEXT_SELF ||
            p->seen[mov].reg != p->seen[lea].reg || !in_one_bundle(p, mov, i))
            break;
        if (p->seen[lea].reg == X86_REG_RDI)
            got_rdi = true;
        else if (p->seen[lea].reg == X86_REG_RSI)
            got_rsi = true;
        else
            break;
        first = mov;
    }
    /* The rebase is only worth something if the instruction uses the full 64-bit registers
     * with no segment base: a 67 prefix makes it use %edi/%esi (absolute, below 4 GiB). */
    const cs_insn *in = p->cur;
    if (!rdi && !rsi)
        return; /* stores-only lods/cmps/scas */
    if (in->detail->x86.addr_size != 8) {
        problem(p, off, "string instruction with an address-size prefix");
        return;
    }
    for (uint8_t k = 0; k < in->detail->x86.op_count; k++) {
        x86_reg seg = in->detail->x86.operands[k].mem.segment;
        if (in->detail->x86.operands[k].type == X86_OP_MEM &&
            (seg == X86_REG_FS || seg == X86_REG_GS)) {
            problem(p, off, "string instruction with an %fs/%gs segment override");
            return;
        }
    }
    if ((rdi && !got_rdi) || (rsi && !got_rsi)) {
        problem(p, off, "string instruction without the movl/leaq rebase of its pointer registers");
        return;
    }
    if (first < i)
        mark_interior(p, first + 1, i);
}

static bool rip_target_in_image(const capcheck_region *r, uint64_t target)
{
    for (size_t k = 0; k < r->n_image; k++)
        if (target >= r->image[k].start && target + 8 <= r->image[k].end && target + 8 > target)
            return true;
    return false;
}

/* R11: one explicit memory operand. */
static void check_mem(struct pass *p, const cs_insn *in, uint64_t off, const cs_x86_op *o)
{
    const x86_op_mem *m = &o->mem;
    int64_t d = m->disp;
    bool noop_seg = m->segment == X86_REG_INVALID || m->segment == X86_REG_CS ||
                    m->segment == X86_REG_DS || m->segment == X86_REG_ES ||
                    m->segment == X86_REG_SS;
    if (!noop_seg) {
        problem(p, off, "memory operand with an %fs/%gs segment override");
        return;
    }
    if (in->detail->x86.addr_size != 8) {
        problem(p, off, "memory operand with an address-size prefix");
        return;
    }
    if (m->base == X86_REG_RIP && m->index == X86_REG_INVALID) {
        if (p->r->n_image == 0)
            return; /* object: the target is a relocation */
        uint64_t target = p->r->vaddr + off + in->size + (uint64_t)d;
        if (!rip_target_in_image(p->r, target))
            problem(p, off, "rip-relative operand outside the image");
        return;
    }
    if (m->base == X86_REG_R15 && m->index == X86_REG_R14 && m->scale == 1 && d > -DISP_LIMIT &&
        d < DISP_LIMIT)
        return; /* form a */
    if (m->base == X86_REG_RSP && m->index == X86_REG_INVALID && d > -DISP_LIMIT && d < DISP_LIMIT)
        return; /* form b */
    if (m->base == X86_REG_R15 && m->index == X86_REG_INVALID && d >= 0 && d < 0x80000000LL)
        return; /* form d */
    problem(p, off, "memory operand not of form a-d (R11)");
}

/* R3, R4: explicit and implicit register writes. */
static void check_writes(struct pass *p, const cs_insn *in, uint64_t off)
{
    cs_regs rd, wr;
    uint8_t n_rd = 0, n_wr = 0;
    x86_reg written[64 + 8];
    size_t n = 0;
    if (cs_regs_access(p->intel, in, rd, &n_rd, wr, &n_wr) == CS_ERR_OK)
        for (uint8_t k = 0; k < n_wr; k++)
            written[n++] = (x86_reg)wr[k];
    /* Also the explicit operands marked written, in case the list above misses one. */
    const cs_x86 *x = &in->detail->x86;
    for (uint8_t k = 0; k < x->op_count && n < sizeof written / sizeof written[0]; k++)
        if (x->operands[k].type == X86_OP_REG && (x->operands[k].access & CS_AC_WRITE))
            written[n++] = x->operands[k].reg;

    bool r15 = false, r14 = false;
    for (size_t k = 0; k < n; k++) {
        unsigned w = 0;
        x86_reg f = family(written[k], &w);
        r15 |= f == X86_REG_R15;
        r14 |= f == X86_REG_R14 && w == 8;
    }
    if (r15)
        problem(p, off, "writes %r15 (R3)");
    if (r14)
        problem(p, off, "64-bit write of %r14 (R4)");
}

static void dump_lengths(struct pass *p, const cs_insn *in, uint64_t off, bool string)
{
    FILE *f = p->out->lengths;
    const cs_x86 *x = &in->detail->x86;
    const char *base = "-", *index = "-";
    unsigned scale = 0;
    for (uint8_t k = 0; k < x->op_count && !string; k++) {
        const x86_op_mem *m = &x->operands[k].mem;
        if (x->operands[k].type != X86_OP_MEM)
            continue;
        if (m->base != X86_REG_INVALID)
            base = cs_reg_name(p->intel, m->base);
        if (m->index != X86_REG_INVALID) {
            index = cs_reg_name(p->intel, m->index);
            scale = (unsigned)m->scale;
        }
        break;
    }
    fprintf(f, "0x%" PRIx64 " %u %s %s %u\n", p->r->vaddr + off, (unsigned)in->size, base, index,
            scale);
}

static void check_insn(struct pass *p, const cs_insn *in, size_t i, uint64_t off)
{
    const cs_x86 *x = &in->detail->x86;

    /* R5: no instruction crosses a bundle boundary. */
    if (off / BUNDLE != (off + in->size - 1) / BUNDLE)
        problem(p, off, "instruction crosses a bundle boundary (R5)");

    /* R8: calls end bundles. */
    if ((in->id == X86_INS_CALL || in->id == X86_INS_LCALL) && (off + in->size) % BUNDLE != 0)
        problem(p, off, "call does not end a bundle (R8)");

    check_control(p, in, i, off);

    /* The direct ways out of the sandbox without any memory or branch trick: traps into the
     * kernel, port I/O, privileged instructions, and setting a segment base (R14).
     * Capstone 4 puts the allowed rdtscp in its privileged group, hence the exception. */
    static const unsigned trap_ids[] = {
        X86_INS_SYSCALL, X86_INS_SYSENTER, X86_INS_SYSEXIT, X86_INS_SYSRET, X86_INS_WRFSBASE,
        X86_INS_WRGSBASE, X86_INS_IN, X86_INS_OUT, X86_INS_RDMSR, X86_INS_WRMSR, X86_INS_CLI,
        X86_INS_STI, X86_INS_HLT,
    };
    bool trap = (cs_insn_group(p->intel, in, X86_GRP_INT) ||
                 cs_insn_group(p->intel, in, X86_GRP_IRET) ||
                 cs_insn_group(p->intel, in, X86_GRP_PRIVILEGE)) &&
                in->id != X86_INS_RDTSCP;
    for (size_t k = 0; k < sizeof trap_ids / sizeof trap_ids[0]; k++)
        trap |= in->id == trap_ids[k];
    if (trap)
        problem(p, off, "system call, interrupt, I/O or privileged instruction (R14)");

    bool rdi = false, rsi = false;
    bool string = string_regs(in, &rdi, &rsi);
    if (string && p->r->stores_only) {
        /* Stores-only: lods/cmps/scas only read; movs, stos and maskmov write via %rdi. */
        uint8_t op = x->opcode[0];
        rsi = false;
        rdi = rdi && !(op == 0xa6 || op == 0xa7 || op == 0xae || op == 0xaf);
    }
    if (string)
        check_string(p, i, off, rdi, rsi);
    else if (in->id != X86_INS_LEA && in->id != X86_INS_NOP)
        for (uint8_t k = 0; k < x->op_count; k++) {
            /* Stores-only skips operands Capstone says are only read; an unknown access
             * (0) counts as a write, so a Capstone gap cannot hide a store. */
            if (x->operands[k].type != X86_OP_MEM ||
                (p->r->stores_only && x->operands[k].access == CS_AC_READ))
                continue;
            check_mem(p, in, off, &x->operands[k]);
        }

    check_writes(p, in, off);

    /* Direct branches: remember the target for the second pass (R7). */
    if (cs_insn_group(p->intel, in, X86_GRP_BRANCH_RELATIVE) && x->op_count == 1 &&
        x->operands[0].type == X86_OP_IMM &&
        !relocated(p->r, off + 1, off + in->size)) {
        struct branch b = {i, (uint64_t)x->operands[0].imm - p->r->vaddr};
        p->branches[p->n_branches++] = b;
    }

    if (p->out->lengths)
        dump_lengths(p, in, off, string);
}

/* R7: direct branch targets are instruction starts in the region and not sequence interiors. */
static void check_branches(struct pass *p)
{
    for (size_t k = 0; k < p->n_branches; k++) {
        uint64_t t = p->branches[k].target, off = p->seen[p->branches[k].insn].off;
        if (t >= p->r->size)
            problem(p, off, "direct branch outside the code (R7)");
        else if (!(p->at[t] & AT_START))
            problem(p, off, "direct branch into the middle of an instruction (R7)");
        else if (p->at[t] & AT_INTERIOR)
            problem(p, off, "direct branch into the interior of a sequence (R7)");
    }
}

long capcheck_check_region(const capcheck_region *r, const capcheck_out *out)
{
    struct pass p = {.r = r, .out = out};
    long result = -1;
    size_t cap = r->size + 1;

    p.seen = calloc(cap, sizeof *p.seen);
    p.branches = calloc(cap, sizeof *p.branches);
    p.at = calloc(cap, 1);
    if (!p.seen || !p.branches || !p.at)
        goto done;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &p.intel) != CS_ERR_OK)
        goto done;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &p.att) != CS_ERR_OK) {
        cs_close(&p.intel);
        goto done;
    }
    cs_option(p.intel, CS_OPT_DETAIL, CS_OPT_ON);
    cs_option(p.att, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);

    if (r->vaddr % BUNDLE != 0)
        problem(&p, 0, "code does not start at a 32-byte aligned address (R5)");
    if (out->lengths)
        fprintf(out->lengths, "# %s:%s\n", r->file, r->name);

    cs_insn *in = cs_malloc(p.intel);
    const uint8_t *code = r->code;
    size_t left = r->size;
    uint64_t addr = r->vaddr;
    while (left > 0) {
        uint64_t off = addr - r->vaddr;
        if (!cs_disasm_iter(p.intel, &code, &left, &addr, in)) {
            /* Undecodable, or an instruction running past the end: report the byte and
             * resynchronise on the next one, so later problems are still listed. */
            problem(&p, off, "undecodable bytes (R5)");
            if (out->lengths)
                fprintf(out->lengths, "0x%" PRIx64 " ?\n", r->vaddr + off);
            code++, left--, addr++;
            continue;
        }
        size_t i = p.n_seen++;
        p.seen[i] = classify(in, off);
        p.at[off] |= AT_START;
        p.cur = in;
        check_insn(&p, in, i, off);
    }
    cs_free(in, 1);
    check_branches(&p);
    cs_close(&p.intel);
    cs_close(&p.att);
    result = p.problems;
done:
    free(p.seen);
    free(p.branches);
    free(p.at);
    return result;
}
