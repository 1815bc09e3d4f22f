/* R14 (forbidden instructions) and R15 (allowed instruction sets). An instruction must be
 * in an allowed ISA extension, not in a denied ISA set or category, not privileged, and
 * not name a segment, control or debug register. Tables, not logic: adding an extension
 * is one line here plus a test (R15). */
#include "internal.h"

/* R15: the extensions whose instructions may appear at all (ZydisISAExt). SSE4 covers
 * SSE4.1, SSE4.2 and POPCNT; LONGMODE covers the 64-bit forms of base instructions
 * (cdqe, movsxd, movsq, cmpxchg16b, …) and its system instructions are caught below. */
static const ZydisISAExt allowed_ext[] = {
    ZYDIS_ISA_EXT_BASE,  ZYDIS_ISA_EXT_LONGMODE, ZYDIS_ISA_EXT_X87,   ZYDIS_ISA_EXT_MMX,
    ZYDIS_ISA_EXT_SSE,   ZYDIS_ISA_EXT_SSE2,     ZYDIS_ISA_EXT_SSE3,  ZYDIS_ISA_EXT_SSSE3,
    ZYDIS_ISA_EXT_SSE4,  ZYDIS_ISA_EXT_AVX,      ZYDIS_ISA_EXT_AVX2,  ZYDIS_ISA_EXT_FMA,
    ZYDIS_ISA_EXT_F16C,  ZYDIS_ISA_EXT_BMI1,     ZYDIS_ISA_EXT_BMI2,  ZYDIS_ISA_EXT_LZCNT,
    ZYDIS_ISA_EXT_AES,   ZYDIS_ISA_EXT_AVXAES,   ZYDIS_ISA_EXT_PCLMULQDQ,
    ZYDIS_ISA_EXT_MOVBE, ZYDIS_ISA_EXT_ADOX_ADCX, ZYDIS_ISA_EXT_RDRAND, ZYDIS_ISA_EXT_RDSEED,
    ZYDIS_ISA_EXT_RDTSCP, ZYDIS_ISA_EXT_PAUSE,
};

/* Extensions R14 names as forbidden: reported as R14 rather than "not on the list". */
static const ZydisISAExt denied_ext[] = {
    ZYDIS_ISA_EXT_RTM,       ZYDIS_ISA_EXT_TSX_LDTRK, ZYDIS_ISA_EXT_CET,
    ZYDIS_ISA_EXT_SGX,       ZYDIS_ISA_EXT_SGX_ENCLV, ZYDIS_ISA_EXT_VTX,
    ZYDIS_ISA_EXT_SVM,       ZYDIS_ISA_EXT_SMX,       ZYDIS_ISA_EXT_AMX_TILE,
    ZYDIS_ISA_EXT_AMX_INT8,  ZYDIS_ISA_EXT_AMX_BF16,  ZYDIS_ISA_EXT_MPX,
    ZYDIS_ISA_EXT_AVX512EVEX, ZYDIS_ISA_EXT_AVX512VEX, ZYDIS_ISA_EXT_XSAVE,
    ZYDIS_ISA_EXT_XSAVEC,    ZYDIS_ISA_EXT_XSAVEOPT,  ZYDIS_ISA_EXT_XSAVES,
    ZYDIS_ISA_EXT_PKU,       ZYDIS_ISA_EXT_AVX2GATHER, ZYDIS_ISA_EXT_RDWRFSGS,
    ZYDIS_ISA_EXT_MONITOR,   ZYDIS_ISA_EXT_MONITORX,  ZYDIS_ISA_EXT_SMAP,
};

/* ISA sets inside allowed extensions that R15 does not list. */
static const ZydisISASet denied_set[] = {
    ZYDIS_ISA_SET_FXSAVE,         /* fxsave/fxrstor: FXSR is not on the list (512-byte access) */
    ZYDIS_ISA_SET_FXSAVE64,
    ZYDIS_ISA_SET_RDPMC,          /* R14 */
    ZYDIS_ISA_SET_I286PROTECTED,  /* lar, lsl, verr, verw, sldt, str, … */
    ZYDIS_ISA_SET_I286REAL,       /* lgdt, sgdt, lidt, sidt, lmsw, smsw, clts */
    ZYDIS_ISA_SET_MONITOR,
    ZYDIS_ISA_SET_SMAP,
    ZYDIS_ISA_SET_RDWRFSGS,
    ZYDIS_ISA_SET_AVX2GATHER,
};

/* Categories that are system or segment state, whatever their extension (R14). */
static const ZydisInstructionCategory denied_category[] = {
    ZYDIS_CATEGORY_SYSCALL,  ZYDIS_CATEGORY_SYSRET,    ZYDIS_CATEGORY_INTERRUPT,
    ZYDIS_CATEGORY_IO,       ZYDIS_CATEGORY_IOSTRINGOP, ZYDIS_CATEGORY_SEGOP,
    ZYDIS_CATEGORY_SYSTEM,   ZYDIS_CATEGORY_GATHER,    ZYDIS_CATEGORY_SCATTER,
    ZYDIS_CATEGORY_AVX2GATHER, ZYDIS_CATEGORY_XSAVE,   ZYDIS_CATEGORY_XSAVEOPT,
    ZYDIS_CATEGORY_MPX,      ZYDIS_CATEGORY_PKU,       ZYDIS_CATEGORY_RDWRFSGS,
};

/* Base instructions named by R14 that neither the category nor the set catches, and the
 * ones a sandbox has no use for. */
static const ZydisMnemonic denied_mnemonic[] = {
    ZYDIS_MNEMONIC_XLAT,   ZYDIS_MNEMONIC_ENTER,  ZYDIS_MNEMONIC_LEAVE,  ZYDIS_MNEMONIC_POPF,
    ZYDIS_MNEMONIC_POPFD,  ZYDIS_MNEMONIC_POPFQ,  ZYDIS_MNEMONIC_HLT,    ZYDIS_MNEMONIC_CLI,
    ZYDIS_MNEMONIC_STI,    ZYDIS_MNEMONIC_INT,    ZYDIS_MNEMONIC_INT1,   ZYDIS_MNEMONIC_INT3,
    ZYDIS_MNEMONIC_INTO,   ZYDIS_MNEMONIC_IRET,   ZYDIS_MNEMONIC_IRETD,  ZYDIS_MNEMONIC_IRETQ,
    ZYDIS_MNEMONIC_SYSCALL, ZYDIS_MNEMONIC_SYSENTER, ZYDIS_MNEMONIC_SYSEXIT, ZYDIS_MNEMONIC_SYSRET,
    ZYDIS_MNEMONIC_LDS,    ZYDIS_MNEMONIC_LES,    ZYDIS_MNEMONIC_LFS,    ZYDIS_MNEMONIC_LGS,
    ZYDIS_MNEMONIC_LSS,    ZYDIS_MNEMONIC_SWAPGS, ZYDIS_MNEMONIC_RDPMC,  ZYDIS_MNEMONIC_RDMSR,
    ZYDIS_MNEMONIC_WRMSR,  ZYDIS_MNEMONIC_INVLPG, ZYDIS_MNEMONIC_MONITOR, ZYDIS_MNEMONIC_MWAIT,
    ZYDIS_MNEMONIC_CLAC,   ZYDIS_MNEMONIC_STAC,   ZYDIS_MNEMONIC_RSM,
    ZYDIS_MNEMONIC_UD0,    ZYDIS_MNEMONIC_UD1,    /* ud2 is the one trap the compiler emits */
    ZYDIS_MNEMONIC_ENDBR32,
};

#define CONTAINS(table, value) contains_u32(table, sizeof(table) / sizeof(table[0]), value)

static bool contains_u32(const void *table, size_t n, unsigned value) {
    /* All the tables are arrays of enums, which have the size of unsigned int here. */
    const unsigned *t = table;
    for (size_t i = 0; i < n; i++)
        if (t[i] == value)
            return true;
    return false;
}

_Static_assert(sizeof(ZydisISAExt) == sizeof(unsigned) && sizeof(ZydisISASet) == sizeof(unsigned) &&
                   sizeof(ZydisMnemonic) == sizeof(unsigned) &&
                   sizeof(ZydisInstructionCategory) == sizeof(unsigned),
               "enum tables are scanned as unsigned");

/* Built once per process from the tables: one lookup per instruction on the hot path. */
static bool ext_ok[ZYDIS_ISA_EXT_MAX_VALUE + 1];
static bool ext_bad[ZYDIS_ISA_EXT_MAX_VALUE + 1];
static bool set_bad[ZYDIS_ISA_SET_MAX_VALUE + 1];
static bool cat_bad[ZYDIS_CATEGORY_MAX_VALUE + 1];
static bool mnem_bad[ZYDIS_MNEMONIC_MAX_VALUE + 1];

static void build_tables(void) {
    for (unsigned i = 0; i <= ZYDIS_ISA_EXT_MAX_VALUE; i++)
        ext_ok[i] = CONTAINS(allowed_ext, i), ext_bad[i] = CONTAINS(denied_ext, i);
    for (unsigned i = 0; i <= ZYDIS_ISA_SET_MAX_VALUE; i++)
        set_bad[i] = CONTAINS(denied_set, i);
    for (unsigned i = 0; i <= ZYDIS_CATEGORY_MAX_VALUE; i++)
        cat_bad[i] = CONTAINS(denied_category, i);
    for (unsigned i = 0; i <= ZYDIS_MNEMONIC_MAX_VALUE; i++)
        mnem_bad[i] = CONTAINS(denied_mnemonic, i);
    sfi_fast_build();
}

#include <pthread.h>
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static bool forbidden_register(ZydisRegister reg) {
    switch (ZydisRegisterGetClass(reg)) {
    case ZYDIS_REGCLASS_SEGMENT: case ZYDIS_REGCLASS_TABLE: case ZYDIS_REGCLASS_TEST:
    case ZYDIS_REGCLASS_CONTROL: case ZYDIS_REGCLASS_DEBUG: case ZYDIS_REGCLASS_MASK:
    case ZYDIS_REGCLASS_BOUND: case ZYDIS_REGCLASS_TMM: case ZYDIS_REGCLASS_ZMM:
        return true;
    default:
        /* Unclassified state registers: MXCSR (ldmxcsr) is fine, the others are not. */
        return reg == ZYDIS_REGISTER_PKRU || reg == ZYDIS_REGISTER_XCR0 ||
               reg == ZYDIS_REGISTER_UIF;
    }
}

void sfi_allowlist_init(void) {
    pthread_once(&tables_once, build_tables);
}

/* The instruction-level part of R14/R15 (everything but the operand registers): one
 * verdict, shared by the reporting path below and the fast path's eligibility test, so
 * the two cannot disagree. */
typedef enum refusal {
    REFUSE_NONE = 0, REFUSE_EVEX, REFUSE_XOP, REFUSE_PRIVILEGED, REFUSE_FAR,
    REFUSE_FORBIDDEN, REFUSE_NOT_LISTED, REFUSE_HINT_NOP, REFUSE_AMBIGUOUS
} refusal;

/* The reserved-NOP space (0F 0D, 0F 18-0F 1F) is where Intel puts new instructions that old
 * CPUs run as NOPs (endbr64, rdssp, cldemote, prefetchit0/1, MPX). Only the padding NOP
 * assemblers emit, 0F 1F /0 with a memory operand and no F2/F3, is allowed (R15, R16). */
static bool reserved_hint_nop(const ZydisDecodedInstruction *zi) {
    if (zi->mnemonic != ZYDIS_MNEMONIC_NOP || zi->opcode_map != ZYDIS_OPCODE_MAP_0F)
        return false;
    for (unsigned k = 0; k < zi->raw.prefix_count; k++)
        if (zi->raw.prefixes[k].value == 0xf2 || zi->raw.prefixes[k].value == 0xf3)
            return true;
    return !(zi->opcode == 0x1f && zi->raw.modrm.reg == 0 && zi->raw.modrm.mod != 3);
}

static refusal insn_refusal(const ZydisDecodedInstruction *zi) {
    if (zi->attributes & (ZYDIS_ATTRIB_HAS_EVEX | ZYDIS_ATTRIB_HAS_MVEX))
        return REFUSE_EVEX;
    if (zi->attributes & ZYDIS_ATTRIB_HAS_XOP)
        return REFUSE_XOP;
    if (zi->attributes & ZYDIS_ATTRIB_IS_PRIVILEGED)
        return REFUSE_PRIVILEGED;
    if (zi->meta.branch_type == ZYDIS_BRANCH_TYPE_FAR)
        return REFUSE_FAR;
    if (reserved_hint_nop(zi))
        return REFUSE_HINT_NOP;
    /* 63 /r without REX.W is a 32- (or 16-) bit move that zero-extends, to the SDM, Zydis
     * and the CPU; Capstone 4 reads a 64-bit sign-extending write, and `44 63 f5` then
     * writes %r14 at 64 bits. No compiler emits it: refused where decoders disagree. */
    if (zi->mnemonic == ZYDIS_MNEMONIC_MOVSXD && zi->operand_width != 64)
        return REFUSE_AMBIGUOUS;
    /* rdtsc is in Zydis's SYSTEM category but R15 allows it by name. */
    if (zi->mnemonic == ZYDIS_MNEMONIC_RDTSC || zi->mnemonic == ZYDIS_MNEMONIC_RDTSCP ||
        zi->mnemonic == ZYDIS_MNEMONIC_ENDBR64)
        return REFUSE_NONE;
    if (mnem_bad[zi->mnemonic] || cat_bad[zi->meta.category] || set_bad[zi->meta.isa_set] ||
        ext_bad[zi->meta.isa_ext])
        return REFUSE_FORBIDDEN;
    if (!ext_ok[zi->meta.isa_ext])
        return REFUSE_NOT_LISTED;
    return REFUSE_NONE;
}

bool sfi_allowlist_insn_ok(const ZydisDecodedInstruction *zi) {
    return insn_refusal(zi) == REFUSE_NONE;
}

bool sfi_check_allowlist(sfi_verifier *v, const sfi_insn *in) {
    const ZydisDecodedInstruction *zi = &in->zi;

    switch (insn_refusal(zi)) {
    case REFUSE_NONE:
        break;
    case REFUSE_EVEX:
        sfi_report(v, in->offset, 14, "EVEX encodings (AVX-512) are forbidden");
        return false;
    case REFUSE_XOP:
        sfi_report(v, in->offset, 15, "XOP (AMD) is not an allowed instruction set");
        return false;
    case REFUSE_PRIVILEGED:
        sfi_report(v, in->offset, 14, "privileged instruction");
        return false;
    case REFUSE_FAR:
        sfi_report(v, in->offset, 14, "far control transfer");
        return false;
    case REFUSE_FORBIDDEN:
        sfi_report(v, in->offset, 14, "forbidden instruction %s (%s, %s)",
                   ZydisMnemonicGetString(zi->mnemonic),
                   ZydisCategoryGetString(zi->meta.category),
                   ZydisISASetGetString(zi->meta.isa_set));
        return false;
    case REFUSE_HINT_NOP:
        sfi_report(v, in->offset, 15, "reserved hint-NOP encoding: only 0f 1f /0 with a memory "
                   "operand is allowed as a NOP");
        return false;
    case REFUSE_AMBIGUOUS:
        sfi_report(v, in->offset, 15, "movsxd without REX.W is not on the allow list "
                   "(decoders disagree on the width of its destination)");
        return false;
    case REFUSE_NOT_LISTED:
        sfi_report(v, in->offset, 15, "instruction set %s (%s) is not on the allow list",
                   ZydisISAExtGetString(zi->meta.isa_ext),
                   ZydisISASetGetString(zi->meta.isa_set));
        return false;
    }
    for (unsigned i = 0; i < zi->operand_count; i++) {
        const ZydisDecodedOperand *op = &in->ops[i];
        if (op->type == ZYDIS_OPERAND_TYPE_REGISTER && forbidden_register(op->reg.value)) {
            sfi_report(v, in->offset, 14, "instruction uses system or segment register %%%s",
                       ZydisRegisterGetString(op->reg.value));
            return false;
        }
        if (op->type == ZYDIS_OPERAND_TYPE_POINTER) {
            sfi_report(v, in->offset, 14, "far pointer operand");
            return false;
        }
    }
    return true;
}
