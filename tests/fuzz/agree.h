/* In-process decoder agreement: decode one instruction with Zydis (the verifier's decoder)
 * and with Capstone (sfi-capcheck's), and compare what the sandbox's safety depends on:
 * the length (R5: where the next instruction starts) and the first explicit memory
 * operand's base, index, scale, displacement, address size and %fs/%gs override (R11).
 * Used by sfi-zylengths --agree and by the fuzzer on every instruction it accepts. */
#ifndef SFI_FUZZ_AGREE_H
#define SFI_FUZZ_AGREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <capstone/capstone.h>

#include "zyview.h"

typedef struct agree_ctx {
    ZydisDecoder zydis;
    csh cs;
} agree_ctx;

bool agree_open(agree_ctx *c);
void agree_close(agree_ctx *c);

/* True if both decoders read the instruction at p[0..n) (at address addr) the same way.
 * Otherwise writes one line saying how they differ into why[0..cap). */
bool agree_insn(agree_ctx *c, const uint8_t *p, size_t n, uint64_t addr, char *why, size_t cap);

/* Capstone's "no index" pseudo-registers (a SIB byte with index 100): riz, eiz. */
bool agree_is_pseudo_index(const char *name);

#endif
