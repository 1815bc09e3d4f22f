/* What the cross-checks must not count as a new finding (README.md, "Findings"), shared
 * by fuzz_verify and sfi-sweep. Each entry names one class of instruction. */
#ifndef SFI_FUZZ_KNOWN_H
#define SFI_FUZZ_KNOWN_H

#include <stdbool.h>

#include <Zydis/Zydis.h>

/* A known open verifier bug: the verifier accepts what it should not. Skipped only on
 * request (--ignore-known, FUZZ_VERIFY_IGNORE_KNOWN=1); regressions/ keeps a reproducer
 * of each. Remove the entry once the verifier is fixed. */
bool known_verifier_bug(const ZydisDecodedInstruction *zi);

/* A known Capstone 4.0.2 defect: the verifier (Zydis) is right and sfi-capcheck's decoder
 * is wrong, so a disagreement says nothing about the verifier. Always skipped. */
bool known_capstone_gap(const ZydisDecodedInstruction *zi);

/* A known Capstone 4.0.2 defect that matters only under the stores-only policy: it does
 * not mark a memory operand read-only that is. Skipped when checking stores-only code. */
bool known_capstone_access_gap(const ZydisDecodedInstruction *zi);

#endif
