// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_prepare_zap_page for shadow pages: every shadow-page zap
 * funnels through __kvm_mmu_prepare_zap_page(), which fires it first. Its VM
 * is the running vCPU's (faults, syncs, recycling on a fault) or else the one
 * whose mmu_page_hash holds the page (memslot updates, KVM_SET_NR_MMU_PAGES,
 * VM teardown). A tracepoint costs a fraction of a kprobe on this path.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_sp_owner.h"
#include "zap_account.h"

static void zap_probe(void *data, void *sp)
{
	struct ss_recording *rec;
	struct kvm *kvm;
	bool on_vcpu;

	if (ss_sp_is_tdp(sp))
		return;
	kvm = ss_kvm_running();
	on_vcpu = kvm;
	if (!kvm)
		kvm = ss_sp_owner(sp);
	if (!kvm) {
		atomic64_inc(&ss_unattributed);
		return;
	}
	if (IS_ERR(kvm))
		return;
	rec = ss_zap_account(kvm, sp);
	if (unlikely(rec))
		ss_zap_record(rec, kvm, sp, on_vcpu);
}

static bool zap_wanted(char *why, size_t len)
{
	if (!ss_kvm_knows_running()) {
		strscpy(why, "kvm_get_running_vcpu not found", len);
		return false;
	}
	/* the first shadow page it reports gives the mmu_page_hash shift */
	if (!ss_hook_attached(&ss_hook_sp_get)) {
		strscpy(why, "hook sp_get not attached", len);
		return false;
	}
	if (!ss_sp_owner_usable()) {
		strscpy(why, "no kvm_mmu_page.hash_link, or a wrong mmu_page_hash shift",
			len);
		return false;
	}
	return true;
}

static const char *const zap_syms[] = { "kvm_mmu_prepare_zap_page", NULL };

struct ss_hook ss_hook_sp_zap = {
	.type = SS_HOOK_TRACEPOINT,
	.symbols = zap_syms,
	.needs_layout = true,
	.wanted = zap_wanted,
	.tp_probe = zap_probe,
};
