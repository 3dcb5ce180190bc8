/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One hook per file under hooks/, each described by a struct ss_hook: which
 * KVM symbol or tracepoint it attaches to, its handlers and, once installed,
 * what happened. ss_hooks.c installs and uninstalls them all symmetrically,
 * in the order of hooks/hooks.h.
 */
#ifndef SS_HOOK_H
#define SS_HOOK_H

#include <linux/kprobes.h>
#include <linux/tracepoint.h>
#include "ss_ksym.h"

enum ss_hook_type { SS_HOOK_KPROBE, SS_HOOK_KRETPROBE, SS_HOOK_TRACEPOINT };

struct ss_hook {
	const char *name;		/* its name in hooks/hooks.h, set at install */
	enum ss_hook_type type;
	/* candidate kvm.ko symbols (or the tracepoint name), newest first */
	const char *const *symbols;
	/* a .part/.isra/.constprop clone keeps the arguments we read */
	bool clone_ok;
	bool needs_layout;		/* reads struct kvm_mmu_page fields */
	/* NULL or false (with the reason in @why) when another way does its job */
	bool (*wanted)(char *why, size_t len);
	/* off unless a module parameter asks for it (what it costs is known) */
	bool opt_in;
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

struct ss_status_out;
/* The hooks in status: text lines, or records with @rec. */
void ss_hooks_status(struct ss_status_out *o, bool rec);

/* the hooks, defined one per file in hooks/ (one declaration for them all) */
extern struct ss_hook
#define SS_HOOK(name, why) ss_hook_##name,
#include "hooks/hooks.h"
#undef SS_HOOK
	ss_hook_end_of_list;

#endif /* SS_HOOK_H */
