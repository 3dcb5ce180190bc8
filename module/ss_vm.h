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

struct ss_vm {
	struct hlist_node hash;		/* ss_vm_hash, RCU */
	struct list_head node;		/* ss_vms, under ss_vm_lock */
	struct kvm *kvm;		/* only dereferenced while pinned */
	bool dead;
	struct ss_vm_info info;
	long seed_shadow;		/* n_used_mmu_pages when first seen */
	long seed_tdp;
	struct dentry *dir;
	struct work_struct free_work;
	struct rcu_head rcu;
	/* event counters, indexed by stat id; only cumulative ones are used */
	atomic64_t ev[SS_NR_STATS];
};

extern struct mutex ss_vm_lock;
extern struct list_head ss_vms;

struct ss_vm *ss_vm_find(struct kvm *kvm);

static inline void ss_vm_count(struct kvm *kvm, enum ss_stat_id id, long n)
{
	struct ss_vm *vm;

	rcu_read_lock();
	vm = kvm ? ss_vm_find(kvm) : NULL;
	if (vm)
		atomic64_add(n, &vm->ev[id]);
	rcu_read_unlock();
}

void ss_vm_scan_async(void);
void ss_vm_scan(void);
void ss_vm_destroyed(struct kvm *kvm);
void ss_vm_forget_all(void);
void ss_vm_detach_kvm(void);
int ss_vm_init(void);
void ss_vm_exit(void);

#endif /* SS_VM_H */
