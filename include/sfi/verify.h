/* sfi-verify: the static verifier of docs/sandbox-abi.md.
 *
 * It decodes every byte of a module's code and accepts only code that obeys the contract.
 * It trusts nothing the toolchain did. The loader calls sfi_verify_module() on the exact
 * bytes it is about to map; there is no way to load a module without it. */
#ifndef SFI_VERIFY_H
#define SFI_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Return values of every sfi_verify_* function. */
typedef enum sfi_verify_status {
    SFI_VERIFY_OK = 0,        /* the code obeys the contract */
    SFI_VERIFY_REJECTED = 1,  /* at least one violation; see the result */
    SFI_VERIFY_BAD_INPUT = 2  /* not a readable module / object (message in result) */
} sfi_verify_status;

/* R11 policy, as recorded in the module note (R20). */
typedef enum sfi_policy {
    SFI_POLICY_LOADS_STORES = 0,
    SFI_POLICY_STORES_ONLY = 1
} sfi_policy;

typedef struct sfi_verify_config {
    sfi_policy policy;
    /* Module-space range of the image (R20), for rip-relative operands (R11 form c).
     * image_end == 0 means object mode: rip-relative targets are relocations and
     * are counted as unchecked instead of being checked. */
    uint64_t image_start, image_end;
    size_t max_violations; /* stop collecting after this many; 0 = 100 */
} sfi_verify_config;

typedef struct sfi_violation {
    uint64_t vaddr;        /* address of the offending instruction (or byte) */
    unsigned rule;         /* n of R<n> in docs/sandbox-abi.md; 0 = input error */
    uint8_t length;        /* bytes[0..length) are the instruction's bytes (may be 0) */
    uint8_t bytes[15];
    char text[96];         /* AT&T disassembly, or "" if undecodable */
    char message[160];     /* one sentence a person can act on */
    /* Added after v1 of this header (additive): where the violation is, for diagnostics.
     * region is a section name (".text") in object mode, "LOAD[i]" for a module segment,
     * "ELF" for a file-structure violation; region_offset is the offset inside it. */
    char region[32];
    uint64_t region_offset;
} sfi_violation;

typedef struct sfi_verify_stats {
    uint64_t code_bytes, instructions, bundles;
    uint64_t seq_indirect, seq_return, seq_rsp, seq_string; /* sequences by kind */
    uint64_t masked_accesses, rip_unchecked;
    /* Added after v1 (additive). Object mode: direct branches whose displacement is a
     * relocation against another section or an undefined symbol (checked after linking). */
    uint64_t branch_unchecked;
    /* CPU nanoseconds (this thread) spent decoding and checking code, not ELF parsing. */
    uint64_t verify_ns;
} sfi_verify_stats;

typedef struct sfi_verify_result {
    sfi_verify_stats stats;
    size_t n_violations;          /* how many were found (may exceed capacity) */
    size_t capacity;              /* entries available in violations[] */
    sfi_violation *violations;    /* owned by the result; freed by sfi_verify_result_free */
    char error[200];              /* for SFI_VERIFY_BAD_INPUT */
    /* Module mode only: what the module note said (R20). */
    sfi_policy module_policy;
    uint32_t module_flags;
} sfi_verify_result;

/* Verifies one executable region: code[0..size) mapped at module-space address vaddr
 * (must be 32-byte aligned). Every function overwrites *result (it does not free what
 * it held): call sfi_verify_result_free() after each call. */
sfi_verify_status sfi_verify_code(const uint8_t *code, size_t size, uint64_t vaddr,
                                  const sfi_verify_config *config, sfi_verify_result *result);

/* Verifies a whole module file image (ELF64 static PIE, R20) held in memory: the ELF
 * structure, the note, and all executable code. The policy comes from the note; config
 * may be NULL (defaults) and its policy/image fields are ignored. */
sfi_verify_status sfi_verify_module(const uint8_t *file, size_t size,
                                    const sfi_verify_config *config, sfi_verify_result *result);

/* Verifies the executable sections of a relocatable object (ET_REL), for tests. */
sfi_verify_status sfi_verify_object(const uint8_t *file, size_t size,
                                    const sfi_verify_config *config, sfi_verify_result *result);

void sfi_verify_result_free(sfi_verify_result *result);

/* Short name of a rule for diagnostics, e.g. "R11 memory operands". */
const char *sfi_rule_name(unsigned rule);

#ifdef __cplusplus
}
#endif
#endif
