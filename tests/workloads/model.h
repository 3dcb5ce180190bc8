/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A model of KVM's x86 MMU (Linux 6.1) for the guest in layout.h: it replays
 * the guest's memory accesses and computes the exact shadow / TDP page counts
 * KVM should have.  See model.c for the rules it follows.
 */
#ifndef SSVMM_MODEL_H
#define SSVMM_MODEL_H

#include <stdbool.h>
#include <stdint.h>

enum mmu_mode { MMU_SHADOW, MMU_TDP, MMU_LEGACY_TDP };

struct model_vals {
	/* gauges */
	int64_t shadow_pages;	/* n_used_mmu_pages */
	int64_t limit;		/* n_max_mmu_pages */
	int64_t indirect;	/* indirect_shadow_pages */
	int64_t direct;		/* counted pages with role.direct */
	int64_t roots;		/* counted pages with root_count > 0 */
	int64_t obsolete;	/* counted pages invalid or of an old generation */
	int64_t unsync;		/* unsync shadow pages (KVM's mmu_unsync) */
	int64_t level[6];	/* counted pages per role.level, [1]..[5] */
	int64_t tdp_pages;	/* non-root TDP MMU page tables */
	int64_t tdp_roots;	/* TDP MMU roots, valid or still referenced */
	int64_t leaves;		/* 4 KiB leaf SPTEs (KVM's pages_4k) */
	/* cumulative */
	int64_t created;	/* KVM's mmu_cache_miss */
	int64_t reused;
	int64_t zapped;		/* zaps of pages with root_count == 0 */
	int64_t root_zaps;	/* zaps of pages with root_count > 0 */
	int64_t recycled;	/* KVM's mmu_recycled */
	int64_t unsynced;
	int64_t synced;
	int64_t tdp_created;
	int64_t tdp_freed;
	/* the most counted shadow pages / TDP page tables at once, after a creation */
	int64_t peak_shadow;
	int64_t peak_tdp;
	/* how each mmu_try_to_unsync_pages() call ended (shadowstat's unsync_try_*) */
	int64_t try_tracked;	/* -EPERM: an upper-level guest table is there */
	int64_t try_lpage;	/* a 2 MiB page is allowed: 7.1's early exit */
	int64_t try_unsynced;	/* 0, and it made page(s) unsync */
	int64_t try_none;	/* 0: nothing there, or only unsync pages */
	int64_t try_refused;	/* -EEXIST on prefetch, -EPERM while synchronizing */
};

struct model;

struct model *model_new(enum mmu_mode mode, int tdp_levels, uint64_t mem_size);
void model_free(struct model *m);
const char *model_mode_name(enum mmu_mode mode);

/* False once the model has met something it cannot predict exactly. */
bool model_exact(const struct model *m);
const char *model_inexact_reason(const struct model *m);
/* NULL while the try_* counters are exact too, else why they are not. */
const char *model_tries_inexact(const struct model *m);
void model_get(const struct model *m, struct model_vals *v);

/* VMM-side events. */
void model_set_slot(struct model *m, int slot, uint64_t gpa, uint64_t size);
void model_delete_slot(struct model *m, int slot);
void model_set_nr_mmu_pages(struct model *m, uint64_t nr);
/* Before the guest runs: 2 MiB region @region's page table is at @gpa. */
void model_set_pt(struct model *m, uint64_t region, uint64_t gpa);

/* Guest operations, mirroring guest_code.S. */
void model_touch(struct model *m, uint64_t gpa, uint64_t regions, uint64_t pages, uint64_t stride);
void model_ptwrite(struct model *m, uint64_t gpa);
void model_cr3_reload(struct model *m);
void model_halt(struct model *m);

#endif /* SSVMM_MODEL_H */
