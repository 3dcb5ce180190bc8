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
#include "ss_tdp_walk.h"
#include "ss_sp.h"
#include "ss_sp_owner.h"
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

/* The KVM functions called through a pointer, and why each call is safe. */
static int ss_kvm_calls_format(char *buf, size_t size)
{
	int i, len;

	len = scnprintf(buf, size, "indirect calls:\n");
	for (i = 0; i < SS_KVM_NR_CALLS; i++) {
		const struct ss_kvm_call *c = &ss_kvm_calls[i];

		len += scnprintf(buf + len, size - len, "  %-22s %s: %s\n", c->name,
				 c->fn ? "called" : "not called",
				 c->why[0] ? c->why : "kvm not loaded");
	}
	return len;
}

/* Where tdp_mmu_pages comes from on this kernel. */
static const char *ss_tdp_pages_source(void)
{
	if (ss_kvm_keeps_tdp_count())
		return "tdp_mmu_pages is KVM's own count";
	if (!ss_tdp_walk_usable())
		return "tdp_mmu_pages unavailable: KVM keeps no count, kvm_mmu_page.spt unknown";
	return "tdp_mmu_pages is a walk of the TDP tables at adoption, then link and free hooks";
}

/* VMs whose stats are degraded, and why. */
static int ss_vm_degraded_format(char *buf, size_t size)
{
	struct ss_vm *vm;
	int len = 0;

	mutex_lock(&ss_vm_lock);
	list_for_each_entry(vm, &ss_vms, node)
		if (!READ_ONCE(vm->dead) && vm->seed_tdp < 0 && vm->tdp_why)
			len += scnprintf(buf + len, size - len,
					 "vm %s: tdp_mmu_pages unavailable: %s\n",
					 vm->info.name, vm->tdp_why);
	mutex_unlock(&ss_vm_lock);
	return len;
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
	len += scnprintf(buf + len, size - len, "mmu_shadow_pages: %s\n",
			 ss_kvm_shadow_pages_source());
	len += ss_kvm_calls_format(buf + len, size - len);
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
	len += scnprintf(buf + len, size - len,
			 "tdp_walk: %s; at adoption it agreed with KVM's count %lld times, disagreed %lld\n",
			 ss_tdp_pages_source(), atomic64_read(&ss_tdp_walk_agreed),
			 atomic64_read(&ss_tdp_walk_disagreed));
	len += ss_sp_owner_format(buf + len, size - len);
	len += ss_vm_degraded_format(buf + len, size - len);
	return len;
}
