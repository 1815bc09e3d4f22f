/* sfi-verify [--json] [--stats] [--object] [--max-errors N] FILE...
 *
 * Exit status: 0 every file is safe, 1 some file was rejected, 2 some file could not be
 * read or parsed (2 wins over 1). */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfi/verify.h"

typedef struct options {
    bool json, stats, object;
    size_t max_errors;
} options;

static void usage(FILE *out) {
    fprintf(out, "usage: sfi-verify [--json] [--stats] [--object] [--max-errors N] FILE...\n"
                 "Checks sfi modules (ET_DYN) or objects (ET_REL) against docs/sandbox-abi.md.\n");
}

static uint8_t *read_file(const char *path, size_t *size, char *err, size_t errsz) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errsz, "%s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (len < cap)
            break;
        uint8_t *bigger = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (!buf)
        snprintf(err, errsz, "out of memory");
    else if (ferror(fp)) {
        snprintf(err, errsz, "read error");
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    *size = len;
    return buf;
}

static void json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20 || *p >= 0x7f)
                fprintf(out, "\\u%04x", *p); /* file names may hold anything: stay ASCII */
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void hex_bytes(char *buf, size_t bufsz, const sfi_violation *v) {
    size_t pos = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < v->length && pos + 4 < bufsz; i++)
        pos += (size_t)snprintf(buf + pos, bufsz - pos, "%s%02x", i ? " " : "", v->bytes[i]);
}

static double mib_per_s(const sfi_verify_stats *s) {
    if (s->verify_ns == 0)
        return 0.0;
    return (double)s->code_bytes / (1024.0 * 1024.0) / ((double)s->verify_ns / 1e9);
}

static void print_human(const char *path, sfi_verify_status st, const sfi_verify_result *r,
                        const options *opt) {
    size_t shown = r->n_violations < r->capacity ? r->n_violations : r->capacity;
    for (size_t i = 0; i < shown; i++) {
        const sfi_violation *v = &r->violations[i];
        char hex[64];
        hex_bytes(hex, sizeof hex, v);
        printf("%s: %s+0x%llx (vaddr 0x%llx): [R%u] %s", path, v->region,
               (unsigned long long)v->region_offset, (unsigned long long)v->vaddr, v->rule,
               v->message);
        if (v->length)
            printf(": %s  %s", hex, v->text);
        printf("\n");
    }
    if (r->n_violations > shown)
        printf("%s: ... %zu more violations not shown (--max-errors)\n", path,
               r->n_violations - shown);
    if (st == SFI_VERIFY_BAD_INPUT)
        printf("%s: ERROR (%s)\n", path, r->error);
    else if (st == SFI_VERIFY_OK)
        printf("%s: OK (%llu instructions, %llu bundles)\n", path,
               (unsigned long long)r->stats.instructions, (unsigned long long)r->stats.bundles);
    else
        printf("%s: REJECTED (%zu violations)\n", path, r->n_violations);
    if (opt->stats) {
        const sfi_verify_stats *s = &r->stats;
        printf("%s: stats: %llu code bytes, %llu instructions, %llu bundles; sequences: "
               "%llu indirect, %llu return, %llu rsp, %llu string; %llu masked accesses, "
               "%llu rip-relative unchecked, %llu branches unchecked; %.1f MiB/s\n",
               path, (unsigned long long)s->code_bytes, (unsigned long long)s->instructions,
               (unsigned long long)s->bundles, (unsigned long long)s->seq_indirect,
               (unsigned long long)s->seq_return, (unsigned long long)s->seq_rsp,
               (unsigned long long)s->seq_string, (unsigned long long)s->masked_accesses,
               (unsigned long long)s->rip_unchecked, (unsigned long long)s->branch_unchecked,
               mib_per_s(s));
    }
}

static void print_json(const char *path, const char *kind, sfi_verify_status st,
                       const sfi_verify_result *r, const options *opt) {
    static const char *const status_names[] = {"ok", "rejected", "error"};
    size_t shown = r->n_violations < r->capacity ? r->n_violations : r->capacity;
    printf("{\"file\":");
    json_string(stdout, path);
    printf(",\"kind\":\"%s\",\"status\":\"%s\"", kind, status_names[st]);
    if (st == SFI_VERIFY_BAD_INPUT) {
        printf(",\"error\":");
        json_string(stdout, r->error);
    }
    printf(",\"policy\":\"%s\",\"n_violations\":%zu,\"violations\":[",
           r->module_policy == SFI_POLICY_STORES_ONLY ? "stores-only" : "loads+stores",
           r->n_violations);
    for (size_t i = 0; i < shown; i++) {
        const sfi_violation *v = &r->violations[i];
        char hex[64];
        hex_bytes(hex, sizeof hex, v);
        printf("%s{\"region\":", i ? "," : "");
        json_string(stdout, v->region);
        printf(",\"offset\":%llu,\"vaddr\":%llu,\"rule\":%u,\"rule_name\":",
               (unsigned long long)v->region_offset, (unsigned long long)v->vaddr, v->rule);
        json_string(stdout, sfi_rule_name(v->rule));
        printf(",\"message\":");
        json_string(stdout, v->message);
        printf(",\"bytes\":\"%s\",\"text\":", hex);
        json_string(stdout, v->text);
        printf("}");
    }
    printf("]");
    const sfi_verify_stats *s = &r->stats;
    printf(",\"instructions\":%llu,\"bundles\":%llu", (unsigned long long)s->instructions,
           (unsigned long long)s->bundles);
    if (opt->stats)
        printf(",\"stats\":{\"code_bytes\":%llu,\"instructions\":%llu,\"bundles\":%llu,"
               "\"seq_indirect\":%llu,\"seq_return\":%llu,\"seq_rsp\":%llu,\"seq_string\":%llu,"
               "\"masked_accesses\":%llu,\"rip_unchecked\":%llu,\"branch_unchecked\":%llu,"
               "\"verify_ns\":%llu,\"mib_per_s\":%.1f}",
               (unsigned long long)s->code_bytes, (unsigned long long)s->instructions,
               (unsigned long long)s->bundles, (unsigned long long)s->seq_indirect,
               (unsigned long long)s->seq_return, (unsigned long long)s->seq_rsp,
               (unsigned long long)s->seq_string, (unsigned long long)s->masked_accesses,
               (unsigned long long)s->rip_unchecked, (unsigned long long)s->branch_unchecked,
               (unsigned long long)s->verify_ns, mib_per_s(s));
    printf("}\n");
}

int main(int argc, char **argv) {
    options opt = {.max_errors = 100};
    int first_file = argc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) opt.json = true;
        else if (!strcmp(a, "--stats")) opt.stats = true;
        else if (!strcmp(a, "--object")) opt.object = true;
        else if (!strcmp(a, "--max-errors") && i + 1 < argc) {
            char *end;
            unsigned long long n = strtoull(argv[++i], &end, 10);
            if (*end || n == 0) {
                fprintf(stderr, "sfi-verify: --max-errors needs a positive number\n");
                return 2;
            }
            opt.max_errors = (size_t)n;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--")) {
            first_file = i + 1;
            break;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "sfi-verify: unknown option %s\n", a);
            usage(stderr);
            return 2;
        } else {
            first_file = i;
            break;
        }
    }
    if (first_file >= argc) {
        usage(stderr);
        return 2;
    }

    int exit_code = 0;
    for (int i = first_file; i < argc; i++) {
        const char *path = argv[i];
        char err[160];
        size_t size = 0;
        uint8_t *data = read_file(path, &size, err, sizeof err);
        if (!data) {
            fprintf(stderr, "sfi-verify: %s: %s\n", path, err);
            if (opt.json) {
                printf("{\"file\":");
                json_string(stdout, path);
                printf(",\"status\":\"error\",\"error\":");
                json_string(stdout, err);
                printf("}\n");
            } else {
                printf("%s: ERROR (%s)\n", path, err);
            }
            exit_code = 2;
            continue;
        }
        /* Auto-detect: ET_REL is an object, anything else is checked as a module. */
        bool object = opt.object;
        if (!object && size >= sizeof(Elf64_Ehdr) && memcmp(data, ELFMAG, SELFMAG) == 0) {
            uint16_t type;
            memcpy(&type, data + offsetof(Elf64_Ehdr, e_type), sizeof type);
            object = type == ET_REL;
        }
        sfi_verify_config cfg = {.policy = SFI_POLICY_LOADS_STORES, .max_violations = opt.max_errors};
        sfi_verify_result r;
        sfi_verify_status st = object ? sfi_verify_object(data, size, &cfg, &r)
                                      : sfi_verify_module(data, size, &cfg, &r);
        if (opt.json)
            print_json(path, object ? "object" : "module", st, &r, &opt);
        else
            print_human(path, st, &r, &opt);
        if (st == SFI_VERIFY_BAD_INPUT)
            exit_code = 2;
        else if (st == SFI_VERIFY_REJECTED && exit_code == 0)
            exit_code = 1;
        sfi_verify_result_free(&r);
        free(data);
    }
    return exit_code;
}
