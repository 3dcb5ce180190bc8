// SPDX-License-Identifier: GPL-2.0
/* The descriptors of ss_stat_table.h, and what status says of them. */
#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/stddef.h>
#include "ss_feature_bits.h"
#include "ss_kvm.h"
#include "ss_stat_defs.h"
#include "ss_vm.h"
#include "ss_walk_counts.h"

/* The stats DERIVED from KVM's state and the stats above them. */

/* KVM's count where it keeps one, else the walk at adoption moved by the hooks */
static s64 ss_derive_tdp_pages(const struct ss_snap_ctx *c)
{
	long tdp = ss_kvm_tdp_pages(c->kvm);

	if (tdp >= 0)
		return tdp;
	if (c->vm->seed_tdp < 0 ||
	    (c->features & (SS_F_TDP_LINK | SS_F_TDP_FREE)) != (SS_F_TDP_LINK | SS_F_TDP_FREE))
		return SS_VALUE_UNAVAILABLE;
	return ss_vm_mirror_tdp(c->vm);
}

static s64 ss_derive_tdp_roots(const struct ss_snap_ctx *c)
{
	return ss_kvm_tdp_roots(c->kvm);
}

/* The live count kept by the hooks alone: seeded once, then created - zapped. */
static s64 ss_derive_mirror(const struct ss_snap_ctx *c)
{
	return ss_vm_mirror_shadow(c->vm);
}

/*
 * Whole seconds a departed VM was seen. A live VM's would change by itself
 * between two reads of one snapshot's worth of files, so it has none: its
 * age is created_ns.
 */
static s64 ss_derive_lifetime(const struct ss_snap_ctx *c)
{
	u64 end = c->vm->info.destroyed_ns;

	if (!end)
		return SS_VALUE_UNAVAILABLE;
	return div_u64(end - c->vm->info.created_ns, NSEC_PER_SEC);
}

/* every successful split is in one MMU or the other */
static s64 ss_derive_split_shadow(const struct ss_snap_ctx *c)
{
	return c->v[SS_STAT_huge_pages_split] - c->v[SS_STAT_split_tdp_mmu];
}

static s64 ss_derive_mirror_drift(const struct ss_snap_ctx *c)
{
	return c->v[SS_STAT_mirror_shadow_pages] - c->v[SS_STAT_mmu_shadow_pages];
}

static s64 ss_derive_unsync_tries(const struct ss_snap_ctx *c)
{
	return c->v[SS_STAT_unsync_try_tracked] + c->v[SS_STAT_unsync_try_lpage] +
	       c->v[SS_STAT_unsync_try_unsynced] + c->v[SS_STAT_unsync_try_none] +
	       c->v[SS_STAT_unsync_try_refused];
}

/* parts per million, rounded down; 0 before the first attempt */
static s64 ss_derive_early_exit_ratio(const struct ss_snap_ctx *c)
{
	s64 tries = c->v[SS_STAT_unsync_tries];

	return tries ? div64_s64(c->v[SS_STAT_unsync_try_lpage] * 1000000, tries) : 0;
}

#define F(x)			SS_F_##x
/* where a stat's value lies, by source (KVM fields: ss_stat_fields.c) */
#define SS_AT_KVM(a)		.off = 0
#define SS_AT_WALK(a)		.off = offsetof(struct ss_walk_counts, a)
#define SS_AT_EVENT(a)		.off = 0
#define SS_AT_DERIVED(a)	.derive = a

const struct ss_stat_def ss_stat_defs[SS_NR_STATS] = {
#define SS_STAT(n, k, u, src, a, need, d)				\
	[SS_STAT_##n] = {						\
		.name = #n,						\
		.kind = SHADOWSTAT_KIND_##k,				\
		.unit = SHADOWSTAT_UNIT_##u,				\
		.source = SS_SRC_##src,					\
		SS_AT_##src(a),						\
		.needs = need,						\
		.desc = d,						\
	},
#include "ss_stat_table.h"
#undef SS_STAT
};

const u32 ss_stat_kinds[SS_NR_STATS] = {
#define SS_STAT(name, kind, unit, source, arg, needs, desc) \
	[SS_STAT_##name] = SHADOWSTAT_KIND_##kind,
#include "ss_stat_table.h"
#undef SS_STAT
};

static_assert(sizeof_field(struct ss_walk_counts, level[0]) == sizeof(u64));

int ss_stats_needing(unsigned int bit, char *buf, size_t size)
{
	int i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < SS_NR_STATS; i++)
		if (ss_stat_defs[i].needs & bit)
			len += scnprintf(buf + len, size - len, "%s%s", len ? " " : "",
					 ss_stat_defs[i].name);
	return len;
}
