// SPDX-License-Identifier: GPL-2.0
/*
 * The status report: what shadowstat is attached to, where each stat comes
 * from on this kernel, the layout it found, the KVM functions it calls, its
 * hooks and features, and the counters that say how far to trust the rest.
 * Each section is written as text and as records from the same data.
 */
#include <linux/kernel.h>
#include <linux/utsname.h>
#include "ss_ctx.h"
#include "ss_features.h"
#include "ss_hook.h"
#include "ss_kvm.h"
#include "ss_version.h"
#include "ss_sp.h"
#include "ss_sp_owner.h"
#include "ss_records.h"
#include "ss_recording.h"
#include "ss_status.h"
#include "ss_tdp_root.h"
#include "ss_tdp_walk.h"
#include "ss_vm.h"
#include "ss_walk.h"

static __printf(2, 3) void ss_text(struct ss_status_out *o, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	o->len += vscnprintf(o->buf + o->len, o->size - o->len, fmt, args);
	va_end(args);
}

/* Where tdp_mmu_pages comes from on this kernel. */
static const char *ss_tdp_pages_source(void)
{
	if (ss_kvm_keeps_tdp_count())
		return "KVM's own count";
	if (!ss_tdp_walk_usable())
		return "unavailable: KVM keeps no count, kvm_mmu_page.spt unknown";
	return "a walk of the TDP tables at adoption, then link and free hooks";
}

static const struct {
	const char *name;
	atomic64_t *value;
} ss_counters[] = {
	{ "unattributed_events", &ss_unattributed },
	{ "walk_longest_hold_ns", &ss_walk_max_ns },
	{ "walks_stopped_at_budget", &ss_walks_truncated },
	{ "walk_yields", &ss_walk_yields },
	{ "walk_restarts", &ss_walk_restarts },
	{ "tdp_roots_evicted", &ss_tdp_roots_evicted },
	{ "tdp_frees_under_unknown_roots", &ss_tdp_root_unknown },
	{ "tdp_walk_agreed", &ss_tdp_walk_agreed },
	{ "tdp_walk_disagreed", &ss_tdp_walk_disagreed },
	{ "recordings_active", &ss_rec_active },
	{ "records_lost", &ss_rec_lost },
};

static void ss_status_layout(struct ss_status_out *o, bool rec)
{
	const struct ss_sp_layout *l = &ss_sp_layout;
	const struct {
		const char *name;
		int off;
	} m[] = {
		{ "link", l->link }, { "tdp_mmu_page", l->tdp_mmu_page },
		{ "unsync", l->unsync }, { "mmu_valid_gen", l->mmu_valid_gen },
		{ "role", l->role }, { "gfn", l->gfn }, { "root_count", l->root_count },
		{ "hash_link", l->hash_link }, { "ptep", l->ptep }, { "spt", l->spt },
	};
	bool ok = ss_sp_layout_ok();
	int i;

	if (rec) {
		ss_rec_begin(o, "layout");
		ss_rec_bool(o, "found", ok);
		ss_rec_str(o, "why", l->why[0] ? l->why : "kvm not loaded");
		if (ok) {
			ss_rec_int(o, "size", l->size);
			for (i = 0; i < ARRAY_SIZE(m); i++)
				ss_rec_int(o, m[i].name, m[i].off);
		}
		ss_rec_end(o);
		return;
	}
	if (!ok) {
		ss_text(o, "struct kvm_mmu_page: not found: %s\n",
			l->why[0] ? l->why : "kvm not loaded");
		return;
	}
	ss_text(o, "struct kvm_mmu_page: found in BTF (size %zu):", l->size);
	for (i = 0; i < ARRAY_SIZE(m); i++)
		ss_text(o, " %s %d", m[i].name, m[i].off);
	ss_text(o, "\n");
}

static void ss_status_sources(struct ss_status_out *o, bool rec)
{
	char owner[96];
	const struct {
		const char *what;
		const char *from;
	} src[] = {
		{ "mmu_shadow_pages", ss_kvm_shadow_pages_source() },
		{ "tdp_mmu_pages", ss_tdp_pages_source() },
		{ "shadow page owner", owner },
	};
	int i;

	ss_sp_owner_source(owner, sizeof(owner));
	if (!rec)
		ss_text(o, "sources:\n");
	for (i = 0; i < ARRAY_SIZE(src); i++) {
		if (!rec) {
			ss_text(o, "  %-22s %s\n", src[i].what, src[i].from);
			continue;
		}
		ss_rec_begin(o, "source");
		ss_rec_str(o, "of", src[i].what);
		ss_rec_str(o, "from", src[i].from);
		ss_rec_end(o);
	}
}

/* The KVM functions called through a pointer, and why each call is safe. */
static void ss_status_calls(struct ss_status_out *o, bool rec)
{
	int i;

	if (!rec)
		ss_text(o, "indirect calls:\n");
	for (i = 0; i < SS_KVM_NR_CALLS; i++) {
		const struct ss_kvm_call *c = &ss_kvm_calls[i];
		const char *why = c->why[0] ? c->why : "kvm not loaded";

		if (!rec) {
			ss_text(o, "  %-22s %s: %s\n", c->name,
				c->fn ? "called" : "not called", why);
			continue;
		}
		ss_rec_begin(o, "call");
		ss_rec_str(o, "name", c->name);
		ss_rec_bool(o, "called", c->fn);
		ss_rec_str(o, "why", why);
		ss_rec_end(o);
	}
}

static void ss_status_counters(struct ss_status_out *o, bool rec)
{
	int i;

	if (!rec)
		ss_text(o, "counters:\n");
	for (i = 0; i < ARRAY_SIZE(ss_counters); i++) {
		long long v = atomic64_read(ss_counters[i].value);

		if (!rec) {
			ss_text(o, "  %-30s %lld\n", ss_counters[i].name, v);
			continue;
		}
		ss_rec_begin(o, "counter");
		ss_rec_str(o, "name", ss_counters[i].name);
		ss_rec_int(o, "value", v);
		ss_rec_end(o);
	}
}

/* VMs whose stats are degraded, and why. */
static void ss_status_vms(struct ss_status_out *o, bool rec)
{
	struct ss_vm *vm;

	mutex_lock(&ss_vm_lock);
	list_for_each_entry(vm, &ss_vms, node) {
		if (READ_ONCE(vm->dead) || vm->seed_tdp >= 0 || !vm->tdp_why)
			continue;
		if (!rec) {
			ss_text(o, "vm %s: tdp_mmu_pages unavailable: %s\n",
				vm->info.name, vm->tdp_why);
			continue;
		}
		ss_rec_begin(o, "vm");
		ss_rec_str(o, "name", vm->info.name);
		ss_rec_str(o, "unavailable", "tdp_mmu_pages");
		ss_rec_str(o, "why", vm->tdp_why);
		ss_rec_end(o);
	}
	mutex_unlock(&ss_vm_lock);
}

static ssize_t ss_status(char *buf, size_t size, bool rec)
{
	struct ss_status_out o = { .buf = buf, .size = size };

	buf[0] = '\0';
	if (rec) {
		ss_rec_begin(&o, "module");
		ss_rec_str(&o, "version", SS_VERSION);
		ss_rec_str(&o, "kernel", init_utsname()->release);
		ss_rec_end(&o);
		ss_rec_begin(&o, "kvm");
		ss_rec_bool(&o, "attached", ss_kvm_ready());
		ss_rec_str(&o, "why", ss_kvm_ready() ? "" : ss_kvm_why);
		ss_rec_end(&o);
	} else {
		ss_text(&o, "shadowstat %s on kernel %s\n", SS_VERSION,
			init_utsname()->release);
		ss_text(&o, "kvm: %s%s\n", ss_kvm_ready() ? "attached" : "not attached: ",
			ss_kvm_ready() ? "" : ss_kvm_why);
	}
	ss_status_layout(&o, rec);
	ss_status_sources(&o, rec);
	ss_status_calls(&o, rec);
	if (!rec)
		ss_text(&o, "hooks:\n");
	ss_hooks_status(&o, rec);
	if (!rec)
		ss_text(&o, "features:\n");
	ss_features_status(&o, rec);
	ss_status_counters(&o, rec);
	ss_status_vms(&o, rec);
	return o.len;
}

ssize_t ss_status_text(char *buf, size_t size)
{
	return ss_status(buf, size, false);
}

ssize_t ss_status_records(char *buf, size_t size)
{
	return ss_status(buf, size, true);
}
