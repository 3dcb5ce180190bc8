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
};

void ss_features_update(void);
void ss_features_clear(void);
bool ss_features_have(unsigned int mask);
/* Turn @bit off until kvm.ko is attached again, with the reason (a self-test failed). */
void ss_features_disable(unsigned int bit, const char *why);
struct ss_status_out;
/* The features in status: text lines, or records with @rec. */
void ss_features_status(struct ss_status_out *o, bool rec);

#endif /* SS_FEATURES_H */
