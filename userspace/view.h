/* SPDX-License-Identifier: GPL-2.0 */
/* Which VMs a listing shows, in what order, and the rates top computes. */
#ifndef SS_VIEW_H
#define SS_VIEW_H

#include "format.h"

/* Sort keys that are not stats (stats are their schema index, >= 0). */
enum {
	SS_SORT_NONE = -1,	/* by pid, then fd */
	SS_SORT_VM = -2,
	SS_SORT_PID = -3,
	SS_SORT_GUEST = -4,
};

/* Per second rate of a counter, NAN when it cannot be known. */
double ss_rate(int64_t prev, int64_t cur, double dt_s);

/*
 * Rates of the counters of @cur since @prev, VMs matched by id, into @rates
 * (cur->nr_vms x cur->nr_stats; NAN for gauges and for new VMs). Returns
 * the interval in seconds.
 */
double ss_rates_compute(const struct ss_schema *schema,
			const struct ss_snapshot *prev,
			const struct ss_snapshot *cur, double *rates);

/* "vm", "pid", "guest" or a stat name; -EINVAL for anything else. */
int ss_sort_key_parse(const struct ss_schema *schema, const char *name,
		      int *key_ret);

/* Indexes of the VMs of @snap that pass the filters, into @rows. */
size_t ss_select_rows(const struct ss_snapshot *snap, long pid,
		      const char *guest, size_t *rows);

/*
 * Sort l->rows (writable through @rows): stats in decreasing order (rates
 * for counters when the listing has rates), names in increasing order,
 * ties by pid and fd.
 */
void ss_sort_rows(const struct ss_listing *l, size_t *rows, int key);

#endif /* SS_VIEW_H */
