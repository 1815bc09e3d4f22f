/* Capstone side of the decoder comparison and the comparison itself (agree.h). */
#include "agree.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

bool agree_open(agree_ctx *c)
{
    zyview_decoder_init(&c->zydis);
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &c->cs) != CS_ERR_OK)
        return false;
    /* Intel handle, as in tests/capcheck/check.c: operands destination first, like Zydis. */
    cs_option(c->cs, CS_OPT_DETAIL, CS_OPT_ON);
    return true;
}

void agree_close(agree_ctx *c)
{
    cs_close(&c->cs);
}

bool agree_is_pseudo_index(const char *name)
{
    return strcmp(name, "riz") == 0 || strcmp(name, "eiz") == 0;
}

/* movs/cmps/stos/lods/scas: Capstone lists their implicit (%rdi)/(%rsi) as memory operands,
 * Zydis marks them hidden. sfi-capcheck's dump prints "- - 0" for them; so do we. */
static bool is_string_opcode(const cs_x86 *x)
{
    uint8_t op = x->opcode[0];
    return x->opcode[1] == 0 && ((op >= 0xa4 && op <= 0xa7) || (op >= 0xaa && op <= 0xaf));
}

static bool fs_or_gs_zydis(ZydisRegister r)
{
    return r == ZYDIS_REGISTER_FS || r == ZYDIS_REGISTER_GS;
}

static bool fs_or_gs_cs(x86_reg r)
{
    return r == X86_REG_FS || r == X86_REG_GS;
}

bool agree_insn(agree_ctx *c, const uint8_t *p, size_t n, uint64_t addr, char *why, size_t cap)
{
    zyview z;
    bool zok = zyview_decode(&c->zydis, p, n, &z);
    cs_insn *in = NULL;
    size_t got = cs_disasm(c->cs, p, n < 15 ? n : 15, addr, 1, &in);
    bool ok = false;
    char hex[64] = "";
    for (size_t k = 0; k < (n < 15 ? n : 15) && k < (zok ? z.length : 15); k++)
        snprintf(hex + 3 * k, sizeof hex - 3 * k, "%02x ", p[k]);

    if (!zok || got != 1) {
        ok = !zok && got != 1;
        if (!ok)
            snprintf(why, cap, "only %s decodes [%s]", zok ? "Zydis" : "Capstone", hex);
        goto out;
    }
    if (z.length != in->size) {
        snprintf(why, cap, "length: Zydis %u, Capstone %u [%s] (%s %s)", z.length, in->size,
                 hex, in->mnemonic, in->op_str);
        goto out;
    }
    const cs_x86 *x = &in->detail->x86;
    const x86_op_mem *m = NULL;
    for (uint8_t k = 0; k < x->op_count && !is_string_opcode(x); k++)
        if (x->operands[k].type == X86_OP_MEM) {
            m = &x->operands[k].mem;
            break;
        }
    if (!m != !z.has_mem) {
        snprintf(why, cap, "memory operand: Zydis %s, Capstone %s [%s] (%s %s)",
                 z.has_mem ? "yes" : "no", m ? "yes" : "no", hex, in->mnemonic, in->op_str);
        goto out;
    }
    if (m) {
        const char *base = m->base == X86_REG_INVALID ? "-" : cs_reg_name(c->cs, m->base);
        const char *index = "-";
        unsigned scale = 0;
        if (m->index != X86_REG_INVALID && !agree_is_pseudo_index(cs_reg_name(c->cs, m->index))) {
            index = cs_reg_name(c->cs, m->index);
            scale = (unsigned)m->scale;
        }
        if (strcmp(base, z.base) || strcmp(index, z.index) || scale != z.scale) {
            snprintf(why, cap, "operand: Zydis %s,%s,%u, Capstone %s,%s,%u [%s] (%s %s)", z.base,
                     z.index, z.scale, base, index, scale, hex, in->mnemonic, in->op_str);
            goto out;
        }
        /* Capstone has no "has a displacement" flag; a missing field reads as 0 in both. */
        if (m->disp != z.disp) {
            snprintf(why, cap, "displacement: Zydis %" PRId64 ", Capstone %" PRId64 " [%s] (%s %s)",
                     z.disp, m->disp, hex, in->mnemonic, in->op_str);
            goto out;
        }
        if (fs_or_gs_cs(m->segment) != fs_or_gs_zydis(z.segment)) {
            snprintf(why, cap, "segment: Zydis %s, Capstone %s [%s] (%s %s)",
                     ZydisRegisterGetString(z.segment),
                     m->segment == X86_REG_INVALID ? "none" : cs_reg_name(c->cs, m->segment), hex,
                     in->mnemonic, in->op_str);
            goto out;
        }
        if (x->addr_size != z.addr_bytes) {
            snprintf(why, cap, "address size: Zydis %u, Capstone %u [%s] (%s %s)", z.addr_bytes,
                     x->addr_size, hex, in->mnemonic, in->op_str);
            goto out;
        }
    }
    ok = true;
out:
    if (in)
        cs_free(in, got);
    return ok;
}
