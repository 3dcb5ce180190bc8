// SPDX-License-Identifier: GPL-2.0
/*
 * The query layer between the per-VM state and its views: VM lists,
 * snapshots by VM or VM id, and totals, each under ss_vm_lock, which keeps
 * KVM's symbols (and kvm.ko) from going meanwhile.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "../include/shadowstat_totals.h"
#include "ss_history.h"
#include "ss_query.h"
#include "ss_snapshot.h"
#include "ss_stat_defs.h"

int ss_query_list(struct ss_vm_info *infos, int max)
{
	struct ss_vm *vm;
	int n = 0;

	mutex_lock(&ss_vm_lock);
	list_for_each_entry(vm, &ss_vms, node) {
		if (READ_ONCE(vm->dead))
			continue;
		if (n < max)
			infos[n] = vm->info;
		n++;
	}
	mutex_unlock(&ss_vm_lock);
	return n;
}

int ss_query_vm(struct ss_vm *vm, s64 values[SS_NR_STATS], unsigned int flags)
{
	int ret;

	mutex_lock(&ss_vm_lock);
	ret = ss_snapshot_vm(vm, values, flags);
	mutex_unlock(&ss_vm_lock);
	return ret;
}

int ss_query_vm_id(u64 vm_id, s64 values[SS_NR_STATS], unsigned int flags)
{
	struct ss_vm *vm;
	int ret = -ENOENT;

	mutex_lock(&ss_vm_lock);
	list_for_each_entry(vm, &ss_vms, node) {
		if (vm->info.id == vm_id) {
			ret = ss_snapshot_vm(vm, values, flags);
			break;
		}
	}
	mutex_unlock(&ss_vm_lock);
	return ret;
}

int ss_query_departed(struct ss_vm_info *infos, s64 *values, int max)
{
	return ss_history_copy(infos, values, max);
}

void ss_query_totals_add(s64 totals[SS_NR_STATS], const s64 row[SS_NR_STATS])
{
	shadowstat_totals_add(totals, row, ss_stat_kinds, SS_NR_STATS);
}

int ss_query_totals(s64 values[SS_NR_STATS], unsigned int flags)
{
	struct ss_vm *vm;
	s64 *one;

	one = kmalloc_array(SS_NR_STATS, sizeof(*one), GFP_KERNEL);
	if (!one)
		return -ENOMEM;
	shadowstat_totals_zero(values, SS_NR_STATS);
	mutex_lock(&ss_vm_lock);
	list_for_each_entry(vm, &ss_vms, node)
		if (!ss_snapshot_vm(vm, one, flags))	/* else died meanwhile */
			ss_query_totals_add(values, one);
	mutex_unlock(&ss_vm_lock);
	kfree(one);
	return 0;
}
