// SPDX-License-Identifier: GPL-2.0
/*
 * The VM of a shadow (not TDP) page, for events with no vCPU (memslot updates,
 * KVM_SET_NR_MMU_PAGES, teardown): every shadow page sits on its VM's
 * mmu_page_hash from its creation to its free, and the chain leads back to a
 * bucket of that VM's table. The table is inside struct kvm up to 6.12.9x and
 * allocated on demand since (kvm->arch.mmu_page_hash became a pointer), so
 * each VM's table is noted when it is known and looked up by its address.
 *
 * A chain is followed backwards: a node's pprev points into the previous
 * page (a slab object) or at the bucket, which is never slab memory (inside
 * the vmalloc()ed struct kvm, or a 32 KiB kvcalloc(), above any kmalloc
 * cache). The bucket's index is hash_64(gfn, KVM_MMU_HASH_SHIFT); 7.3 took
 * that constant out of the shipped headers, so the shift is checked, or
 * found, on a page whose bucket is known: a page just created is at the head
 * of its chain.
 */
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include "ss_config.h"
#include "ss_sp.h"
#include "ss_sp_owner.h"

#ifdef KVM_MMU_HASH_SHIFT
#define SS_HASH_SHIFT_FROM "from the headers"
#else
#define SS_HASH_SHIFT_FROM "found on a page"
#endif

/* longer than any hash chain KVM would keep (it reports the longest) */
#define SS_HASH_MAX_HOPS 4096
#define SS_HASH_SHIFT_MAX 20
#define SS_TABLE_HASH_BITS 6

static DEFINE_HASHTABLE(ss_table_hash, SS_TABLE_HASH_BITS);
static DEFINE_SPINLOCK(ss_table_lock);
int ss_hash_shift;

static bool ss_is_slab(const void *p)
{
	return virt_addr_valid(p) && folio_test_slab(virt_to_folio(p));
}

/* How the VM of a page with no vCPU is found, for status. */
void ss_sp_owner_source(char *buf, size_t size)
{
	int s = READ_ONCE(ss_hash_shift);

	if (!ss_sp_layout.found || ss_sp_layout.hash_link < 0)
		strscpy(buf, "unknown: no kvm_mmu_page.hash_link", size);
	else if (s < 0)
		strscpy(buf, "unknown: a page was not where the mmu_page_hash shift puts it",
			size);
	else if (!s)
		strscpy(buf, "mmu_page_hash chains, shift not found yet (no shadow page seen)",
			size);
	else
		snprintf(buf, size, "mmu_page_hash chains, shift %d (%s)", s,
			 SS_HASH_SHIFT_FROM);
}

bool ss_sp_owner_usable(void)
{
	return ss_sp_layout.found && ss_sp_layout.hash_link >= 0 &&
	       READ_ONCE(ss_hash_shift) >= 0;
}

void ss_sp_owner_reset(void)
{
#ifdef KVM_MMU_HASH_SHIFT
	WRITE_ONCE(ss_hash_shift, KVM_MMU_HASH_SHIFT);
#else
	WRITE_ONCE(ss_hash_shift, 0);
#endif
}

/* @kvm's table of shadow-page chains, or NULL while it has none. */
static struct hlist_head *ss_page_hash(struct kvm *kvm)
{
#if defined(SS_HAVE_MMU_PAGE_HASH_ARRAY)
	return kvm->arch.mmu_page_hash;
#elif defined(SS_HAVE_MMU_PAGE_HASH_PTR)
	/* pairs with the release of the pointer when KVM allocates the table */
	return smp_load_acquire(&kvm->arch.mmu_page_hash);
#else
	return NULL;
#endif
}

static const struct hlist_node *ss_sp_hash_node(const void *sp)
{
	return (const struct hlist_node *)ss_sp_field(sp, ss_sp_layout.hash_link);
}

/* The shift that puts @sp, in @vm's table, into @bucket; else the shift is wrong. */
static void ss_check_shift(const struct ss_sp_owner_vm *o, const void *sp,
			   const void *bucket)
{
	gfn_t gfn = ss_sp_gfn(sp);
	int s = READ_ONCE(ss_hash_shift), found = -1;

	if (s < 0)
		return;
	if (s) {
		if (o->page_hash + hash_64(gfn, s) != bucket)
			WRITE_ONCE(ss_hash_shift, -1);
		return;
	}
	for (s = 1; s <= SS_HASH_SHIFT_MAX; s++) {
		if (o->page_hash + hash_64(gfn, s) != bucket)
			continue;
		/* two shifts that fit: not enough to tell, wait for another page */
		if (found > 0)
			return;
		found = s;
	}
	WRITE_ONCE(ss_hash_shift, found);
}

/*
 * Note the VM's table once it exists (at adoption, or when a shadow page is
 * created), and check the hash shift on @sp, a page at the head of its chain
 * (or NULL). Caller holds the VM's mmu_lock for write; any context.
 */
void ss_sp_owner_learn(struct ss_sp_owner_vm *o, const void *sp)
{
	struct hlist_head *table = ss_page_hash(o->kvm);
	const struct hlist_node *node;
	unsigned long flags;

	if (!table || !ss_sp_layout.found || ss_sp_layout.hash_link < 0)
		return;
	if (!o->page_hash) {
		/* the method needs the table outside slab memory */
		if (ss_is_slab(table)) {
			WRITE_ONCE(ss_hash_shift, -1);
			return;
		}
		spin_lock_irqsave(&ss_table_lock, flags);
		if (!o->page_hash && !o->gone) {
			o->page_hash = table;
			hash_add_rcu(ss_table_hash, &o->node, (unsigned long)table);
		}
		spin_unlock_irqrestore(&ss_table_lock, flags);
	}
	if (!sp || READ_ONCE(ss_hash_shift) < 0)
		return;
	node = ss_sp_hash_node(sp);
	if (!ss_is_slab(node->pprev))
		ss_check_shift(o, sp, node->pprev);
}

/* At adoption: the table, and the shift from a page at the head of its chain. */
void ss_sp_owner_learn_vm(struct ss_sp_owner_vm *o)
{
	struct list_head *pos;

	ss_sp_owner_learn(o, NULL);
	if (!o->page_hash || READ_ONCE(ss_hash_shift))
		return;
	list_for_each(pos, &o->kvm->arch.active_mmu_pages) {
		const void *sp = ss_sp_from_link(pos);

		if (!ss_is_slab(ss_sp_hash_node(sp)->pprev)) {
			ss_sp_owner_learn(o, sp);
			return;
		}
	}
}

/* Before @vm is freed (after an RCU grace period); any context. */
void ss_sp_owner_forget(struct ss_sp_owner_vm *o)
{
	unsigned long flags;

	spin_lock_irqsave(&ss_table_lock, flags);
	o->gone = true;
	if (o->page_hash)
		hash_del_rcu(&o->node);
	spin_unlock_irqrestore(&ss_table_lock, flags);
}

static struct ss_sp_owner_vm *ss_owner_of_table(const void *table)
{
	struct ss_sp_owner_vm *o;

	hash_for_each_possible_rcu(ss_table_hash, o, node, (unsigned long)table)
		if (o->page_hash == table)
			return o;
	return NULL;
}

/*
 * The VM of shadow page @sp. The caller holds that VM's mmu_lock for write,
 * as KVM does around each zap, so the chain is still; it must be in an RCU
 * read-side section (any probe is). Returns ERR_PTR(-ENOENT) for a VM that is
 * not tracked (yet), NULL if the chain could not be followed.
 */
struct kvm *ss_sp_owner(const void *sp)
{
	int shift = READ_ONCE(ss_hash_shift);
	const struct hlist_node *node = ss_sp_hash_node(sp);
	struct hlist_node **pprev;
	struct ss_sp_owner_vm *o;
	int hop;

	if (shift < 0)
		return NULL;
	/*
	 * Not found yet: no tracked VM has had a shadow page, since the
	 * first one any of them has (at adoption, or created later under the
	 * sp_get hook) gives the shift. So the page is an untracked VM's.
	 */
	if (!shift)
		return ERR_PTR(-ENOENT);
	for (hop = 0; hop < SS_HASH_MAX_HOPS; hop++) {
		pprev = READ_ONCE(node->pprev);
		if (!pprev)
			return NULL;
		/* the previous page's hash_link: its next is its first member */
		if (ss_is_slab(pprev)) {
			node = (const struct hlist_node *)pprev;
			continue;
		}
		o = ss_owner_of_table((const struct hlist_head *)pprev -
				      hash_64(ss_sp_gfn(sp), shift));
		return o ? o->kvm : ERR_PTR(-ENOENT);
	}
	return NULL;
}
