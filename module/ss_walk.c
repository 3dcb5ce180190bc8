// SPDX-License-Identifier: GPL-2.0
/*
 * The walk of a VM's shadow pages: every page on active_mmu_pages, plus the
 * zapped roots that vCPUs still hold (off that list, still counted), which is
 * exactly what KVM counts in n_used_mmu_pages. mmu_lock is held for read,
 * and every writer of what is read holds it for write; the walk yields it
 * every walk_hold_us and goes on only if nothing it relies on changed.
 */
#include <linux/hash.h>
#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "ss_config.h"
#include "ss_features.h"
#include "ss_kvm.h"
#include "ss_sp.h"
#include "ss_vm.h"
#include "ss_walk.h"
#include "ss_walk_limits.h"

/* pages counted between two looks at the clock, and yielding restarts */
#define SS_WALK_CHECK_EVERY 1024
#define SS_WALK_YIELDING_RESTARTS 2

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
	w->counts.pages = 0;
	w->counts.unsync = 0;
	w->counts.direct = 0;
	w->counts.root = 0;
	w->counts.obsolete = 0;
	memset(w->counts.level, 0, sizeof(w->counts.level));
	memset(w->seen, 0, w->max_roots * sizeof(*w->seen));
}

static void ss_walk_count(struct ss_walk *w, struct kvm *kvm, void *sp)
{
	union kvm_mmu_page_role role = ss_sp_role(sp);

	w->counts.pages++;
	if (role.level >= 1 && role.level <= 5)
		w->counts.level[role.level - 1]++;
	w->counts.unsync += ss_sp_unsync(sp);
	w->counts.direct += role.direct;
	w->counts.root += ss_sp_root_count(sp) > 0;
	w->counts.obsolete += role.invalid ||
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
		w->counts.root++;
		for (r = 0; r < w->nr_roots; r++)
			if (w->roots[r] == at - o->link)
				w->seen[r] = true;
	}
	w->counts.pages += n - left;
	for (r = 1; r <= 5; r++) {
		w->counts.level[r - 1] += by_role[r] + by_role[SS_ROLE_DIRECT | r];
		w->counts.direct += by_role[SS_ROLE_DIRECT | r];
	}
	w->counts.unsync += unsync;
	w->counts.obsolete += obsolete;
	return pos;
}

void ss_walk_run(struct ss_walk *w, struct ss_vm *vm)
{
	struct kvm *kvm = vm->kvm;
	u64 budget = ss_walk_budget_ns();
	/* without the unsync and sync hooks a change could go unseen */
	u64 hold_max = ss_features_have(SS_F_UNSYNC | SS_F_SYNC) ? ss_walk_hold_ns() : 0;
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

static void ss_walk_account(struct ss_walk *w)
{
	s64 max = atomic64_read(&ss_walk_max_ns);
	u64 ns = w->max_hold_ns;

	while (ns > max && !atomic64_try_cmpxchg(&ss_walk_max_ns, &max, ns))
		;
	if (w->truncated)
		atomic64_inc(&ss_walks_truncated);
}

int ss_walk_prepare(struct ss_walk *w, struct kvm *kvm)
{
	memset(w, 0, sizeof(*w));
	w->max_roots = atomic_read(&kvm->online_vcpus) * SS_MMUS_PER_VCPU *
		       SS_ROOTS_PER_MMU;
	w->roots = kvcalloc(max(w->max_roots, 1), sizeof(*w->roots), GFP_KERNEL);
	w->seen = kvcalloc(max(w->max_roots, 1), sizeof(*w->seen), GFP_KERNEL);
	if (w->roots && w->seen)
		return 0;
	kvfree(w->roots);
	kvfree(w->seen);
	w->roots = NULL;
	w->seen = NULL;
	return -ENOMEM;
}

void ss_walk_finish(struct ss_walk *w)
{
	ss_walk_account(w);
	kvfree(w->roots);
	kvfree(w->seen);
	w->roots = NULL;
	w->seen = NULL;
}
