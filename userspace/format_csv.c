// SPDX-License-Identifier: GPL-2.0
/*
 * CSV (RFC 4180): one row per VM, a column per stat in schema order, then
 * "<stat>_per_sec" columns for counters when the listing has rates, and a
 * last row "total" when it has totals.
 */
#include <math.h>
#include <stdlib.h>

#include "escape.h"
#include "format.h"

static void ss_csv_rate(FILE *f, double rate)
{
	if (isfinite(rate))
		fprintf(f, ",%.2f", rate);
	else
		fputc(',', f);
}

static void ss_csv_value(FILE *f, int64_t v)
{
	if (ss_is_na(v))
		fputc(',', f);
	else
		fprintf(f, ",%lld", (long long)v);
}

static void ss_csv_header(FILE *f, const struct ss_listing *l)
{
	size_t s;

	fputs("timestamp_ns,vm,id,pid,fd,guest,mmu,created_ns", f);
	for (s = 0; s < l->schema->nr; s++) {
		fputc(',', f);
		ss_csv_field(f, l->schema->stats[s].name);
	}
	for (s = 0; l->rates && s < l->schema->nr; s++) {
		if (!ss_stat_is_counter(&l->schema->stats[s]))
			continue;
		fputc(',', f);
		ss_csv_field(f, l->schema->stats[s].name);
		fputs("_per_sec", f);
	}
	fputc('\n', f);
}

static void ss_csv_row(FILE *f, const struct ss_listing *l, size_t row)
{
	size_t i = l->rows[row], s;
	const struct ss_vm *vm = &l->snap->vms[i];

	fprintf(f, "%llu,", (unsigned long long)l->snap->timestamp_ns);
	ss_csv_field(f, vm->name);
	fprintf(f, ",%llu,%d,%d,", (unsigned long long)vm->id, vm->pid,
		vm->fd);
	ss_csv_field(f, vm->guest);
	fprintf(f, ",%s,%llu", ss_mmu_name(vm->mmu_mode),
		(unsigned long long)vm->created_ns);
	for (s = 0; s < l->schema->nr; s++)
		ss_csv_value(f, ss_value(l->snap, i, s));
	for (s = 0; l->rates && s < l->schema->nr; s++)
		if (ss_stat_is_counter(&l->schema->stats[s]))
			ss_csv_rate(f, ss_listing_rate(l, row, s));
	fputc('\n', f);
}

static void ss_csv_totals(FILE *f, const struct ss_listing *l)
{
	int64_t *totals = calloc(l->schema->nr + 1, sizeof(*totals));
	size_t s;

	if (!totals)
		return;
	ss_listing_totals(l, totals);
	fprintf(f, "%llu,total,,,,,,",
		(unsigned long long)l->snap->timestamp_ns);
	for (s = 0; s < l->schema->nr; s++)
		ss_csv_value(f, totals[s]);
	for (s = 0; l->rates && s < l->schema->nr; s++)
		if (ss_stat_is_counter(&l->schema->stats[s]))
			ss_csv_rate(f, ss_listing_rate_total(l, s));
	fputc('\n', f);
	free(totals);
}

void ss_format_csv(FILE *f, const struct ss_listing *l, bool header)
{
	size_t r;

	if (header)
		ss_csv_header(f, l);
	for (r = 0; r < l->nr_rows; r++)
		ss_csv_row(f, l, r);
	if (l->totals)
		ss_csv_totals(f, l);
}
