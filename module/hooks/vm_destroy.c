// SPDX-License-Identifier: GPL-2.0
/*
 * A VM is gone once kvm_arch_destroy_vm() returns: its last zaps (vCPU roots,
 * TDP roots) are done and KVM frees the struct kvm right after, so the VM is
 * forgotten here, before its address can be reused.
 */
#include "../ss_hook.h"
#include "../ss_vm.h"

static int vm_destroy_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	*(struct kvm **)ri->data = (struct kvm *)regs_get_kernel_argument(regs, 0);
	return 0;
}

static int vm_destroy_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	ss_vm_destroyed(*(struct kvm **)ri->data);
	return 0;
}

static const char *const vm_destroy_syms[] = { "kvm_arch_destroy_vm", NULL };

struct ss_hook ss_hook_vm_destroy = {
	.type = SS_HOOK_KRETPROBE,
	.symbols = vm_destroy_syms,
	.entry = vm_destroy_entry,
	.ret = vm_destroy_ret,
	.data_size = sizeof(struct kvm *),
};
