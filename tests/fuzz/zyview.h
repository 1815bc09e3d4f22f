/* Zydis's view of one instruction, in the vocabulary of sfi-capcheck's --lengths dump
 * (tests/capcheck/README.md): length, and base/index/scale of the first explicit memory
 * operand, with register names spelled the way Capstone spells them. The verifier decodes
 * with Zydis using the same decoder modes (verifier/decode.c), so this is what the
 * verifier saw when it checked the instruction. Shared by sfi-zylengths and the fuzzer. */
#ifndef SFI_FUZZ_ZYVIEW_H
#define SFI_FUZZ_ZYVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <Zydis/Zydis.h>

typedef struct zyview {
    uint8_t length;
    bool has_mem;          /* an explicit memory operand (lea and nop included) */
    const char *base;      /* Capstone spelling, or "-" */
    const char *index;     /* Capstone spelling, or "-" */
    unsigned scale;        /* 1, 2, 4, 8 with an index, else 0 */
    int64_t disp;
    bool has_disp;         /* the encoding has a displacement field */
    unsigned addr_bytes;   /* address size in bytes (8 or 4) */
    ZydisRegister segment; /* as Zydis reports it (defaults filled in) */
} zyview;

/* Initialises a decoder exactly as verifier/decode.c does (64-bit mode, default modes). */
void zyview_decoder_init(ZydisDecoder *d);

/* Decodes one instruction at p[0..n). False if Zydis cannot decode it. */
bool zyview_decode(const ZydisDecoder *d, const uint8_t *p, size_t n, zyview *out);

/* Capstone's name for a Zydis register that can appear in a memory operand. NULL for a
 * register with no known Capstone spelling (the caller treats that as a disagreement). */
const char *zyview_capstone_name(ZydisRegister r);

#endif
