// SPDX-License-Identifier: GPL-2.0
/*
 * kvmmmu:kvm_mmu_get_page: a shadow page was created or reused. It fires only
 * in __kvm_mmu_get_shadow_page(), from a vCPU fault or from eager splitting;
 * the TDP MMU also fires it for its own pages, which are told apart by
 * sp->tdp_mmu_page and counted when linked instead. A new TDP root (no
 * parent SPTE) is noted with its VM, for the zaps below it.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_recording.h"
#include "../ss_sp.h"
#include "../ss_sp_owner.h"
#include "../ss_tdp_root.h"
#include "../ss_vm.h"

static void get_page_tdp_root(const void *sp)
{
	struct kvm *kvm = ss_kvm_running();
	struct ss_vm *vm;

	if (!kvm) {
		atomic64_inc(&ss_unattributed);
		return;
	}
	/* a VM not tracked yet notes its roots when it is adopted */
	vm = ss_vm_find(kvm);
	if (vm)
		ss_tdp_root_add(&vm->tdp_roots, sp);
}

static void get_page_probe(void *data, void *sp, bool created)
{
	struct ss_recording *rec;
	struct ss_vm *vm;
	struct kvm *kvm;
	bool split;

	if (ss_sp_is_tdp(sp)) {
		if (created && ss_tdp_root_usable() && !ss_sp_tdp_ptep(sp))
			get_page_tdp_root(sp);
		return;
	}
	kvm = ss_kvm_running();
	/* no vCPU: a shadow page for a nested guest's split huge page */
	split = !kvm;
	if (split)
		kvm = ss_ctx_task_kvm();
	if (!kvm) {
		atomic64_inc(&ss_unattributed);
		return;
	}
	vm = ss_vm_find(kvm);
	if (!vm)
		return;
	atomic64_inc(&vm->ev[created ? SS_STAT_sp_created : SS_STAT_sp_reused]);
	if (created && split)
		atomic64_inc(&vm->ev[SS_STAT_split_tables_created]);
	if (created)
		ss_vm_peak(vm, SS_STAT_mmu_shadow_pages_peak, ss_vm_mirror_shadow(vm));
	/*
	 * A VM's table of chains may be allocated with its first shadow page,
	 * and a page just created is at the head of its chain.
	 */
	if (created && unlikely(ss_sp_owner_learning(&vm->owner)))
		ss_sp_owner_learn(&vm->owner, sp);
	rec = ss_vm_recording(vm);
	if (unlikely(rec))
		ss_rec_push_sp(rec, sp, created ? SHADOWSTAT_REC_CREATE :
			       SHADOWSTAT_REC_REUSE, 0, 0);
}

static const char *const get_page_syms[] = { "kvm_mmu_get_page", NULL };

struct ss_hook ss_hook_sp_get = {
	.type = SS_HOOK_TRACEPOINT,
	.symbols = get_page_syms,
	.needs_layout = true,
	.tp_probe = get_page_probe,
};
