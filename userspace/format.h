/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output formats. Every listing (the VM list, show, each refresh of top) is
 * a struct ss_listing; the formats only print it, so each can be tested
 * with a hand-made listing and a golden string.
 */
#ifndef SS_FORMAT_H
#define SS_FORMAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "model.h"

struct ss_listing {
	const struct ss_schema *schema;
	const struct ss_snapshot *snap;
	const size_t *rows;	/* VMs of @snap to print, in order */
	size_t nr_rows;
	bool totals;		/* add the sum of the rows */
	const double *rates;	/* NULL, or per VM of @snap and stat: per
				 * second rate of a counter, NAN if unknown
				 */
	double interval_s;	/* what the rates were measured over */
	bool departed;		/* rows of VMs KVM destroyed (history) */
};

/* Sum of each stat over the rows (@totals: schema->nr values). */
void ss_listing_totals(const struct ss_listing *l, int64_t *totals);
/* Sum of the known rates of stat @stat over the rows. */
double ss_listing_rate_total(const struct ss_listing *l, size_t stat);
/* The rate of @stat for row @row of the listing (NAN when unknown). */
double ss_listing_rate(const struct ss_listing *l, size_t row, size_t stat);

void ss_format_json(FILE *f, const struct ss_listing *l);
void ss_format_csv(FILE *f, const struct ss_listing *l, bool header);
/* A departed listing: shadowstat_departed_*, final values as gauges. */
void ss_format_prom(FILE *f, const struct ss_listing *l);

/* Tables for people: the VM list, one VM in full, and top's screen. */
void ss_format_table_list(FILE *f, const struct ss_listing *l);
/* departed VMs: lifetime, peaks, and the pages KVM's teardown left */
void ss_format_table_history(FILE *f, const struct ss_listing *l);
void ss_format_table_show(FILE *f, const struct ss_listing *l);
void ss_format_table_top(FILE *f, const struct ss_listing *l, int sort_stat);

/* "2026-11-21 07:21:00" in local time, for a CLOCK_REALTIME ns value. */
void ss_format_time(char *buf, size_t size, uint64_t realtime_ns);

#endif /* SS_FORMAT_H */
