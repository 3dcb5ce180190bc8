// SPDX-License-Identifier: GPL-2.0
/*
 * `shadowstat top`: refresh every interval, with per second rates for the
 * cumulative stats and values for the gauges, like kvm_stat but per VM.
 * On a terminal the table replaces itself; other formats append a record
 * per refresh (JSON lines, CSV rows).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "term.h"
#include "view.h"

struct ss_top {
	struct ss_ctx *ctx;
	int key;
	bool screen;		/* redraw in place on a terminal */
	bool header_done;	/* CSV header printed */
	struct ss_snapshot prev;
	bool have_prev;
};

static void ss_top_title(struct ss_top *top, size_t nr_rows)
{
	const struct ss_args *args = top->ctx->args;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(now, sizeof(now), "%H:%M:%S",
					       &tm))
		now[0] = '\0';
	fprintf(top->ctx->out,
		"shadowstat top - %s - %zu VM%s - every %.1f s - sorted by %s%s\n\n",
		now, nr_rows, nr_rows == 1 ? "" : "s",
		args->interval_ms / 1000.0,
		top->key >= 0 ? top->ctx->schema.stats[top->key].name : "vm",
		top->screen ? " - q quits" : "");
}

static void ss_top_print(struct ss_top *top, const struct ss_listing *l)
{
	struct ss_ctx *ctx = top->ctx;

	switch (ctx->args->format) {
	case SS_FMT_TABLE:
		if (top->screen)
			ss_term_clear(ctx->out);
		ss_top_title(top, l->nr_rows);
		ss_format_table_top(ctx->out, l, top->key);
		if (!top->screen)
			fputc('\n', ctx->out);
		break;
	case SS_FMT_CSV:
		ss_format_csv(ctx->out, l, !top->header_done);
		top->header_done = true;
		break;
	case SS_FMT_JSON:
		ss_format_json(ctx->out, l);
		break;
	case SS_FMT_PROM:
		ss_format_prom(ctx->out, l);
		break;
	}
	fflush(ctx->out);
}

/* Take a snapshot and print it, with rates since the last one if any. */
static int ss_top_step(struct ss_top *top, bool print)
{
	const struct ss_args *args = top->ctx->args;
	struct ss_listing l = { .schema = &top->ctx->schema, .totals = true };
	struct ss_snapshot cur;
	double *rates = NULL;
	size_t *rows;

	if (ss_read_snapshot(top->ctx, &cur))
		return -1;
	rows = calloc(cur.nr_vms + 1, sizeof(*rows));
	if (top->have_prev)
		rates = calloc(cur.nr_vms * cur.nr_stats + 1, sizeof(*rates));
	if (!rows || (top->have_prev && !rates)) {
		ss_err("out of memory");
		free(rows);
		free(rates);
		ss_snapshot_free(&cur);
		return -1;
	}
	if (rates)
		l.interval_s = ss_rates_compute(&top->ctx->schema, &top->prev,
						&cur, rates);
	l.snap = &cur;
	l.rates = rates;
	l.rows = rows;
	l.nr_rows = ss_select_rows(&cur, args->pid, args->guest, rows);
	ss_sort_rows(&l, rows, top->key);
	if (print)
		ss_top_print(top, &l);

	if (top->have_prev)
		ss_snapshot_free(&top->prev);
	top->prev = cur;
	top->have_prev = true;
	free(rows);
	free(rates);
	return 0;
}

static int ss_top_default_key(const struct ss_schema *schema)
{
	int key = ss_schema_find(schema, "mmu_shadow_pages");

	return key >= 0 ? key : SS_SORT_NONE;
}

int ss_cmd_top(struct ss_ctx *ctx)
{
	const struct ss_args *args = ctx->args;
	struct ss_top top = { .ctx = ctx };
	long done = 0;
	int ret = SS_EXIT_OK;

	top.key = ss_top_default_key(&ctx->schema);
	if (args->sort && ss_sort_key_parse(&ctx->schema, args->sort,
					    &top.key)) {
		ss_err("unknown sort key '%s': give vm, pid, guest or a stat (`shadowstat show VM` lists them)",
		       args->sort);
		return SS_EXIT_USAGE;
	}
	top.screen = args->format == SS_FMT_TABLE && !args->once &&
		     isatty(fileno(ctx->out));
	ss_term_start(top.screen);

	/* On a screen, show values at once; rates come with the next frame. */
	if (ss_top_step(&top, top.screen)) {
		ret = SS_EXIT_FAIL;
		goto out;
	}
	while (ss_term_wait(args->interval_ms)) {
		if (ss_top_step(&top, true)) {
			ret = SS_EXIT_FAIL;
			break;
		}
		done++;
		if (args->once || (args->iterations && done >= args->iterations))
			break;
	}
out:
	ss_term_stop();
	if (top.have_prev)
		ss_snapshot_free(&top.prev);
	return ret;
}
