// SPDX-License-Identifier: GPL-2.0
/*
 * The rules of `shadowstat doctor` (doctor.h). Host rules read the module's
 * status records: how far to trust the numbers. VM rules read two snapshots
 * a window apart: a value and its trend, never one reading alone where a
 * trend is what tells a problem from a moment.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctor.h"
#include "status_rec.h"

#define NA SHADOWSTAT_VALUE_UNAVAILABLE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

const char *ss_severity_name(enum ss_severity s)
{
	switch (s) {
	case SS_SEV_NOTE:
		return "note";
	case SS_SEV_WARNING:
		return "warning";
	case SS_SEV_CRITICAL:
		return "critical";
	}
	return "?";
}

void ss_findings_free(struct ss_findings *f)
{
	free(f->v);
	memset(f, 0, sizeof(*f));
}

size_t ss_findings_problems(const struct ss_findings *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->nr; i++)
		n += f->v[i].severity != SS_SEV_NOTE;
	return n;
}

/* A new finding, its text from a format; NULL when out of memory. */
static __attribute__((format(printf, 5, 6))) struct ss_finding *
ss_find(struct ss_findings *out, const char *rule, enum ss_severity sev,
	const struct ss_vm *vm, const char *fmt, ...)
{
	struct ss_finding *f;
	va_list ap;

	if (out->nr == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 8;
		struct ss_finding *v = realloc(out->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		out->v = v;
		out->cap = cap;
	}
	f = &out->v[out->nr++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = sev;
	if (vm) {
		snprintf(f->vm, sizeof(f->vm), "%s", vm->name);
		snprintf(f->guest, sizeof(f->guest), "%s", vm->guest);
	}
	va_start(ap, fmt);
	vsnprintf(f->summary, sizeof(f->summary), fmt, ap);
	va_end(ap);
	return f;
}

static void __attribute__((format(printf, 2, 3)))
ss_next(struct ss_finding *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->next, sizeof(f->next), fmt, ap);
	va_end(ap);
}

static void ss_ev(struct ss_finding *f, const char *name, int64_t before, int64_t after)
{
	struct ss_evidence *e;

	if (f->nr_evidence == SS_DOC_MAX_EVIDENCE)
		return;
	e = &f->evidence[f->nr_evidence++];
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->before = before;
	e->after = after;
}

/* ---- host rules, from the status records ---- */

static int ss_rule_feature(struct ss_findings *out, const struct ss_rec *r)
{
	const char *name = ss_rec_get(r, "name"), *on = ss_rec_get(r, "on");
	const char *why = ss_rec_get(r, "why"), *stats = ss_rec_get(r, "stats");
	const char *opt_in = ss_rec_get(r, "opt_in");
	struct ss_finding *f;

	if (!name || !on || !strcmp(on, "true"))
		return 0;
	if (opt_in && !strcmp(opt_in, "true")) {
		f = ss_find(out, "instrumentation", SS_SEV_NOTE, NULL,
			    "feature %s is off, as by default: %s", name, why ? why : "");
		if (f)
			ss_next(f, "Nothing is wrong; it is opt-in because of what it costs.");
		return f ? 0 : -ENOMEM;
	}
	f = ss_find(out, "instrumentation", SS_SEV_WARNING, NULL, "feature %s is off: %s",
		    name, why ? why : "");
	if (!f)
		return -ENOMEM;
	ss_next(f, "These stats read as unavailable: %s. `shadowstat status` shows the "
		"hooks; a kernel where a hook cannot attach is worth a report.",
		stats && *stats ? stats : "(none)");
	return 0;
}

static int ss_rule_hook(struct ss_findings *out, const struct ss_rec *r)
{
	const char *name = ss_rec_get(r, "name"), *missed = ss_rec_get(r, "missed");
	long long n = missed ? strtoll(missed, NULL, 10) : 0;
	struct ss_finding *f;

	if (n <= 0)
		return 0;
	f = ss_find(out, "instrumentation", SS_SEV_WARNING, NULL,
		    "kretprobe %s missed %lld returns", name ? name : "?", n);
	if (!f)
		return -ENOMEM;
	ss_ev(f, "missed", NA, n);
	ss_next(f, "The events of those calls were not counted: the stats this hook feeds "
		"may be short. A missed return of vm_destroy leaves a departed VM listed.");
	return 0;
}

static int ss_rule_counter(struct ss_findings *out, const struct ss_rec *r)
{
	static const struct {
		const char *name;
		const char *summary;
		const char *next;
	} gaps[] = {
		{ "unattributed_events", "%lld events could not be tied to their VM",
		  "Their VM's event counters are short by as many; the mirror check "
		  "(mirror_drift) of that VM says whether its page count is affected." },
		{ "tdp_frees_under_unknown_roots",
		  "%lld TDP page frees were under a root of no known VM",
		  "tdp_sp_freed is short by as many for some VM." },
	};
	const char *name = ss_rec_get(r, "name"), *value = ss_rec_get(r, "value");
	long long v = value ? strtoll(value, NULL, 10) : 0;
	struct ss_finding *f;
	size_t i;

	for (i = 0; name && v > 0 && i < ARRAY_SIZE(gaps); i++) {
		if (strcmp(name, gaps[i].name))
			continue;
		f = ss_find(out, "instrumentation", SS_SEV_WARNING, NULL, gaps[i].summary, v);
		if (!f)
			return -ENOMEM;
		ss_ev(f, name, NA, v);
		ss_next(f, "%s", gaps[i].next);
	}
	return 0;
}

static int ss_rule_kvm(struct ss_findings *out, const struct ss_rec *r, bool *detached)
{
	const char *attached = ss_rec_get(r, "attached"), *why = ss_rec_get(r, "why");
	struct ss_finding *f;

	if (!attached || !strcmp(attached, "true"))
		return 0;
	*detached = true;
	f = ss_find(out, "kvm", SS_SEV_CRITICAL, NULL, "shadowstat is not attached to kvm: %s",
		    why ? why : "");
	if (!f)
		return -ENOMEM;
	ss_next(f, "No VM is seen until it is. Load kvm and kvm_amd or kvm_intel; shadowstat "
		"attaches when they appear. Any other reason: see `shadowstat status`.");
	return 0;
}

static int ss_host_rules(const struct ss_doctor_in *in, struct ss_findings *out,
			 bool *detached)
{
	char *copy, *line, *save;
	struct ss_rec r;
	int err = 0;

	if (!in->records)
		return 0;
	copy = strdup(in->records);
	if (!copy)
		return -ENOMEM;
	for (line = strtok_r(copy, "\n", &save); line && !err;
	     line = strtok_r(NULL, "\n", &save)) {
		if (ss_rec_split(line, &r)) {
			err = -EINVAL;
			break;
		}
		if (!strcmp(r.type, "kvm"))
			err = ss_rule_kvm(out, &r, detached);
		else if (!strcmp(r.type, "feature"))
			err = ss_rule_feature(out, &r);
		else if (!strcmp(r.type, "hook"))
			err = ss_rule_hook(out, &r);
		else if (!strcmp(r.type, "counter"))
			err = ss_rule_counter(out, &r);
	}
	free(copy);
	return err;
}

/* ---- VM rules, from the two snapshots ---- */

struct ss_vm_view {
	const struct ss_doctor_in *in;
	const struct ss_vm *vm;
	size_t after;		/* row in in->after */
	long before;		/* row in in->before, -1 if the VM is new */
};

static int64_t ss_at(const struct ss_vm_view *v, const char *stat, bool before)
{
	int s = ss_schema_find(v->in->schema, stat);

	if (s < 0)
		return NA;
	if (before)
		return v->before < 0 ? NA : ss_value(v->in->before, v->before, s);
	return ss_value(v->in->after, v->after, s);
}

/* Stats' values at both ends, as evidence. */
static void ss_ev_stats(struct ss_finding *f, const struct ss_vm_view *v,
			const char *const *stats)
{
	for (; *stats; stats++)
		ss_ev(f, *stats, ss_at(v, *stats, true), ss_at(v, *stats, false));
}

#define SS_EV_STATS(f, v, ...) ss_ev_stats(f, v, (const char *const[]){ __VA_ARGS__, NULL })

static int ss_rule_drift(struct ss_findings *out, const struct ss_vm_view *v)
{
	int64_t d = ss_at(v, "mirror_drift", false);
	struct ss_finding *f;

	if (ss_is_na(d) || !d)
		return 0;
	f = ss_find(out, "instrumentation", SS_SEV_WARNING, v->vm,
		    "the hooks' count of shadow pages is off KVM's by %lld", (long long)d);
	if (!f)
		return -ENOMEM;
	SS_EV_STATS(f, v, "mirror_drift", "mirror_shadow_pages", "mmu_shadow_pages");
	ss_next(f, "Some create or zap event of this VM was missed: the event counters "
		"(sp_created, sp_zapped, ...) are short; the gauges read KVM and stay exact.");
	return 0;
}

static int ss_rule_unsync(struct ss_findings *out, const struct ss_vm_view *v)
{
	int64_t u = ss_at(v, "unsync_shadow_pages", false);
	int64_t n = ss_at(v, "mmu_shadow_pages", false);
	int64_t u0 = ss_at(v, "unsync_shadow_pages", true);
	bool growing = !ss_is_na(u0) && !ss_is_na(u) && u > u0;
	struct ss_finding *f;
	double share;

	if (ss_is_na(u) || ss_is_na(n) || n < SS_DOC_UNSYNC_MIN_PAGES)
		return 0;
	share = (double)u / n;
	if (share < SS_DOC_UNSYNC_SHARE_HIGH && !(share >= SS_DOC_UNSYNC_SHARE && growing))
		return 0;
	f = ss_find(out, "unsync_leak", SS_SEV_WARNING, v->vm,
		    "%lld of %lld shadow pages are unsync (%.0f%%)%s", (long long)u,
		    (long long)n, share * 100, growing ? ", and growing" : "");
	if (!f)
		return -ENOMEM;
	SS_EV_STATS(f, v, "unsync_shadow_pages", "mmu_shadow_pages", "sp_unsynced", "sp_synced");
	ss_next(f, "The guest writes its page tables without the TLB flushes (CR3 loads, "
		"INVLPG) that make KVM sync them, so their shadow pages stay unsync (seed 000: "
		"99%%+ unsync): host memory, and work at the next sync or zap. Look at what "
		"the guest runs; with TDP (npt=1, ept=1) no guest page table is shadowed.");
	return 0;
}

static int ss_rule_sync_storm(struct ss_findings *out, const struct ss_vm_view *v)
{
	int64_t s0 = ss_at(v, "sp_synced", true), s1 = ss_at(v, "sp_synced", false);
	int64_t u0 = ss_at(v, "sp_unsynced", true), u1 = ss_at(v, "sp_unsynced", false);
	double win = v->in->window_s, rate;
	struct ss_finding *f;

	if (ss_is_na(s0) || ss_is_na(s1) || win <= 0)
		return 0;
	rate = (s1 - s0) / win;
	if (rate < SS_DOC_SYNC_RATE)
		return 0;
	f = ss_find(out, "sync_storm", SS_SEV_WARNING, v->vm,
		    "KVM syncs %.0f shadow pages a second (unsyncs %.0f): the guest keeps "
		    "rewriting its page tables", rate,
		    ss_is_na(u0) || ss_is_na(u1) ? 0.0 : (u1 - u0) / win);
	if (!f)
		return -ENOMEM;
	SS_EV_STATS(f, v, "sp_synced", "sp_unsynced", "unsync_shadow_pages");
	ss_next(f, "Each write to a shadowed guest page table costs a fault to unsync it, and "
		"each guest TLB flush a re-read of it to sync it: CPU time in KVM, not in the "
		"guest. Fine in a burst; if it lasts, run this guest with TDP (npt=1, ept=1), "
		"where its page tables are plain memory.");
	return 0;
}

static int ss_rule_thrash(struct ss_findings *out, const struct ss_vm_view *v)
{
	int64_t lim = ss_at(v, "mmu_pages_limit", false), n = ss_at(v, "mmu_shadow_pages", false);
	int64_t n0 = ss_at(v, "mmu_shadow_pages", true);
	int64_t r0 = ss_at(v, "sp_recycled", true), r1 = ss_at(v, "sp_recycled", false);
	int64_t c0 = ss_at(v, "sp_created", true), c1 = ss_at(v, "sp_created", false);
	int64_t mem = ss_at(v, "memslot_pages", false), dflt, want;
	double win = v->in->window_s, rate;
	struct ss_finding *f;

	if (ss_is_na(lim) || ss_is_na(n) || ss_is_na(r0) || ss_is_na(r1) || lim <= 0 ||
	    win <= 0)
		return 0;
	rate = (r1 - r0) / win;
	/* KVM zaps down to KVM_REFILL_PAGES free when fewer than 5 are: at the limit */
	if (ss_is_na(n0) || (n0 < lim - SS_DOC_KVM_REFILL && n < lim - SS_DOC_KVM_REFILL) ||
	    rate < SS_DOC_THRASH_RATE ||
	    (!ss_is_na(c0) && !ss_is_na(c1) && 2 * (c1 - c0) < r1 - r0))
		return 0;
	f = ss_find(out, "thrash", SS_SEV_WARNING, v->vm,
		    "at the page limit (%lld of %lld shadow pages), recycling %.0f pages/s",
		    (long long)n, (long long)lim, rate);
	if (!f)
		return -ENOMEM;
	SS_EV_STATS(f, v, "mmu_shadow_pages", "mmu_pages_limit", "sp_recycled", "sp_created",
		    "memslot_pages");
	/* a lower bound: the pages now, and those thrown out in the window */
	want = n + (r1 - r0);
	if (ss_is_na(mem)) {
		ss_next(f, "Every fault needs a page KVM just threw out. Raise the limit "
			"(KVM_SET_NR_MMU_PAGES) to at least %lld, or use TDP.", (long long)want);
		return 0;
	}
	dflt = mem * SS_DOC_KVM_PERMILLE / 1000;
	if (dflt < SS_DOC_KVM_MIN_PAGES)
		dflt = SS_DOC_KVM_MIN_PAGES;
	if (want < dflt)
		want = dflt;
	if (lim < dflt)
		ss_next(f, "The VMM set KVM_SET_NR_MMU_PAGES to %lld, below KVM's default of "
			"%lld for %lld MiB of memslots (2%%, at least 64). Drop that setting, or "
			"raise it to at least %lld: the shadow pages now and those recycled "
			"in the window.", (long long)lim, (long long)dflt,
			(long long)(mem / 256), (long long)want);
	else
		ss_next(f, "The limit is at or above KVM's default (%lld for %lld MiB of "
			"memslots): the guest's page tables outgrow it. Raise it "
			"(KVM_SET_NR_MMU_PAGES) to at least %lld, or use TDP.",
			(long long)dflt, (long long)(mem / 256), (long long)want);
	return 0;
}

static int ss_rule_obsolete(struct ss_findings *out, const struct ss_vm_view *v)
{
	int64_t o0 = ss_at(v, "obsolete_shadow_pages", true);
	int64_t o1 = ss_at(v, "obsolete_shadow_pages", false);
	struct ss_finding *f;

	if (ss_is_na(o0) || ss_is_na(o1) || o0 <= 0 || o1 < o0)
		return 0;
	f = ss_find(out, "obsolete", SS_SEV_WARNING, v->vm,
		    "%lld obsolete shadow pages stayed through the window", (long long)o1);
	if (!f)
		return -ENOMEM;
	SS_EV_STATS(f, v, "obsolete_shadow_pages", "root_shadow_pages", "sp_root_zaps");
	ss_next(f, "After a memslot change (or another fast zap) KVM frees a zapped root "
		"only when no vCPU holds it; a vCPU that does not run (halted, or paused by "
		"the VMM) keeps it, and its page tables' memory. If it lasts, look for a stuck "
		"or paused vCPU.");
	return 0;
}

/* A departed VM's value of @stat, NA when the schema has none. */
static int64_t ss_departed_at(const struct ss_doctor_in *in, size_t row, const char *stat)
{
	int s = ss_schema_find(in->schema, stat);

	return s < 0 ? NA : ss_value(in->departed, row, s);
}

/* After KVM's last zap of a VM, any page it still counts was never freed. */
static int ss_rule_teardown(const struct ss_doctor_in *in, struct ss_findings *out)
{
	size_t i;

	for (i = 0; in->departed && i < in->departed->nr_vms; i++) {
		int64_t sp = ss_departed_at(in, i, "mmu_shadow_pages");
		int64_t tdp = ss_departed_at(in, i, "tdp_mmu_pages");
		struct ss_finding *f;

		sp = ss_is_na(sp) ? 0 : sp;
		tdp = ss_is_na(tdp) ? 0 : tdp;
		if (sp <= 0 && tdp <= 0)
			continue;
		f = ss_find(out, "teardown_leak", SS_SEV_CRITICAL, &in->departed->vms[i],
			    "destroyed VM left %lld shadow and %lld TDP pages counted",
			    (long long)sp, (long long)tdp);
		if (!f)
			return -ENOMEM;
		ss_ev(f, "mmu_shadow_pages", NA, sp);
		ss_ev(f, "tdp_mmu_pages", NA, tdp);
		ss_ev(f, "sp_created", NA, ss_departed_at(in, i, "sp_created"));
		ss_ev(f, "sp_zapped", NA, ss_departed_at(in, i, "sp_zapped"));
		ss_next(f, "KVM's teardown (kvm_arch_destroy_vm) freed its page tables but its "
			"count says some remain: a KVM bug that leaks host memory with every such "
			"VM. `shadowstat history` lists the departed VMs; report it with the kernel "
			"version and what the VM ran.");
	}
	return 0;
}

static long ss_row_of(const struct ss_snapshot *s, uint64_t id)
{
	size_t i;

	for (i = 0; s && i < s->nr_vms; i++)
		if (s->vms[i].id == id)
			return i;
	return -1;
}

static int ss_vm_rules(const struct ss_doctor_in *in, struct ss_findings *out)
{
	int (*const rules[])(struct ss_findings *, const struct ss_vm_view *) = {
		ss_rule_drift, ss_rule_unsync, ss_rule_sync_storm, ss_rule_thrash,
		ss_rule_obsolete,
	};
	size_t i, r;
	int err;

	for (i = 0; i < in->after->nr_vms; i++) {
		struct ss_vm_view v = {
			.in = in, .vm = &in->after->vms[i], .after = i,
			.before = ss_row_of(in->before, in->after->vms[i].id),
		};

		for (r = 0; r < ARRAY_SIZE(rules); r++) {
			err = rules[r](out, &v);
			if (err)
				return err;
		}
	}
	return 0;
}

int ss_doctor_run(const struct ss_doctor_in *in, struct ss_findings *out)
{
	bool detached = false;
	int err;

	memset(out, 0, sizeof(*out));
	err = ss_host_rules(in, out, &detached);
	if (!err && !detached && in->after)
		err = ss_vm_rules(in, out);
	if (!err)
		err = ss_rule_teardown(in, out);
	if (err)
		ss_findings_free(out);
	return err;
}
