// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_mmu_zap_oldest_mmu_pages(): KVM recycling pages for its limit, from a
 * fault, KVM_SET_NR_MMU_PAGES, a memslot change or (<= 6.12) the shrinker.
 * Its zaps are told apart from the others in a recording (ss_recording.h).
 * It runs under mmu_lock, on one CPU, so a per-CPU mark does; it reads no
 * argument, so a clone (.isra.0 in some builds) does too. It runs only when
 * KVM recycles, never on a fault that does not, and returns only while a
 * recording runs.
 */
#include "../ss_ctx.h"
#include "../ss_hook.h"
#include "../ss_recording.h"

static int recycle_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct ss_cpu_ctx *ctx = this_cpu_ptr(&ss_cpu_ctx);

	/* nothing records: no return probe, which costs most (bench/) */
	if (!atomic64_read(&ss_rec_active))
		return 1;
	ctx->recycle_task = current;
	ctx->recycle_first = true;
	return 0;
}

static int recycle_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	this_cpu_ptr(&ss_cpu_ctx)->recycle_task = NULL;
	return 0;
}

static const char *const recycle_syms[] = { "kvm_mmu_zap_oldest_mmu_pages", NULL };

struct ss_hook ss_hook_recycle_ctx = {
	.type = SS_HOOK_KRETPROBE,
	.symbols = recycle_syms,
	.clone_ok = true,
	.entry = recycle_entry,
	.ret = recycle_ret,
};
