// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include "ss_features.h"
#include "ss_hook.h"
#include "ss_kvm.h"
#include "ss_layout.h"
#include "ss_sp.h"
#include "ss_records.h"
#include "ss_stat_defs.h"
#include "ss_tdp_root.h"

#define SS_MAX_NEEDS 5

struct ss_feature {
	unsigned int bit;
	const char *name;
	bool need_vcpu;			/* kvm_get_running_vcpu() resolved */
	bool need_layout;
	struct ss_hook *needs[SS_MAX_NEEDS];
	/* NULL, or a check beyond all of needs[] attached */
	bool (*check)(char *why, size_t len);
};

/* Shadow zaps are seen by the tracepoint or, where it cannot tell their VM, a kprobe. */
static bool ss_zap_ok(char *why, size_t len)
{
	if (ss_hook_attached(&ss_hook_sp_zap) || ss_hook_attached(&ss_hook_sp_zap_kprobe))
		return true;
	strscpy(why, "hooks sp_zap and sp_zap_kprobe not attached", len);
	return false;
}

/* Which VM a TDP page was freed in: by its root, or from the SPTE hook. */
static bool ss_tdp_free_ok(char *why, size_t len)
{
	if (ss_hook_attached(&ss_hook_tdp_spte_ctx))
		return true;
	if (!ss_tdp_root_usable()) {
		strscpy(why, "hook tdp_spte_ctx not attached, no kvm_mmu_page.ptep", len);
		return false;
	}
	if (!ss_hook_attached(&ss_hook_sp_get)) {
		strscpy(why, "hook sp_get (TDP roots) not attached", len);
		return false;
	}
	if (!ss_kvm_knows_running()) {
		strscpy(why, "kvm_get_running_vcpu not found", len);
		return false;
	}
	return true;
}

static const struct ss_feature ss_feature_table[] = {
	{ SS_F_VMS, "vm_tracking", false, false,
	  { &ss_hook_vm_create, &ss_hook_vm_destroy } },
	{ SS_F_WALK, "page_walk", false, true, { } },
	{ SS_F_CREATE, "sp_events", true, true,
	  { &ss_hook_sp_get, &ss_hook_split_ctx_range, &ss_hook_split_ctx_slot } },
	{ SS_F_ZAP, "sp_zaps", false, true, { }, ss_zap_ok },
	{ SS_F_UNSYNC, "unsync", true, false, { &ss_hook_sp_unsync } },
	{ SS_F_UNSYNC_TRY, "unsync_outcomes", false, false,
	  { &ss_hook_unsync_try, &ss_hook_sp_unsync } },
	{ SS_F_SYNC, "sync", true, true, { &ss_hook_sp_sync }, ss_zap_ok },
	{ SS_F_TDP_LINK, "tdp_link", false, false, { &ss_hook_tdp_link } },
	{ SS_F_TDP_FREE, "tdp_free", false, true, { &ss_hook_tdp_free }, ss_tdp_free_ok },
	{ SS_F_SPLIT, "huge_split", true, false,
	  { &ss_hook_huge_split, &ss_hook_split_ctx_range, &ss_hook_split_ctx_slot,
	    &ss_hook_split_ctx_tdp } },
};

static unsigned int ss_features_on;
/* turned off by a self-test, until the next attach */
static unsigned int ss_features_failed;
static char ss_features_failed_why[128];

/* Returns true if @f is available, else writes why not into @why. */
static bool ss_feature_ok(const struct ss_feature *f, char *why, size_t len)
{
	int i;

	if (!ss_kvm_ready()) {
		strscpy(why, "kvm not loaded", len);
		return false;
	}
	if (READ_ONCE(ss_features_failed) & f->bit) {
		strscpy(why, ss_features_failed_why, len);
		return false;
	}
	if (f->need_layout && !ss_sp_layout_ok()) {
		strscpy(why, "struct kvm_mmu_page layout unknown", len);
		return false;
	}
	if (f->need_vcpu && !ss_kvm_knows_running()) {
		strscpy(why, "kvm_get_running_vcpu not found", len);
		return false;
	}
	for (i = 0; i < SS_MAX_NEEDS && f->needs[i]; i++) {
		if (!ss_hook_attached(f->needs[i])) {
			scnprintf(why, len, "hook %s not attached%s%s", f->needs[i]->name,
				  f->needs[i]->why[0] ? ": " : "", f->needs[i]->why);
			return false;
		}
	}
	return !f->check || f->check(why, len);
}

void ss_features_update(void)
{
	unsigned int on = 0;
	char why[128];
	int i;

	for (i = 0; i < ARRAY_SIZE(ss_feature_table); i++)
		if (ss_feature_ok(&ss_feature_table[i], why, sizeof(why)))
			on |= ss_feature_table[i].bit;
	WRITE_ONCE(ss_features_on, on);
}

void ss_features_clear(void)
{
	WRITE_ONCE(ss_features_on, 0);
	WRITE_ONCE(ss_features_failed, 0);
}

void ss_features_disable(unsigned int bit, const char *why)
{
	static DEFINE_SPINLOCK(lock);
	unsigned long flags;

	spin_lock_irqsave(&lock, flags);
	if (!(ss_features_failed & bit)) {
		strscpy(ss_features_failed_why, why, sizeof(ss_features_failed_why));
		WRITE_ONCE(ss_features_failed, ss_features_failed | bit);
		WRITE_ONCE(ss_features_on, ss_features_on & ~bit);
	}
	spin_unlock_irqrestore(&lock, flags);
}

unsigned int ss_features_on_now(void)
{
	return READ_ONCE(ss_features_on);
}

bool ss_features_have(unsigned int mask)
{
	return (READ_ONCE(ss_features_on) & mask) == mask;
}

/* Off by default: it needs a hook that only a module parameter turns on. */
static bool ss_feature_opt_in(const struct ss_feature *f)
{
	int i;

	for (i = 0; i < SS_MAX_NEEDS && f->needs[i]; i++)
		if (f->needs[i]->opt_in)
			return true;
	return false;
}

void ss_features_status(struct ss_status_out *o, bool rec)
{
	char why[128], stats[256];
	int i;

	for (i = 0; i < ARRAY_SIZE(ss_feature_table); i++) {
		const struct ss_feature *f = &ss_feature_table[i];
		bool ok = ss_feature_ok(f, why, sizeof(why));

		if (f->bit == SS_F_VMS)
			strscpy(stats, "all per-VM stats", sizeof(stats));
		else
			ss_stats_needing(f->bit, stats, sizeof(stats));
		if (!rec) {
			o->len += scnprintf(o->buf + o->len, o->size - o->len,
					    "  %-12s %-3s [%s]%s%s\n", f->name,
					    ok ? "on" : "off", stats, ok ? "" : ": ",
					    ok ? "" : why);
			continue;
		}
		ss_rec_begin(o, "feature");
		ss_rec_str(o, "name", f->name);
		ss_rec_bool(o, "on", ok);
		ss_rec_bool(o, "opt_in", ss_feature_opt_in(f));
		ss_rec_str(o, "stats", stats);
		ss_rec_str(o, "why", ok ? "" : why);
		ss_rec_end(o);
	}
}
