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
#include "ss_sp_owner.h"
#include "ss_stat_ids.h"
#include "ss_tdp_root.h"
#include "ss_view.h"

struct ss_recording;

/* What userspace may learn about one VM: no kernel address. */
struct ss_vm_info {
	u64 id;			/* stable for the VM's life, never reused */
	s32 pid;
	s32 fd;			/* -1 when unknown */
	u32 mmu_mode;		/* SHADOWSTAT_MMU_* */
	u64 created_ns;		/* ktime_get_real_ns() when shadowstat first saw it */
	u64 destroyed_ns;	/* the same when KVM destroyed it; 0 while it lives */
	char name[32];		/* "<pid>-<fd>", as KVM's debugfs directory */
	char guest[64];		/* the VMM's guest name (ss_guest.h), "" if none */
};

struct ss_vm {
	struct hlist_node hash;		/* ss_vm_hash, RCU */
	struct list_head node;		/* ss_vms, under ss_vm_lock */
	struct kvm *kvm;		/* only dereferenced while pinned */
	bool dead;
	bool guest_read;		/* info.guest looked for already */
	struct ss_vm_info info;
	long seed_shadow;		/* n_used_mmu_pages when first seen */
	long seed_tdp;			/* TDP MMU page tables then; -1 unknown */
	const char *tdp_why;		/* why seed_tdp is unknown */
	/* cumulative KVM fields when first seen, by stat id */
	s64 kvm_seed[SS_NR_STATS];
	/* each registered view's data, and whether it has shown this VM */
	void *view_data[SS_MAX_VIEWS];
	unsigned int views_shown;
	struct work_struct free_work;
	struct rcu_head rcu;
	struct ss_tdp_roots tdp_roots;
	struct ss_sp_owner_vm owner;	/* finding it from its shadow pages */
	/* the recording of its stream (ss_recording.h), RCU, or NULL */
	struct ss_recording __rcu *rec;
	/* event counters, indexed by stat id; only EVENT stats use theirs */
	atomic64_t ev[SS_NR_STATS];
};

#define SS_VM_HASH_BITS 6

extern struct mutex ss_vm_lock;
extern struct list_head ss_vms;
extern struct hlist_head ss_vm_hash[1 << SS_VM_HASH_BITS];
/* adoptions where a walk of the TDP tables was checked against KVM's count */
extern atomic64_t ss_tdp_walk_agreed;
extern atomic64_t ss_tdp_walk_disagreed;

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

/* The live shadow pages as the hooks alone count them: seeded, then created - zapped. */
static inline s64 ss_vm_mirror_shadow(struct ss_vm *vm)
{
	return vm->seed_shadow + atomic64_read(&vm->ev[SS_STAT_sp_created]) -
	       atomic64_read(&vm->ev[SS_STAT_sp_zapped]);
}

/* The same for TDP MMU page tables; meaningful only when seed_tdp >= 0. */
static inline s64 ss_vm_mirror_tdp(struct ss_vm *vm)
{
	return vm->seed_tdp + atomic64_read(&vm->ev[SS_STAT_tdp_sp_created]) -
	       atomic64_read(&vm->ev[SS_STAT_tdp_sp_freed]);
}

/*
 * From a probe: raise PEAK stat @id to @v. Lock-free, since TDP faults run in
 * parallel; a peak whose base is unknown stays unavailable.
 */
static inline void ss_vm_peak(struct ss_vm *vm, enum ss_stat_id id, s64 v)
{
	s64 old = atomic64_read(&vm->ev[id]);

	while (old != SS_VALUE_UNAVAILABLE && v > old &&
	       !atomic64_try_cmpxchg(&vm->ev[id], &old, v))
		;
}

/*
 * VMs are tracked only while this is on: without the destroy hook a VM would
 * outlive its struct kvm (ss_main.c turns it on once the hooks are in).
 */
void ss_vm_tracking(bool on);
void ss_vm_scan_async(void);
void ss_vm_scan(void);
void ss_vm_destroyed(struct kvm *kvm);
void ss_vm_forget_all(void);
/* At module exit, first: no VM is shown by any view from now on. */
void ss_vm_hide_all(void);
void ss_vm_detach_kvm(void);
int ss_vm_init(void);
void ss_vm_exit(void);

#endif /* SS_VM_H */
