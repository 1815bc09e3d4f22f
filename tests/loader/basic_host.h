/* Host callbacks for two of the imports of tests/loader/modules/basic.s, shared by the loader
 * test programs (each registers its own host_reenter). Include after sfi/sfi.h. */
#ifndef SFI_TEST_BASIC_HOST_H
#define SFI_TEST_BASIC_HOST_H

/* host_add(a, b) = a + b; counts its calls in *(int *)user when user is not NULL */
static uint64_t host_add(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)sb;
    if (user) (*(int *)user)++;
    return a->i[0] + a->i[1];
}

/* host_scale(n, x) = x * n, returned in %xmm0 */
static uint64_t host_scale(sfi_sandbox *sb, sfi_callback_args *a, void *user) {
    (void)sb, (void)user;
    a->ret.d = a->f[0].d * (double)a->i[0];
    return 0;
}

#endif
