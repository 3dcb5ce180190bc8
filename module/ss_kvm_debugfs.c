// SPDX-License-Identifier: GPL-2.0
/*
 * Optionally show shadowstat's stats inside KVM's own debugfs directories, so
 * the unmodified kvm_stat (which lists /sys/kernel/debug/kvm/ and
 * /sys/kernel/debug/kvm/<pid>-<fd>/) picks them up.
 *
 * They are symlinks to shadowstat's own files, not files: a symlink has no
 * file operations of ours, so one that outlives shadowstat (KVM removes its
 * directories on its own schedule) can never call into an unloaded module, and
 * KVM's recursive removal of a VM's directory takes ours with it. No dentry of
 * them is kept: they are found again by name, and only our symlinks are ever
 * removed, never a file of KVM's with the same name.
 */
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include "ss_kvm.h"
#include "ss_kvm_debugfs.h"
#include "ss_stat_defs.h"
#include "ss_view.h"
#include "ss_vm.h"

static bool kvm_debugfs = true;
module_param(kvm_debugfs, bool, 0444);
MODULE_PARM_DESC(kvm_debugfs,
		 "Also link the stats into /sys/kernel/debug/kvm/ for kvm_stat (default: on)");

static void ss_kvm_debugfs_link(struct dentry *dir, const char *prefix)
{
	struct dentry *d;
	char target[96];
	int i;

	for (i = 0; i < SS_NR_STATS; i++) {
		/*
		 * Where KVM has a stat of that name itself (mmu_shadow_pages,
		 * 7.2+), its own file serves kvm_stat; debugfs would log the
		 * clash if we tried.
		 */
		d = debugfs_lookup(ss_stat_defs[i].name, dir);
		if (d) {
			dput(d);
			continue;
		}
		snprintf(target, sizeof(target), "%s/%s", prefix, ss_stat_defs[i].name);
		debugfs_create_symlink(ss_stat_defs[i].name, dir, target);
	}
}

static void ss_kvm_debugfs_unlink(struct dentry *dir)
{
	struct dentry *d;
	int i;

	for (i = 0; i < SS_NR_STATS; i++) {
		d = debugfs_lookup(ss_stat_defs[i].name, dir);
		if (!d)
			continue;
		if (d_is_symlink(d))
			debugfs_remove(d);
		dput(d);
	}
}

/* Caller holds ss_vm_lock. KVM's removal of the VM's directory takes the links. */
static bool ss_kvm_debugfs_vm_added(struct ss_vm *vm, void **data)
{
	char prefix[64];

	if (!kvm_debugfs || !ss_kvm_pin(vm->kvm))
		return true;
	/* the VM's directory lives as long as the VM does, and we pin it */
	if (!IS_ERR_OR_NULL(vm->kvm->debugfs_dentry)) {
		snprintf(prefix, sizeof(prefix), "../../shadowstat/%s", vm->info.name);
		ss_kvm_debugfs_link(vm->kvm->debugfs_dentry, prefix);
	}
	ss_kvm_unpin(vm->kvm);
	return true;
}

static void ss_kvm_debugfs_vm_removed(void *data)
{
}

void ss_kvm_debugfs_add_totals(void)
{
	struct dentry *kvm_dir;

	if (!kvm_debugfs)
		return;
	kvm_dir = debugfs_lookup("kvm", NULL);
	if (!kvm_dir)
		return;
	ss_kvm_debugfs_link(kvm_dir, "../shadowstat");
	dput(kvm_dir);
}

/*
 * Caller holds ss_vm_lock, with the hooks gone and KVM's symbols still
 * resolved. A VM that can no longer be pinned is being destroyed: KVM removes
 * its directory, our links included.
 */
static void ss_kvm_debugfs_remove_all(void)
{
	struct dentry *kvm_dir;
	struct ss_vm *vm;

	lockdep_assert_held(&ss_vm_lock);
	if (!kvm_debugfs || !ss_kvm_ready())
		return;
	list_for_each_entry(vm, &ss_vms, node) {
		if (READ_ONCE(vm->dead) || !ss_kvm_pin(vm->kvm))
			continue;
		if (!IS_ERR_OR_NULL(vm->kvm->debugfs_dentry))
			ss_kvm_debugfs_unlink(vm->kvm->debugfs_dentry);
		ss_kvm_unpin(vm->kvm);
	}
	kvm_dir = debugfs_lookup("kvm", NULL);
	if (kvm_dir) {
		ss_kvm_debugfs_unlink(kvm_dir);
		dput(kvm_dir);
	}
}

static const struct ss_view ss_kvm_debugfs_view = {
	.name = "kvm_debugfs",
	.vm_added = ss_kvm_debugfs_vm_added,
	.vm_removed = ss_kvm_debugfs_vm_removed,
	.kvm_detach = ss_kvm_debugfs_remove_all,
};

int ss_kvm_debugfs_init(void)
{
	return ss_view_register(&ss_kvm_debugfs_view);
}
