// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_mmu_zap_oldest_mmu_pages(kvm, nr) returns the pages it zapped, the very
 * number KVM adds to its mmu_recycled stat (5.10+). An .isra clone may have
 * dropped the kvm argument, so only the real function is used.
 */
#include "../ss_hook.h"
#include "../ss_vm.h"

static int recycle_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	*(struct kvm **)ri->data = (struct kvm *)regs_get_kernel_argument(regs, 0);
	return 0;
}

static int recycle_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	long n = (long)regs_return_value(regs);

	if (n > 0)
		ss_vm_count(*(struct kvm **)ri->data, SS_STAT_sp_recycled, n);
	return 0;
}

static const char *const recycle_syms[] = { "kvm_mmu_zap_oldest_mmu_pages", NULL };

struct ss_hook ss_hook_recycle = {
	.name = "sp_recycle",
	.type = SS_HOOK_KRETPROBE,
	.symbols = recycle_syms,
	.entry = recycle_entry,
	.ret = recycle_ret,
	.data_size = sizeof(struct kvm *),
};
