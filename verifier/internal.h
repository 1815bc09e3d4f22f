/* Internal interface between the verifier's rule files. Nothing here is public API.
 *
 * One sfi_verifier checks one executable region in a single pass, bundle by bundle. Each
 * instruction is decoded once (Zydis, all operands including hidden ones) into sfi_insn,
 * every rule file looks at it, and a short summary of it is kept for the rest of its
 * bundle so that the last instruction of a sequence (R6) can look back at its head. */
#ifndef SFI_VERIFIER_INTERNAL_H
#define SFI_VERIFIER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <Zydis/Zydis.h>

#include "sfi/verify.h"

#define SFI_BUNDLE_SIZE 32u
#define SFI_BUNDLE_MASK (SFI_BUNDLE_SIZE - 1u)
#define SFI_MAX_DISP 0x8000        /* D of the contract: |disp| < D on unmasked bases */
#define SFI_RIP_ACCESS_BYTES 8u    /* R11 form c: [rip+disp, rip+disp+8) inside the image */
#define SFI_DEFAULT_MAX_VIOLATIONS 100u

/* What an instruction can be as part of a sequence (R6). The register (64-bit form) is in
 * sfi_summary.reg. Everything else is SFI_KIND_OTHER. */
typedef enum sfi_kind {
    SFI_KIND_OTHER = 0,
    SFI_KIND_AND_MASK,     /* andl $imm, %eR with imm & 31 == 0, R not rsp/r14/r15 */
    SFI_KIND_ADD_BASE,     /* addq %r15, %rR (R != rsp) */
    SFI_KIND_PUSH_REG,     /* pushq %rR */
    SFI_KIND_MOV_SELF32,   /* movl %edi, %edi  or  movl %esi, %esi */
    SFI_KIND_LEA_REBASE    /* leaq (%r15,%rR,1), %rR for R in {rdi, rsi} */
} sfi_kind;

typedef struct sfi_summary {
    uint32_t offset;       /* from the region start */
    uint8_t length;
    uint8_t kind;          /* sfi_kind */
    uint16_t reg;          /* ZydisRegister, 64-bit form */
} sfi_summary;

/* The instruction being checked. */
typedef struct sfi_insn {
    ZydisDecodedInstruction zi;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    uint64_t vaddr;        /* module-space address */
    uint32_t offset;       /* from the region start */
    sfi_kind kind;         /* computed before the rules run */
    ZydisRegister kind_reg;
} sfi_insn;

/* Object mode: what the linker will put into a relocated branch displacement. */
typedef enum sfi_reloc_kind {
    SFI_RELOC_UNKNOWN = 0,  /* other section or undefined symbol: checked after linking */
    SFI_RELOC_SAME_REGION,  /* PC-relative to a symbol of this section: value = S + A */
    SFI_RELOC_ABSOLUTE      /* PC-relative to an absolute symbol: never a valid target */
} sfi_reloc_kind;

typedef struct sfi_reloc {
    uint64_t offset;        /* of the relocated field, from the region start */
    int64_t value;          /* S + A (offset of the symbol in the region, plus addend) */
    uint8_t kind;           /* sfi_reloc_kind */
    uint8_t pc_relative;    /* R_X86_64_PC32 / PLT32 */
} sfi_reloc;

typedef struct sfi_branch {
    uint32_t from;          /* offset of the branch instruction */
    uint32_t to;            /* offset of its target (inside the region) */
} sfi_branch;

typedef struct sfi_verifier {
    ZydisDecoder decoder;
    ZydisFormatter formatter;

    const uint8_t *code;
    size_t size;
    uint64_t vaddr;
    const char *region_name;    /* for sfi_violation.region */
    bool reference;             /* no fast path: full decode and every rule (reference.h) */

    sfi_policy policy;
    uint64_t image_start, image_end;  /* image_end == 0: object mode */
    sfi_verify_result *result;
    size_t max_violations;

    const sfi_reloc *relocs;    /* sorted by offset; object mode only */
    size_t n_relocs;

    /* One bit per byte of the region. */
    uint64_t *insn_start;       /* an instruction starts here */
    uint64_t *interior;         /* an interior instruction of a sequence starts here */

    sfi_branch *branches;       /* direct branch targets, checked at the end (R7) */
    size_t n_branches, cap_branches;
    bool out_of_memory;

    /* The current bundle: summaries of the instructions before the current one. */
    sfi_summary window[SFI_BUNDLE_SIZE];
    unsigned window_len;

    /* Rules already reported for the current instruction (bit n = R<n>): one line each. */
    uint64_t reported_rules;
    uint32_t reported_offset;
} sfi_verifier;

/* ---- verify_code.c ---- */
/* Verifies one region with everything set up in *v except the bitmaps. */
sfi_verify_status sfi_verify_region(sfi_verifier *v);
/* Initialises the fields of *v that do not depend on the region. */
void sfi_verifier_init(sfi_verifier *v, const sfi_verify_config *config,
                       sfi_verify_result *result);

/* ---- bitmaps (verify_code.c) ---- */
static inline void sfi_bit_set(uint64_t *map, size_t i) { map[i >> 6] |= 1ull << (i & 63); }
static inline bool sfi_bit_get(const uint64_t *map, size_t i) {
    return (map[i >> 6] >> (i & 63)) & 1u;
}

/* ---- sequences.c ---- */
void sfi_classify(sfi_insn *in);
/* The i-th instruction before the current one in this bundle (1 = the one right before),
 * or NULL when the bundle has fewer. */
const sfi_summary *sfi_window_back(const sfi_verifier *v, unsigned i);
bool sfi_window_is(const sfi_verifier *v, unsigned back, sfi_kind kind, ZydisRegister reg);
void sfi_mark_interior(sfi_verifier *v, uint32_t offset);

/* ---- rule files: each reports its own violations ---- */
void sfi_check_prefixes(sfi_verifier *v, const sfi_insn *in);        /* R16 */
/* R14, R15. False when the instruction is refused: the other rules then skip it, since
 * it is rejected anyway and their findings would only be noise. */
bool sfi_check_allowlist(sfi_verifier *v, const sfi_insn *in);
/* Builds the lookup tables once per process (called by sfi_verifier_init). */
void sfi_allowlist_init(void);
void sfi_check_register_writes(sfi_verifier *v, const sfi_insn *in); /* R3, R4, R12 */
void sfi_check_memory(sfi_verifier *v, const sfi_insn *in);          /* R11, R17 */
void sfi_check_control(sfi_verifier *v, const sfi_insn *in);         /* R7-R10 */
void sfi_check_string(sfi_verifier *v, const sfi_insn *in);          /* R13 */
/* R11 form c / R17 for one rip-relative operand with displacement disp, of the
 * instruction of `length` bytes at region offset `offset`. */
void sfi_check_rip_relative(sfi_verifier *v, uint32_t offset, unsigned length, int64_t disp);
/* A direct jmp/jcc/call/loop as R7 and R8 see it: built from a decoded instruction or
 * from the fast path's fields. */
typedef struct sfi_direct {
    uint32_t offset;     /* of the instruction, from the region start */
    uint8_t length;
    uint8_t rel_field;   /* offset of the displacement field in the instruction */
    bool is_call;
    int64_t rel;         /* the displacement as decoded, sign-extended */
} sfi_direct;
sfi_direct sfi_direct_of(const sfi_insn *in, int64_t rel);
void sfi_check_call_end(sfi_verifier *v, uint32_t offset, unsigned length, bool is_call); /* R8 */
/* R9 for jmp/call *%r at offset (the register in its 64-bit form). */
void sfi_check_indirect_reg(sfi_verifier *v, uint32_t offset, bool is_call, ZydisRegister r);
/* R10 for a plain ret (no immediate) at offset. */
void sfi_check_return(sfi_verifier *v, uint32_t offset);
void sfi_check_direct_target(sfi_verifier *v, const sfi_direct *b);                     /* R7 */
/* The instruction-level part of R14/R15 (no operands needed): true if not refused. */
bool sfi_allowlist_insn_ok(const ZydisDecodedInstruction *zi);
/* The fast path (fast_path.c). Handles the instruction completely (every rule, same
 * violations, statistics and sequence kind as the reference path) and returns true, or
 * returns false without any side effect when the instruction is outside its classes;
 * the caller then decodes the operands and runs the reference rules. */
bool sfi_fast_path(sfi_verifier *v, sfi_insn *in);
/* Builds the fast path's mnemonic table and the table decoder's opcode index (called
 * once, from sfi_allowlist_init). */
void sfi_fast_build(void);

/* Classes of the fast path's per-mnemonic table (fast_path.c). */
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
    /* Sequence pieces and ends, judged only on the table decoder's fields
     * (sfi_fast_fields); the Zydis route leaves them to the reference path as before: */
    FP_ADD = 256,    /* add: addq %r15,%rR is an ADD_BASE (R not %rsp) */
    FP_STACK = 512,  /* push/pop of a register (50+r, 58+r): push is a PUSH_REG */
    FP_RET = 1024,   /* ret (c3): the end of the masked return sequence (R10) */
};

/* The class bits of a mnemonic (FP_*), 0 when the fast path does not know it. */
unsigned sfi_fast_class(ZydisMnemonic mnemonic);

/* The raw encoding fields the fast rules read (fast_path.c), filled by one of two
 * decoders: sfi_fields_of from a Zydis decode, or sfi_table_decode (table_decode.c)
 * without Zydis. tests/verifier/test_table_decode.c proves the two equal on the table
 * decoder's whole domain. ModRM/SIB fields are the raw 3-bit values (0 when absent). */
typedef struct sfi_fields {
    uint16_t mnemonic;       /* ZydisMnemonic */
    uint8_t length;
    uint8_t map;             /* 0: one-byte map, 1: 0f */
    uint8_t opcode;
    uint8_t operand_width;   /* for FP_GPR mnemonics (fast_path.c); 0 for the others */
    uint8_t has_modrm, mod, reg, rm;
    uint8_t has_sib, sib_scale, sib_index, sib_base;
    uint8_t rex_w, rex_r, rex_x, rex_b;
    uint8_t imm_size;        /* bits of the first immediate, 0: none */
    uint8_t direct_branch;   /* no ModRM, one visible operand: a relative immediate */
    uint8_t rel_field;       /* direct branch: offset of the displacement field */
    int64_t rel;             /* direct branch: the displacement, sign-extended */
    int64_t disp;            /* the ModRM displacement, sign-extended (0 if none) */
    uint8_t imm_low;         /* low byte of the first immediate (AND_MASK: imm & 31) */
} sfi_fields;
/* From a Zydis decode: false when the instruction is outside the fast path's domain
 * (not legacy-encoded, 32-bit addressing, %fs/%gs, refused by R14/R15, mnemonic not in
 * the fast table, or not a form the fast table knows). */
bool sfi_fields_of(const ZydisDecodedInstruction *zi, sfi_fields *f);
/* The mnemonic is in the fast table as an integer operation (FP_GPR): every general
 * register operand has the operand size. */
bool sfi_fast_is_gpr(ZydisMnemonic mnemonic);
/* The memory operand the fast rules see in *f (a ModRM with mod != 3), in Zydis terms:
 * base/index ZYDIS_REGISTER_NONE when absent, RIP for rip-relative. */
void sfi_fields_memory(const sfi_fields *f, ZydisRegister *base, ZydisRegister *index,
                       unsigned *scale);
/* The fast rules on an instruction the table decoder accepted, at region offset
 * `offset` (the table decoder's domain has no prefix R16 could object to). Besides what
 * sfi_fast_path judges, this route also takes the common sequence pieces and ends
 * (push/pop of a register, andl $imm, addq %r15, ret, jmp/call *%r, and R12.3's
 * leaq (%r15,%r14,1),%rsp) and fills in the
 * instruction's summary, kind included. False without any side effect. */
bool sfi_fast_fields(sfi_verifier *v, uint32_t offset, const sfi_fields *f,
                     sfi_summary *summary);

/* ---- table_decode.c ---- */
/* Decodes the instruction at code[0..room) if it is in the table decoder's domain and
 * fits in room bytes; false (decline: use Zydis) otherwise. */
bool sfi_table_decode(const uint8_t *code, size_t room, sfi_fields *f);
void sfi_table_build(void);

/* One row of the table without legacy prefixes, seen with REX.W = w and ModRM.reg = reg
 * (the quick path builds its descriptors from these: one table for both decoders). */
enum sfi_row_shape { SFI_ROW_NONE, SFI_ROW_MODRM, SFI_ROW_OPREG, SFI_ROW_PLAIN, SFI_ROW_REL };
typedef struct sfi_row_view {
    ZydisMnemonic mnemonic;   /* the row's (group member's) mnemonic */
    uint8_t shape;            /* sfi_row_shape; SFI_ROW_NONE: no row, or no member for reg */
    uint8_t imm_bytes;        /* immediate, or displacement of a SFI_ROW_REL branch */
    bool w_used;              /* REX.W means something (R16) */
    bool reg_is_register;     /* ModRM.reg names a register (else an opcode extension) */
    bool mem_only, reg_only;  /* ModRM must name memory / a register */
    bool gpr;                 /* sfi_fast_is_gpr of the mnemonic */
    bool byte_op;             /* operand width 8 */
} sfi_row_view;
void sfi_table_row_view(unsigned map, unsigned w, unsigned opcode, unsigned reg,
                        sfi_row_view *view);

/* R7: checks the collected direct branch targets once the whole region is decoded. */
void sfi_check_branch_targets(sfi_verifier *v);

/* Helpers shared by the rule files. */
static inline bool sfi_small_disp(int64_t d) { /* |d| < D */
    return d > -SFI_MAX_DISP && d < SFI_MAX_DISP;
}
/* movs/stos/lods/cmps/scas. The category tells the string movsd/cmpsd apart from the
 * SSE2 ones. */
static inline bool sfi_is_string_op(const ZydisDecodedInstruction *zi) {
    return zi->meta.category == ZYDIS_CATEGORY_STRINGOP;
}
static inline bool sfi_is_masked_move(const ZydisDecodedInstruction *zi) {
    return zi->mnemonic == ZYDIS_MNEMONIC_MASKMOVQ || zi->mnemonic == ZYDIS_MNEMONIC_MASKMOVDQU ||
           zi->mnemonic == ZYDIS_MNEMONIC_VMASKMOVDQU;
}
static inline bool sfi_is_nop(const ZydisDecodedInstruction *zi) {
    return zi->mnemonic == ZYDIS_MNEMONIC_NOP;
}
ZydisRegister sfi_reg64(ZydisRegister reg);  /* enclosing 64-bit GPR, or reg itself */
/* The 64-bit general register of encoding number n (0-15): rax..r15 are consecutive in
 * ZydisRegister, in encoding order. */
_Static_assert(ZYDIS_REGISTER_RDI - ZYDIS_REGISTER_RAX == 7 &&
                   ZYDIS_REGISTER_R15 - ZYDIS_REGISTER_RAX == 15, "GPR64 order");
static inline ZydisRegister sfi_gpr64(unsigned n) {
    return (ZydisRegister)(ZYDIS_REGISTER_RAX + n);
}

/* ---- report.c ---- */
/* Reports a violation by the instruction at region offset `offset` (decoded again for the
 * report). printf-style message. */
void sfi_report(sfi_verifier *v, uint32_t offset, unsigned rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Reports a violation with no instruction (ELF structure). */
void sfi_report_input(sfi_verify_result *r, size_t max, const char *region, uint64_t offset,
                      uint64_t vaddr, unsigned rule, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Reserves a violation slot (NULL past the capacity); always counts it. */
sfi_violation *sfi_result_add(sfi_verify_result *r, size_t max);

/* ---- elf_module.c ---- */
/* (public functions only) */

#endif
