/* sfi override of musl's __set_thread_area.s (docs/runtime.md, "musl overrides").
 * musl sets %fs with arch_prctl(ARCH_SET_FS). In the sandbox %fs-relative accesses read the
 * thread pointer from TP_SLOT = B + 0x10000 (docs/sandbox-abi.md R18), a sandbox-writable
 * slot, so the thread pointer is stored there directly (form d of R11: disp(%r15)). This
 * needs no system call, so libc initialises even under a host that serves none (libsfi's
 * default handler), e.g. a plugin's __sfi_init. Returns 0 (success) like the syscall. */
.text
.global __set_thread_area
.hidden __set_thread_area
.type __set_thread_area,@function
__set_thread_area:
	mov %rdi,0x10000(%r15)
	xor %eax,%eax
	ret
