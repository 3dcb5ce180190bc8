/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A VM under test: the real VM and its model, driven in lock step, plus what
 * the checks remember between checkpoints.
 */
#ifndef SSVMM_VMCTX_H
#define SSVMM_VMCTX_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "stats.h"
#include "vmm.h"

struct snap {
	int64_t kvm[K_NR];
	bool ss_ok;
	int64_t ss[S_NR];
	struct model_vals mv;
};

struct vmctx {
	struct vmm vm;
	struct model *m;
	enum mmu_mode mode;
	char label[128];
	bool ss_base_valid;	/* shadowstat seen since @ss_base was taken */
	struct snap ss_base;
};

int ctx_create(struct vmctx *c, const char *label, enum mmu_mode mode, int tdp_levels,
	       uint64_t mem_size, uint64_t slot0_size);
void ctx_destroy(struct vmctx *c);

/* Guest ops: the same operation on the VM and on the model. Regions are 2 MiB indices. */
int ctx_touch(struct vmctx *c, uint64_t first_region, uint64_t regions, uint64_t pages);
int ctx_ptwrite(struct vmctx *c, uint64_t region);
int ctx_cr3_reload(struct vmctx *c);
int ctx_halt(struct vmctx *c);

/* VMM ops. */
int ctx_set_nr_mmu_pages(struct vmctx *c, uint64_t nr);
/* Before the guest runs: 2 MiB region @region's page table goes to @gpa. */
int ctx_set_pt(struct vmctx *c, uint64_t region, uint64_t gpa);
int ctx_set_slot(struct vmctx *c, int slot, uint64_t gpa, uint64_t size);
int ctx_delete_slot(struct vmctx *c, int slot);

/* Report whether the guest's stores of a touch are all in memory. */
void ctx_verify_touch(struct vmctx *c, uint64_t first_region, uint64_t regions, uint64_t pages);

#endif /* SSVMM_VMCTX_H */
