/* The floor of an instantiation in a new slot (docs/performance.md, "Instantiation"): only the
 * kernel work libsfi cannot avoid there, without libsfi.
 *
 *   slotfloor <module.sfi> [iterations] [populate]
 *
 * For the module's compact layout (docs/sandbox-abi.md R2) in a 4 GiB-aligned PROT_NONE
 * reservation, each iteration does what a load into a slot with nothing mapped and a destroy
 * that clears the slot must do, and nothing else: make [B + 0x10000, stack end) R+W (one
 * mprotect), map a code memfd (gate area + code) R+X over [GATES, code end) (one mmap), write
 * one byte into every page the loader writes (the file bytes of the segments other than the
 * code: each is a first touch of a fresh page), and put [B, stack end) back to PROT_NONE
 * without pages (one mmap). Medians of each step and of the total; compare the total with
 * bench-instantiate's "fresh" variant of the same module. "populate": the pages are
 * allocated with one MADV_POPULATE_WRITE per run of them instead of by first touches (an
 * alternative for the loader, measured here). */
#include "bench.h"

#include <elf.h>
#include <sys/mman.h>

#define SLOT (UINT64_C(1) << 32)
#define PAGE UINT64_C(4096)
#define DATA_OFF UINT64_C(0x10000)
#define GATES_OFF UINT64_C(0x20000)
#define GATE_AREA UINT64_C(0x10000)
#define STACK (UINT64_C(1) << 20) /* libsfi's default */

static uint64_t page_down(uint64_t x) { return x & ~(PAGE - 1); }
static uint64_t page_up(uint64_t x) { return (x + PAGE - 1) & ~(PAGE - 1); }

static void die(const char *what) {
    perror(what);
    exit(1);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s module.sfi [iterations] [populate]\n", argv[0]);
        return 2;
    }
    long n = argc > 2 ? atol(argv[2]) : 5001;
    int populate = argc > 3 && !strcmp(argv[3], "populate");
    FILE *f = fopen(argv[1], "rb");
    if (!f) die(argv[1]);
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc((size_t)sz);
    if (!b || fread(b, 1, (size_t)sz, f) != (size_t)sz) die("read");
    fclose(f);
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(b + eh->e_phoff);
    uint64_t code_lo = 0, code_hi = 0, image_end = 0;
    uint64_t touch[64];
    int ntouch = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD) continue;
        if (page_up(ph[i].p_vaddr + ph[i].p_memsz) > image_end) image_end = page_up(ph[i].p_vaddr + ph[i].p_memsz);
        if (ph[i].p_flags & PF_X) {
            code_lo = page_down(ph[i].p_vaddr);
            code_hi = page_up(ph[i].p_vaddr + ph[i].p_memsz);
            continue;
        }
        for (uint64_t p = page_down(ph[i].p_vaddr); p < ph[i].p_vaddr + ph[i].p_filesz && ntouch < 64; p += PAGE)
            if (!ntouch || touch[ntouch - 1] != p) touch[ntouch++] = p;
    }
    if (code_hi <= code_lo || code_lo < GATE_AREA) {
        fprintf(stderr, "%s: no compact layout\n", argv[1]);
        return 1;
    }
    int fd = memfd_create("floor-code", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, (off_t)(GATE_AREA + code_hi - code_lo))) die("memfd");

    void *res = mmap(NULL, 2 * SLOT, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (res == MAP_FAILED) die("reserve");
    const uint64_t B = ((uint64_t)res + SLOT - 1) & ~(SLOT - 1);
    const uint64_t img = B + GATES_OFF + GATE_AREA - code_lo; /* the gap lands on GATES */
    const uint64_t lo = B + DATA_OFF, gates = B + GATES_OFF, code_end = img + code_hi;
    const uint64_t stack_end = img + image_end + STACK;
    const int anon = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED;

    double *t[5];
    for (int k = 0; k < 5; k++) t[k] = calloc((size_t)n, sizeof(double));
    for (long i = -n / 10 - 1; i < n; i++) {
        double t0 = now_ns();
        if (mprotect((void *)lo, stack_end - lo, PROT_READ | PROT_WRITE)) die("mprotect");
        double t1 = now_ns();
        if (mmap((void *)gates, code_end - gates, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0) ==
            MAP_FAILED)
            die("mmap code");
        double t2 = now_ns();
        for (int k = 0; k < ntouch; k++) {
            if (!populate) {
                *(volatile char *)(img + touch[k]) = 1;
                continue;
            }
            int run = 1; /* pages k .. k + run - 1 are contiguous */
            while (k + run < ntouch && touch[k + run] == touch[k] + (uint64_t)run * PAGE) run++;
            if (madvise((void *)(img + touch[k]), (uint64_t)run * PAGE, MADV_POPULATE_WRITE)) die("populate");
            k += run - 1;
        }
        double t3 = now_ns();
        if (mmap((void *)B, stack_end - B, PROT_NONE, anon, -1, 0) == MAP_FAILED) die("clear");
        double t4 = now_ns();
        if (i >= 0) {
            t[0][i] = (t1 - t0) / 1e3;
            t[1][i] = (t2 - t1) / 1e3;
            t[2][i] = (t3 - t2) / 1e3;
            t[3][i] = (t4 - t3) / 1e3;
            t[4][i] = (t4 - t0) / 1e3;
        }
    }
    print_machine();
    printf("# floor of a new slot for %s: its compact layout, %d pages %s; medians "
           "[p10, p90] in microseconds\n", argv[1], ntouch,
           populate ? "allocated with MADV_POPULATE_WRITE" : "first touched");
    const char *name[5] = {"mprotect R+W", "mmap code", populate ? "populate" : "first touches",
                           "clear (mmap)", "total"};
    for (int k = 0; k < 5; k++) {
        double m = median(t[k], (size_t)n);
        printf("%-22s %9.2f us [%8.2f, %8.2f]  n=%ld\n", name[k], m, percentile(t[k], (size_t)n, 0.1),
               percentile(t[k], (size_t)n, 0.9), n);
    }
    return 0;
}
