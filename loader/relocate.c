/* Relocation (R20: R_X86_64_RELATIVE only) and import binding (R21). Both run while the
 * image is still writable, before RELRO and read-only segments are protected. All targets
 * were range-checked against the data segments when the module was parsed (module.c). */
#include "internal.h"

#include <string.h>

sfi_status sfi__relocate(struct sfi_sandbox *sb) {
    const struct sfi_module *m = sb->mod;
    const uint64_t img = sb->image;
    for (size_t i = 0; i < m->nrelocs; i++) {
        uint64_t val = img + m->relocs[2 * i + 1];
        memcpy((void *)(img + m->relocs[2 * i]), &val, sizeof val); /* may be unaligned */
    }
    return SFI_OK;
}

sfi_status sfi__bind_imports(struct sfi_sandbox *sb) {
    const struct sfi_module *m = sb->mod;
    const uint64_t img = sb->image;
    for (size_t j = 0; j < m->nimports; j++) {
        const struct sfi_cb *cb = NULL;
        for (size_t k = 0; k < sb->ncbs; k++)
            if (strcmp(sb->cbs[k].name, m->imports[j].name) == 0) cb = &sb->cbs[k];
        if (!cb)
            return sfi__fail(sb, SFI_ERR_IMPORT,
                             "module imports '%s' but no callback is registered under that name",
                             m->imports[j].name);
        sb->bound[j] = *cb;
        /* The slot gets the gate's address; the sandbox may overwrite it, but its jump
         * through the slot is masked (R9), so the worst it reaches is another bundle. */
        uint64_t gate = sb->base + SFI_GATES_OFF + SFI_BUNDLE * (2 + j);
        memcpy((void *)(img + m->imports[j].slot), &gate, sizeof gate);
    }
    return SFI_OK;
}
