/* The reference path of the verifier, for tests and tools only (tests/verifier): the same
 * rules as sfi_verify_code(), applied to every instruction after a full Zydis decode
 * (every operand, hidden ones included), with no fast path. The differential test runs
 * both on the same bytes and requires the same violations and statistics. */
#ifndef SFI_VERIFIER_REFERENCE_H
#define SFI_VERIFIER_REFERENCE_H

#include "sfi/verify.h"

#ifdef __cplusplus
extern "C" {
#endif

sfi_verify_status sfi_verify_code_reference(const uint8_t *code, size_t size, uint64_t vaddr,
                                            const sfi_verify_config *config,
                                            sfi_verify_result *result);
sfi_verify_status sfi_verify_object_reference(const uint8_t *file, size_t size,
                                              const sfi_verify_config *config,
                                              sfi_verify_result *result);
sfi_verify_status sfi_verify_module_reference(const uint8_t *file, size_t size,
                                              const sfi_verify_config *config,
                                              sfi_verify_result *result);

#ifdef __cplusplus
}
#endif
#endif
