/* libFuzzer harness for the verifier (README.md).
 *
 * Each input is used three ways: (a) as raw code for sfi_verify_code (at address 0, with a
 * fixed image range so that rip-relative operands, form c of R11, are really checked),
 * under both policies; (b) as a module file for sfi_verify_module; (c) as an object file for
 * sfi_verify_object. The sanitizers catch crashes, undefined behaviour and leaks; libFuzzer's
 * -timeout catches hangs. On top of that, whatever the verifier ACCEPTS must also be
 * accepted by sfi-capcheck (tests/capcheck: Capstone, written independently), and in (a)
 * both decoders must agree on every accepted instruction (agree.h). An accepted input the
 * second opinion rejects is either a verifier bug or a capcheck bug; both need a person to
 * look, so the harness aborts and libFuzzer saves the input. */
#define _GNU_SOURCE /* memfd_create */
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "agree.h"
#include "capcheck.h"
#include "known.h"
#include "sfi/verify.h"

/* Module-space image for mode (a): the code sits at [0, size) and the image is a fixed
 * 8 KiB from 0, so rip-relative targets both inside and outside it are reachable. */
#define IMAGE_END 0x2000u

static agree_ctx decoders;
static bool ignore_known; /* see known.h */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (elf_version(EV_CURRENT) == EV_NONE || !agree_open(&decoders)) {
        fputs("fuzz_verify: cannot initialise libelf or Capstone\n", stderr);
        abort();
    }
    const char *known = getenv("FUZZ_VERIFY_IGNORE_KNOWN");
    ignore_known = known && *known && *known != '0';
    return 0;
}

static void dump_input(const char *what, size_t size)
{
    fprintf(stderr, "fuzz_verify: %s (input of %zu bytes)\n", what, size);
}

/* Known findings (known.h). An accepted input with an instruction Capstone 4 is known to
 * get wrong is not cross-checked. Nor is one with a known open verifier bug when
 * FUZZ_VERIFY_IGNORE_KNOWN=1 is set (the bounded ctest run and run-long.sh set it), so the
 * fuzzer keeps looking for new bugs instead of rediscovering an old one; without it (the
 * replay of regressions/, a run by hand) the old bug fails like any other disagreement. */
static bool has_known_bug(const uint8_t *data, size_t size, bool stores_only)
{
    ZydisDecodedInstruction zi;
    for (size_t off = 0; off < size; off += zi.length)
        if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&decoders.zydis, NULL, data + off,
                                                        size - off, &zi)) ||
            known_capstone_gap(&zi) || (stores_only && known_capstone_access_gap(&zi)) ||
            (ignore_known && known_verifier_bug(&zi)))
            return true;
    return false;
}

/* Whether a file says it is stores-only: an "SFI" note descriptor with policy 1 anywhere in
 * its bytes. Only used to skip known Capstone gaps, so a false positive just checks less. */
static bool file_stores_only(const uint8_t *data, size_t size)
{
    static const uint8_t head[] = {'S', 'F', 'I', 0, 1, 0, 0, 0};
    for (size_t k = 0; k + 20 <= size; k++)
        if (memcmp(data + k, head, sizeof head) == 0 && data[k + 12] == 1)
            return true;
    return false;
}

/* The same for a file: any executable section (object) or segment (module). */
static bool file_has_known_bug(const uint8_t *data, size_t size)
{
    bool stores_only = file_stores_only(data, size);
    Elf *e = elf_memory((char *)data, size);
    GElf_Ehdr eh;
    bool hit = false;
    size_t nph;
    if (!e || !gelf_getehdr(e, &eh)) {
        hit = false;
    } else if (eh.e_type == ET_REL) {
        for (Elf_Scn *s = NULL; !hit && (s = elf_nextscn(e, s));) {
            GElf_Shdr sh;
            Elf_Data *d;
            /* Bug 5 (README.md): a note section flagged SHF_COMPRESSED is read by the
             * verifier as a plain note; libelf (sfi-capcheck) does not, so the two tools
             * disagree about the policy. */
            if (ignore_known && gelf_getshdr(s, &sh) && sh.sh_type == SHT_NOTE &&
                (sh.sh_flags & SHF_COMPRESSED)) {
                hit = true;
                break;
            }
            if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_PROGBITS ||
                !(sh.sh_flags & SHF_EXECINSTR))
                continue;
            /* Bug 2 (README.md): an executable section aligned to >= 32 bytes but not to
             * a multiple of 32 (R5) is accepted. */
            if (ignore_known && sh.sh_addralign % 32 != 0)
                hit = true;
            else if ((d = elf_getdata(s, NULL)) && d->d_buf)
                hit = has_known_bug(d->d_buf, d->d_size, stores_only);
        }
    } else if (elf_getphdrnum(e, &nph) == 0) {
        for (size_t k = 0; !hit && k < nph; k++) {
            GElf_Phdr ph;
            if (gelf_getphdr(e, (int)k, &ph) && ph.p_type == PT_LOAD && (ph.p_flags & PF_X) &&
                ph.p_offset <= size && ph.p_filesz <= size - ph.p_offset)
                hit = has_known_bug(data + ph.p_offset, ph.p_filesz, stores_only);
        }
    }
    if (e)
        elf_end(e);
    return hit;
}

/* (a) Raw code. */
static void check_code(const uint8_t *data, size_t size, sfi_policy policy)
{
    sfi_verify_config cfg = {.policy = policy, .image_start = 0, .image_end = IMAGE_END};
    sfi_verify_result r;
    sfi_verify_status st = sfi_verify_code(data, size, 0, &cfg, &r);
    sfi_verify_result_free(&r);
    bool stores_only = policy == SFI_POLICY_STORES_ONLY;
    if (st != SFI_VERIFY_OK || has_known_bug(data, size, stores_only))
        return;

    /* Every accepted instruction: Zydis and Capstone read it the same way. */
    for (size_t off = 0; off < size;) {
        zyview z;
        char why[256];
        if (!zyview_decode(&decoders.zydis, data + off, size - off, &z)) {
            fprintf(stderr, "fuzz_verify: accepted code is undecodable at 0x%zx\n", off);
            abort();
        }
        if (!agree_insn(&decoders, data + off, size - off, off, why, sizeof why)) {
            fprintf(stderr, "fuzz_verify: accepted code at 0x%zx: decoders disagree: %s\n", off,
                    why);
            abort();
        }
        off += z.length;
    }

    capcheck_range image = {0, IMAGE_END};
    capcheck_region region = {
        .file = "input", .name = "code", .code = data, .size = size, .vaddr = 0,
        .image = &image, .n_image = 1, .stores_only = stores_only,
    };
    capcheck_out quiet = {NULL, NULL};
    long n = capcheck_check_region(&region, &quiet);
    if (n != 0) {
        capcheck_out loud = {stderr, NULL};
        capcheck_check_region(&region, &loud);
        dump_input(stores_only
                       ? "sfi_verify_code (stores-only) accepts what sfi-capcheck rejects"
                       : "sfi_verify_code accepts what sfi-capcheck rejects",
                   size);
        abort();
    }
}

/* (c): sfi-capcheck reads files by name; give it the bytes through a memfd. */
static void capcheck_file(const uint8_t *data, size_t size, const char *what)
{
    int fd = memfd_create("fuzz_verify", 0);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
        perror("fuzz_verify: memfd");
        abort();
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    capcheck_out quiet = {NULL, NULL};
    long n = capcheck_check_file(path, &quiet);
    if (n != 0) {
        capcheck_out loud = {stderr, NULL};
        capcheck_check_file(path, &loud);
        dump_input(what, size);
        abort();
    }
    close(fd);
}

/* The R11 policy of a module as the loader sees it: from its PT_NOTE segments (R20).
 * sfi-capcheck's file reader takes it from SHT_NOTE sections, which a module need not have
 * (section headers are not loaded; a fuzzed module had them cut off, and sfi-capcheck then
 * checked a stores-only module as loads+stores). So for modules the harness finds the
 * policy itself, from the segments, independently of the verifier. Returns 1 for
 * stores-only, 0 otherwise (a malformed note is the verifier's business to reject). */
static int module_policy(Elf *e, const uint8_t *data, size_t size, size_t nph)
{
    for (size_t k = 0; k < nph; k++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)k, &ph) || ph.p_type != PT_NOTE || ph.p_offset > size ||
            ph.p_filesz > size - ph.p_offset)
            continue;
        const uint8_t *p = data + ph.p_offset, *end = p + ph.p_filesz;
        while (end - p >= 12) {
            uint32_t h[3];
            memcpy(h, p, sizeof h);
            size_t name = ((size_t)h[0] + 3) & ~(size_t)3, desc = ((size_t)h[1] + 3) & ~(size_t)3;
            if (name > (size_t)(end - p) - 12 || desc > (size_t)(end - p) - 12 - name)
                break;
            if (h[2] == 1 && h[0] == 4 && memcmp(p + 12, "SFI", 4) == 0 && h[1] == 16) {
                uint32_t d[4];
                memcpy(d, p + 12 + name, sizeof d);
                return d[2] == 1;
            }
            p += 12 + name + desc;
        }
    }
    return 0;
}

/* (b): sfi-capcheck's region check on every executable PT_LOAD, as its own module reader
 * does (tests/capcheck/elf.c), but with the policy from the segments (above). */
static void capcheck_module(const uint8_t *data, size_t size)
{
    Elf *e = elf_memory((char *)data, size);
    size_t nph;
    if (!e || elf_getphdrnum(e, &nph) != 0) {
        fputs("fuzz_verify: sfi_verify_module accepts a file libelf cannot read\n", stderr);
        abort();
    }
    capcheck_range *image = calloc(nph + 1, sizeof *image);
    size_t n_image = 0;
    if (!image)
        abort();
    for (size_t k = 0; k < nph; k++) {
        GElf_Phdr ph;
        if (gelf_getphdr(e, (int)k, &ph) && ph.p_type == PT_LOAD)
            image[n_image++] = (capcheck_range){ph.p_vaddr, ph.p_vaddr + ph.p_memsz};
    }
    int stores_only = module_policy(e, data, size, nph);
    for (size_t k = 0; k < nph; k++) {
        GElf_Phdr ph;
        char name[32];
        if (!gelf_getphdr(e, (int)k, &ph) || ph.p_type != PT_LOAD || !(ph.p_flags & PF_X))
            continue;
        if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset) {
            fputs("fuzz_verify: sfi_verify_module accepts a code segment outside the file\n", stderr);
            abort();
        }
        snprintf(name, sizeof name, "PT_LOAD[%zu]", k);
        capcheck_region r = {
            .file = "input", .name = name, .code = data + ph.p_offset, .size = ph.p_filesz,
            .vaddr = ph.p_vaddr, .image = image, .n_image = n_image, .stores_only = stores_only,
        };
        capcheck_out quiet = {NULL, NULL};
        if (capcheck_check_region(&r, &quiet) != 0) {
            capcheck_out loud = {stderr, NULL};
            capcheck_check_region(&r, &loud);
            dump_input("sfi_verify_module accepts what sfi-capcheck rejects", size);
            abort();
        }
    }
    free(image);
    elf_end(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_code(data, size, SFI_POLICY_LOADS_STORES);
    check_code(data, size, SFI_POLICY_STORES_ONLY);

    sfi_verify_result r;
    sfi_verify_status st = sfi_verify_module(data, size, NULL, &r);
    sfi_verify_result_free(&r);
    if (st == SFI_VERIFY_OK && !file_has_known_bug(data, size))
        capcheck_module(data, size);

    st = sfi_verify_object(data, size, NULL, &r);
    sfi_verify_result_free(&r);
    if (st == SFI_VERIFY_OK && !file_has_known_bug(data, size))
        capcheck_file(data, size, "sfi_verify_object accepts what sfi-capcheck rejects");
    return 0;
}
