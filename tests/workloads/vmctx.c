// SPDX-License-Identifier: GPL-2.0
/* Drive the VM and its model in lock step. */
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "../lib/tap.h"
#include "vmctx.h"

static int op_result(struct vmctx *c, int r, const char *what)
{
	if (r)
		tap_fail("%s: %s: failed (%d)", c->label, what, r);
	return r;
}

int ctx_create(struct vmctx *c, const char *label, enum mmu_mode mode, int tdp_levels,
	       uint64_t mem_size, uint64_t slot0_size)
{
	int r;

	memset(c, 0, sizeof(*c));
	snprintf(c->label, sizeof(c->label), "%s", label);
	c->mode = mode;
	c->m = model_new(mode, tdp_levels, mem_size);
	if (!c->m)
		return op_result(c, -1, "model_new");
	model_set_slot(c->m, 0, 0, slot0_size);
	r = vmm_create(&c->vm, mem_size, slot0_size);
	if (r) {
		vmm_destroy(&c->vm);
		model_free(c->m);
		c->m = NULL;
	}
	return op_result(c, r, "create VM");
}

void ctx_destroy(struct vmctx *c)
{
	vmm_destroy(&c->vm);
	model_free(c->m);
	c->m = NULL;
}

int ctx_touch(struct vmctx *c, uint64_t first_region, uint64_t regions, uint64_t pages)
{
	model_touch(c->m, REGION_GPA(first_region), regions, pages, SZ_2M);
	return op_result(c, vmm_touch(&c->vm, REGION_GPA(first_region), regions, pages, SZ_2M),
			 "guest touch");
}

/* Rewrite the last PTE of @region's guest page table with its current value. */
int ctx_ptwrite(struct vmctx *c, uint64_t region)
{
	uint64_t gpa = vmm_pt_gpa(&c->vm, region) + 511 * 8;
	uint64_t val = vmm_gpte(&c->vm, REGION_GPA(region) + 511 * SZ_4K);

	model_ptwrite(c->m, gpa);
	return op_result(c, vmm_ptwrite(&c->vm, gpa, val), "guest PTE write");
}

int ctx_cr3_reload(struct vmctx *c)
{
	model_cr3_reload(c->m);
	return op_result(c, vmm_cr3_reload(&c->vm), "guest CR3 reload");
}

int ctx_halt(struct vmctx *c)
{
	model_halt(c->m);
	return op_result(c, vmm_halt(&c->vm), "guest HLT");
}

int ctx_set_nr_mmu_pages(struct vmctx *c, uint64_t nr)
{
	model_set_nr_mmu_pages(c->m, nr);
	return op_result(c, vmm_set_nr_mmu_pages(&c->vm, nr), "KVM_SET_NR_MMU_PAGES");
}

int ctx_set_pt(struct vmctx *c, uint64_t region, uint64_t gpa)
{
	model_set_pt(c->m, region, gpa);
	return op_result(c, vmm_set_pt(&c->vm, region, gpa), "move a guest page table");
}

int ctx_set_slot(struct vmctx *c, int slot, uint64_t gpa, uint64_t size)
{
	model_set_slot(c->m, slot, gpa, size);
	return op_result(c, vmm_set_slot(&c->vm, slot, gpa, size), "create memslot");
}

int ctx_delete_slot(struct vmctx *c, int slot)
{
	model_delete_slot(c->m, slot);
	return op_result(c, vmm_delete_slot(&c->vm, slot), "delete memslot");
}

void ctx_verify_touch(struct vmctx *c, uint64_t first_region, uint64_t regions, uint64_t pages)
{
	uint64_t bad = vmm_verify_touch(&c->vm, REGION_GPA(first_region), regions, pages, SZ_2M);

	if (bad)
		tap_fail("%s: guest stores in memory: %llu of %llu pages wrong", c->label,
			 (unsigned long long)bad, (unsigned long long)(regions * pages));
	else
		tap_ok("%s: guest stores in memory (%llu pages)", c->label,
		       (unsigned long long)(regions * pages));
}
