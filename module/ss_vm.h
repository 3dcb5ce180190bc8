/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-VM state. Hooks find it from a struct kvm pointer with an RCU hash
 * lookup (no lock, no allocation); everything else goes through ss_vm_lock.
 */
#ifndef SS_VM_H
#define SS_VM_H

#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/kvm_host.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include "ss_core.h"
#include "ss_tdp_root.h"

struct ss_vm {
	struct hlist_node hash;		/* ss_vm_hash, RCU */
	struct list_head node;		/* ss_vms, under ss_vm_lock */
	struct kvm *kvm;		/* only dereferenced while pinned */
	bool dead;
	struct ss_vm_info info;
	long seed_shadow;		/* n_used_mmu_pages when first seen */
	long seed_tdp;			/* TDP MMU page tables then; -1 unknown */
	const char *tdp_why;		/* why seed_tdp is unknown */
	u64 seed_recycled;		/* kvm->stat.mmu_recycled when first seen */
	struct dentry *dir;
	struct work_struct free_work;
	struct rcu_head rcu;
	struct ss_tdp_roots tdp_roots;
	/* KVM's table of shadow-page chains, once known (ss_sp_owner.c) */
	struct hlist_head *page_hash;
	struct hlist_node table_node;
	/* event counters, indexed by stat id; only cumulative ones are used */
	atomic64_t ev[SS_NR_STATS];
};

#define SS_VM_HASH_BITS 6

extern struct mutex ss_vm_lock;
/* adoptions where a walk of the TDP tables was checked against KVM's count */
extern atomic64_t ss_tdp_walk_agreed;
extern atomic64_t ss_tdp_walk_disagreed;
extern struct list_head ss_vms;
extern struct hlist_head ss_vm_hash[1 << SS_VM_HASH_BITS];

/* In an RCU read-side section, which includes any probe of ours. */
static inline struct ss_vm *ss_vm_find(struct kvm *kvm)
{
	struct ss_vm *vm;

	hash_for_each_possible_rcu(ss_vm_hash, vm, hash, (unsigned long)kvm)
		if (vm->kvm == kvm)
			return vm;
	return NULL;
}

/*
 * From a probe only: kprobe, kretprobe and tracepoint handlers run with
 * preemption disabled, which is an RCU read-side section already.
 */
static inline void ss_vm_count(struct kvm *kvm, enum ss_stat_id id, long n)
{
	struct ss_vm *vm = kvm ? ss_vm_find(kvm) : NULL;

	if (vm)
		atomic64_add(n, &vm->ev[id]);
}

void ss_vm_scan_async(void);
void ss_vm_scan(void);
void ss_vm_destroyed(struct kvm *kvm);
void ss_vm_forget_all(void);
void ss_vm_detach_kvm(void);
int ss_vm_init(void);
void ss_vm_exit(void);

#endif /* SS_VM_H */
