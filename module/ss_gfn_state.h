/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What KVM's memslot metadata says of one gfn, read as KVM itself reads it
 * in mmu_try_to_unsync_pages(): with mmu_lock held (the caller's), no lock
 * or allocation of ours.
 */
#ifndef SS_GFN_STATE_H
#define SS_GFN_STATE_H

#include <linux/kvm_host.h>

/* kvm_gfn_is_write_tracked(): an upper-level guest page table is shadowed there. */
bool ss_gfn_write_tracked(struct kvm *kvm, const struct kvm_memory_slot *slot, gfn_t gfn);
/*
 * The test of 7.1's early exit, lpage_info_slot(gfn, slot, PG_LEVEL_2M):
 * nothing (a shadow page, write tracking, misalignment) forbids a 2 MiB page
 * at @gfn in @slot, so no shadow page can be there to unsync.
 */
bool ss_gfn_lpage_allowed(const struct kvm_memory_slot *slot, gfn_t gfn);

#endif /* SS_GFN_STATE_H */
