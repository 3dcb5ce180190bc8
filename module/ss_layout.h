/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where the members of struct kvm_mmu_page live in the running kernel.  The
 * struct is private to kvm (arch/x86/kvm/mmu/mmu_internal.h), so no header
 * gives its layout: it is read from the kernel's own BTF at run time.
 */
#ifndef SS_LAYOUT_H
#define SS_LAYOUT_H

#include <linux/types.h>

struct ss_sp_layout {
	/*
	 * true when link, tdp_mmu_page, unsync, mmu_valid_gen, role, gfn
	 * and root_count were all found.
	 */
	bool found;
	/*
	 * true when all of those but tdp_mmu_page were found and
	 * tdp_mmu_page does not exist: a kernel from before the TDP MMU
	 * (5.4 era), whose shadow pages are still usable.
	 */
	bool found_no_tdp;
	/* what went wrong, or where the layout came from */
	char why[96];
	/* byte offsets in struct kvm_mmu_page, -1 if the member is absent */
	int link, tdp_mmu_page, unsync, mmu_valid_gen, role, gfn, spt;
	int root_count, ptep, hash_link;
	/* sizeof(struct kvm_mmu_page) */
	size_t size;
};

/*
 * Fill @l from /sys/kernel/btf/kvm (split over /sys/kernel/btf/vmlinux),
 * or from vmlinux's BTF alone when kvm is built in.  Process context only;
 * when called for kvm.ko being loaded, call it once the module is LIVE:
 * its BTF file appears in a MODULE_STATE_COMING notifier that may run
 * after ours.  Returns 0 if l->found or l->found_no_tdp, else a negative
 * errno; l->why says why in either case.
 */
int ss_layout_load(struct ss_sp_layout *l);

#endif /* SS_LAYOUT_H */
