// SPDX-License-Identifier: GPL-2.0
/*
 * The core's interface to its readers (debugfs, the misc device): VM lists,
 * snapshots by VM id, totals and the status report.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/utsname.h>
#include "ss_core.h"
#include "ss_features.h"
#include "ss_hook.h"
#include "ss_ctx.h"
#include "ss_kvm.h"
#include "ss_layout.h"
#include "ss_snapshot.h"
#include "ss_tdp_root.h"
#include "ss_sp.h"
#include "ss_vm.h"

int ss_vm_list(struct ss_vm_info *infos, int max)
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

int ss_vm_snapshot(u64 vm_id, s64 values[SS_NR_STATS])
{
	struct ss_vm *vm;
	int ret = -ENOENT;

	mutex_lock(&ss_vm_lock);
	list_for_each_entry(vm, &ss_vms, node) {
		if (vm->info.id == vm_id) {
			ret = ss_snapshot_vm(vm, values, 0);
			break;
		}
	}
	mutex_unlock(&ss_vm_lock);
	return ret;
}

/* Sum over live VMs; a stat unavailable for one VM is unavailable in total. */
int ss_totals_snapshot_flags(s64 values[SS_NR_STATS], unsigned int flags)
{
	s64 *one;
	struct ss_vm *vm;
	int i;

	one = kmalloc_array(SS_NR_STATS, sizeof(*one), GFP_KERNEL);
	if (!one)
		return -ENOMEM;
	memset(values, 0, SS_NR_STATS * sizeof(*values));
	mutex_lock(&ss_vm_lock);
	list_for_each_entry(vm, &ss_vms, node) {
		if (ss_snapshot_vm(vm, one, flags))
			continue;	/* died meanwhile: not live any more */
		for (i = 0; i < SS_NR_STATS; i++) {
			if (values[i] == SS_VALUE_UNAVAILABLE)
				continue;
			if (one[i] == SS_VALUE_UNAVAILABLE)
				values[i] = SS_VALUE_UNAVAILABLE;
			else
				values[i] += one[i];
		}
	}
	mutex_unlock(&ss_vm_lock);
	kfree(one);
	return 0;
}

int ss_totals_snapshot(s64 values[SS_NR_STATS])
{
	return ss_totals_snapshot_flags(values, 0);
}

static int ss_layout_format(char *buf, size_t size)
{
	const struct ss_sp_layout *l = &ss_sp_layout;

	if (!ss_sp_layout_ok())
		return scnprintf(buf, size, "struct kvm_mmu_page: not found: %s\n",
				 l->why[0] ? l->why : "kvm not loaded");
	return scnprintf(buf, size,
			 "struct kvm_mmu_page: found in BTF (size %zu): link %d tdp_mmu_page %d unsync %d mmu_valid_gen %d role %d gfn %d root_count %d\n",
			 l->size, l->link, l->tdp_mmu_page, l->unsync,
			 l->mmu_valid_gen, l->role, l->gfn, l->root_count);
}

ssize_t ss_status_format(char *buf, size_t size)
{
	int len;

	len = scnprintf(buf, size, "shadowstat %s on kernel %s\n", SS_VERSION,
			init_utsname()->release);
	len += scnprintf(buf + len, size - len, "kvm: %s%s\n",
			 ss_kvm_ready() ? "attached" : "not attached: ",
			 ss_kvm_ready() ? "" : ss_kvm_why);
	len += ss_layout_format(buf + len, size - len);
	len += scnprintf(buf + len, size - len, "hooks:\n");
	len += ss_hooks_format(buf + len, size - len);
	len += scnprintf(buf + len, size - len, "features:\n");
	len += ss_features_format(buf + len, size - len);
	len += scnprintf(buf + len, size - len, "unattributed_events: %lld\n",
			 atomic64_read(&ss_unattributed));
	len += scnprintf(buf + len, size - len,
			 "page walks: longest mmu_lock hold %lld ns, %lld stopped at the budget, %lld yields, %lld restarts\n",
			 atomic64_read(&ss_walk_max_ns), atomic64_read(&ss_walks_truncated),
			 atomic64_read(&ss_walk_yields), atomic64_read(&ss_walk_restarts));
	len += scnprintf(buf + len, size - len,
			 "tdp_roots: %lld evicted, %lld frees under a root of no tracked VM\n",
			 atomic64_read(&ss_tdp_roots_evicted),
			 atomic64_read(&ss_tdp_root_unknown));
	return len;
}
