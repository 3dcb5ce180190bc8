// SPDX-License-Identifier: GPL-2.0
/* What every output format needs from a listing: sums, rates, times. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../include/shadowstat_totals.h"
#include "format.h"

/* The module's own sum (shadowstat_totals.h), over the rows shown. */
void ss_listing_totals(const struct ss_listing *l, int64_t *totals)
{
	size_t nr = l->schema->nr, r, s;
	__u32 *kinds = calloc(nr + 1, sizeof(*kinds));

	shadowstat_totals_zero((__s64 *)totals, nr);
	if (!kinds) {
		for (s = 0; s < nr; s++)
			totals[s] = SHADOWSTAT_VALUE_UNAVAILABLE;
		return;
	}
	for (s = 0; s < nr; s++)
		kinds[s] = l->schema->stats[s].kind;
	for (r = 0; r < l->nr_rows; r++) {
		const int64_t *row = &l->snap->values[l->rows[r] * l->snap->nr_stats];

		shadowstat_totals_add((__s64 *)totals, (const __s64 *)row, kinds, nr);
	}
	free(kinds);
}

double ss_listing_rate(const struct ss_listing *l, size_t row, size_t stat)
{
	if (!l->rates || !ss_stat_is_counter(&l->schema->stats[stat]))
		return NAN;
	return l->rates[l->rows[row] * l->snap->nr_stats + stat];
}

double ss_listing_rate_total(const struct ss_listing *l, size_t stat)
{
	double sum = 0;
	size_t r;

	for (r = 0; r < l->nr_rows; r++) {
		double rate = ss_listing_rate(l, r, stat);

		if (isfinite(rate))
			sum += rate;
	}
	return sum;
}

void ss_format_time(char *buf, size_t size, uint64_t realtime_ns)
{
	time_t t = realtime_ns / 1000000000ULL;
	struct tm tm;

	if (!realtime_ns || !localtime_r(&t, &tm) ||
	    !strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, size, "-");
}
