// SPDX-License-Identifier: GPL-2.0
/*
 * A consistent snapshot of one VM: KVM's own fields, a walk of its shadow
 * pages for the breakdown, and the hook counters, all read under mmu_lock
 * held for read. Every shadow-MMU change holds mmu_lock for write, so nothing
 * counted here moves while it is read.
 */
#include <linux/hash.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include "ss_config.h"
#include "ss_features.h"
#include "ss_kvm.h"
#include "ss_layout.h"
#include "ss_snapshot.h"
#include "ss_sp.h"

#define SS_UNAVAIL SS_VALUE_UNAVAILABLE
#define SS_WALK_CHECK_EVERY 1024
#define SS_WALK_YIELDING_RESTARTS 2

/*
 * The walk holds mmu_lock for read, which stalls the VM's shadow-MMU faults.
 * It yields the lock every walk_hold_us and goes on where it was if the VM's
 * shadow pages did not change meanwhile (else it starts again: yielding twice
 * more, then in one hold). Past walk_budget_us of held time in all it stops,
 * and the breakdown reads as unavailable for that snapshot rather than
 * partial.
 */
static unsigned int walk_budget_us = 5000;
module_param(walk_budget_us, uint, 0644);
MODULE_PARM_DESC(walk_budget_us,
		 "Longest a snapshot may take to walk a VM's shadow pages (us)");
static unsigned int walk_hold_us = 250;
module_param(walk_hold_us, uint, 0644);
MODULE_PARM_DESC(walk_hold_us,
		 "Longest one hold of mmu_lock in a walk before it yields (us; 0: never yield)");

atomic64_t ss_walks_truncated = ATOMIC64_INIT(0);
atomic64_t ss_walk_max_ns = ATOMIC64_INIT(0);
atomic64_t ss_walk_yields = ATOMIC64_INIT(0);
atomic64_t ss_walk_restarts = ATOMIC64_INIT(0);
/* roots a vCPU can hold per MMU: current, previous, and PAE quadrants */
#define SS_ROOTS_PER_MMU (1 + KVM_MMU_NUM_PREV_ROOTS + 4)
#define SS_MMUS_PER_VCPU 2

/*
 * What a walk may rely on between two holds of mmu_lock: KVM counts every
 * shadow page it creates and zaps, shadowstat every unsync and sync (KVM's
 * mmu_unsync alone could hide one of each), and a page's root_count is the
 * number of vCPU root references to it. While none of these moved, every
 * page the walk counted is still there, unchanged, and so is its place on
 * active_mmu_pages.
 */
struct ss_walk_state {
	u64 zapped, missed, unsynced, synced, gen, roots;
	unsigned long n_used;
};

struct ss_walk {
	void **roots;		/* shadow pages held as roots by vCPUs */
	bool *seen;		/* ...that were found on active_mmu_pages */
	int nr_roots;
	int max_roots;
	bool truncated;
	u64 roots_sum;		/* of every vCPU root reference, for ss_walk_state */
	u64 max_hold_ns;
	u64 pages, unsync, direct, root, obsolete, level[5];
};

u64 ss_walk_budget_ns(void)
{
	return (u64)READ_ONCE(walk_budget_us) * NSEC_PER_USEC;
}

static void ss_walk_add_root(struct ss_walk *w, hpa_t hpa, bool collect)
{
	unsigned long pfn = hpa >> PAGE_SHIFT;
	void *sp;
	int i;

	if (!VALID_PAGE(hpa))
		return;
	w->roots_sum += hash_64(hpa, 64);
	if (!collect || !pfn_valid(pfn) || w->nr_roots >= w->max_roots)
		return;
	sp = (void *)page_private(pfn_to_page(pfn));
	if (!sp)
		return;
	for (i = 0; i < w->nr_roots; i++)
		if (w->roots[i] == sp)
			return;
	w->roots[w->nr_roots++] = sp;
}

static void ss_walk_mmu_roots(struct ss_walk *w, struct kvm_mmu *mmu, bool collect)
{
	hpa_t hpa;
	int i;

#ifdef SS_HAVE_MMU_ROOT_INFO
	hpa = mmu->root.hpa;
#else
	hpa = mmu->root_hpa;
#endif
	/*
	 * A PAE root (or the pml4/pml5 page above it) is not a shadow page:
	 * its four entries point to the shadow pages that matter.
	 */
	if (VALID_PAGE(hpa) && mmu->pae_root &&
	    (hpa == __pa(mmu->pae_root) ||
	     (mmu->pml4_root && hpa == __pa(mmu->pml4_root)) ||
	     (mmu->pml5_root && hpa == __pa(mmu->pml5_root)))) {
		for (i = 0; i < 4; i++) {
			u64 e = READ_ONCE(mmu->pae_root[i]);

			/* strip the SME C-bit and NX, as KVM's SPTE mask does */
			if (e & _PAGE_PRESENT)
				ss_walk_add_root(w, __sme_clr(e) & PAGE_MASK &
						    GENMASK_ULL(51, 0), collect);
		}
	} else {
		ss_walk_add_root(w, hpa, collect);
	}
	for (i = 0; i < KVM_MMU_NUM_PREV_ROOTS; i++)
		ss_walk_add_root(w, mmu->prev_roots[i].hpa, collect);
}

/* Caller holds mmu_lock; with @collect, notes the roots for the walk. */
static void ss_walk_vcpu_roots(struct ss_walk *w, struct kvm *kvm, bool collect)
{
	struct kvm_vcpu *vcpu;
	unsigned long i;

	w->roots_sum = 0;
	kvm_for_each_vcpu(i, vcpu, kvm) {
		ss_walk_mmu_roots(w, &vcpu->arch.root_mmu, collect);
		ss_walk_mmu_roots(w, &vcpu->arch.guest_mmu, collect);
	}
}

static void ss_walk_state(struct ss_walk *w, struct ss_vm *vm,
			  struct ss_walk_state *st)
{
	struct kvm *kvm = vm->kvm;

	ss_walk_vcpu_roots(w, kvm, false);
	st->roots = w->roots_sum;
	st->zapped = READ_ONCE(kvm->stat.mmu_shadow_zapped);
	st->missed = READ_ONCE(kvm->stat.mmu_cache_miss);
	st->unsynced = atomic64_read(&vm->ev[SS_STAT_sp_unsynced]);
	st->synced = atomic64_read(&vm->ev[SS_STAT_sp_synced]);
	st->gen = READ_ONCE(kvm->arch.mmu_valid_gen);
	st->n_used = ss_kvm_shadow_pages(kvm);
}

static void ss_walk_reset(struct ss_walk *w)
{
	w->pages = 0;
	w->unsync = 0;
	w->direct = 0;
	w->root = 0;
	w->obsolete = 0;
	memset(w->level, 0, sizeof(w->level));
	memset(w->seen, 0, w->max_roots * sizeof(*w->seen));
}

static void ss_walk_count(struct ss_walk *w, struct kvm *kvm, void *sp)
{
	union kvm_mmu_page_role role = ss_sp_role(sp);

	w->pages++;
	if (role.level >= 1 && role.level <= 5)
		w->level[role.level - 1]++;
	w->unsync += ss_sp_unsync(sp);
	w->direct += role.direct;
	w->root += ss_sp_root_count(sp) > 0;
	w->obsolete += role.invalid ||
		       ss_sp_valid_gen(sp) != READ_ONCE(kvm->arch.mmu_valid_gen);
}

/* union kvm_mmu_page_role: level is bits 0-3, direct bit 7 (5.4 to 7.0) */
#define SS_ROLE_DIRECT		0x80
#define SS_ROLE_LEVEL_DIRECT	(SS_ROLE_DIRECT | 0xf)

/* Where what the walk reads lies, from a page's link: kept in registers. */
struct ss_walk_offs {
	int link, role, unsync, root_count, gen;
};

/*
 * Count up to @n pages after @pos; returns the last one counted. mmu_lock is
 * held, and every writer of what is read here holds it for write: plain loads.
 * This loop is the cost of a snapshot per page, hence its shape.
 */
static struct list_head *ss_walk_chunk(struct ss_walk *w, struct kvm *kvm,
				       struct list_head *pos, unsigned int n,
				       const struct ss_walk_offs *o)
{
	const struct list_head *head = &kvm->arch.active_mmu_pages;
	const int role_at = o->role, unsync_at = o->unsync;
	const int rc_at = o->root_count, gen_at = o->gen;
	const u8 gen = kvm->arch.mmu_valid_gen;
	/* pages by role.level and role.direct (bit 7) at once; n <= U32_MAX */
	u32 by_role[SS_ROLE_LEVEL_DIRECT + 1] = {};
	u64 unsync = 0, obsolete = 0;
	unsigned int left = n;
	int r;

	while (left && pos->next != head) {
		const char *at;
		u32 role;

		pos = pos->next;
		left--;
		at = (const char *)pos;
		role = *(const u32 *)(at + role_at);
		by_role[role & SS_ROLE_LEVEL_DIRECT]++;
		unsync += *(const u8 *)(at + unsync_at);
		/*
		 * role.invalid is never set on active_mmu_pages: a zap takes
		 * the page off the list as it sets it (invalid roots are
		 * counted after the walk).
		 */
		obsolete += *(const u8 *)(at + gen_at) != gen;
		if (likely(!*(const int *)(at + rc_at)))
			continue;
		w->root++;
		for (r = 0; r < w->nr_roots; r++)
			if (w->roots[r] == at - o->link)
				w->seen[r] = true;
	}
	w->pages += n - left;
	for (r = 1; r <= 5; r++) {
		w->level[r - 1] += by_role[r] + by_role[SS_ROLE_DIRECT | r];
		w->direct += by_role[SS_ROLE_DIRECT | r];
	}
	w->unsync += unsync;
	w->obsolete += obsolete;
	return pos;
}

/* Caller holds mmu_lock for read; it may be dropped and taken again. */
static void ss_walk_pages(struct ss_walk *w, struct ss_vm *vm)
{
	struct kvm *kvm = vm->kvm;
	u64 budget = (u64)READ_ONCE(walk_budget_us) * NSEC_PER_USEC;
	/* without the unsync and sync hooks a change could go unseen */
	u64 hold_max = ss_features_have(SS_F_UNSYNC | SS_F_SYNC) ?
		       (u64)READ_ONCE(walk_hold_us) * NSEC_PER_USEC : 0;
	struct list_head *head = &kvm->arch.active_mmu_pages, *pos = head;
	/* relative to the link, which is what the list gives */
	struct ss_walk_offs o = {
		.link = ss_sp_layout.link,
		.role = ss_sp_layout.role - ss_sp_layout.link,
		.unsync = ss_sp_layout.unsync - ss_sp_layout.link,
		.root_count = ss_sp_layout.root_count - ss_sp_layout.link,
		.gen = ss_sp_layout.mmu_valid_gen - ss_sp_layout.link,
	};
	u64 hold = ktime_get_ns(), held = 0, now;
	struct ss_walk_state st, now_st;
	int r, restarts = 0;

	ss_walk_vcpu_roots(w, kvm, true);
	ss_walk_state(w, vm, &st);
	while (pos->next != head) {
		pos = ss_walk_chunk(w, kvm, pos, SS_WALK_CHECK_EVERY, &o);
		if (pos->next == head)
			break;
		now = ktime_get_ns();
		/* the budget is of time the VM waited: time off the lock is free */
		if (held + now - hold > budget) {
			w->truncated = true;
			break;
		}
		if (!hold_max || now - hold < hold_max)
			continue;
		w->max_hold_ns = max(w->max_hold_ns, now - hold);
		held += now - hold;
		read_unlock(&kvm->mmu_lock);
		cond_resched();
		read_lock(&kvm->mmu_lock);
		hold = ktime_get_ns();
		atomic64_inc(&ss_walk_yields);
		ss_walk_state(w, vm, &now_st);
		if (!memcmp(&st, &now_st, sizeof(st)))
			continue;
		/*
		 * The pages moved: count them all again, yielding as before
		 * a few times, then in one hold (bounded by the budget) for a
		 * VM too busy to hold still between two.
		 */
		atomic64_inc(&ss_walk_restarts);
		ss_walk_reset(w);
		w->nr_roots = 0;
		ss_walk_vcpu_roots(w, kvm, true);
		st = now_st;
		if (++restarts > SS_WALK_YIELDING_RESTARTS)
			hold_max = 0;
		pos = head;
	}
	w->max_hold_ns = max(w->max_hold_ns, ktime_get_ns() - hold);
	if (w->truncated)
		return;
	/*
	 * A zapped root that a vCPU still holds left active_mmu_pages but stays
	 * counted in n_used_mmu_pages until its last reference is dropped.
	 */
	for (r = 0; r < w->nr_roots; r++) {
		void *sp = w->roots[r];

		if (w->seen[r] || ss_sp_is_tdp(sp))
			continue;
		if (ss_sp_role(sp).invalid && ss_sp_root_count(sp) > 0)
			ss_walk_count(w, kvm, sp);
	}
}

static s64 ss_ev(struct ss_vm *vm, enum ss_stat_id id, unsigned int need)
{
	return ss_features_have(need) ? atomic64_read(&vm->ev[id]) : SS_UNAVAIL;
}

static void ss_fill_events(struct ss_vm *vm, s64 *v, long n_used, long tdp)
{
	v[SS_STAT_sp_created] = ss_ev(vm, SS_STAT_sp_created, SS_F_CREATE);
	v[SS_STAT_sp_reused] = ss_ev(vm, SS_STAT_sp_reused, SS_F_CREATE);
	v[SS_STAT_sp_zapped] = ss_ev(vm, SS_STAT_sp_zapped, SS_F_ZAP);
	v[SS_STAT_sp_root_zaps] = ss_ev(vm, SS_STAT_sp_root_zaps, SS_F_ZAP);
	/* KVM counts these itself, under mmu_lock held for write */
	v[SS_STAT_sp_recycled] = ss_features_have(SS_F_RECYCLE) ?
				 vm->kvm->stat.mmu_recycled - vm->seed_recycled :
				 SS_UNAVAIL;
	v[SS_STAT_sp_unsynced] = ss_ev(vm, SS_STAT_sp_unsynced, SS_F_UNSYNC);
	v[SS_STAT_sp_synced] = ss_ev(vm, SS_STAT_sp_synced, SS_F_SYNC);
	v[SS_STAT_tdp_sp_created] = ss_ev(vm, SS_STAT_tdp_sp_created, SS_F_TDP_LINK);
	v[SS_STAT_tdp_sp_freed] = ss_ev(vm, SS_STAT_tdp_sp_freed, SS_F_TDP_FREE);
	v[SS_STAT_huge_pages_split] = ss_ev(vm, SS_STAT_huge_pages_split, SS_F_SPLIT);

	if (ss_features_have(SS_F_CREATE | SS_F_ZAP)) {
		s64 mirror = vm->seed_shadow + v[SS_STAT_sp_created] -
			     v[SS_STAT_sp_zapped];

		v[SS_STAT_mirror_shadow_pages] = mirror;
		v[SS_STAT_mirror_drift] = mirror - n_used;
	} else {
		v[SS_STAT_mirror_shadow_pages] = SS_UNAVAIL;
		v[SS_STAT_mirror_drift] = SS_UNAVAIL;
	}
	/* no counter in this kernel: the seed's walk, moved by the hooks since */
	if (tdp < 0)
		v[SS_STAT_tdp_mmu_pages] =
			ss_features_have(SS_F_TDP_LINK | SS_F_TDP_FREE) && vm->seed_tdp >= 0 ?
			vm->seed_tdp + v[SS_STAT_tdp_sp_created] - v[SS_STAT_tdp_sp_freed] :
			SS_UNAVAIL;
}

static void ss_fill_walk(s64 *v, struct ss_walk *w, bool ok)
{
	int i;

	ok = ok && !w->truncated;
	v[SS_STAT_unsync_shadow_pages] = ok ? w->unsync : SS_UNAVAIL;
	v[SS_STAT_direct_shadow_pages] = ok ? w->direct : SS_UNAVAIL;
	v[SS_STAT_root_shadow_pages] = ok ? w->root : SS_UNAVAIL;
	v[SS_STAT_obsolete_shadow_pages] = ok ? w->obsolete : SS_UNAVAIL;
	for (i = 0; i < 5; i++)
		v[SS_STAT_shadow_pages_l1 + i] = ok ? w->level[i] : SS_UNAVAIL;
}

static void ss_walk_account(struct ss_walk *w)
{
	s64 max = atomic64_read(&ss_walk_max_ns);
	u64 ns = w->max_hold_ns;

	while (ns > max && !atomic64_try_cmpxchg(&ss_walk_max_ns, &max, ns))
		;
	if (w->truncated)
		atomic64_inc(&ss_walks_truncated);
}

/* Whether @id comes from the walk of the VM's shadow pages. */
bool ss_stat_from_walk(enum ss_stat_id id)
{
	switch (id) {
	case SS_STAT_unsync_shadow_pages:
	case SS_STAT_direct_shadow_pages:
	case SS_STAT_root_shadow_pages:
	case SS_STAT_obsolete_shadow_pages:
	case SS_STAT_shadow_pages_l1 ... SS_STAT_shadow_pages_l5:
		return true;
	default:
		return false;
	}
}

int ss_snapshot_vm(struct ss_vm *vm, s64 values[SS_NR_STATS], unsigned int flags)
{
	struct kvm *kvm = vm->kvm;
	struct ss_walk w = {};
	bool walk = ss_sp_layout_ok() && !(flags & SS_SNAP_NO_WALK);
	long n_used, tdp;
	int i;

	/* ss_vm_lock keeps KVM's symbols (and kvm.ko) from going meanwhile */
	lockdep_assert_held(&ss_vm_lock);
	for (i = 0; i < SS_NR_STATS; i++)
		values[i] = SS_UNAVAIL;
	if (READ_ONCE(vm->dead) || !ss_kvm_ready() || !ss_kvm_pin(kvm))
		return -ENOENT;

	if (walk) {
		w.max_roots = atomic_read(&kvm->online_vcpus) * SS_MMUS_PER_VCPU *
			      SS_ROOTS_PER_MMU;
		w.roots = kvcalloc(max(w.max_roots, 1), sizeof(*w.roots), GFP_KERNEL);
		w.seen = kvcalloc(max(w.max_roots, 1), sizeof(*w.seen), GFP_KERNEL);
		if (!w.roots || !w.seen) {
			kvfree(w.roots);
			kvfree(w.seen);
			ss_kvm_unpin(kvm);
			return -ENOMEM;
		}
	}

	read_lock(&kvm->mmu_lock);
	/*
	 * A walk that yields mmu_lock goes on only while the VM's shadow pages
	 * stand still, and its last stretch holds the lock to here: what is
	 * read below is the state the walk counted.
	 */
	if (walk)
		ss_walk_pages(&w, vm);
	n_used = ss_kvm_shadow_pages(kvm);
	values[SS_STAT_mmu_shadow_pages] = n_used;
	values[SS_STAT_mmu_pages_limit] = READ_ONCE(kvm->arch.n_max_mmu_pages);
	values[SS_STAT_indirect_shadow_pages] =
		READ_ONCE(kvm->arch.indirect_shadow_pages);
	tdp = ss_kvm_tdp_pages(kvm);
	values[SS_STAT_tdp_mmu_pages] = tdp;
	values[SS_STAT_tdp_mmu_roots] = ss_kvm_tdp_roots(kvm);
	ss_fill_events(vm, values, n_used, tdp);
	read_unlock(&kvm->mmu_lock);
	if (walk)
		ss_walk_account(&w);

	ss_fill_walk(values, &w, walk);
	kvfree(w.roots);
	kvfree(w.seen);
	ss_kvm_unpin(kvm);
	return 0;
}
