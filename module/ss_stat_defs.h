/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stat descriptors generated from ss_stat_table.h: names, kinds and units
 * as the uapi spells them, and where each value comes from.
 */
#ifndef SS_STAT_DEFS_H
#define SS_STAT_DEFS_H

#include <linux/types.h>
#include "ss_stat_ids.h"

enum ss_stat_source { SS_SRC_KVM, SS_SRC_EVENT, SS_SRC_WALK, SS_SRC_DERIVED };

/* What a DERIVED stat may read, as a snapshot (ss_snapshot.c) gives it. */
struct ss_snap_ctx {
	struct kvm *kvm;
	struct ss_vm *vm;
	const s64 *v;		/* the stats above it */
	unsigned int features;	/* SS_F_* on */
};

typedef s64 (*ss_derive_fn)(const struct ss_snap_ctx *c);

struct ss_stat_def {
	const char *name;
	u32 kind;		/* SHADOWSTAT_KIND_* */
	u32 unit;		/* SHADOWSTAT_UNIT_* */
	enum ss_stat_source source;
	u32 off;		/* WALK: in struct ss_walk_counts, a u64 */
	ss_derive_fn derive;	/* DERIVED */
	unsigned int needs;	/* SS_F_* */
	const char *desc;
};

extern const struct ss_stat_def ss_stat_defs[SS_NR_STATS];
/* the kinds alone, as shadowstat_totals_add() takes them */
extern const u32 ss_stat_kinds[SS_NR_STATS];

static inline bool ss_stat_needs_walk(enum ss_stat_id id)
{
	return ss_stat_defs[id].source == SS_SRC_WALK;
}

/* "name name ..." of the stats that need feature @bit, for status. */
int ss_stats_needing(unsigned int bit, char *buf, size_t size);

#endif /* SS_STAT_DEFS_H */
