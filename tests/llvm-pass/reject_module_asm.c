// File-scope asm has no source location in LLVM IR; the error quotes the line.
// ERR: error: module-level asm uses %r15, which the sandbox reserves [R3]: 'movq %r15, %rax'
__asm__(".globl get_base\n"
        "get_base:\n"
        "  movq %r15, %rax\n"
        "  retq\n");
