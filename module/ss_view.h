/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The views of the tracked VMs (shadowstat's debugfs directories, the links
 * in KVM's): each registers with the per-VM state (ss_vm.c), which tells it
 * when a VM is adopted and when it goes, so the state layer calls no view.
 */
#ifndef SS_VIEW_H
#define SS_VIEW_H

#include <linux/types.h>

struct ss_vm;

#define SS_MAX_VIEWS 3

struct ss_view {
	const char *name;
	/*
	 * A VM was adopted (ss_vm_lock held, the VM pinned by that lock's
	 * callers' rules); keep per-VM data in *@data. Returns false if the
	 * VM could not be shown yet (a directory of the same name still
	 * exists): it is offered again after another VM goes. NULL: the view
	 * shows no VM, it only hears of departures.
	 */
	bool (*vm_added)(struct ss_vm *vm, void **data);
	/* The VM is gone or shadowstat detaches; may sleep; no lock held. */
	void (*vm_removed)(void *data);
	/*
	 * KVM destroyed the VM: kvm_arch_destroy_vm() has returned, its struct
	 * kvm is still there and nothing else uses it. Atomic context, from a
	 * kretprobe: no sleeping, no allocation. NULL: not wanted.
	 */
	void (*vm_departed)(struct ss_vm *vm);
	/* kvm.ko is going (ss_vm_lock held, its symbols still resolved). */
	void (*kvm_detach)(void);
};

/* At module init, before any VM is adopted; returns 0 or -ENOSPC. */
int ss_view_register(const struct ss_view *view);

#endif /* SS_VIEW_H */
