/* Per-thread setup, done lazily on a thread's first entry into any sandbox: an alternate
 * signal stack (a fault or timer tick in sandbox code must not run the handler, or write a
 * signal frame full of host data, on the sandbox stack), the gate targets in host TLS, and the
 * timeout timer. A pthread key tears it down when the thread exits. */
#include "internal.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>

#define ALTSTACK_SIZE (64 * 1024)

/* initial-exec: the call path reads it with one %fs-relative load, no __tls_get_addr */
__thread struct sfi_thread sfi__self SFI_TLS;
#define self sfi__self
static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void thread_exit(void *p) {
    (void)p;
    sfi__timer_thread_fini();
    if (self.altstack) {
        stack_t ss = {.ss_flags = SS_DISABLE};
        sigaltstack(&ss, NULL);
        munmap(self.altstack, ALTSTACK_SIZE);
        self.altstack = NULL;
    }
    self.init = 0;
}

static void make_key(void) { pthread_key_create(&key, thread_exit); }

sfi_status sfi__thread_init(void) {
    if (self.init) return SFI_OK;
    pthread_once(&key_once, make_key);
    stack_t old;
    if (sigaltstack(NULL, &old) == 0 && (old.ss_flags & SS_DISABLE)) {
        void *p = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return sfi__thread_fail(SFI_ERR_NOMEM, "cannot allocate signal stack");
        stack_t ss = {.ss_sp = p, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
        if (sigaltstack(&ss, NULL) != 0) {
            munmap(p, ALTSTACK_SIZE);
            return sfi__thread_fail(SFI_ERR_SYSTEM, "sigaltstack failed");
        }
        self.altstack = p;
    }
    sfi_status st = sfi__timer_thread_init();
    if (st) return st;
    sfi__tls_gate[GATE_KIND_EXIT] = (uintptr_t)sfi__gate_exit;
    sfi__tls_gate[GATE_KIND_SYSCALL] = (uintptr_t)sfi__gate_syscall;
    sfi__tls_gate[GATE_KIND_CALLBACK] = (uintptr_t)sfi__gate_callback;
    pthread_setspecific(key, &self);
    self.init = 1;
    return SFI_OK;
}
