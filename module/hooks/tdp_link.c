// SPDX-License-Identifier: GPL-2.0
/*
 * tdp_mmu_link_sp(kvm, ...) returns 0 when a new TDP page table was linked;
 * a page that lost the cmpxchg race is freed without ever being counted, and
 * the kvm_mmu_get_page tracepoint (fired before the link) cannot tell.
 */
#include "../ss_hook.h"
#include "../ss_vm.h"

static int tdp_link_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	*(struct kvm **)ri->data = (struct kvm *)regs_get_kernel_argument(regs, 0);
	return 0;
}

static int tdp_link_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct ss_vm *vm;

	if (regs_return_value(regs))
		return 0;
	vm = ss_vm_find(*(struct kvm **)ri->data);
	if (!vm)
		return 0;
	atomic64_inc(&vm->ev[SS_STAT_tdp_sp_created]);
	if (vm->seed_tdp >= 0)
		ss_vm_peak(vm, SS_STAT_tdp_mmu_pages_peak, ss_vm_mirror_tdp(vm));
	return 0;
}

static const char *const tdp_link_syms[] = { "tdp_mmu_link_sp", NULL };

struct ss_hook ss_hook_tdp_link = {
	.type = SS_HOOK_KRETPROBE,
	.symbols = tdp_link_syms,
	.entry = tdp_link_entry,
	.ret = tdp_link_ret,
	.data_size = sizeof(struct kvm *),
};
