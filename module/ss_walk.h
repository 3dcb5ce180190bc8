/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The walk of a VM's shadow pages (ss_walk.c): the pages KVM counts in
 * n_used_mmu_pages, by level, role and state, under mmu_lock held for read,
 * yielding it within the bounds of ss_walk_limits.h.
 */
#ifndef SS_WALK_H
#define SS_WALK_H

#include <linux/types.h>
#include "ss_walk_counts.h"

struct ss_walk {
	void **roots;		/* shadow pages held as roots by vCPUs */
	bool *seen;		/* ...that were found on active_mmu_pages */
	int nr_roots;
	int max_roots;
	bool truncated;		/* stopped at walk_budget_us */
	u64 roots_sum;		/* of every vCPU root reference */
	u64 max_hold_ns;
	struct ss_walk_counts counts;
};

struct ss_vm;
struct kvm;

/* Before taking mmu_lock: room for the VM's vCPU roots. 0 or -ENOMEM. */
int ss_walk_prepare(struct ss_walk *w, struct kvm *kvm);
/* Caller holds mmu_lock for read; it may be dropped and taken again. */
void ss_walk_run(struct ss_walk *w, struct ss_vm *vm);
/* After dropping mmu_lock: account the hold times, free. */
void ss_walk_finish(struct ss_walk *w);

extern atomic64_t ss_walks_truncated;
extern atomic64_t ss_walk_max_ns;
extern atomic64_t ss_walk_yields;
extern atomic64_t ss_walk_restarts;

#endif /* SS_WALK_H */
