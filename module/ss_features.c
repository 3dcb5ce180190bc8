// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include "ss_features.h"
#include "ss_hook.h"
#include "ss_kvm.h"
#include "ss_layout.h"
#include "ss_sp.h"
#include "ss_tdp_root.h"

#define SS_MAX_NEEDS 5

struct ss_feature {
	unsigned int bit;
	const char *name;
	const char *stats;
	bool need_vcpu;			/* kvm_get_running_vcpu() resolved */
	bool need_layout;
	struct ss_hook *needs[SS_MAX_NEEDS];
	/* NULL, or a check beyond all of needs[] attached */
	bool (*check)(char *why, size_t len);
};

/* Shadow zaps are seen by the tracepoint or, where it cannot tell their VM, a kprobe. */
static bool ss_zap_ok(char *why, size_t len)
{
	if (ss_hook_attached(&ss_hook_zap) || ss_hook_attached(&ss_hook_zap_kprobe))
		return true;
	strscpy(why, "hooks sp_zap and sp_zap_kprobe not attached", len);
	return false;
}

/* Which VM a TDP page was freed in: by its root, or from the SPTE hook. */
static bool ss_tdp_free_ok(char *why, size_t len)
{
	if (ss_hook_attached(&ss_hook_tdp_spte))
		return true;
	if (!ss_tdp_root_usable()) {
		strscpy(why, "hook tdp_spte_ctx not attached, no kvm_mmu_page.ptep", len);
		return false;
	}
	if (!ss_hook_attached(&ss_hook_get_page)) {
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
	{ SS_F_VMS, "vm_tracking", "all per-VM stats", false, false,
	  { &ss_hook_vm_create, &ss_hook_vm_destroy } },
	{ SS_F_LAYOUT, "page_walk", "breakdown gauges", false, true, { } },
	{ SS_F_CREATE, "sp_events", "sp_created sp_reused mirror", true, true,
	  { &ss_hook_get_page, &ss_hook_split_shadow, &ss_hook_split_shadow_slot } },
	{ SS_F_ZAP, "sp_zaps", "sp_zapped sp_root_zaps mirror", false, true,
	  { }, ss_zap_ok },
	/* KVM's own mmu_recycled, no hook */
	{ SS_F_RECYCLE, "recycling", "sp_recycled", false, false, { } },
	{ SS_F_UNSYNC, "unsync", "sp_unsynced", true, false, { &ss_hook_unsync } },
	{ SS_F_SYNC, "sync", "sp_synced", true, true,
	  { &ss_hook_sync }, ss_zap_ok },
	{ SS_F_TDP_LINK, "tdp_link", "tdp_sp_created", false, false,
	  { &ss_hook_tdp_link } },
	{ SS_F_TDP_FREE, "tdp_free", "tdp_sp_freed", false, true,
	  { &ss_hook_tdp_zap }, ss_tdp_free_ok },
	{ SS_F_SPLIT, "huge_split", "huge_pages_split", true, false,
	  { &ss_hook_split, &ss_hook_split_shadow, &ss_hook_split_shadow_slot,
	    &ss_hook_split_tdp } },
};

static unsigned int ss_features_on;

/* Returns true if @f is available, else writes why not into @why. */
static bool ss_feature_ok(const struct ss_feature *f, char *why, size_t len)
{
	int i;

	if (!ss_kvm_ready()) {
		strscpy(why, "kvm not loaded", len);
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
			snprintf(why, len, "hook %s not attached", f->needs[i]->name);
			return false;
		}
	}
	return !f->check || f->check(why, len);
}

void ss_features_update(void)
{
	unsigned int on = 0;
	char why[64];
	int i;

	for (i = 0; i < ARRAY_SIZE(ss_feature_table); i++)
		if (ss_feature_ok(&ss_feature_table[i], why, sizeof(why)))
			on |= ss_feature_table[i].bit;
	WRITE_ONCE(ss_features_on, on);
}

void ss_features_clear(void)
{
	WRITE_ONCE(ss_features_on, 0);
}

bool ss_features_have(unsigned int mask)
{
	return (READ_ONCE(ss_features_on) & mask) == mask;
}

int ss_features_format(char *buf, size_t size)
{
	int i, len = 0;
	char why[64];

	for (i = 0; i < ARRAY_SIZE(ss_feature_table); i++) {
		const struct ss_feature *f = &ss_feature_table[i];
		bool ok = ss_feature_ok(f, why, sizeof(why));

		len += scnprintf(buf + len, size - len, "  %-12s %-3s [%s]%s%s\n",
				 f->name, ok ? "on" : "off", f->stats,
				 ok ? "" : ": ", ok ? "" : why);
	}
	return len;
}
