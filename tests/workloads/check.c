// SPDX-License-Identifier: GPL-2.0
/*
 * The checks made at each checkpoint:
 *  (a) the model vs KVM's per-VM debugfs stats (the page limit is only the
 *      model's: KVM_GET_NR_MMU_PAGES answers -1 from 6.12 on, and (b) checks
 *      shadowstat's mmu_pages_limit, which reads KVM's n_max_mmu_pages);
 *  (b) shadowstat vs the model: gauges exact, cumulative stats by growth;
 *  (c) shadowstat vs KVM and vs itself (mirror_drift, per-level sum).
 * Cumulative shadowstat stats are compared by their growth since shadowstat
 * first showed this VM, so a module loaded while the VM runs is checked too.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "../lib/tap.h"

static int take_snap(struct vmctx *c, struct snap *s, const char *pfx)
{
	char err[256];

	memset(s, 0, sizeof(*s));
	model_get(c->m, &s->mv);
	if (kvm_stats_read(c->vm.name, s->kvm, err, sizeof(err))) {
		tap_fail("%s: read KVM stats: %s", pfx, err);
		return -1;
	}
	if (ss_vm_present(c->vm.name)) {
		if (ss_stats_read(c->vm.name, s->ss, err, sizeof(err)))
			tap_fail("%s: read shadowstat stats: %s", pfx, err);
		else
			s->ss_ok = true;
	}
	return 0;
}

static void check_kvm(struct vmctx *c, const char *pfx, const struct snap *s)
{
	const struct model_vals *m = &s->mv;
	const int64_t *k = s->kvm;
	struct tap_group g;

	if (!model_exact(c->m)) {
		int64_t used = k[K_mmu_cache_miss] - k[K_mmu_shadow_zapped];
		char detail[96];

		/* No root is zapped in these phases, so KVM's stats give n_used_mmu_pages. */
		tap_group_begin(&g, "%s: KVM stats within bounds (model inexact: %s)", pfx,
				model_inexact_reason(c->m));
		snprintf(detail, sizeof(detail), "got %lld, model limit %lld", (long long)used,
			 (long long)m->limit);
		tap_group_true(&g, "0 < mmu_cache_miss - mmu_shadow_zapped <= limit + 4",
			       used > 0 && used <= m->limit + 4, detail);
		tap_group_eq(&g, "mmu_unsync == model unsync", m->unsync, k[K_mmu_unsync]);
		tap_group_end(&g);
		return;
	}
	tap_group_begin(&g, "%s: KVM stats match the model", pfx);
	tap_group_eq(&g, "mmu_cache_miss == model sp_created", m->created, k[K_mmu_cache_miss]);
	tap_group_eq(&g, "mmu_shadow_zapped == model sp_zapped + sp_root_zaps",
		     m->zapped + m->root_zaps, k[K_mmu_shadow_zapped]);
	tap_group_eq(&g, "mmu_recycled == model sp_recycled", m->recycled, k[K_mmu_recycled]);
	tap_group_eq(&g, "mmu_unsync == model unsync", m->unsync, k[K_mmu_unsync]);
	tap_group_eq(&g, "pages_4k == model 4K leaf SPTEs", m->leaves, k[K_pages_4k]);
	tap_group_eq(&g, "pages_2m == 0", 0, k[K_pages_2m]);
	tap_group_eq(&g, "mmu_pte_write == 0", 0, k[K_mmu_pte_write]);
	tap_group_end(&g);
}

#define D(s, b, i)	((s)->ss[S_##i] - (b)->ss[S_##i])
#define DK(s, b, i)	((s)->kvm[K_##i] - (b)->kvm[K_##i])

/* A cumulative shadowstat stat grew as the model says. */
static void ss_growth(struct tap_group *g, enum ss_stat_id id, int64_t expected,
		      const struct snap *s, const struct snap *b)
{
	char expr[64];

	snprintf(expr, sizeof(expr), "growth of %s", ss_stat_names[id]);
	tap_group_eq(g, expr, expected, s->ss[id] - b->ss[id]);
}

static void check_ss_model(struct vmctx *c, const char *pfx, const struct snap *s,
			   const struct snap *b)
{
	const struct model_vals *m = &s->mv;
	const int64_t *v = s->ss;
	struct tap_group g;
	int l;

	if (!model_exact(c->m)) {
		tap_skip("%s: shadowstat vs model: model inexact (%s)", pfx,
			 model_inexact_reason(c->m));
		return;
	}
	tap_group_begin(&g, "%s: shadowstat matches the model", pfx);
	tap_group_eq(&g, "mmu_shadow_pages", m->shadow_pages, v[S_mmu_shadow_pages]);
	tap_group_eq(&g, "mmu_pages_limit", m->limit, v[S_mmu_pages_limit]);
	tap_group_eq(&g, "memslot_pages (the VMM's slots)", vmm_slot_pages(&c->vm),
		     v[S_memslot_pages]);
	tap_group_eq(&g, "indirect_shadow_pages", m->indirect, v[S_indirect_shadow_pages]);
	tap_group_eq(&g, "direct_shadow_pages", m->direct, v[S_direct_shadow_pages]);
	tap_group_eq(&g, "root_shadow_pages", m->roots, v[S_root_shadow_pages]);
	tap_group_eq(&g, "obsolete_shadow_pages", m->obsolete, v[S_obsolete_shadow_pages]);
	tap_group_eq(&g, "unsync_shadow_pages", m->unsync, v[S_unsync_shadow_pages]);
	for (l = 1; l <= 5; l++) {
		char expr[32];

		snprintf(expr, sizeof(expr), "shadow_pages_l%d", l);
		tap_group_eq(&g, expr, m->level[l], v[S_shadow_pages_l1 + l - 1]);
	}
	tap_group_eq(&g, "tdp_mmu_pages", m->tdp_pages, v[S_tdp_mmu_pages]);
	tap_group_eq(&g, "tdp_mmu_roots", m->tdp_roots, v[S_tdp_mmu_roots]);
	ss_growth(&g, S_sp_created, s->mv.created - b->mv.created, s, b);
	ss_growth(&g, S_sp_reused, s->mv.reused - b->mv.reused, s, b);
	ss_growth(&g, S_sp_zapped, s->mv.zapped - b->mv.zapped, s, b);
	ss_growth(&g, S_sp_root_zaps, s->mv.root_zaps - b->mv.root_zaps, s, b);
	ss_growth(&g, S_sp_recycled, s->mv.recycled - b->mv.recycled, s, b);
	ss_growth(&g, S_sp_unsynced, s->mv.unsynced - b->mv.unsynced, s, b);
	ss_growth(&g, S_sp_synced, s->mv.synced - b->mv.synced, s, b);
	ss_growth(&g, S_tdp_sp_created, s->mv.tdp_created - b->mv.tdp_created, s, b);
	ss_growth(&g, S_tdp_sp_freed, s->mv.tdp_freed - b->mv.tdp_freed, s, b);
	/* a peak since shadowstat first saw the VM is the model's if it saw every creation */
	if (v[S_sp_created] == m->created)
		tap_group_eq(&g, "mmu_shadow_pages_peak (every creation seen)", m->peak_shadow,
			     v[S_mmu_shadow_pages_peak]);
	if (v[S_tdp_sp_created] == m->tdp_created)
		tap_group_eq(&g, "tdp_mmu_pages_peak (every creation seen)", m->peak_tdp,
			     v[S_tdp_mmu_pages_peak]);
	tap_group_end(&g);
}

static int64_t model_tries(const struct model_vals *m)
{
	return m->try_tracked + m->try_lpage + m->try_unsynced + m->try_none + m->try_refused;
}

/* How unsync attempts ended, where the module counts it (unsync_outcomes=1). */
static void check_ss_tries(struct vmctx *c, const char *pfx, const struct snap *s,
			   const struct snap *b)
{
	const char *why = model_tries_inexact(c->m);
	int64_t tries, lpage, ratio;
	struct tap_group g;

	if (s->ss[S_unsync_tries] == SS_NA || b->ss[S_unsync_tries] == SS_NA)
		return;		/* off; status says why */
	if (why) {
		tap_skip("%s: unsync attempt outcomes vs model: model inexact (%s)", pfx, why);
		return;
	}
	/* over the VM's life where shadowstat saw all of it, else its own */
	tries = s->ss[S_unsync_tries];
	lpage = s->ss[S_unsync_try_lpage];
	if (!b->ss[S_unsync_tries] && !model_tries(&b->mv)) {
		tries = model_tries(&s->mv);
		lpage = s->mv.try_lpage;
	}
	ratio = tries ? lpage * 1000000 / tries : 0;
	tap_group_begin(&g, "%s: unsync attempt outcomes match the model", pfx);
	ss_growth(&g, S_unsync_try_tracked, s->mv.try_tracked - b->mv.try_tracked, s, b);
	ss_growth(&g, S_unsync_try_lpage, s->mv.try_lpage - b->mv.try_lpage, s, b);
	ss_growth(&g, S_unsync_try_unsynced, s->mv.try_unsynced - b->mv.try_unsynced, s, b);
	ss_growth(&g, S_unsync_try_none, s->mv.try_none - b->mv.try_none, s, b);
	ss_growth(&g, S_unsync_try_refused, s->mv.try_refused - b->mv.try_refused, s, b);
	ss_growth(&g, S_unsync_tries, model_tries(&s->mv) - model_tries(&b->mv), s, b);
	tap_group_eq(&g, "unsync_early_exit_ratio (ppm)", ratio, s->ss[S_unsync_early_exit_ratio]);
	tap_group_end(&g);
}

static void check_ss_kvm(const char *pfx, const struct snap *s, const struct snap *b)
{
	const int64_t *v = s->ss;
	struct tap_group g;
	enum ss_stat_id id;
	int64_t sum = 0;
	int l;

	for (l = 0; l < 5; l++)
		sum += v[S_shadow_pages_l1 + l];
	tap_group_begin(&g, "%s: shadowstat consistent with KVM", pfx);
	tap_group_eq(&g, "mirror_drift == 0", 0, v[S_mirror_drift]);
	tap_group_eq(&g, "mirror_shadow_pages == mmu_shadow_pages", v[S_mmu_shadow_pages],
		     v[S_mirror_shadow_pages]);
	tap_group_eq(&g, "shadow_pages_l1 + ... + l5 == mmu_shadow_pages", v[S_mmu_shadow_pages],
		     sum);
	tap_group_eq(&g, "unsync_shadow_pages == KVM mmu_unsync", s->kvm[K_mmu_unsync],
		     v[S_unsync_shadow_pages]);
	tap_group_eq(&g, "growth of sp_created == growth of KVM mmu_cache_miss",
		     DK(s, b, mmu_cache_miss), D(s, b, sp_created));
	tap_group_eq(&g, "growth of sp_recycled == growth of KVM mmu_recycled",
		     DK(s, b, mmu_recycled), D(s, b, sp_recycled));
	tap_group_eq(&g, "growth of sp_zapped + sp_root_zaps == growth of KVM mmu_shadow_zapped",
		     DK(s, b, mmu_shadow_zapped), D(s, b, sp_zapped) + D(s, b, sp_root_zaps));
	tap_group_eq(&g, "growth of tdp_mmu_pages == growth of tdp_sp_created - tdp_sp_freed",
		     D(s, b, tdp_sp_created) - D(s, b, tdp_sp_freed), D(s, b, tdp_mmu_pages));
	/* the model's guests use 4 KiB host pages only: nothing to split */
	for (id = S_huge_pages_split; id <= S_split_failed_other; id++)
		ss_growth(&g, id, 0, s, b);
	tap_group_end(&g);
}

static void note_model(const char *pfx, const struct model_vals *m)
{
	tap_note("%s: model: shadow_pages %lld (l1 %lld l2 %lld l3 %lld l4 %lld l5 %lld) "
		 "limit %lld indirect %lld direct %lld roots %lld obsolete %lld unsync %lld tdp_pages %lld "
		 "tdp_roots %lld leaves %lld; created %lld reused %lld zapped %lld root_zaps %lld "
		 "recycled %lld unsynced %lld synced %lld tdp_created %lld tdp_freed %lld "
		 "peak_shadow %lld peak_tdp %lld", pfx,
		 (long long)m->shadow_pages, (long long)m->level[1], (long long)m->level[2],
		 (long long)m->level[3], (long long)m->level[4], (long long)m->level[5],
		 (long long)m->limit, (long long)m->indirect, (long long)m->direct,
		 (long long)m->roots, (long long)m->obsolete, (long long)m->unsync,
		 (long long)m->tdp_pages, (long long)m->tdp_roots, (long long)m->leaves,
		 (long long)m->created, (long long)m->reused, (long long)m->zapped,
		 (long long)m->root_zaps, (long long)m->recycled, (long long)m->unsynced,
		 (long long)m->synced, (long long)m->tdp_created, (long long)m->tdp_freed,
		 (long long)m->peak_shadow, (long long)m->peak_tdp);
}

void checkpoint(struct vmctx *c, const char *cp)
{
	char pfx[192];
	struct snap s;

	snprintf(pfx, sizeof(pfx), "%s %s", c->label, cp);
	if (take_snap(c, &s, pfx))
		return;
	note_model(pfx, &s.mv);
	check_kvm(c, pfx, &s);
	if (!ss_loaded()) {
		tap_skip("%s: shadowstat checks: %s absent", pfx, SS_DEBUGFS);
		c->ss_base_valid = false;
		return;
	}
	if (!s.ss_ok) {
		if (!ss_vm_present(c->vm.name))
			tap_fail("%s: shadowstat has no directory %s/%s", pfx, SS_DEBUGFS,
				 c->vm.name);
		c->ss_base_valid = false;
		return;
	}
	if (!c->ss_base_valid) {
		c->ss_base = s;
		c->ss_base_valid = true;
	}
	check_ss_model(c, pfx, &s, &c->ss_base);
	check_ss_tries(c, pfx, &s, &c->ss_base);
	check_ss_kvm(pfx, &s, &c->ss_base);
}

void check_vm_gone(const char *label, const char *name)
{
	bool kvm_gone = false, ss_gone = false;
	int i;

	/* The VM is freed when its last file reference goes; allow a little time. */
	for (i = 0; i < 100; i++) {
		kvm_gone = !kvm_vm_present(name);
		ss_gone = !ss_vm_present(name);
		if (kvm_gone && ss_gone)
			break;
		usleep(20000);
	}
	if (kvm_gone)
		tap_ok("%s: %s/%s removed after exit", label, KVM_DEBUGFS, name);
	else
		tap_fail("%s: %s/%s removed after exit: still there after 2 s", label,
			 KVM_DEBUGFS, name);
	if (!ss_loaded())
		tap_skip("%s: shadowstat directory removed: %s absent", label, SS_DEBUGFS);
	else if (ss_gone)
		tap_ok("%s: %s/%s removed after exit", label, SS_DEBUGFS, name);
	else
		tap_fail("%s: %s/%s removed after exit: still there after 2 s", label,
			 SS_DEBUGFS, name);
}

void check_totals(const char *label, struct vmctx **ctxs, int n)
{
	int64_t total[S_NR], sum[S_NR] = { 0 }, v[S_NR];
	struct tap_group g;
	char err[256];
	int i, j;

	if (!ss_loaded()) {
		tap_skip("%s: shadowstat totals: %s absent", label, SS_DEBUGFS);
		return;
	}
	for (i = 0; i < n; i++) {
		if (ss_stats_read(ctxs[i]->vm.name, v, err, sizeof(err))) {
			tap_fail("%s: shadowstat totals: %s", label, err);
			return;
		}
		/*
		 * one VM's unavailable stat is unavailable in total; a ratio has
		 * none; a peak's is the highest
		 */
		for (j = 0; j < S_NR; j++)
			sum[j] = sum[j] == SS_NA || v[j] == SS_NA || ss_stat_is_ratio[j] ? SS_NA :
				 ss_stat_is_peak[j] ? (v[j] > sum[j] ? v[j] : sum[j]) :
				 sum[j] + v[j];
	}
	if (ss_stats_read(NULL, total, err, sizeof(err))) {
		tap_fail("%s: shadowstat totals: %s", label, err);
		return;
	}
	tap_group_begin(&g, "%s: shadowstat totals == sum (peaks: the highest) over %d VMs",
			label, n);
	for (j = 0; j < S_NR; j++)
		tap_group_eq(&g, ss_stat_names[j], sum[j], total[j]);
	tap_group_end(&g);
}
