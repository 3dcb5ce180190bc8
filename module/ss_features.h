/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Features are what the stats need: a set of attached hooks and resolved
 * symbols. A stat whose feature is off reads as unavailable, with the reason in
 * status, rather than as a number that could be wrong.
 */
#ifndef SS_FEATURES_H
#define SS_FEATURES_H

#include <linux/types.h>
#include "ss_feature_bits.h"

void ss_features_update(void);
void ss_features_clear(void);
bool ss_features_have(unsigned int mask);
/* The SS_F_* bits on now. */
unsigned int ss_features_on_now(void);
/* Turn @bit off until kvm.ko is attached again, with the reason (a self-test failed). */
void ss_features_disable(unsigned int bit, const char *why);
struct ss_status_out;
/* The features in status: text lines, or records with @rec. */
void ss_features_status(struct ss_status_out *o, bool rec);

#endif /* SS_FEATURES_H */
