/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_SNAPSHOT_H
#define SS_SNAPSHOT_H

#include "ss_vm.h"

/* skip the walk of the VM's shadow pages: its stats read as unavailable */
#define SS_SNAP_NO_WALK 1

int ss_snapshot_vm(struct ss_vm *vm, s64 values[SS_NR_STATS], unsigned int flags);
bool ss_stat_from_walk(enum ss_stat_id id);
/* walk_budget_us: how long a walk may hold mmu_lock in all */
u64 ss_walk_budget_ns(void);
int ss_totals_snapshot_flags(s64 values[SS_NR_STATS], unsigned int flags);

extern atomic64_t ss_walks_truncated;
extern atomic64_t ss_walk_max_ns;
extern atomic64_t ss_walk_yields;
extern atomic64_t ss_walk_restarts;

#endif /* SS_SNAPSHOT_H */
