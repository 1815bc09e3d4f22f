/* A host application embedding libsfi: it loads the untrusted wordfreq plugin into a sandbox,
 * gives it a text to parse, receives results through callbacks, and shows that a wild write
 * in the plugin is contained.
 *
 *   wordfreq-host PLUGIN.sfi [TEXT-FILE]      (default text: this program's own usage string) */
#include <sfi/posix.h>
#include <sfi/sfi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies a NUL-terminated string out of the sandbox, at most cap-1 bytes. The sandbox's memory
 * is untrusted: every byte goes through a checked copy, never a raw host pointer. */
static int copy_string_out(sfi_sandbox *sb, uint64_t addr, char *buf, size_t cap)
{
    for (size_t i = 0; i + 1 < cap; i++) {
        if (sfi_copy_out(sb, &buf[i], addr + i, 1) != SFI_OK)
            return -1;
        if (buf[i] == 0)
            return 0;
    }
    buf[cap - 1] = 0;
    return 0;
}

static uint64_t host_emit(sfi_sandbox *sb, sfi_callback_args *a, void *user)
{
    char word[64];
    int *emitted = user;
    if (copy_string_out(sb, a->i[0], word, sizeof word) < 0)
        return 0; /* a bad pointer from the plugin: ignore the record */
    printf("  %-16s %d\n", word, (int)a->i[1]);
    (*emitted)++;
    return 0;
}

static uint64_t host_log(sfi_sandbox *sb, sfi_callback_args *a, void *user)
{
    char msg[256];
    (void)user;
    if (copy_string_out(sb, a->i[0], msg, sizeof msg) == 0)
        fprintf(stderr, "plugin: %s\n", msg);
    return 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static int fail(sfi_sandbox *sb, const char *what, sfi_status s)
{
    fprintf(stderr, "wordfreq-host: %s: %s (%s)\n", what, sfi_strerror(s), sfi_last_error(sb));
    return 1;
}

static const char default_text[] =
    "the plugin parses the text the host gives it and the host prints what the plugin "
    "reports; the plugin cannot read or write the host";

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PLUGIN.sfi [TEXT-FILE]\n", argv[0]);
        return 2;
    }
    size_t len = sizeof default_text - 1;
    char *text = (char *)default_text;
    if (argc == 3 && !(text = read_file(argv[2], &len))) {
        perror(argv[2]);
        return 1;
    }

    sfi_sandbox *sb;
    sfi_status s = sfi_sandbox_create(NULL, &sb);
    if (s != SFI_OK)
        return fail(NULL, "create", s);
    /* The plugin's libc gets memory (mmap inside its slot) from the deny-by-default system-call
     * layer; with no directory granted it can open no file. It must exist before loading, since
     * the plugin's __sfi_init already allocates. */
    sfi_posix *px = sfi_posix_create(sb);
    if (!px)
        return fail(sb, "sfi_posix_create", SFI_ERR_NOMEM);
    int emitted = 0;
    sfi_register_callback(sb, "host_emit", host_emit, &emitted);
    sfi_register_callback(sb, "host_log", host_log, NULL);
    if ((s = sfi_sandbox_load_file(sb, argv[1])) != SFI_OK)
        return fail(sb, argv[1], s);
    printf("loaded %s (verified) at sandbox base 0x%llx\n", argv[1],
           (unsigned long long)sfi_sandbox_base(sb));

    /* Hand the text over: allocate inside the sandbox, copy in, pass the sandbox address. */
    uint64_t buf;
    if ((s = sfi_malloc(sb, len ? len : 1, &buf)) != SFI_OK)
        return fail(sb, "sfi_malloc", s);
    if ((s = sfi_copy_in(sb, buf, text, len)) != SFI_OK)
        return fail(sb, "sfi_copy_in", s);
    sfi_func fn;
    if ((s = sfi_lookup(sb, "wordfreq", &fn)) != SFI_OK)
        return fail(sb, "lookup wordfreq", s);
    sfi_value args[3] = {sfi_ptr(buf), sfi_i64((int64_t)len), sfi_i32(10)};
    sfi_value ret = {.type = SFI_TYPE_I32};
    printf("top words:\n");
    if ((s = sfi_call(sb, fn, args, 3, &ret)) != SFI_OK)
        return fail(sb, "wordfreq", s);
    printf("%d distinct words, %d reported through callbacks\n", ret.v.i32, emitted);
    sfi_free(sb, buf);

    /* Containment: ask the plugin to overwrite a host variable. The store is masked into the
     * plugin's own 4 GiB slot, so the host's canary cannot change; at worst the plugin faults. */
    static volatile int canary = 0x5afe;
    sfi_func poke;
    if ((s = sfi_lookup(sb, "poke", &poke)) != SFI_OK)
        return fail(sb, "lookup poke", s);
    sfi_value pargs[2] = {sfi_i64((int64_t)(uintptr_t)&canary), sfi_i32(0xbad)};
    s = sfi_call(sb, poke, pargs, 2, NULL);
    if (s == SFI_ERR_FAULT) {
        sfi_fault_info fi;
        sfi_fault_info_get(sb, &fi);
        printf("wild write to host address %p: contained (sandbox fault at 0x%llx, signal %d)\n",
               (void *)&canary, (unsigned long long)fi.addr, fi.signo);
    } else {
        printf("wild write to host address %p: contained (%s)\n", (void *)&canary,
               s == SFI_OK ? "it landed inside the sandbox" : sfi_strerror(s));
    }
    printf("host canary: 0x%x (%s)\n", canary, canary == 0x5afe ? "intact" : "CORRUPTED");

    sfi_posix_destroy(px);
    sfi_sandbox_destroy(sb);
    if (text != default_text)
        free(text);
    return canary == 0x5afe && ret.v.i32 > 0 ? 0 : 1;
}
