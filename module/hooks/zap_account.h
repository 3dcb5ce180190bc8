/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What one shadow-page zap counts, shared by the zap tracepoint and the
 * kprobe that stands in for it where a zap's VM can only come from KVM's
 * arguments. Both see the page at the very start of
 * __kvm_mmu_prepare_zap_page().
 */
#ifndef SS_ZAP_ACCOUNT_H
#define SS_ZAP_ACCOUNT_H

#include "../ss_sp.h"
#include "../ss_vm.h"

/*
 * A page with root_count == 0 leaves n_used_mmu_pages now; an in-use root
 * leaves the active list but stays counted until its release zaps it again
 * with root_count == 0.
 */
static inline void ss_zap_account(struct kvm *kvm, const void *sp)
{
	ss_vm_count(kvm, ss_sp_root_count(sp) ? SS_STAT_sp_root_zaps :
			 SS_STAT_sp_zapped, 1);
}

#endif /* SS_ZAP_ACCOUNT_H */
