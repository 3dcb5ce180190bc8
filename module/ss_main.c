// SPDX-License-Identifier: GPL-2.0
/*
 * shadowstat: mirrors KVM's x86 shadow-page accounting per VM, on a stock
 * kernel, from tracepoints, kprobes and KVM's own fields.
 *
 * It attaches whenever kvm.ko is live (at load, or when kvm.ko is loaded
 * later) and detaches when kvm.ko goes, so kvm and kvm_amd/kvm_intel can be
 * unloaded and reloaded underneath it. A failure to attach any one hook turns
 * off only what needs it, as status reports.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/tracepoint.h>
#include "ss_chardev.h"
#include "ss_debugfs.h"
#include "ss_features.h"
#include "ss_history.h"
#include "ss_hook.h"
#include "ss_ksym.h"
#include "ss_kvm.h"
#include "ss_kvm_debugfs.h"
#include "ss_layout.h"
#include "ss_query.h"
#include "ss_recording.h"
#include "ss_version.h"
#include "ss_sp.h"
#include "ss_sp_owner.h"
#include "ss_vm.h"

struct ss_sp_layout ss_sp_layout;

static bool ignore_btf;
module_param(ignore_btf, bool, 0444);
MODULE_PARM_DESC(ignore_btf,
		 "Act as if struct kvm_mmu_page were not in BTF (tests the degraded mode)");

static DEFINE_MUTEX(ss_attach_lock);
static struct module *ss_kvm_mod;	/* kvm.ko we are attached to */
static struct module *ss_kvm_found;	/* found live at load, not yet attached */

static bool ss_is_kvm(struct module *mod)
{
	return !strcmp(mod->name, "kvm");
}

static void ss_attach(struct module *kvm_mod)
{
	lockdep_assert_held(&ss_attach_lock);
	if (ss_kvm_mod)
		return;
	if (ss_kvm_resolve(kvm_mod)) {
		pr_warn("shadowstat: not attaching to kvm: %s\n", ss_kvm_why);
		return;
	}
	if (ignore_btf) {
		memset(&ss_sp_layout, 0, sizeof(ss_sp_layout));
		strscpy(ss_sp_layout.why, "ignored (ignore_btf=1)", sizeof(ss_sp_layout.why));
	} else if (ss_layout_load(&ss_sp_layout)) {
		pr_info("shadowstat: %s; page walks and page-reading hooks are off\n",
			ss_sp_layout.why);
	}
	ss_kvm_mod = kvm_mod;
	ss_sp_owner_reset();
	ss_hooks_install(kvm_mod);
	ss_features_update();
	/* without the destroy hook a VM would outlive its struct kvm */
	ss_vm_tracking(ss_features_have(SS_F_VMS));
	ss_vm_scan();
	ss_kvm_debugfs_add_totals();
}

static void ss_detach(void)
{
	lockdep_assert_held(&ss_attach_lock);
	if (!ss_kvm_mod)
		return;
	ss_features_clear();
	ss_hooks_uninstall();
	ss_vm_detach_kvm();
	memset(&ss_sp_layout, 0, sizeof(ss_sp_layout));
	ss_kvm_mod = NULL;
}

/*
 * KVM's debugfs directory is created and removed with the vendor module
 * (kvm_init()/kvm_exit() run from kvm_amd or kvm_intel), not with kvm.ko.
 */
static bool ss_is_kvm_vendor(struct module *mod)
{
	return !strcmp(mod->name, "kvm_amd") || !strcmp(mod->name, "kvm_intel");
}

static int ss_module_notify(struct notifier_block *nb, unsigned long state,
			    void *data)
{
	struct module *mod = data;

	if (ss_is_kvm_vendor(mod) && state == MODULE_STATE_LIVE) {
		mutex_lock(&ss_attach_lock);
		if (ss_kvm_mod)
			ss_kvm_debugfs_add_totals();
		mutex_unlock(&ss_attach_lock);
		return NOTIFY_DONE;
	}
	if (!ss_is_kvm(mod))
		return NOTIFY_DONE;
	mutex_lock(&ss_attach_lock);
	if (state == MODULE_STATE_LIVE) {
		ss_attach(mod);
	} else if (state == MODULE_STATE_GOING) {
		if (ss_kvm_found == mod)
			ss_kvm_found = NULL;
		if (ss_kvm_mod == mod)
			ss_detach();
	}
	mutex_unlock(&ss_attach_lock);
	return NOTIFY_DONE;
}

static struct notifier_block ss_module_nb = {
	.notifier_call = ss_module_notify,
};

/*
 * Registering a tracepoint module notifier replays MODULE_STATE_COMING for
 * every module already loaded: the exported way to find a live kvm.ko.
 */
static int ss_tp_module_notify(struct notifier_block *nb, unsigned long state,
			       void *data)
{
	struct tp_module *tp_mod = data;

	if (state == MODULE_STATE_COMING && ss_is_kvm(tp_mod->mod) &&
	    tp_mod->mod->state == MODULE_STATE_LIVE) {
		mutex_lock(&ss_attach_lock);
		ss_kvm_found = tp_mod->mod;
		mutex_unlock(&ss_attach_lock);
	}
	return NOTIFY_OK;
}

static struct notifier_block ss_tp_module_nb = {
	.notifier_call = ss_tp_module_notify,
};

static int __init ss_init(void)
{
	int ret;

	ret = ss_vm_init();
	if (ret)
		return ret;
	ss_rec_init();
	ret = ss_history_init();
	if (ret)
		pr_info("shadowstat: no history of departed VMs (%d)\n", ret);
	ret = ss_debugfs_init();
	if (ret)
		pr_info("shadowstat: debugfs unavailable (%d), the device still works\n", ret);
	ret = ss_kvm_debugfs_init();
	if (ret)
		goto err_debugfs;
	ret = ss_chardev_init();
	if (ret)
		goto err_debugfs;
	ret = register_module_notifier(&ss_module_nb);
	if (ret)
		goto err_chardev;
	ret = register_tracepoint_module_notifier(&ss_tp_module_nb);
	if (ret)
		goto err_module_nb;
	unregister_tracepoint_module_notifier(&ss_tp_module_nb);

	mutex_lock(&ss_attach_lock);
	if (ss_kvm_found)
		ss_attach(ss_kvm_found);
	ss_kvm_found = NULL;
	mutex_unlock(&ss_attach_lock);
	return 0;

err_module_nb:
	unregister_module_notifier(&ss_module_nb);
err_chardev:
	ss_chardev_exit();
err_debugfs:
	ss_debugfs_exit();
	ss_history_exit();
	ss_vm_exit();
	return ret;
}

static void __exit ss_exit(void)
{
	/* the debugfs files go first: they must not be opened while we are GOING */
	ss_vm_hide_all();
	ss_debugfs_exit();
	unregister_module_notifier(&ss_module_nb);
	mutex_lock(&ss_attach_lock);
	ss_detach();
	mutex_unlock(&ss_attach_lock);
	ss_chardev_exit();
	ss_history_exit();
	ss_vm_exit();
}

module_init(ss_init);
module_exit(ss_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-VM mirror of KVM x86 shadow-page accounting");
MODULE_VERSION(SS_VERSION);
