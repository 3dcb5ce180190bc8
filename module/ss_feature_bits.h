/* SPDX-License-Identifier: GPL-2.0 */
/* The features a stat may need (ss_stat_table.h), as bits; see ss_features.h. */
#ifndef SS_FEATURE_BITS_H
#define SS_FEATURE_BITS_H

#include <linux/bits.h>

/* The stat table names them F(WALK), F(CREATE), ... */
enum {
	SS_F_VMS	= BIT(0),	/* VMs are found and forgotten */
	SS_F_WALK	= BIT(1),	/* the page walk, checked against KVM's count */
	SS_F_CREATE	= BIT(2),
	SS_F_ZAP	= BIT(3),
	SS_F_UNSYNC	= BIT(4),
	SS_F_SYNC	= BIT(5),
	SS_F_TDP_LINK	= BIT(6),
	SS_F_TDP_FREE	= BIT(7),
	SS_F_SPLIT	= BIT(8),
	SS_F_UNSYNC_TRY	= BIT(9),	/* how each attempt to unsync ends */
};

#endif /* SS_FEATURE_BITS_H */
