// SPDX-License-Identifier: GPL-2.0
/*
 * How each mmu_try_to_unsync_pages(kvm, slot, gfn, ...) ends (seed 002): KVM
 * calls it for every new writable SPTE, in both MMUs, so this kretprobe is on
 * the fault path and is off unless unsync_outcomes=1 (its cost: make bench).
 *
 * The outcome is the return value, told apart by what KVM itself checks:
 * -EPERM is write tracking or a refusal while synchronizing; 0 unsynced a
 * page if kvm_mmu_unsync_page fired in between (this CPU's count moved:
 * KVM holds mmu_lock, so nothing else ran here), else it found nothing,
 * and where a 2 MiB page is allowed at the gfn that search could not find
 * anything: the early exit of 7.1+, or the one older kernels would take.
 */
#include <linux/moduleparam.h>
#include "../ss_ctx.h"
#include "../ss_gfn_state.h"
#include "../ss_hook.h"
#include "../ss_vm.h"

static bool unsync_outcomes;
module_param(unsync_outcomes, bool, 0444);
MODULE_PARM_DESC(unsync_outcomes,
		 "Count how each attempt to unsync a gfn ends (a kretprobe on every new writable SPTE)");

struct unsync_try_call {
	struct kvm *kvm;
	const struct kvm_memory_slot *slot;
	gfn_t gfn;
	unsigned long marks;
};

static int unsync_try_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct unsync_try_call *c = (void *)ri->data;

	c->kvm = (struct kvm *)regs_get_kernel_argument(regs, 0);
	c->slot = (const struct kvm_memory_slot *)regs_get_kernel_argument(regs, 1);
	c->gfn = regs_get_kernel_argument(regs, 2);
	c->marks = this_cpu_read(ss_cpu_ctx.unsync_marks);
	return 0;
}

static enum ss_stat_id unsync_try_outcome(const struct unsync_try_call *c, long ret)
{
	if (ret == -EPERM)
		return ss_gfn_write_tracked(c->kvm, c->slot, c->gfn) ?
		       SS_STAT_unsync_try_tracked : SS_STAT_unsync_try_refused;
	if (ret)
		return SS_STAT_unsync_try_refused;	/* -EEXIST: a prefetch */
	if (this_cpu_read(ss_cpu_ctx.unsync_marks) != c->marks)
		return SS_STAT_unsync_try_unsynced;
	if (ss_gfn_lpage_allowed(c->slot, c->gfn))
		return SS_STAT_unsync_try_lpage;
	return SS_STAT_unsync_try_none;
}

static int unsync_try_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	const struct unsync_try_call *c = (void *)ri->data;

	ss_vm_count(c->kvm, unsync_try_outcome(c, regs_return_value(regs)), 1);
	return 0;
}

static bool unsync_try_wanted(char *why, size_t len)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT)) {
		/* mmu_lock does not keep other tasks off this CPU */
		strscpy(why, "not on PREEMPT_RT kernels", len);
		return false;
	}
	if (!unsync_outcomes) {
		strscpy(why, "left off: load with unsync_outcomes=1 (a kretprobe per new SPTE)",
			len);
		return false;
	}
	return true;
}

static const char *const unsync_try_syms[] = { "mmu_try_to_unsync_pages", NULL };

struct ss_hook ss_hook_unsync_try = {
	.type = SS_HOOK_KRETPROBE,
	.symbols = unsync_try_syms,
	.entry = unsync_try_entry,
	.ret = unsync_try_ret,
	.data_size = sizeof(struct unsync_try_call),
	.wanted = unsync_try_wanted,
	.opt_in = true,
};
