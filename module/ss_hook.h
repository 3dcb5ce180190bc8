/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One hook per file under hooks/, each described by a struct ss_hook: which
 * KVM symbol or tracepoint it attaches to, its handlers and, once installed,
 * what happened. ss_hooks.c installs and uninstalls them all symmetrically.
 */
#ifndef SS_HOOK_H
#define SS_HOOK_H

#include <linux/kprobes.h>
#include <linux/tracepoint.h>
#include "ss_ksym.h"

enum ss_hook_type { SS_HOOK_KPROBE, SS_HOOK_KRETPROBE, SS_HOOK_TRACEPOINT };

struct ss_hook {
	const char *name;		/* what it is for, for status */
	enum ss_hook_type type;
	/* candidate kvm.ko symbols (or the tracepoint name), newest first */
	const char *const *symbols;
	/* a .part/.isra/.constprop clone keeps the arguments we read */
	bool clone_ok;
	bool needs_layout;		/* reads struct kvm_mmu_page fields */
	/* NULL or false (with the reason in @why) when another way does its job */
	bool (*wanted)(char *why, size_t len);
	kprobe_pre_handler_t pre;	/* SS_HOOK_KPROBE */
	kretprobe_handler_t entry;	/* SS_HOOK_KRETPROBE */
	kretprobe_handler_t ret;
	size_t data_size;
	void *tp_probe;			/* SS_HOOK_TRACEPOINT */

	/* filled in by ss_hooks_install() */
	bool attached;
	char resolved[SS_KSYM_NAME_LEN];
	/* room for a resolved name and an errno */
	char why[SS_KSYM_NAME_LEN + 64];
	struct kprobe kp;
	struct kretprobe krp;
	struct tracepoint *tp;
};

struct module;

int ss_hooks_install(struct module *kvm_mod);
void ss_hooks_uninstall(void);
/* probes ask this on every event: inline */
static inline bool ss_hook_attached(const struct ss_hook *hook)
{
	return READ_ONCE(hook->attached);
}

int ss_hooks_format(char *buf, size_t size);

/* the hooks, defined one per file in hooks/ */
extern struct ss_hook ss_hook_vm_create;
extern struct ss_hook ss_hook_vm_destroy;
extern struct ss_hook ss_hook_get_page;
extern struct ss_hook ss_hook_zap;
extern struct ss_hook ss_hook_zap_kprobe;
extern struct ss_hook ss_hook_unsync;
extern struct ss_hook ss_hook_sync;
extern struct ss_hook ss_hook_tdp_link;
extern struct ss_hook ss_hook_tdp_spte;
extern struct ss_hook ss_hook_tdp_zap;
extern struct ss_hook ss_hook_tdp_zap_roots;
extern struct ss_hook ss_hook_tdp_zap_all;
extern struct ss_hook ss_hook_split;
extern struct ss_hook ss_hook_split_shadow;
extern struct ss_hook ss_hook_split_shadow_slot;
extern struct ss_hook ss_hook_split_tdp;

#endif /* SS_HOOK_H */
