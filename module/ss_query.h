/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the views (debugfs, the misc device) may ask: the list of VMs,
 * consistent snapshots of one VM or of all of them, and their totals.
 */
#ifndef SS_QUERY_H
#define SS_QUERY_H

#include <linux/types.h>
#include "ss_stat_ids.h"
#include "ss_vm.h"

/* Fill up to @max entries; returns the number of VMs (may exceed @max). */
int ss_query_list(struct ss_vm_info *infos, int max);
/* Snapshot of one VM (SS_SNAP_* @flags); -ENOENT if it is gone. */
int ss_query_vm(struct ss_vm *vm, s64 values[SS_NR_STATS], unsigned int flags);
int ss_query_vm_id(u64 vm_id, s64 values[SS_NR_STATS], unsigned int flags);
/* Sum over all live VMs (shadowstat_totals.h). */
int ss_query_totals(s64 values[SS_NR_STATS], unsigned int flags);
/* The departed VMs' final rows, oldest first (ss_history.h); how many there are. */
int ss_query_departed(struct ss_vm_info *infos, s64 *values, int max);
/* Add one VM's @row to @totals, as the totals of the module and the CLI are. */
void ss_query_totals_add(s64 totals[SS_NR_STATS], const s64 row[SS_NR_STATS]);

#endif /* SS_QUERY_H */
