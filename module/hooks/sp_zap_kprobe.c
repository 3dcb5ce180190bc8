// SPDX-License-Identifier: GPL-2.0
/*
 * __kvm_mmu_prepare_zap_page(kvm, sp, ...), for kernels where the zap
 * tracepoint cannot tell a zap's VM (see hook_zap.c): the kvm is its first
 * argument. Zapping an unsync page fires kvm_mmu_sync_page with no vCPU
 * maybe, so the page is noted for the sync hook.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "zap_account.h"

static int zap_kprobe_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct kvm *kvm = (struct kvm *)regs_get_kernel_argument(regs, 0);
	void *sp = (void *)regs_get_kernel_argument(regs, 1);
	struct ss_recording *rec;

	if (ss_sp_is_tdp(sp))
		return 0;
	rec = ss_zap_account(kvm, sp);
	if (unlikely(rec))
		ss_zap_record(rec, kvm, sp, ss_kvm_running() == kvm);
	if (ss_sp_unsync(sp))
		ss_ctx_zap_sync_push(sp, kvm);
	return 0;
}

static bool zap_kprobe_wanted(char *why, size_t len)
{
	if (!ss_hook_attached(&ss_hook_sp_zap))
		return true;
	strscpy(why, "not needed: the sp_zap tracepoint finds each zap's VM", len);
	return false;
}

static const char *const zap_kprobe_syms[] = { "__kvm_mmu_prepare_zap_page", NULL };

struct ss_hook ss_hook_sp_zap_kprobe = {
	.type = SS_HOOK_KPROBE,
	.symbols = zap_kprobe_syms,
	.needs_layout = true,
	.wanted = zap_kprobe_wanted,
	.pre = zap_kprobe_pre,
};
