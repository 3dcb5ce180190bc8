/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Features are what the stats need: a set of attached hooks and resolved
 * symbols. A stat whose feature is off reads as unavailable, with the reason in
 * status, rather than as a number that could be wrong.
 */
#ifndef SS_FEATURES_H
#define SS_FEATURES_H

#include <linux/bits.h>
#include <linux/types.h>

enum {
	SS_F_VMS	= BIT(0),	/* VMs are found and forgotten */
	SS_F_LAYOUT	= BIT(1),	/* struct kvm_mmu_page offsets known */
	SS_F_CREATE	= BIT(2),	/* sp_created, sp_reused */
	SS_F_ZAP	= BIT(3),	/* sp_zapped, sp_root_zaps */
	SS_F_RECYCLE	= BIT(4),
	SS_F_UNSYNC	= BIT(5),
	SS_F_SYNC	= BIT(6),
	SS_F_TDP_LINK	= BIT(7),
	SS_F_TDP_FREE	= BIT(8),
	SS_F_SPLIT	= BIT(9),
};

void ss_features_update(void);
void ss_features_clear(void);
bool ss_features_have(unsigned int mask);
int ss_features_format(char *buf, size_t size);

#endif /* SS_FEATURES_H */
