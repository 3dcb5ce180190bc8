// SPDX-License-Identifier: GPL-2.0
/*
 * Install and uninstall every hook against one instance of kvm.ko. A hook that
 * cannot attach is left off with the reason recorded; the features that need
 * it report themselves unavailable instead of showing a wrong number.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/tracepoint.h>
#include "ss_hook.h"
#include "ss_sp.h"
#include "ss_kvm.h"
#include "ss_records.h"

static const struct {
	struct ss_hook *hook;
	const char *name;
} ss_hooks[] = {
#define SS_HOOK(name, why) { &ss_hook_##name, #name },
#include "hooks/hooks.h"
#undef SS_HOOK
};

static char *skip_hooks;
module_param(skip_hooks, charp, 0444);
MODULE_PARM_DESC(skip_hooks,
		 "Comma-separated hook names to leave unattached (see status); their stats read as unavailable");

static bool ss_hook_skipped(const struct ss_hook *h)
{
	const char *p = skip_hooks;
	size_t len = strlen(h->name);

	while (p && *p) {
		if (!strncmp(p, h->name, len) && (p[len] == ',' || !p[len]))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

static struct tracepoint *ss_find_tracepoint(struct module *mod,
					     const char *name)
{
#ifdef CONFIG_TRACEPOINTS
	unsigned int i;

	for (i = 0; i < mod->num_tracepoints; i++) {
		struct tracepoint *tp =
			tracepoint_ptr_deref(&mod->tracepoints_ptrs[i]);

		if (!strcmp(tp->name, name))
			return tp;
	}
#endif
	return NULL;
}

static int ss_hook_resolve(struct ss_hook *h, unsigned long *addr)
{
	const char *const *sym;

	for (sym = h->symbols; *sym; sym++) {
		*addr = ss_ksym_func(*sym);
		if (*addr) {
			strscpy(h->resolved, *sym, sizeof(h->resolved));
			return 0;
		}
	}
	for (sym = h->symbols; *sym; sym++) {
		*addr = ss_ksym_func_clone(*sym, h->resolved, sizeof(h->resolved));
		if (!*addr)
			continue;
		if (h->clone_ok)
			return 0;
		snprintf(h->why, sizeof(h->why),
			 "only the clone %s exists; its arguments are unknown",
			 h->resolved);
		return -EINVAL;
	}
	snprintf(h->why, sizeof(h->why), "no symbol %s in kvm (inlined or renamed)",
		 h->symbols[0]);
	return -ENOENT;
}

static int ss_hook_install(struct ss_hook *h, struct module *kvm_mod)
{
	unsigned long addr;
	int ret;

	h->attached = false;
	h->why[0] = '\0';
	h->resolved[0] = '\0';
	if (ss_hook_skipped(h)) {
		strscpy(h->why, "left off by the skip_hooks parameter", sizeof(h->why));
		return -ECANCELED;
	}
	if (h->needs_layout && !ss_sp_layout_ok()) {
		strscpy(h->why, "struct kvm_mmu_page layout unknown", sizeof(h->why));
		return -ENOENT;
	}
	if (h->wanted && !h->wanted(h->why, sizeof(h->why)))
		return -ECANCELED;
	if (h->type == SS_HOOK_TRACEPOINT) {
		h->tp = ss_find_tracepoint(kvm_mod, h->symbols[0]);
		if (!h->tp) {
			snprintf(h->why, sizeof(h->why), "no tracepoint %s in kvm",
				 h->symbols[0]);
			return -ENOENT;
		}
		strscpy(h->resolved, h->symbols[0], sizeof(h->resolved));
		ret = tracepoint_probe_register(h->tp, h->tp_probe, NULL);
	} else {
		ret = ss_hook_resolve(h, &addr);
		if (ret)
			return ret;
		if (h->type == SS_HOOK_KPROBE) {
			memset(&h->kp, 0, sizeof(h->kp));
			h->kp.addr = (kprobe_opcode_t *)addr;
			h->kp.pre_handler = h->pre;
			ret = register_kprobe(&h->kp);
		} else {
			memset(&h->krp, 0, sizeof(h->krp));
			h->krp.kp.addr = (kprobe_opcode_t *)addr;
			h->krp.entry_handler = h->entry;
			h->krp.handler = h->ret;
			h->krp.data_size = h->data_size;
			h->krp.maxactive = max(40, 2 * (int)num_possible_cpus());
			ret = register_kretprobe(&h->krp);
		}
	}
	if (ret) {
		snprintf(h->why, sizeof(h->why), "registering %s failed: %d",
			 h->resolved, ret);
		return ret;
	}
	h->attached = true;
	return 0;
}

static void ss_hook_uninstall(struct ss_hook *h)
{
	if (!h->attached)
		return;
	if (h->type == SS_HOOK_TRACEPOINT)
		tracepoint_probe_unregister(h->tp, h->tp_probe, NULL);
	else if (h->type == SS_HOOK_KPROBE)
		unregister_kprobe(&h->kp);
	else
		unregister_kretprobe(&h->krp);
	h->attached = false;
}

/* Returns the number of hooks attached; failures are recorded per hook. */
int ss_hooks_install(struct module *kvm_mod)
{
	int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(ss_hooks); i++) {
		ss_hooks[i].hook->name = ss_hooks[i].name;
		n += ss_hook_install(ss_hooks[i].hook, kvm_mod) == 0;
	}
	return n;
}

void ss_hooks_uninstall(void)
{
	int i;

	for (i = ARRAY_SIZE(ss_hooks) - 1; i >= 0; i--)
		ss_hook_uninstall(ss_hooks[i].hook);
	/* no probe of ours may still be running once this returns */
	tracepoint_synchronize_unregister();
}

/* Probes that did not run: reentered, or a kretprobe out of instances. */
static unsigned long ss_hook_missed(const struct ss_hook *h)
{
	if (h->type == SS_HOOK_KPROBE)
		return h->kp.nmissed;
	if (h->type == SS_HOOK_KRETPROBE)
		return h->krp.nmissed + h->krp.kp.nmissed;
	return 0;
}

void ss_hooks_status(struct ss_status_out *o, bool rec)
{
	static const char * const types[] = { "kprobe", "kretprobe", "tracepoint" };
	int i;

	for (i = 0; i < ARRAY_SIZE(ss_hooks); i++) {
		const struct ss_hook *h = ss_hooks[i].hook;
		const char *sym = h->resolved[0] ? h->resolved : h->symbols[0];
		const char *why = h->attached ? "" : (h->why[0] ? h->why : "kvm not loaded");

		if (!rec) {
			o->len += scnprintf(o->buf + o->len, o->size - o->len,
					    "  %-18s %-10s %-34s %s%s%s",
					    ss_hooks[i].name, types[h->type], sym,
					    h->attached ? "attached" : "not attached",
					    h->attached ? "" : ": ", why);
			if (h->attached && h->type != SS_HOOK_TRACEPOINT)
				o->len += scnprintf(o->buf + o->len, o->size - o->len,
						    ", %lu missed", ss_hook_missed(h));
			o->len += scnprintf(o->buf + o->len, o->size - o->len, "\n");
			continue;
		}
		ss_rec_begin(o, "hook");
		ss_rec_str(o, "name", ss_hooks[i].name);
		ss_rec_str(o, "type", types[h->type]);
		ss_rec_str(o, "symbol", sym);
		ss_rec_bool(o, "attached", h->attached);
		ss_rec_str(o, "why", why);
		ss_rec_int(o, "missed", ss_hook_missed(h));
		ss_rec_end(o);
	}
}
