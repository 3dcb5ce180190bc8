// SPDX-License-Identifier: GPL-2.0
/*
 * VM discovery and life cycle. A VM is found by walking KVM's vm_list (at load
 * and whenever a VM is created) and forgotten when kvm_arch_destroy_vm()
 * returns, before KVM frees the struct kvm, so a later VM allocated at the same
 * address can never inherit its counters.
 *
 * A VM is seeded and made visible to the hooks under mmu_lock held for write:
 * every event that changes KVM's counts also holds mmu_lock, so each one is
 * either in the seed or counted afterwards, never both and never neither.
 *
 * The views (ss_view.h) learn of each VM through the table they registered.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>
#include <linux/timekeeping.h>
#include "ss_guest.h"
#include "ss_kvm.h"
#include "ss_sp_owner.h"
#include "ss_stat_fields.h"
#include "ss_tdp_walk.h"
#include "ss_vm.h"
#include "ss_walk_limits.h"

DEFINE_HASHTABLE(ss_vm_hash, SS_VM_HASH_BITS);
static DEFINE_SPINLOCK(ss_vm_hash_lock);
/* protects ss_vms, the views' VM data and seeding */
DEFINE_MUTEX(ss_vm_lock);
LIST_HEAD(ss_vms);
static u64 ss_vm_next_id;
static bool ss_vm_tracking_on;
static struct workqueue_struct *ss_vm_wq;
static void ss_vm_scan_work_fn(struct work_struct *work);
static DECLARE_WORK(ss_vm_scan_work, ss_vm_scan_work_fn);
static const struct ss_view *ss_views[SS_MAX_VIEWS];
static int ss_nr_views;
/* no VM is shown any more: the module is going */
static bool ss_views_stopped;

atomic64_t ss_tdp_walk_agreed = ATOMIC64_INIT(0);
atomic64_t ss_tdp_walk_disagreed = ATOMIC64_INIT(0);

int ss_view_register(const struct ss_view *view)
{
	if (ss_nr_views == SS_MAX_VIEWS)
		return -ENOSPC;
	ss_views[ss_nr_views++] = view;
	return 0;
}

void ss_vm_tracking(bool on)
{
	mutex_lock(&ss_vm_lock);
	ss_vm_tracking_on = on;
	mutex_unlock(&ss_vm_lock);
}

static void ss_vm_name(struct ss_vm *vm, struct kvm *kvm)
{
	struct ss_vm_info *info = &vm->info;
	int pid = -1, fd = -1;

	/* KVM names its debugfs directory "<pid>-<fd>": reuse it verbatim */
	if (!IS_ERR_OR_NULL(kvm->debugfs_dentry) &&
	    sscanf(kvm->debugfs_dentry->d_name.name, "%d-%d", &pid, &fd) == 2) {
		info->pid = pid;
		info->fd = fd;
		snprintf(info->name, sizeof(info->name), "%d-%d", pid, fd);
		return;
	}
	/* stats_id is "kvm-<pid>"; the fd is then unknown */
	if (sscanf(kvm->stats_id, "kvm-%d", &pid) != 1)
		pid = -1;
	info->pid = pid;
	info->fd = -1;
	snprintf(info->name, sizeof(info->name), "%d-vm%llu", pid, info->id);
}

/*
 * The TDP MMU page tables @kvm has when adopted (mmu_lock held for write):
 * KVM's own count @tdp where it keeps one, which a walk of the tables is
 * checked against (status shows how often they agreed), else the walk.
 * -1 if neither can tell; the reason goes to vm->tdp_why.
 */
static long ss_vm_seed_tdp(struct ss_vm *vm, struct kvm *kvm, long tdp)
{
	const char *why;
	long walked;

	if (!ss_kvm_uses_tdp_mmu(kvm) || !ss_tdp_walk_usable()) {
		if (tdp < 0)
			vm->tdp_why = "no TDP page count in this kernel, no kvm_mmu_page.spt";
		return tdp;
	}
	walked = ss_tdp_count_tables(kvm, ss_walk_budget_ns(), &why);
	if (tdp >= 0) {
		if (walked >= 0)
			atomic64_inc(walked == tdp ? &ss_tdp_walk_agreed :
				     &ss_tdp_walk_disagreed);
		return tdp;
	}
	if (walked < 0)
		vm->tdp_why = why;
	return walked;
}

/* Caller holds kvm_lock and ss_vm_lock; @kvm is on vm_list. */
static struct ss_vm *ss_vm_adopt(struct kvm *kvm)
{
	unsigned long flags;
	struct ss_vm *vm;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return NULL;
	vm->kvm = kvm;
	vm->owner.kvm = kvm;
	vm->info.id = ++ss_vm_next_id;
	vm->info.created_ns = ktime_get_real_ns();
	ss_vm_name(vm, kvm);
	ss_tdp_roots_init(&vm->tdp_roots, vm);

	write_lock(&kvm->mmu_lock);
	vm->seed_shadow = ss_kvm_shadow_pages(kvm);
	vm->seed_tdp = ss_vm_seed_tdp(vm, kvm, ss_kvm_tdp_pages(kvm));
	/* the peaks start from what there is; one of an unknown count is unknown */
	atomic64_set(&vm->ev[SS_STAT_mmu_shadow_pages_peak], vm->seed_shadow);
	atomic64_set(&vm->ev[SS_STAT_tdp_mmu_pages_peak],
		     vm->seed_tdp < 0 ? SS_VALUE_UNAVAILABLE : vm->seed_tdp);
	ss_stat_fields_seed(kvm, vm->kvm_seed);
	vm->info.mmu_mode = ss_kvm_mmu_mode(kvm);
	spin_lock_irqsave(&ss_vm_hash_lock, flags);
	hash_add_rcu(ss_vm_hash, &vm->hash, (unsigned long)kvm);
	spin_unlock_irqrestore(&ss_vm_hash_lock, flags);
	/* roots made from now on are added by the kvm_mmu_get_page hook */
	if (ss_tdp_root_usable())
		ss_tdp_roots_adopt(&vm->tdp_roots, kvm);
	ss_sp_owner_learn_vm(&vm->owner);
	write_unlock(&kvm->mmu_lock);

	list_add_tail(&vm->node, &ss_vms);
	return vm;
}

/* Offer @vm to each view that has not shown it yet. */
static void ss_vm_show(struct ss_vm *vm)
{
	int i;

	if (ss_views_stopped)
		return;
	for (i = 0; i < ss_nr_views; i++) {
		if (vm->views_shown & BIT(i))
			continue;
		if (!ss_views[i]->vm_added || ss_views[i]->vm_added(vm, &vm->view_data[i]))
			vm->views_shown |= BIT(i);
	}
}

/* What @vm's views show of it, taken under ss_vm_lock, to remove outside it. */
struct ss_vm_shown {
	unsigned int mask;
	void *data[SS_MAX_VIEWS];
};

static void ss_vm_take_shown(struct ss_vm *vm, struct ss_vm_shown *s)
{
	lockdep_assert_held(&ss_vm_lock);
	s->mask = vm->views_shown;
	memcpy(s->data, vm->view_data, sizeof(s->data));
	vm->views_shown = 0;
}

/* No lock held: a view's removal waits for its readers, which may take it. */
static void ss_vm_unshow(const struct ss_vm_shown *s)
{
	int i;

	for (i = 0; i < ss_nr_views; i++)
		if ((s->mask & BIT(i)) && ss_views[i]->vm_removed)
			ss_views[i]->vm_removed(s->data[i]);
}

static bool ss_vm_fully_shown(const struct ss_vm *vm)
{
	return vm->views_shown == BIT(ss_nr_views) - 1;
}

static void ss_vm_scan_locked(void)
{
	struct kvm *kvm;
	struct ss_vm *vm;

	lockdep_assert_held(&ss_vm_lock);
	if (!ss_kvm_ready() || !ss_vm_tracking_on)
		return;
	mutex_lock(ss_kvm.kvm_lock);
	list_for_each_entry(kvm, ss_kvm.vm_list, vm_list) {
		/* a VM with no users left is being destroyed: leave it */
		if (!refcount_read(&kvm->users_count))
			continue;
		rcu_read_lock();
		vm = ss_vm_find(kvm);
		rcu_read_unlock();
		if (!vm)
			ss_vm_adopt(kvm);
	}
	mutex_unlock(ss_kvm.kvm_lock);

	list_for_each_entry(vm, &ss_vms, node) {
		if (READ_ONCE(vm->dead))
			continue;
		/* outside kvm_lock: it takes the VMM's mmap_lock */
		if (!vm->guest_read) {
			vm->guest_read = true;
			ss_guest_read(vm->info.pid, vm->info.guest, sizeof(vm->info.guest));
		}
		if (!ss_vm_fully_shown(vm))
			ss_vm_show(vm);
	}
}

void ss_vm_scan(void)
{
	mutex_lock(&ss_vm_lock);
	ss_vm_scan_locked();
	mutex_unlock(&ss_vm_lock);
}

static void ss_vm_scan_work_fn(struct work_struct *work)
{
	ss_vm_scan();
}

/* Called from a kretprobe: only queue work. */
void ss_vm_scan_async(void)
{
	if (ss_vm_wq)
		queue_work(ss_vm_wq, &ss_vm_scan_work);
}

static void ss_vm_free(struct ss_vm *vm)
{
	struct ss_vm_shown shown;
	bool waiting = false;
	struct ss_vm *other;

	mutex_lock(&ss_vm_lock);
	list_del(&vm->node);
	ss_vm_take_shown(vm, &shown);
	/* a new VM may have been refused this name while the old one lived */
	list_for_each_entry(other, &ss_vms, node)
		waiting |= !ss_vm_fully_shown(other) && !READ_ONCE(other->dead);
	mutex_unlock(&ss_vm_lock);
	ss_vm_unshow(&shown);
	kfree_rcu(vm, rcu);
	if (waiting)
		ss_vm_scan_async();
}

static void ss_vm_free_work_fn(struct work_struct *work)
{
	ss_vm_free(container_of(work, struct ss_vm, free_work));
}

/* Off the hash, for the hooks; caller holds ss_vm_hash_lock. */
static void ss_vm_unhash(struct ss_vm *vm)
{
	hash_del_rcu(&vm->hash);
	WRITE_ONCE(vm->dead, true);
	ss_tdp_roots_forget(&vm->tdp_roots);
	ss_sp_owner_forget(&vm->owner);
}

/* From the kvm_arch_destroy_vm() return probe: atomic context. */
void ss_vm_destroyed(struct kvm *kvm)
{
	struct ss_vm *vm;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&ss_vm_hash_lock, flags);
	vm = ss_vm_find(kvm);
	if (vm)
		ss_vm_unhash(vm);
	spin_unlock_irqrestore(&ss_vm_hash_lock, flags);
	if (vm) {
		/* views are registered at init only: no lock needed to read them */
		vm->info.destroyed_ns = ktime_get_real_ns();
		for (i = 0; i < ss_nr_views; i++)
			if (ss_views[i]->vm_departed)
				ss_views[i]->vm_departed(vm);
		INIT_WORK(&vm->free_work, ss_vm_free_work_fn);
		queue_work(ss_vm_wq, &vm->free_work);
	}
}

/*
 * Hooks are gone (kvm.ko unloading, or shadowstat unloading): stop every user
 * of KVM's symbols (scans and snapshots hold ss_vm_lock), then drop all VMs.
 */
void ss_vm_detach_kvm(void)
{
	int i;

	mutex_lock(&ss_vm_lock);
	ss_vm_tracking_on = false;
	for (i = 0; i < ss_nr_views; i++)
		if (ss_views[i]->kvm_detach)
			ss_views[i]->kvm_detach();
	ss_kvm_forget();
	mutex_unlock(&ss_vm_lock);
	ss_vm_forget_all();
}

void ss_vm_forget_all(void)
{
	struct ss_vm_shown shown;
	struct ss_vm *vm, *tmp;
	LIST_HEAD(doomed);

	flush_workqueue(ss_vm_wq);
	mutex_lock(&ss_vm_lock);
	spin_lock_irq(&ss_vm_hash_lock);
	list_for_each_entry(vm, &ss_vms, node)
		ss_vm_unhash(vm);
	spin_unlock_irq(&ss_vm_hash_lock);
	list_splice_init(&ss_vms, &doomed);
	mutex_unlock(&ss_vm_lock);
	list_for_each_entry_safe(vm, tmp, &doomed, node) {
		mutex_lock(&ss_vm_lock);
		ss_vm_take_shown(vm, &shown);
		mutex_unlock(&ss_vm_lock);
		ss_vm_unshow(&shown);
		kfree_rcu(vm, rcu);
	}
}

/*
 * First thing when the module goes: once it is GOING, opening one of its
 * debugfs files WARNs ("owner did not clean up at exit"), so every VM's
 * view comes down now, before the slow detaching, and none comes back.
 */
void ss_vm_hide_all(void)
{
	struct ss_vm_shown shown;
	struct ss_vm *vm;

	for (;;) {
		shown.mask = 0;
		mutex_lock(&ss_vm_lock);
		ss_views_stopped = true;
		list_for_each_entry(vm, &ss_vms, node) {
			if (vm->views_shown) {
				ss_vm_take_shown(vm, &shown);
				break;
			}
		}
		mutex_unlock(&ss_vm_lock);
		if (!shown.mask)
			return;
		ss_vm_unshow(&shown);
	}
}

int ss_vm_init(void)
{
	ss_vm_wq = alloc_ordered_workqueue("shadowstat", 0);
	return ss_vm_wq ? 0 : -ENOMEM;
}

void ss_vm_exit(void)
{
	ss_vm_forget_all();
	destroy_workqueue(ss_vm_wq);
	ss_vm_wq = NULL;
	rcu_barrier();
}
