/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_WALK_COUNTS_H
#define SS_WALK_COUNTS_H

#include <linux/types.h>

/* What a walk counts; the WALK stats of ss_stat_table.h name these. */
struct ss_walk_counts {
	u64 pages;		/* in all: must equal KVM's own count */
	u64 unsync, direct, root, obsolete, level[5];
};

#endif /* SS_WALK_COUNTS_H */
