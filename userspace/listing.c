// SPDX-License-Identifier: GPL-2.0
/* What every output format needs from a listing: sums, rates, times. */
#include <math.h>
#include <string.h>
#include <time.h>

#include "format.h"

void ss_listing_totals(const struct ss_listing *l, int64_t *totals)
{
	size_t r, s;

	memset(totals, 0, l->schema->nr * sizeof(*totals));
	for (r = 0; r < l->nr_rows; r++) {
		for (s = 0; s < l->schema->nr; s++) {
			int64_t v = ss_value(l->snap, l->rows[r], s);

			/* n/a for one VM: n/a in total, as the module does */
			if (ss_is_na(totals[s]))
				continue;
			totals[s] = ss_is_na(v) ? v : totals[s] + v;
		}
	}
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
