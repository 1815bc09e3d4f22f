#!/usr/bin/env python3
# Regenerates code_cases.inc: python3 gen_cases.py > code_cases.inc
# Turns asm snippets into C byte arrays with AT&T comments (via llvm-mc-19 -show-encoding).
import subprocess, re, sys
def enc(lines):
    src = "\n".join(lines) + "\n"
    out = subprocess.run(["llvm-mc-19", "-triple=x86_64-linux-gnu", "-show-encoding"], input=src,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr + src)
    res = []
    for l in out.stdout.splitlines():
        m = re.match(r"\s*(.*?)\s*# encoding: \[(.*)\]", l)
        if not m: continue
        text = m.group(1).replace("\t", " ")
        bs = [b for b in m.group(2).split(",") if b]
        if any(not b.startswith("0x") for b in bs):
            raise SystemExit("fixup in " + text)
        res.append((text, bs))
    return res

NOP = "nop"
def nops(n): return [("nops", n)] if n else []
LS, SO = "SFI_POLICY_LOADS_STORES", "SFI_POLICY_STORES_ONLY"
MASK_JMP = ["andl $-32, %r11d", "addq %r15, %r11", "jmpq *%r11"]
RET_SEQ = ["popq %r11", "andl $-32, %r11d", "addq %r15, %r11", "pushq %r11", "retq"]
cases = [
 # R3
 ("r3_ok_read_r15", 0, LS, ["movq %r15, %rax", "addq %r15, %r11", "movl 8(%r15), %eax"]),
 ("r3_mov_r15", 3, LS, ["movq %rax, %r15"]),
 ("r3_mov_r15b", 3, LS, ["movb $1, %r15b"]),
 ("r3_xchg_r15", 3, LS, ["xchgq %r15, %rax"]),
 ("r3_pop_r15", 3, LS, ["popq %r15"]),
 ("r3_lea_r15d", 3, LS, ["leal (%rax), %r15d"]),
 ("r3_mulx_vvvv_r15", 3, LS, ["mulxq %rax, %r15, %rcx"]),
 ("r3_cmov_r15w", 3, LS, ["cmovew %ax, %r15w"]),
 # R4
 ("r4_ok_32bit", 0, LS, ["movl %eax, %r14d", "leal 8(%rdi), %r14d", "movw %ax, %r14w", "movb %al, %r14b", "xchgl %r14d, %eax"]),
 ("r4_mov_r14", 4, LS, ["movq %rax, %r14"]),
 ("r4_lea_r14", 4, LS, ["leaq 8(%rdi), %r14"]),
 ("r4_pop_r14", 4, LS, ["popq %r14"]),
 ("r4_movslq_r14", 4, LS, ["movslq %eax, %r14"]),
 ("r4_cmpxchg_implicit", 4, LS, ["cmpxchgq %rcx, %r14"]),
 # R5
 ("r5_ok_bundle_of_nops", 0, LS, nops(32) + ["movl %eax, %ecx"]),
 ("r5_cross", 5, LS, nops(30) + ["movl $0x90050f90, %eax"]),
 ("r5_truncated", 5, LS, [("raw", ["0xb8", "0x00", "0x00"], "movl $imm32, %eax cut short")]),
 ("r5_undecodable", 5, LS, [("raw", ["0x0f", "0x04"], "0f 04: no such opcode")]),
 ("r5_salc", 5, LS, [("raw", ["0xd6"], "salc: invalid in 64-bit mode")]),
 # R7
 ("r7_ok_backward", 0, LS, ["movl %eax, %ecx", ("raw", ["0xeb", "0xfc"], "jmp .-2 (to the movl)")]),
 ("r7_ok_forward_jcc", 0, LS, [("raw", ["0x74", "0x02"], "je .+4 (to the nop after the movl)"), "movl %eax, %ecx", "nop"]),
 ("r7_into_middle", 7, LS, [("raw", ["0xeb", "0x01"], "jmp .+3 (into the movl)"), "movl $1, %eax"]),
 ("r7_outside", 7, LS, [("raw", ["0xe9", "0x00", "0x10", "0x00", "0x00"], "jmp .+0x1005")]),
 ("r7_to_end", 7, LS, [("raw", ["0xeb", "0x00"], "jmp .+2 (the end of the code)")]),
 ("r7_backward_outside", 7, LS, [("raw", ["0xeb", "0xf0"], "jmp .-14")]),
 ("r7_loop_outside", 7, LS, [("raw", ["0xe2", "0x40"], "loop .+0x42")]),
 ("r7_into_interior", 7, LS, [("raw", ["0xeb", "0x04"], "jmp .+6 (to the addq)")] + MASK_JMP),
 # R8
 ("r8_ok_call_ends_bundle", 0, LS, nops(27) + [("raw", ["0xe8", "0xe0", "0xff", "0xff", "0xff"], "call .-27 (to offset 0)")]),
 ("r8_call_mid_bundle", 8, LS, [("raw", ["0xe8", "0xfb", "0xff", "0xff", "0xff"], "call . (itself)")]),
 ("r8_indirect_call_mid_bundle", 8, LS, ["andl $-32, %eax", "addq %r15, %rax", "callq *%rax"]),
 # R9
 ("r9_ok_jmp", 0, LS, MASK_JMP),
 ("r9_ok_call", 0, LS, nops(24) + ["andl $-32, %eax", "addq %r15, %rax", "callq *%rax"]),
 ("r9_ok_imm32_and_other_add", 0, LS, [("raw", ["0x41","0x81","0xe3","0xe0","0xff","0xff","0xff"], "andl $-32, %r11d (imm32 form)"), ("raw", ["0x4d","0x03","0xdf"], "addq %r15, %r11 (03 /r form)"), "jmpq *%r11"]),
 ("r9_nomask", 9, LS, ["jmpq *%rax"]),
 ("r9_mem_indirect", 9, LS, ["jmpq *(%r15,%r14,1)"]),
 ("r9_and_low_bit", 9, LS, ["andl $-31, %r11d", "addq %r15, %r11", "jmpq *%r11"]),
 ("r9_andq", 9, LS, ["andq $-32, %r11", "addq %r15, %r11", "jmpq *%r11"]),
 ("r9_other_reg", 9, LS, ["andl $-32, %r10d", "addq %r15, %r11", "jmpq *%r11"]),
 ("r9_intervening", 9, LS, ["andl $-32, %r11d", "addq %r15, %r11", "movq %rax, %rcx", "jmpq *%r11"]),
 ("r9_split_bundles", 9, LS, nops(25) + ["andl $-32, %r11d", "addq %r15, %r11", "jmpq *%r11"]),
 ("r9_add_32bit", 9, LS, ["andl $-32, %r11d", "addl %r15d, %r11d", "jmpq *%r11"]),
 # R10
 ("r10_ok_fast_return", 0, LS, RET_SEQ),
 ("r10_ok_thread_safe_return", 0, LS, ["popq %r11"] + MASK_JMP),
 ("r10_bare_ret", 10, LS, ["retq"]),
 ("r10_ret_imm", 10, LS, ["retq $8"]),
 ("r10_push_other", 10, LS, ["andl $-32, %r11d", "addq %r15, %r11", "pushq %r10", "retq"]),
 ("r10_unmasked_push", 10, LS, ["pushq %r11", "retq"]),
 # R11
 ("r11_ok_forms", 0, LS, ["movl 0x7fff(%r15,%r14,1), %eax", "movq %rax, -0x7fff(%r15,%r14,1)", "movq 8(%rsp), %rcx", "movl 0x10000(%r15), %r14d", "movq 0x100(%rip), %rax"]),
 ("r11_ok_lea_nop", 0, LS, ["leaq (%rax,%rbx,8), %rcx", "nopw (%rax,%rax)"]),
 ("r11_base_rax", 11, LS, ["movl (%rax), %eax"]),
 ("r11_disp_0x8000", 11, LS, ["movl 0x8000(%r15,%r14,1), %eax"]),
 ("r11_disp_neg_0x8000", 11, LS, ["movl -0x8000(%r15,%r14,1), %eax"]),
 ("r11_swapped", 11, LS, ["movl (%r14,%r15,1), %eax"]),
 ("r11_scale2", 11, LS, ["movl (%r15,%r14,2), %eax"]),
 ("r11_r15_neg", 11, LS, ["movl -8(%r15), %eax"]),
 ("r11_rsp_index", 11, LS, ["movl (%rsp,%rax,1), %eax"]),
 ("r11_rsp_far", 11, LS, ["movl 0x8000(%rsp), %eax"]),
 ("r11_absolute", 11, LS, ["movl 0x1000, %eax"]),
 ("r11_store", 11, LS, ["movq %rax, 8(%rdi)"]),
 ("r11_avx_store", 11, LS, ["vmovdqu %ymm0, (%rdx)"]),
 ("r11_ok_storesonly_load", 0, SO, ["movq 8(%rdi), %rax", "addl (%rbx), %eax"]),
 ("r11_storesonly_store", 11, SO, ["movq %rax, 8(%rdi)"]),
 ("r11_storesonly_rmw", 11, SO, ["addl %eax, (%rbx)"]),
 ("r11_storesonly_push_mem", 11, SO, ["pushq (%rax)"]),
 ("r11_storesonly_xchg", 11, SO, ["xchgl %eax, (%rbx)"]),
 # R12
 ("r12_ok_forms", 0, LS, ["andq $-16, %rsp", "leal -16(%rsp), %r14d", "leaq (%r15,%r14,1), %rsp", "pushq %rax", "popq %rax", "movl %ebp, %r14d", "nop", "leaq (%r15,%r14,1), %rsp"]),
 ("r12_ok_lea_alone", 0, LS, ["leaq (%r15,%r14,1), %rsp"]),
 ("r12_subq", 12, LS, ["subq $16, %rsp"]),
 ("r12_movq", 12, LS, ["movq %rbp, %rsp"]),
 ("r12_pop_rsp", 12, LS, ["popq %rsp"]),
 ("r12_xchg", 12, LS, ["xchgq %rax, %rsp"]),
 ("r12_add_alone", 12, LS, ["addq %r15, %rsp"]),
 ("r12_esp32_then_add", 12, LS, ["subl $16, %esp", "addq %r15, %rsp"]),
 ("r12_esp32_lea_then_lea", 12, LS, ["leal 8(%rbp), %esp", "leaq (%rsp,%r15,1), %rsp"]),
 ("r12_lea_r14_r15_swapped", 12, LS, ["leaq (%r14,%r15,1), %rsp"]),
 ("r12_lea_r14_disp", 12, LS, ["leaq 8(%r15,%r14,1), %rsp"]),
 ("r12_lea_r14_scale", 12, LS, ["leaq (%r15,%r14,2), %rsp"]),
 ("r12_lea_other_index", 12, LS, ["leaq (%r15,%rax,1), %rsp"]),
 ("r12_lea32_r14", 12, LS, ["leal (%r15,%r14,1), %esp"]),
 ("r12_and_positive", 12, LS, ["andq $15, %rsp"]),
 ("r12_head_xchg", 12, LS, ["xchgl %eax, %esp", "addq %r15, %rsp"]),
 ("r12_spl", 12, LS, ["movb $0, %spl"]),
 # R13
 ("r13_ok_movs", 0, LS, ["movl %edi, %edi", "leaq (%r15,%rdi,1), %rdi", "movl %esi, %esi", "leaq (%r15,%rsi,1), %rsi", "rep movsb"]),
 ("r13_ok_movs_other_order", 0, LS, ["movl %esi, %esi", "leaq (%r15,%rsi,1), %rsi", "movl %edi, %edi", "leaq (%r15,%rdi,1), %rdi", "movsq"]),
 ("r13_ok_stos", 0, LS, ["movl %edi, %edi", "leaq (%r15,%rdi,1), %rdi", "rep stosq"]),
 ("r13_ok_lods", 0, LS, ["movl %esi, %esi", "leaq (%r15,%rsi,1), %rsi", "lodsb"]),
 ("r13_ok_storesonly_lods", 0, SO, ["lodsb", "scasb"]),
 ("r13_ok_storesonly_movs", 0, SO, ["movl %edi, %edi", "leaq (%r15,%rdi,1), %rdi", "movsb"]),
 ("r13_ok_maskmov", 0, LS, ["movl %edi, %edi", "leaq (%r15,%rdi,1), %rdi", "maskmovdqu %xmm1, %xmm0"]),
 ("r13_movs_nofixup", 13, LS, ["rep movsb"]),
 ("r13_movs_only_rdi", 13, LS, ["movl %edi, %edi", "leaq (%r15,%rdi,1), %rdi", "movsb"]),
 ("r13_stos_rsi_pair", 13, LS, ["movl %esi, %esi", "leaq (%r15,%rsi,1), %rsi", "stosb"]),
 ("r13_pair_swapped", 13, LS, ["leaq (%r15,%rdi,1), %rdi", "movl %edi, %edi", "stosb"]),
 ("r13_lods", 13, LS, ["lodsq"]),
 ("r13_storesonly_stos", 13, SO, ["stosb"]),
 ("r13_maskmov", 13, LS, ["maskmovq %mm1, %mm0"]),
 ("r13_split", 13, LS, nops(26) + ["movl %edi, %edi", "leaq (%r15,%rdi,1), %rdi", "stosb"]),
 # R14
 ("r14_ok_misc", 0, LS, ["cpuid", "rdtsc", "rdtscp", "ud2", "endbr64", "pause", "lfence", "mfence", "sfence", "vzeroupper", "cld", "std"]),
 ("r14_syscall", 14, LS, ["syscall"]),
 ("r14_int3", 14, LS, ["int3"]),
 ("r14_int80", 14, LS, ["int $0x80"]),
 ("r14_hlt", 14, LS, ["hlt"]),
 ("r14_in", 14, LS, ["inb %dx, %al"]),
 ("r14_push_fs", 14, LS, ["pushq %fs"]),
 ("r14_mov_to_ss", 14, LS, ["movw %ax, %ss"]),
 ("r14_xlat", 14, LS, ["xlatb"]),
 ("r14_leave", 14, LS, ["leave"]),
 ("r14_enter", 14, LS, ["enter $8, $0"]),
 ("r14_popf", 14, LS, ["popfq"]),
 ("r14_xsave", 14, LS, ["xsave (%r15,%r14,1)"]),
 ("r14_wrpkru", 14, LS, ["wrpkru"]),
 ("r14_gather", 14, LS, ["vpgatherdd %ymm2, (%r15,%ymm1,4), %ymm0"]),
 ("r14_evex", 14, LS, ["vaddps %zmm1, %zmm2, %zmm3"]),
 ("r14_xbegin", 14, LS, [("raw", ["0xc7","0xf8","0x00","0x00","0x00","0x00"], "xbegin .+6")]),
 ("r14_lret", 14, LS, ["lretq"]),
 ("r14_ljmp_mem", 14, LS, ["ljmpq *(%r15,%r14,1)"]),
 ("r14_rdfsbase", 14, LS, ["rdfsbase %rax"]),
 ("r14_fs_override", 14, LS, ["movq %fs:0, %rax"]),
 ("r14_sgdt", 14, LS, ["sgdt (%r15,%r14,1)"]),
 ("r14_incssp", 14, LS, ["incsspq %rax"]),
 # R15
 ("r15_ok_isa", 0, LS, ["popcntl %eax, %ecx", "lzcntl %eax, %ecx", "tzcntl %eax, %ecx", "aesenc %xmm1, %xmm0", "pclmulqdq $0, %xmm1, %xmm0", "vfmadd231ps %ymm1, %ymm2, %ymm0", "movbel (%r15,%r14,1), %eax", "adcxl %eax, %ecx", "rdrandl %eax", "rdseedl %eax", "andnl %eax, %ecx, %edx", "shlxl %eax, %ecx, %edx", "vcvtph2ps %xmm1, %ymm0", "crc32b %al, %ecx", "pshufb %xmm1, %xmm0", "fadd %st(1), %st", "paddb %mm1, %mm0", "vpaddd %ymm1, %ymm2, %ymm0", "ldmxcsr 8(%rsp)"]),
 ("r15_sha", 15, LS, ["sha1rnds4 $0, %xmm1, %xmm0"]),
 ("r15_gfni", 15, LS, ["gf2p8mulb %xmm1, %xmm0"]),
 ("r15_rdpid", 15, LS, ["rdpid %rax"]),
 ("r15_sse4a", 15, LS, ["extrq $8, $8, %xmm0"]),
 ("r15_clflush", 15, LS, ["clflush (%r15,%r14,1)"]),
 ("r15_xop", 15, LS, ["vprotb %xmm1, %xmm2, %xmm0"]),
 # R16
 ("r16_ok_prefixes", 0, LS, [("raw", ["0x66","0x90"], "xchg %ax,%ax (66 nop)"), ("raw", ["0x66","0x66","0x2e","0x0f","0x1f","0x84","0x00","0x00","0x00","0x00","0x00"], "LLVM padding nopw %cs:0(%rax,%rax)"), ("raw", ["0x2e","0x74","0x00"], "je .+3 with a not-taken hint"), "lock addl %eax, (%r15,%r14,1)", ("raw", ["0x67","0x8d","0x04","0x18"], "leal (%eax,%ebx), %eax (67 on lea)"), "movw $1, %ax", ("raw", ["0x3e","0x48","0x8b","0x04","0x24"], "movq %ds:(%rsp), %rax")]),
 ("r16_fs", 16, LS, ["movq %fs:0, %rax"]),
 ("r16_gs", 16, LS, ["movq %gs:8(%r15), %rax"]),
 ("r16_addr32", 16, LS, [("raw", ["0x67","0x8b","0x00"], "movl (%eax), %eax")]),
 ("r16_rep_mov", 16, LS, [("raw", ["0xf3","0x48","0x89","0xc1"], "rep movq %rax, %rcx")]),
 ("r16_rep_rep", 16, LS, [("raw", ["0xf3","0xf3","0x90"], "pause with two f3")]),
 ("r16_lock_lock", 16, LS, [("raw", ["0xf0","0xf0","0x43","0x01","0x04","0x37"], "lock lock addl %eax, (%r15,%r14,1)")]),
 ("r16_seg_seg", 16, LS, [("raw", ["0x2e","0x3e","0x90"], "nop with two segment prefixes")]),
 ("r16_66_jmp", 16, LS, [("raw", ["0x66","0xe9","0x00","0x00","0x00","0x00"], "data16 jmp .+6")] + ["nop"]),
 ("r16_66_on_add32_ignored", 16, LS, [("raw", ["0x66","0x66","0x01","0xc8"], "addw %cx, %ax with two 66")]),
 ("r16_bnd_jmp", 16, LS, [("raw", ["0xf2","0xeb","0x00"], "bnd jmp .+3")] + ["nop"]),
 ("r16_xacquire", 16, LS, [("raw", ["0xf2","0xf0","0x43","0x01","0x04","0x37"], "xacquire lock addl %eax, (%r15,%r14,1)")]),
 ("r16_rex_ignored", 16, LS, [("raw", ["0x48","0x66","0x89","0xc0"], "rex.w data16 mov: the REX is dropped")]),
 ("r16_rep_ret", 16, LS, RET_SEQ[:-1] + [("raw", ["0xf3","0xc3"], "rep retq")]),
 # R17
 ("r17_ok_rip", 0, LS, ["movq 0x100(%rip), %rax", "movq %rax, -0x1000(%rip)", "leaq 0x7fffffff(%rip), %rax"]),
 ("r17_rip_outside", 17, LS, ["movq 0x100000(%rip), %rax"]),
 ("r17_rip_before", 17, LS, ["movq %rax, -0x2000(%rip)"]),
 ("r17_rip_straddle", 17, LS, ["movq 0xeff5(%rip), %rax"]),
]
def cname(s): return s

print("/* Generated from tests/verifier/gen_cases.py: llvm-mc-19 -show-encoding of each snippet. */")
print("#define NOPS_1 0x90,")
for i in range(2, 33):
    print("#define NOPS_%d NOPS_%d 0x90," % (i, i - 1))
print("#define NOPS(n) NOPS_##n")
print()
out = []
table = []
for name, rule, pol, items in cases:
    lines = []
    off = 0
    for it in items:
        if isinstance(it, tuple) and it[0] == "nops":
            lines.append(("    NOPS(%d)" % it[1], "%d one-byte nops" % it[1]))
            off += it[1]
        elif isinstance(it, tuple):
            if rule == 0 and (off % 32) + len(it[1]) > 32:
                pad = 32 - off % 32
                lines.append(("    NOPS(%d)" % pad, "padding: keep the next instruction in its bundle"))
                off += pad
            lines.append(("    " + ", ".join(it[1]) + ",", it[2]))
            off += len(it[1])
        else:
            for text, bs in enc([it]):
                if rule == 0 and (off % 32) + len(bs) > 32:
                    pad = 32 - off % 32
                    lines.append(("    NOPS(%d)" % pad, "padding: keep the next instruction in its bundle"))
                    off += pad
                lines.append(("    " + ", ".join(bs) + ",", text))
                off += len(bs)
    out.append("static const uint8_t %s[] = {" % name)
    w = max(len(l[0]) for l in lines)
    for b, c in lines:
        out.append("%s /* %s */" % (b.ljust(w), c))
    out.append("};")
    table.append("    CASE(%s, %d, %s)," % (name, rule, pol))
print("\n".join(out))
print("\nstatic const code_case code_cases[] = {")
print("\n".join(table))
print("};")
