/* The table decoder (verifier/table_decode.c) against Zydis, by enumeration of its whole
 * domain.
 *
 * For every prefix string below, both opcode maps and all 256 opcodes, the table decoder
 * is probed with ModRM bytes of every reg value (register, memory and SIB forms); where
 * it accepts anything, every ModRM byte and, for the SIB forms, every SIB byte is tried,
 * each followed by three fills of displacement/immediate bytes (zero, 0x7f.. and 0x80..:
 * both signs of disp8/disp32/imm). For each instruction the table decoder accepts:
 *   - ZydisDecoderDecodeFull decodes it with the same length;
 *   - sfi_fields_of (the fast path's view of the Zydis decode) accepts it, which means
 *     legacy encoding, 64-bit addressing, no %fs/%gs, allowed by R14/R15 and a fast-table
 *     mnemonic, and yields the same sfi_fields, field by field (mnemonic, map, opcode,
 *     operand width, ModRM, SIB, REX bits, immediate size, branch displacement and its
 *     field offset, displacement);
 *   - sfi_check_prefixes reports nothing (R16 has nothing to say about its prefixes);
 *   - the memory operand the fast rules compute (sfi_fields_memory) is Zydis's explicit
 *     memory operand: base, index, scale and displacement;
 *   - every explicit general-purpose or vector register operand Zydis reports is named
 *     by a field the fast rules look at (ModRM.reg, ModRM.rm, the opcode's low bits)
 *     or is %al/%ax/%eax/%rax or %cl (fixed operands);
 *   - with one byte less of room it declines (no read past the room).
 * Prefix strings: every string of up to two bytes over {66 f2 f3 2e 3e 26 36 64 65 67 f0
 * 40 48}, every string of three over {66 f2 f3 2e}, and 66^a 2e 66^b (a + b <= 6) and
 * 66^k (k <= 7) for the padding NOP, each followed by nothing or one of 9 REX bytes.
 * The decoder's prefix loop treats each further 66 of a padding NOP like the previous
 * one, so longer runs add nothing but length (covered by the 15-byte limit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "mismatch.h"

static ZydisDecoder zydis;
static unsigned long accepted, checked_modrm_forms, failures;

#define FAIL(...) MISMATCH(300, buf, len, __VA_ARGS__)

static bool prefixes_clean(const uint8_t *buf, size_t len, const ZydisDecodedInstruction *zi,
                           const ZydisDecodedOperand *ops) {
    sfi_verify_result result;
    memset(&result, 0, sizeof result);
    static sfi_verifier v;
    sfi_verifier_init(&v, NULL, &result);
    v.code = buf;
    v.size = len;
    sfi_insn in;
    memset(&in, 0, sizeof in);
    in.zi = *zi;
    memcpy(in.ops, ops, sizeof in.ops);
    sfi_check_prefixes(&v, &in);
    bool clean = result.n_violations == 0;
    sfi_verify_result_free(&result);
    return clean;
}

/* The number an encoding gives register r (0-15). */
static unsigned encoding_number(ZydisRegister r) {
    if (r >= ZYDIS_REGISTER_AH && r <= ZYDIS_REGISTER_BH)
        return (unsigned)(r - ZYDIS_REGISTER_AH) + 4;
    if (r >= ZYDIS_REGISTER_SPL && r <= ZYDIS_REGISTER_DIL)
        return (unsigned)(r - ZYDIS_REGISTER_SPL) + 4;
    if (r >= ZYDIS_REGISTER_R8B && r <= ZYDIS_REGISTER_R15B)
        return (unsigned)(r - ZYDIS_REGISTER_R8B) + 8;
    return ZydisRegisterGetId(r);
}

/* A register the fast rules can see in f, or a fixed operand (al/ax/eax/rax, cl). */
static bool register_named(const sfi_fields *f, ZydisRegister r) {
    ZydisRegisterClass cls = ZydisRegisterGetClass(r);
    unsigned n = encoding_number(r);
    if ((cls == ZYDIS_REGCLASS_GPR8 || cls == ZYDIS_REGCLASS_GPR16 ||
         cls == ZYDIS_REGCLASS_GPR32 || cls == ZYDIS_REGCLASS_GPR64) &&
        (r == ZYDIS_REGISTER_AL || r == ZYDIS_REGISTER_AX || r == ZYDIS_REGISTER_EAX ||
         r == ZYDIS_REGISTER_RAX || r == ZYDIS_REGISTER_CL))
        return true;
    if (f->has_modrm)
        return n == (unsigned)(f->reg | f->rex_r << 3) ||
               (f->mod == 3 && n == (unsigned)(f->rm | f->rex_b << 3));
    return n == ((f->opcode & 7u) | f->rex_b << 3u);
}

static void check(const uint8_t *buf, unsigned len) {
    sfi_fields t;
    if (!sfi_table_decode(buf, len, &t))
        return;
    accepted++;
    ZydisDecodedInstruction zi;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(&zydis, buf, len, &zi, ops)))
        FAIL("Zydis cannot decode it");
    len = t.length;
    if (zi.length != t.length)
        FAIL("length %u, Zydis %u", t.length, zi.length);
    sfi_fields z;
    if (!sfi_fields_of(&zi, &z))
        FAIL("outside the fast path's Zydis domain (%s)", ZydisMnemonicGetString(zi.mnemonic));
#define SAME(field)                                                                       \
    if (t.field != z.field)                                                               \
        FAIL(#field " %lld, Zydis %lld (%s)", (long long)t.field, (long long)z.field,       \
             ZydisMnemonicGetString(zi.mnemonic));
    SAME(mnemonic) SAME(length) SAME(map) SAME(opcode) SAME(operand_width)
    SAME(has_modrm) SAME(mod) SAME(reg) SAME(rm)
    SAME(has_sib) SAME(sib_scale) SAME(sib_index) SAME(sib_base)
    SAME(rex_w) SAME(rex_r) SAME(rex_x) SAME(rex_b)
    SAME(imm_size) SAME(direct_branch) SAME(rel_field) SAME(rel) SAME(disp) SAME(imm_low)
#undef SAME
    if (!prefixes_clean(buf, len, &zi, ops))
        FAIL("R16 objects to the prefixes");
    bool memory_seen = false;
    for (unsigned i = 0; i < zi.operand_count_visible; i++) {
        const ZydisDecodedOperand *op = &ops[i];
        if (op->type == ZYDIS_OPERAND_TYPE_MEMORY) {
            ZydisRegister base, index;
            unsigned scale;
            if (!t.has_modrm || t.mod == 3)
                FAIL("memory operand without a ModRM memory form");
            sfi_fields_memory(&t, &base, &index, &scale);
            if (op->mem.base != base || op->mem.index != index ||
                (index != ZYDIS_REGISTER_NONE && op->mem.scale != scale) ||
                op->mem.disp.value != t.disp)
                FAIL("memory operand differs (base %s/%s index %s/%s)",
                     ZydisRegisterGetString(base), ZydisRegisterGetString(op->mem.base),
                     ZydisRegisterGetString(index), ZydisRegisterGetString(op->mem.index));
            memory_seen = true;
        } else if (op->type == ZYDIS_OPERAND_TYPE_REGISTER && !register_named(&t, op->reg.value)) {
            FAIL("register operand %s is not named by a field", ZydisRegisterGetString(op->reg.value));
        }
    }
    if (t.has_modrm && t.mod != 3 && !memory_seen)
        FAIL("ModRM memory form without a visible memory operand");
    if (sfi_table_decode(buf, len - 1, &t))
        FAIL("accepted with one byte less of room");
    if (t.has_modrm)
        checked_modrm_forms++;
}

/* The instruction prefix+opcode, then ModRM (and SIB), then the fill. */
static void try_tail(uint8_t *buf, unsigned at, bool modrm, unsigned m, unsigned s) {
    static const uint8_t fills[3][4] = {{0, 0, 0, 0}, {0x7f, 0xff, 0xff, 0x7f},
                                        {0x80, 0x00, 0x00, 0x80}};
    unsigned n = at;
    if (modrm) {
        buf[n++] = (uint8_t)m;
        if ((m >> 6) != 3 && (m & 7) == 4)
            buf[n++] = (uint8_t)s;
    }
    for (unsigned fi = 0; fi < 3; fi++) {
        for (unsigned k = 0; k < 12; k++)
            buf[n + k] = fills[fi][k % 4];
        check(buf, n + 12 > 15 ? 15 : n + 12);
    }
}

static bool probe(uint8_t *buf, unsigned at) {
    sfi_fields t;
    for (unsigned reg = 0; reg < 8; reg++) {
        const uint8_t forms[][2] = {{0xc0, 0}, {0x00, 0}, {0x04, 0x00}, {0x04, 0x25}, {0x05, 0}};
        for (unsigned k = 0; k < sizeof forms / sizeof forms[0]; k++) {
            buf[at] = (uint8_t)(forms[k][0] | reg << 3);
            buf[at + 1] = forms[k][1];
            memset(buf + at + 2, 0, 13);
            if (sfi_table_decode(buf, 15, &t))
                return true;
        }
    }
    memset(buf + at, 0, 15);
    return sfi_table_decode(buf, 15, &t);
}

static void enumerate_prefix(const uint8_t *prefix, unsigned plen) {
    static const uint8_t rexes[] = {0, 0x40, 0x41, 0x42, 0x44, 0x48, 0x4c, 0x4f, 0x47};
    uint8_t buf[40];
    for (unsigned r = 0; r < sizeof rexes; r++) {
        unsigned n = plen;
        memcpy(buf, prefix, plen);
        if (rexes[r])
            buf[n++] = rexes[r];
        for (unsigned map = 0; map < 2; map++) {
            unsigned at = n;
            if (map)
                buf[at++] = 0x0f;
            for (unsigned op = 0; op < 256; op++) {
                buf[at] = (uint8_t)op;
                if (!probe(buf, at + 1))
                    continue;
                try_tail(buf, at + 1, false, 0, 0);   /* forms without ModRM */
                for (unsigned m = 0; m < 256; m++) {
                    if ((m >> 6) != 3 && (m & 7) == 4)
                        for (unsigned s = 0; s < 256; s++)
                            try_tail(buf, at + 1, true, m, s);
                    else
                        try_tail(buf, at + 1, true, m, 0);
                }
            }
        }
    }
}

int main(void) {
    sfi_allowlist_init();
    ZydisDecoderInit(&zydis, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
    static const uint8_t alphabet[] = {0x66, 0xf2, 0xf3, 0x2e, 0x3e, 0x26, 0x36,
                                       0x64, 0x65, 0x67, 0xf0, 0x40, 0x48};
    static const uint8_t mandatory[] = {0x66, 0xf2, 0xf3, 0x2e};
    unsigned strings = 0;
    enumerate_prefix(NULL, 0), strings++;
    for (unsigned a = 0; a < sizeof alphabet; a++) {
        enumerate_prefix((uint8_t[]){alphabet[a]}, 1), strings++;
        for (unsigned b = 0; b < sizeof alphabet; b++)
            enumerate_prefix((uint8_t[]){alphabet[a], alphabet[b]}, 2), strings++;
    }
    for (unsigned a = 0; a < 4; a++)
        for (unsigned b = 0; b < 4; b++)
            for (unsigned c = 0; c < 4; c++)
                enumerate_prefix((uint8_t[]){mandatory[a], mandatory[b], mandatory[c]}, 3),
                    strings++;
    uint8_t pad[8];
    for (unsigned total = 3; total <= 7; total++) {  /* 66^a 2e 66^b, and 66^total */
        for (unsigned cs = 0; cs <= total; cs++) {
            memset(pad, 0x66, total);
            if (cs < total)
                pad[cs] = 0x2e;
            enumerate_prefix(pad, total), strings++;
        }
    }
    printf("%u prefix strings; %lu instructions accepted by the table decoder (%lu with a "
           "ModRM), all checked against Zydis; %lu mismatches\n",
           strings, accepted, checked_modrm_forms, failures);
    if (accepted < 1000000)
        return fprintf(stderr, "too few instructions accepted: the enumeration is broken\n"), 1;
    return failures ? 1 : 0;
}
