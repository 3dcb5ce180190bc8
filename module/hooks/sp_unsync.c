// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_unsync_page: fires only under mmu_try_to_unsync_pages(),
 * which runs for a new writable SPTE, always on a vCPU of the VM.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_vm.h"

static void unsync_probe(void *data, void *sp)
{
	struct kvm *kvm = ss_kvm_running();

	this_cpu_inc(ss_cpu_ctx.unsync_marks);
	if (!kvm) {
		atomic64_inc(&ss_unattributed);
		return;
	}
	ss_vm_count(kvm, SS_STAT_sp_unsynced, 1);
}

static const char *const unsync_syms[] = { "kvm_mmu_unsync_page", NULL };

struct ss_hook ss_hook_sp_unsync = {
	.type = SS_HOOK_TRACEPOINT,
	.symbols = unsync_syms,
	.tp_probe = unsync_probe,
};
