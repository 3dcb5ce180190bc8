// SPDX-License-Identifier: GPL-2.0
/*
 * Recording a VM's shadow-page stream. The start takes mmu_lock for read:
 * shadow pages are created and zapped only under it for write, so the
 * snapshot of active_mmu_pages and the first event cannot cross. The page's
 * identity is a keyed hash of its address, as %p prints: stable while the
 * page lives, and no kernel address reaches userspace.
 */
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/slab.h>

#include "ss_hook.h"
#include "ss_kvm.h"
#include "ss_recording.h"
#include "ss_sp.h"

atomic64_t ss_rec_active;
atomic64_t ss_rec_lost;
static siphash_key_t ss_rec_key;

u64 ss_rec_page_id(const void *sp)
{
	return siphash_1u64((u64)(unsigned long)sp, &ss_rec_key);
}

void ss_rec_push_sp(struct ss_recording *rec, const void *sp, u8 type, u8 flags,
		    u16 cause)
{
	struct shadowstat_sp_record r = {
		.gfn = ss_sp_gfn(sp),
		.page = ss_rec_page_id(sp),
		.role = ss_sp_role(sp).word,
		.type = type,
		.flags = flags,
		.cause = cause,
	};

	ss_rec_push(rec, &r);
}

/* Caller holds ss_vm_lock; a VM KVM has destroyed is not found. */
static struct ss_vm *ss_rec_find_vm(u64 vm_id)
{
	struct ss_vm *vm;

	list_for_each_entry(vm, &ss_vms, node)
		if (vm->info.id == vm_id)
			return READ_ONCE(vm->dead) || vm->info.destroyed_ns ? NULL : vm;
	return NULL;
}

/* Caller holds mmu_lock: the counters match the stream up to here. */
static void ss_rec_mark(struct ss_recording *rec, struct kvm *kvm,
			struct ss_rec_status *st)
{
	st->mark = ss_rec_ring_accepted(rec->ring);
	st->cache_miss = READ_ONCE(kvm->stat.mmu_cache_miss);
	st->recycled = READ_ONCE(kvm->stat.mmu_recycled);
	st->limit = READ_ONCE(kvm->arch.n_max_mmu_pages);
	st->used = ss_kvm_shadow_pages(kvm);
}

/* Head (newest) first, as KVM adds pages; mmu_lock held. */
static void ss_rec_snapshot(struct ss_recording *rec, struct kvm *kvm)
{
	struct list_head *pos;

	list_for_each(pos, &kvm->arch.active_mmu_pages) {
		const void *sp = ss_sp_from_link(pos);
		u8 flags = 0;

		if (ss_sp_root_count(sp))
			flags |= SHADOWSTAT_RECF_ROOT;
		if (ss_sp_unsync(sp))
			flags |= SHADOWSTAT_RECF_UNSYNC;
		ss_rec_push_sp(rec, sp, SHADOWSTAT_REC_SNAP, flags, 0);
	}
}

static struct ss_recording *ss_rec_alloc(u64 vm_id, u32 capacity)
{
	struct ss_recording *rec = kzalloc(sizeof(*rec), GFP_KERNEL);

	if (!rec)
		return NULL;
	rec->vm_id = vm_id;
	rec->ring = kvmalloc(struct_size(rec->ring, cells, capacity), GFP_KERNEL);
	if (!rec->ring) {
		kfree(rec);
		return NULL;
	}
	ss_rec_ring_init(rec->ring, capacity - 1);
	return rec;
}

void ss_rec_free(struct ss_recording *rec)
{
	if (!rec)
		return;
	ss_rec_stop(rec);
	kvfree(rec->ring);
	kfree(rec);
}

int ss_rec_start(struct ss_recording **recp, u64 vm_id, u32 capacity,
		 struct ss_rec_status *st)
{
	struct ss_recording *rec;
	struct ss_vm *vm;
	struct kvm *kvm;
	int ret = 0;

	if (!ss_sp_layout_ok() || !ss_hook_attached(&ss_hook_sp_get))
		return -EOPNOTSUPP;
	rec = ss_rec_alloc(vm_id, capacity);
	if (!rec)
		return -ENOMEM;
	mutex_lock(&ss_vm_lock);
	vm = ss_rec_find_vm(vm_id);
	if (!vm || !ss_kvm_ready() || !ss_kvm_pin(vm->kvm)) {
		ret = -ENOENT;
		goto out_unlock;
	}
	if (rcu_access_pointer(vm->rec)) {
		ret = -EBUSY;
		goto out_unpin;
	}
	kvm = vm->kvm;
	/* before the first event: recycle_ctx.c marks recycling only then */
	atomic64_inc(&ss_rec_active);
	read_lock(&kvm->mmu_lock);
	ss_rec_snapshot(rec, kvm);
	ss_rec_mark(rec, kvm, st);
	rcu_assign_pointer(vm->rec, rec);
	read_unlock(&kvm->mmu_lock);
out_unpin:
	ss_kvm_unpin(vm->kvm);
out_unlock:
	mutex_unlock(&ss_vm_lock);
	if (ret) {
		rec->stopped = true;
		ss_rec_free(rec);
		return ret;
	}
	st->lost = atomic64_read(&rec->ring->lost);
	*recp = rec;
	return 0;
}

u32 ss_rec_read(struct ss_recording *rec, struct shadowstat_sp_record *out,
		u32 max, struct ss_rec_status *st)
{
	struct ss_vm *vm;
	u32 n = 0;

	memset(st, 0, sizeof(*st));
	if (!rec->stopped) {
		mutex_lock(&ss_vm_lock);
		vm = ss_rec_find_vm(rec->vm_id);
		if (vm && ss_kvm_ready() && ss_kvm_pin(vm->kvm)) {
			read_lock(&vm->kvm->mmu_lock);
			ss_rec_mark(rec, vm->kvm, st);
			read_unlock(&vm->kvm->mmu_lock);
			ss_kvm_unpin(vm->kvm);
		} else {
			st->state |= SHADOWSTAT_RECSTATE_VM_GONE;
		}
		mutex_unlock(&ss_vm_lock);
	}
	while (n < max && ss_rec_ring_pop(rec->ring, &out[n]))
		n++;
	if (rec->stopped)
		st->state |= SHADOWSTAT_RECSTATE_STOPPED;
	st->lost = atomic64_read(&rec->ring->lost);
	return n;
}

void ss_rec_stop(struct ss_recording *rec)
{
	struct ss_vm *vm;

	if (rec->stopped)
		return;
	mutex_lock(&ss_vm_lock);
	list_for_each_entry(vm, &ss_vms, node)
		if (vm->info.id == rec->vm_id &&
		    rcu_access_pointer(vm->rec) == rec)
			RCU_INIT_POINTER(vm->rec, NULL);
	mutex_unlock(&ss_vm_lock);
	/* probes run in RCU read-side sections: none sees the ring after this */
	synchronize_rcu();
	rec->stopped = true;
	atomic64_dec(&ss_rec_active);
}

void ss_rec_init(void)
{
	get_random_bytes(&ss_rec_key, sizeof(ss_rec_key));
}
