/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one sum of VM rows into totals, for the module (debugfs totals,
 * READ_STATS) and the CLI (the totals of the VMs it shows): gauges and
 * counters add up, a peak is the highest, a ratio has no sum (unavailable),
 * and a stat unavailable for one VM is unavailable in total. Plain C on the
 * uapi types, for both sides.
 */
#ifndef _SHADOWSTAT_TOTALS_H
#define _SHADOWSTAT_TOTALS_H

#include "uapi/shadowstat.h"

/* Start: every total 0. */
static inline void shadowstat_totals_zero(__s64 *totals, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		totals[i] = 0;
}

/* Add @row (@n values, of stats of kinds @kinds: SHADOWSTAT_KIND_*). */
static inline void shadowstat_totals_add(__s64 *totals, const __s64 *row,
					 const __u32 *kinds, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (totals[i] == SHADOWSTAT_VALUE_UNAVAILABLE)
			continue;
		if (row[i] == SHADOWSTAT_VALUE_UNAVAILABLE ||
		    kinds[i] == SHADOWSTAT_KIND_RATIO)
			totals[i] = SHADOWSTAT_VALUE_UNAVAILABLE;
		else if (kinds[i] == SHADOWSTAT_KIND_PEAK)
			totals[i] = row[i] > totals[i] ? row[i] : totals[i];
		else
			totals[i] += row[i];
	}
}

#endif /* _SHADOWSTAT_TOTALS_H */
