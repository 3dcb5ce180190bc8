/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_TDP_WALK_H
#define SS_TDP_WALK_H

#include <linux/kvm_host.h>

/* The layout tells where a kvm_mmu_page keeps its page table (spt). */
bool ss_tdp_walk_usable(void);

/*
 * Non-root TDP MMU page tables of @kvm, counted by walking its roots, within
 * @budget_ns; a negative errno with the reason in @why if it could not. The
 * caller holds mmu_lock for write, so no table comes or goes meanwhile.
 */
long ss_tdp_count_tables(struct kvm *kvm, u64 budget_ns, const char **why);

#endif /* SS_TDP_WALK_H */
