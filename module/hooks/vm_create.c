// SPDX-License-Identifier: GPL-2.0
/*
 * A new VM: the KVM_CREATE_VM ioctl on /dev/kvm returned its fd. By then the
 * VM is on vm_list and its debugfs name is known, so a rescan adopts it.
 * kvm_create_vm() itself is inlined everywhere; kvm_dev_ioctl() is not.
 */
#include <linux/kvm.h>
#include "../ss_hook.h"
#include "../ss_vm.h"

static int vm_create_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	*(unsigned long *)ri->data = regs_get_kernel_argument(regs, 1);
	return 0;
}

static int vm_create_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (*(unsigned long *)ri->data == KVM_CREATE_VM &&
	    (long)regs_return_value(regs) >= 0)
		ss_vm_scan_async();
	return 0;
}

static const char *const vm_create_syms[] = { "kvm_dev_ioctl", NULL };

struct ss_hook ss_hook_vm_create = {
	.type = SS_HOOK_KRETPROBE,
	.symbols = vm_create_syms,
	.clone_ok = false,
	.entry = vm_create_entry,
	.ret = vm_create_ret,
	.data_size = sizeof(unsigned long),
};
