// SPDX-License-Identifier: GPL-2.0
/*
 * Counting a VM's non-root TDP MMU page tables by walking them, for kernels
 * that keep no count of their own (6.17+, where kvm->arch.tdp_mmu_pages only
 * exists with CONFIG_KVM_PROVE_MMU). A VM that predates shadowstat is seeded
 * with this count; the link and free hooks keep it from then on.
 *
 * A table is reached from its parent's SPTE: present to KVM (bit 11, "MMU
 * present", 5.13+) and not a huge page (bit 7) at a level above 1. Each such
 * child is checked against the kvm_mmu_page KVM keeps in its struct page's
 * private field (read without faulting: its spt must be the table itself),
 * so a misread SPTE format stops the walk with an error instead of counting.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include "ss_config.h"
#include "ss_kvm.h"
#include "ss_sp.h"
#include "ss_tdp_walk.h"

#define SS_SPTE_MMU_PRESENT	BIT_ULL(11)
#define SS_SPTE_HUGE		BIT_ULL(7)
#define SS_SPTES_PER_TABLE	512
#define SS_TDP_MAX_LEVEL	5

struct ss_tdp_walk {
	long tables;
	u64 deadline;
	const char *why;
};

/* The kvm_mmu_page of page table @spt at @level, checked; NULL if not one. */
static const void *ss_tdp_table_sp(const u64 *spt, int level)
{
	struct page *page = virt_to_page(spt);
	const char *sp = (const char *)page_private(page);
	union kvm_mmu_page_role role;
	u64 *sp_spt;
	bool tdp;

	if (!sp ||
	    copy_from_kernel_nofault(&sp_spt, sp + ss_sp_layout.spt, sizeof(sp_spt)) ||
	    copy_from_kernel_nofault(&role.word, sp + ss_sp_layout.role, sizeof(role.word)) ||
	    copy_from_kernel_nofault(&tdp, sp + ss_sp_layout.tdp_mmu_page, sizeof(tdp)))
		return NULL;
	if (sp_spt != spt || !tdp || role.level != level)
		return NULL;
	return sp;
}

/* Count the tables below @spt, a table at @level (> 1). */
static int ss_tdp_walk_table(struct ss_tdp_walk *w, const u64 *spt, int level)
{
	int i, err;

	if (ktime_get_ns() > w->deadline) {
		w->why = "over walk_budget_us";
		return -ETIME;
	}
	for (i = 0; i < SS_SPTES_PER_TABLE; i++) {
		u64 spte = READ_ONCE(spt[i]);
		unsigned long pfn = (spte & PTE_PFN_MASK) >> PAGE_SHIFT;
		const u64 *child;

		if (!(spte & SS_SPTE_MMU_PRESENT) || (spte & SS_SPTE_HUGE))
			continue;
		if (!pfn_valid(pfn)) {
			w->why = "an SPTE points outside memory";
			return -EINVAL;
		}
		child = page_address(pfn_to_page(pfn));
		if (!ss_tdp_table_sp(child, level - 1)) {
			w->why = "an SPTE points to no TDP page table";
			return -EINVAL;
		}
		w->tables++;
		if (level - 1 > 1) {
			err = ss_tdp_walk_table(w, child, level - 1);
			if (err)
				return err;
		}
	}
	return 0;
}

bool ss_tdp_walk_usable(void)
{
	return ss_sp_layout.found && ss_sp_layout.spt >= 0;
}

long ss_tdp_count_tables(struct kvm *kvm, u64 budget_ns, const char **why)
{
	struct ss_tdp_walk w = { .deadline = ktime_get_ns() + budget_ns };
	int err = 0;
#ifdef SS_HAVE_TDP_MMU_ROOTS
	struct list_head *pos;

	lockdep_assert_held_write(&kvm->mmu_lock);
	*why = NULL;
	if (!ss_tdp_walk_usable()) {
		*why = "no kvm_mmu_page.spt in BTF";
		return -ENOENT;
	}
	/* roots come and go under this lock, or with mmu_lock held for write */
	spin_lock(&kvm->arch.tdp_mmu_pages_lock);
	list_for_each(pos, &kvm->arch.tdp_mmu_roots) {
		const char *root = ss_sp_from_link(pos);
		const u64 *spt = *(const u64 *const *)(root + ss_sp_layout.spt);
		int level = ss_sp_role(root).level;

		if (level < 2 || level > SS_TDP_MAX_LEVEL || !spt) {
			w.why = "a TDP root of no known level";
			err = -EINVAL;
			break;
		}
		err = ss_tdp_walk_table(&w, spt, level);
		if (err)
			break;
	}
	spin_unlock(&kvm->arch.tdp_mmu_pages_lock);
#else
	w.why = "no kvm->arch.tdp_mmu_roots";
	err = -ENOENT;
#endif
	if (err) {
		*why = w.why;
		return err;
	}
	return w.tables;
}
