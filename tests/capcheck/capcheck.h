/* sfi-capcheck: an independent, deliberately simple second opinion on sandboxed code.
 *
 * It shares nothing with sfi-verify (Zydis) or sfi-as: it decodes with Capstone and checks
 * only the properties whose failure is an escape (docs/sandbox-abi.md R3, R4, R5, R7, R8,
 * R9, R10, R11, R13). A bug has to be in both checkers to go unnoticed. It is a test tool,
 * not part of the trusted base, so it prefers being short and obvious to being complete. */
#ifndef SFI_CAPCHECK_H
#define SFI_CAPCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A module-space range [start, end) of the image (ET_DYN: one PT_LOAD). */
typedef struct capcheck_range {
    uint64_t start, end;
} capcheck_range;

/* One executable region to check: a section of an object or a segment of a module. */
typedef struct capcheck_region {
    const char *file;           /* for messages */
    const char *name;           /* section name, or "PT_LOAD[i]" */
    const uint8_t *code;
    size_t size;
    uint64_t vaddr;             /* address of code[0]: 0 for a section, p_vaddr for a segment */
    /* ET_REL: sorted offsets (within the region) of relocated fields. A direct branch whose
     * displacement is relocated has no meaningful target in the object, so it is skipped. */
    const uint64_t *relocs;
    size_t n_relocs;
    /* ET_DYN: the image (all PT_LOADs), for rip-relative operands. n_image == 0 (objects):
     * rip-relative targets are relocations and are accepted unchecked. */
    const capcheck_range *image;
    size_t n_image;
    /* R11 policy from the file's .note.sfi (R20): stores-only checks only written memory
     * operands and only the %rdi of movs/stos/maskmov. */
    int stores_only;
} capcheck_region;

typedef struct capcheck_out {
    FILE *report;   /* one line per problem; NULL = count only */
    FILE *lengths;  /* --lengths dump (README.md); NULL = none */
} capcheck_out;

/* Checks one region. Returns the number of problems found, or -1 if Capstone fails. */
long capcheck_check_region(const capcheck_region *region, const capcheck_out *out);

/* Checks every executable section (ET_REL) or executable PT_LOAD (ET_DYN, ET_EXEC) of an
 * ELF64 x86-64 file. Returns the number of problems, or -1 for an unreadable input (the
 * reason is written to out->report, or stderr). */
long capcheck_check_file(const char *path, const capcheck_out *out);

#endif
