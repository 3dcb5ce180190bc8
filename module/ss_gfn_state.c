// SPDX-License-Identifier: GPL-2.0
/*
 * Per-gfn memslot metadata (struct kvm_arch_memory_slot is in the shipped
 * headers; its write-tracking array changed shape in 6.3). The index helpers
 * are KVM's private ones (arch/x86/kvm/mmu.h), repeated here.
 */
#include "ss_config.h"
#include "ss_gfn_state.h"

static unsigned long ss_gfn_index(gfn_t gfn, gfn_t base, int level)
{
	unsigned int shift = (level - PG_LEVEL_4K) * 9;

	return (gfn >> shift) - (base >> shift);
}

bool ss_gfn_write_tracked(struct kvm *kvm, const struct kvm_memory_slot *slot, gfn_t gfn)
{
	const unsigned short *track;

	if (!slot)
		return false;
#ifdef SS_HAVE_GFN_WRITE_TRACK
	track = READ_ONCE(slot->arch.gfn_write_track);
#else
	track = READ_ONCE(slot->arch.gfn_track[KVM_PAGE_TRACK_WRITE]);
#endif
	/* not allocated: write tracking is off for this VM */
	if (!track)
		return false;
	return READ_ONCE(track[ss_gfn_index(gfn, slot->base_gfn, PG_LEVEL_4K)]);
}

bool ss_gfn_lpage_allowed(const struct kvm_memory_slot *slot, gfn_t gfn)
{
	const struct kvm_lpage_info *info;

	if (!slot)
		return false;
	info = slot->arch.lpage_info[PG_LEVEL_2M - 2];
	return !READ_ONCE(info[ss_gfn_index(gfn, slot->base_gfn, PG_LEVEL_2M)].disallow_lpage);
}
