// SPDX-License-Identifier: GPL-2.0
/*
 * The table of TDP roots and their VMs. Roots are few and change rarely (a
 * vCPU's first entry, a memslot update), so adding one may take a lock and
 * scan; finding one, which every TDP page-table zap does, is an RCU hash
 * lookup. A root address the allocator hands to another VM moves with it.
 */
#include <linux/hashtable.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include "ss_config.h"
#include "ss_kvm.h"
#include "ss_sp.h"
#include "ss_tdp_root.h"

#define SS_TDP_ROOT_HASH_BITS 7
/* a level-1 page table is at most four parents below a 5-level root */
#define SS_TDP_MAX_HOPS 5

static DEFINE_HASHTABLE(ss_tdp_root_hash, SS_TDP_ROOT_HASH_BITS);
static DEFINE_SPINLOCK(ss_tdp_root_lock);
atomic64_t ss_tdp_roots_evicted = ATOMIC64_INIT(0);
/* frees under a root not in the table: a VM not tracked (yet), or evicted */
atomic64_t ss_tdp_root_unknown = ATOMIC64_INIT(0);

void ss_tdp_roots_init(struct ss_tdp_roots *roots, struct ss_vm *vm)
{
	int i;

	roots->vm = vm;
	for (i = 0; i < SS_TDP_ROOTS_PER_VM; i++)
		roots->slot[i].roots = roots;
}

static struct ss_tdp_root *ss_tdp_root_find(const void *root)
{
	struct ss_tdp_root *r;

	hash_for_each_possible_rcu(ss_tdp_root_hash, r, hash, (unsigned long)root)
		if (READ_ONCE(r->root) == root)
			return r;
	return NULL;
}

static void ss_tdp_root_drop(struct ss_tdp_root *r)
{
	hash_del_rcu(&r->hash);
	WRITE_ONCE(r->root, NULL);
}

/* Any context; the VM of @roots is alive (RCU or ss_vm_lock). */
void ss_tdp_root_add(struct ss_tdp_roots *roots, const void *root)
{
	struct ss_tdp_root *r;
	unsigned long flags;
	int i;

	spin_lock_irqsave(&ss_tdp_root_lock, flags);
	/* a VM being destroyed forgets its roots once */
	if (roots->gone)
		goto out;
	r = ss_tdp_root_find(root);
	if (r && r->roots == roots)
		goto out;
	/* a freed root of another VM, reallocated for this one */
	if (r)
		ss_tdp_root_drop(r);
	for (i = 0; i < SS_TDP_ROOTS_PER_VM; i++)
		if (!roots->slot[i].root)
			break;
	if (i == SS_TDP_ROOTS_PER_VM) {
		/* the oldest is most likely freed; if not, its zaps go unattributed */
		i = roots->next++ % SS_TDP_ROOTS_PER_VM;
		ss_tdp_root_drop(&roots->slot[i]);
		atomic64_inc(&ss_tdp_roots_evicted);
	}
	r = &roots->slot[i];
	WRITE_ONCE(r->root, root);
	hash_add_rcu(ss_tdp_root_hash, &r->hash, (unsigned long)root);
out:
	spin_unlock_irqrestore(&ss_tdp_root_lock, flags);
}

/* Note each TDP root @kvm has in @roots. Caller holds mmu_lock. */
void ss_tdp_roots_adopt(struct ss_tdp_roots *roots, struct kvm *kvm)
{
#ifdef SS_HAVE_TDP_MMU_ROOTS
	struct list_head *pos;

	if (!ss_kvm_uses_tdp_mmu(kvm))
		return;
	spin_lock(&kvm->arch.tdp_mmu_pages_lock);
	list_for_each(pos, &kvm->arch.tdp_mmu_roots)
		ss_tdp_root_add(roots, ss_sp_from_link(pos));
	spin_unlock(&kvm->arch.tdp_mmu_pages_lock);
#endif
}

/* Before @vm is freed (after an RCU grace period). */
void ss_tdp_roots_forget(struct ss_tdp_roots *roots)
{
	unsigned long flags;
	int i;

	spin_lock_irqsave(&ss_tdp_root_lock, flags);
	roots->gone = true;
	for (i = 0; i < SS_TDP_ROOTS_PER_VM; i++)
		if (roots->slot[i].root)
			ss_tdp_root_drop(&roots->slot[i]);
	spin_unlock_irqrestore(&ss_tdp_root_lock, flags);
}

/*
 * The root above TDP page @sp, or NULL. KVM frees TDP pages only after an RCU
 * grace period, and a page table's parents outlive it, so the chain is
 * readable wherever KVM may touch @sp.
 */
const void *ss_tdp_sp_root(const void *sp)
{
	int hop;

	for (hop = 0; hop < SS_TDP_MAX_HOPS; hop++) {
		const u64 *ptep = ss_sp_tdp_ptep(sp);

		if (!ptep)
			return sp;
		/*
		 * Page tables are page-allocator pages: a misread layout would
		 * show on the first hop already, so only that one is checked.
		 */
		if (!hop && !virt_addr_valid(ptep))
			return NULL;
		sp = (const void *)page_private(virt_to_page(ptep));
		if (!sp)
			return NULL;
	}
	return NULL;
}

/* Caller is in an RCU read-side section; the VM may be dead. */
struct ss_vm *ss_tdp_root_vm(const void *root)
{
	struct ss_tdp_root *r = root ? ss_tdp_root_find(root) : NULL;

	return r ? r->roots->vm : NULL;
}
