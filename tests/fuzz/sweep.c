/* sweep: a deterministic walk over the x86 opcode space, complementing the fuzzer.
 *
 * Random mutation rarely lands on one particular rare encoding; this tries every opcode of
 * the one-byte, 0F, 0F38 and 0F3A maps and of the two- and three-byte VEX spaces, under a set of
 * prefixes and REX bytes, with every ModRM byte and two different tails (SIB, displacement,
 * immediate bytes). Each candidate is padded with NOPs to one bundle and given to
 * sfi_verify_code, under both policies. Whatever the verifier accepts must also be accepted
 * by sfi-capcheck under the same policy and decoded identically by Capstone (agree.h),
 * exactly as in fuzz_verify. Each distinct
 * disagreement (by prefixes, map, opcode, ModRM.reg, mod==3) is printed once.
 *
 *   sweep [--ignore-known]     exit 0 = no disagreement, 1 = disagreements found
 *
 * Known Capstone defects (known.c) are always skipped. --ignore-known also skips the
 * open verifier bugs listed in known.c (it is what ctest runs, so
 * that the test catches new bugs; the regressions/ replay keeps the old ones visible). */
#include <stdio.h>
#include <string.h>

#include "agree.h"
#include "capcheck.h"
#include "known.h"
#include "sfi/verify.h"

#define IMAGE_END 0x2000u

static agree_ctx ctx;
static bool ignore_known;
static long tried, accepted[2], capstone_gaps, skipped_known, problems;
/* Already reported, one bit per ModRM.reg: [prefix set][map][opcode][mod == 3]. */
static unsigned char seen[2][32][4][256][2];

/* Cross-checks one accepted bundle: Zydis and Capstone agree on its first instruction
 * and sfi-capcheck accepts it under the same policy. Reports (once per class) and returns
 * false when they do not. */
static bool cross_check(const ZydisDecodedInstruction *zi, const uint8_t *bundle,
                        sfi_policy policy, unsigned pfx, unsigned map, unsigned opcode)
{
    char why[256] = "";
    bool ok = agree_insn(&ctx, bundle, 32, 0, why, sizeof why);
    capcheck_range image = {0, IMAGE_END};
    capcheck_region region = {.file = "sweep", .name = "bundle", .code = bundle, .size = 32,
                              .image = &image, .n_image = 1,
                              .stores_only = policy == SFI_POLICY_STORES_ONLY};
    capcheck_out quiet = {NULL, NULL};
    if (ok && capcheck_check_region(&region, &quiet) != 0) {
        ok = false;
        snprintf(why, sizeof why, "sfi-capcheck rejects it");
    }
    if (ok)
        return true;
    /* One report per policy, prefix set, map, opcode, ModRM.reg and register/memory form:
     * the first example is enough to act on. */
    unsigned char *s = &seen[policy == SFI_POLICY_STORES_ONLY][pfx & 31][map & 3]
                            [opcode & 0xff][zi->raw.modrm.mod == 3];
    problems++;
    if (*s & (1u << zi->raw.modrm.reg))
        return false;
    *s |= (unsigned char)(1u << zi->raw.modrm.reg);
    char hex[64] = "";
    for (size_t k = 0; k < zi->length; k++)
        snprintf(hex + 3 * k, sizeof hex - 3 * k, "%02x ", bundle[k]);
    printf("accepted%s but disputed: [%s] %s: %s\n",
           policy == SFI_POLICY_STORES_ONLY ? " (stores-only)" : "", hex,
           ZydisMnemonicGetString(zi->mnemonic), why);
    return false;
}

static void try_one(const uint8_t *insn, size_t n, unsigned pfx, unsigned map, unsigned opcode)
{
    /* Cut the candidate to the instruction Zydis sees and pad the bundle with NOPs, so
     * that the verifier's verdict is about this one instruction. */
    ZydisDecodedInstruction zi;
    if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&ctx.zydis, NULL, insn, n, &zi)))
        return;
    uint8_t bundle[32];
    memset(bundle, 0x90, sizeof bundle);
    memcpy(bundle, insn, zi.length);
    tried++;
    if (known_capstone_gap(&zi)) {
        capstone_gaps++;
        return;
    }
    if (known_verifier_bug(&zi) && ignore_known) {
        skipped_known++;
        return;
    }
    /* Stores-only first: it accepts a superset, so when it rejects, loads+stores would too
     * and is not asked. Under stores-only the interesting question is whether both tools
     * agree that a memory operand is only read (Zydis's actions vs Capstone's access). */
    static const sfi_policy policies[2] = {SFI_POLICY_STORES_ONLY, SFI_POLICY_LOADS_STORES};
    for (unsigned k = 0; k < 2; k++) {
        sfi_verify_config cfg = {.policy = policies[k], .image_end = IMAGE_END};
        sfi_verify_result r;
        sfi_verify_status st = sfi_verify_code(bundle, sizeof bundle, 0, &cfg, &r);
        sfi_verify_result_free(&r);
        if (st != SFI_VERIFY_OK)
            return;
        accepted[k]++;
        if (policies[k] == SFI_POLICY_STORES_ONLY && known_capstone_access_gap(&zi)) {
            capstone_gaps++;
            continue;
        }
        if (!cross_check(&zi, bundle, policies[k], pfx, map, opcode))
            return; /* reported once is enough */
    }
}

int main(int argc, char **argv)
{
    ignore_known = argc > 1 && strcmp(argv[1], "--ignore-known") == 0;
    if (!agree_open(&ctx))
        return 2;
    static const uint8_t prefixes[][3] = {
        {0}, {1, 0x66}, {1, 0xf2}, {1, 0xf3}, {1, 0x48}, {1, 0x41}, {1, 0x44}, {1, 0x4c},
        {1, 0x4d}, {1, 0x49}, {1, 0x4f}, {2, 0x66, 0x41}, {2, 0xf3, 0x48}, {2, 0xf2, 0x4c},
        {1, 0xf0}, {1, 0x2e}, {1, 0x3e},
    };
    static const uint8_t maps[4][3] = {{0}, {1, 0x0f}, {2, 0x0f, 0x38}, {2, 0x0f, 0x3a}};
    /* Tails after ModRM: a SIB of (%r15,%r14,1) with REX.B/X, a small disp and imm bytes;
     * and an all-zero tail. Both are long enough for any SIB+disp32+imm32. */
    static const uint8_t tails[2][9] = {{0x37, 0x08, 0, 0, 0, 0x10, 0, 0, 0}, {0}};
    uint8_t buf[32];
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++)
        for (unsigned m = 0; m < 4; m++)
            for (unsigned op = 0; op < 256; op++)
                for (unsigned modrm = 0; modrm < 256; modrm++)
                    for (unsigned t = 0; t < 2; t++) {
                        size_t n = 0;
                        memcpy(buf, prefixes[p] + 1, prefixes[p][0]);
                        n += prefixes[p][0];
                        memcpy(buf + n, maps[m] + 1, maps[m][0]);
                        n += maps[m][0];
                        buf[n++] = (uint8_t)op;
                        buf[n++] = (uint8_t)modrm;
                        memcpy(buf + n, tails[t], sizeof tails[t]);
                        n += sizeof tails[t];
                        try_one(buf, n, (unsigned)p, m, op);
                    }
    /* Two-byte VEX (c5): every R/vvvv/L/pp byte, opcode in map 0F, a few ModRM bytes. */
    static const uint8_t vex_modrm[] = {0x00, 0x04, 0x07, 0x44, 0x87, 0xc0, 0xc7, 0xff, 0x3c, 0x05};
    for (unsigned b1 = 0; b1 < 256; b1++)
        for (unsigned op = 0; op < 256; op++)
            for (size_t k = 0; k < sizeof vex_modrm; k++) {
                uint8_t v[16] = {0xc5, (uint8_t)b1, (uint8_t)op, vex_modrm[k], 0x37, 0x08};
                try_one(v, sizeof v, 31, 1, op);
            }
    /* Three-byte VEX (c4): maps 0F, 0F38, 0F3A; every R/X/B; W; vvvv = 0 (%r15 or ymm15,
     * the R3-sensitive one), 1 (%r14) and 15 (unused); L; every pp; every opcode; the
     * ModRM bytes above. This is where BMI/BMI2 write a GPR through vvvv (mulx, andn). */
    static const uint8_t vvvv[] = {0x0, 0x1, 0xf};
    for (unsigned map = 1; map <= 3; map++)
        for (unsigned rxb = 0; rxb < 8; rxb++)
            for (unsigned w = 0; w < 2; w++)
                for (size_t vi = 0; vi < sizeof vvvv; vi++)
                    for (unsigned lpp = 0; lpp < 8; lpp++)
                        for (unsigned op = 0; op < 256; op++)
                            for (size_t k = 0; k < sizeof vex_modrm; k++) {
                                uint8_t v[16] = {0xc4, (uint8_t)(rxb << 5 | map),
                                                 (uint8_t)(w << 7 | (vvvv[vi] ^ 0xf) << 3 | lpp),
                                                 (uint8_t)op, vex_modrm[k], 0x37, 0x08};
                                try_one(v, sizeof v, 30, map, op);
                            }
    printf("sweep: %ld decodable candidates, %ld accepted under stores-only, %ld under "
           "loads+stores; %ld known Capstone gaps (skipped), %ld known verifier bugs%s, "
           "%ld disputed\n", tried, accepted[0], accepted[1], capstone_gaps, skipped_known,
           ignore_known ? " (skipped)" : "", problems);
    agree_close(&ctx);
    return problems ? 1 : 0;
}
