// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_zap_all_fast: KVM is about to make every shadow page
 * obsolete (memslot deletion or move, some MMIO generation wraps); it zaps
 * them afterwards, maybe yielding in between. Recorded so that a replay
 * knows which pages a lookup can no longer find.
 */
#include "../ss_hook.h"
#include "../ss_recording.h"

static void zap_all_fast_probe(void *data, struct kvm *kvm)
{
	struct shadowstat_sp_record r = { .type = SHADOWSTAT_REC_OBSOLETE };

	ss_rec_push_kvm(kvm, &r);
}

static const char *const zap_all_fast_syms[] = { "kvm_mmu_zap_all_fast", NULL };

struct ss_hook ss_hook_zap_all_fast = {
	.type = SS_HOOK_TRACEPOINT,
	.symbols = zap_all_fast_syms,
	.tp_probe = zap_all_fast_probe,
};
