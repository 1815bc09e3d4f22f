/* sfi override of musl's clone.s (docs/runtime.md, "musl overrides").
 * A sandbox is entered by one thread at a time (docs/sandbox-abi.md R25), so
 * there are no threads: __clone always fails with -ENOSYS and pthread_create
 * returns EAGAIN. musl's version ends in hlt, which R14 forbids, and would
 * start code on a caller-chosen stack. */
.text
.global __clone
.hidden __clone
.type   __clone,@function
__clone:
	mov $-38,%rax           /* -ENOSYS */
	ret
