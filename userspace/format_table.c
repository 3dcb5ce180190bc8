// SPDX-License-Identifier: GPL-2.0
/*
 * Tables for people. The VM list and top show a few key stats per VM,
 * picked by name, so a stat missing from the module's schema drops its
 * column; show prints every stat of the schema, known to us or not.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "grid.h"

#define SS_CELL 32

struct ss_col {
	const char *header;
	const char *stat;
	bool rate;		/* per second, for a counter */
};

static const struct ss_col ss_list_cols[] = {
	{ "SHADOW", "mmu_shadow_pages", false },
	{ "LIMIT", "mmu_pages_limit", false },
	{ "UNSYNC", "unsync_shadow_pages", false },
	{ "TDP", "tdp_mmu_pages", false },
	{ "DRIFT", "mirror_drift", false },
};

static const struct ss_col ss_top_cols[] = {
	{ "SHADOW", "mmu_shadow_pages", false },
	{ "LIMIT", "mmu_pages_limit", false },
	{ "UNSYNC", "unsync_shadow_pages", false },
	{ "TDP", "tdp_mmu_pages", false },
	{ "CREATE/s", "sp_created", true },
	{ "ZAP/s", "sp_zapped", true },
	{ "REUSE/s", "sp_reused", true },
	{ "RECYCLE/s", "sp_recycled", true },
	{ "DRIFT", "mirror_drift", false },
};

/* a departed VM's life, and what KVM's teardown left counted */
static const struct ss_col ss_history_cols[] = {
	{ "LIFETIME", "lifetime_seconds", false },
	{ "PEAK", "mmu_shadow_pages_peak", false },
	{ "PEAK-TDP", "tdp_mmu_pages_peak", false },
	{ "CREATED", "sp_created", false },
	{ "ZAPPED", "sp_zapped", false },
	{ "LEFT", "mmu_shadow_pages", false },
	{ "LEFT-TDP", "tdp_mmu_pages", false },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A column of the grid: a stat of the schema, maybe as a rate. */
struct ss_gcol {
	const char *header;
	int stat;
	bool rate;
};

static void ss_fmt_int(char *buf, int64_t v)
{
	if (ss_is_na(v))
		snprintf(buf, SS_CELL, "n/a");
	else
		snprintf(buf, SS_CELL, "%lld", (long long)v);
}

/* A stat's value in its unit: parts per million as a percentage. */
static void ss_fmt_stat(char *buf, const struct ss_stat *st, int64_t v)
{
	if (st->unit == SHADOWSTAT_UNIT_PPM && !ss_is_na(v))
		snprintf(buf, SS_CELL, "%.2f%%", v / 1e4);
	else
		ss_fmt_int(buf, v);
}

static void ss_fmt_rate(char *buf, double v)
{
	if (isfinite(v))
		snprintf(buf, SS_CELL, "%.1f", v);
	else
		snprintf(buf, SS_CELL, "-");
}

/* "12.5%" of unsync over shadow pages, "-" when there is no shadow page. */
static void ss_fmt_ratio(char *buf, int64_t part, int64_t whole)
{
	if (ss_is_na(part) || ss_is_na(whole))
		snprintf(buf, SS_CELL, "n/a");
	else if (whole > 0)
		snprintf(buf, SS_CELL, "%.1f%%", 100.0 * part / whole);
	else
		snprintf(buf, SS_CELL, "-");
}

static size_t ss_pick_cols(const struct ss_schema *schema,
			   const struct ss_col *cols, size_t n,
			   struct ss_gcol *out)
{
	size_t i, nr = 0;

	for (i = 0; i < n; i++) {
		int s = ss_schema_find(schema, cols[i].stat);

		if (s < 0)
			continue;
		out[nr].header = cols[i].header;
		out[nr].stat = s;
		out[nr].rate = cols[i].rate &&
			       ss_stat_is_counter(&schema->stats[s]);
		nr++;
	}
	return nr;
}

/* A list cell: a stat's value, or for UNSYNC% a ratio of two. */
static void ss_list_cell(char *buf, const struct ss_gcol *col,
			 const int64_t *values, int unsync, int shadow)
{
	if (col->stat < 0)
		ss_fmt_ratio(buf, values[unsync], values[shadow]);
	else
		ss_fmt_int(buf, values[col->stat]);
}

/* A grid of VM rows: VM, GUEST, MMU, then @n right-aligned stat columns. */
static void ss_vm_grid_init(struct ss_grid *g, const struct ss_gcol *cols, size_t n)
{
	const char *cells[SS_GRID_MAX_COLS];
	size_t c;

	ss_grid_init(g, 3 + n);
	cells[0] = "VM";
	cells[1] = "GUEST";
	cells[2] = "MMU";
	for (c = 0; c < n; c++) {
		cells[3 + c] = cols[c].header;
		g->right[3 + c] = true;
	}
	ss_grid_add(g, cells);
}

void ss_format_table_list(FILE *f, const struct ss_listing *l)
{
	int unsync = ss_schema_find(l->schema, "unsync_shadow_pages");
	int shadow = ss_schema_find(l->schema, "mmu_shadow_pages");
	struct ss_gcol cols[ARRAY_SIZE(ss_list_cols) + 1];
	char buf[SS_GRID_MAX_COLS][SS_CELL], nvms[SS_CELL];
	const char *cells[SS_GRID_MAX_COLS];
	size_t n, c, r;
	struct ss_grid g;
	int64_t *totals;

	n = ss_pick_cols(l->schema, ss_list_cols, ARRAY_SIZE(ss_list_cols),
			 cols);
	/* UNSYNC% goes right after UNSYNC */
	for (c = 0; c < n && unsync >= 0 && shadow >= 0; c++) {
		if (cols[c].stat == unsync) {
			memmove(&cols[c + 2], &cols[c + 1],
				(n - c - 1) * sizeof(cols[0]));
			cols[c + 1].header = "UNSYNC%";
			cols[c + 1].stat = -1;
			cols[c + 1].rate = false;
			n++;
			break;
		}
	}

	ss_vm_grid_init(&g, cols, n);

	for (r = 0; r < l->nr_rows; r++) {
		size_t i = l->rows[r];
		const struct ss_vm *vm = &l->snap->vms[i];
		const int64_t *values = &l->snap->values[i * l->snap->nr_stats];

		cells[0] = vm->name;
		cells[1] = vm->guest[0] ? vm->guest : "-";
		cells[2] = ss_mmu_name(vm->mmu_mode);
		for (c = 0; c < n; c++) {
			ss_list_cell(buf[c], &cols[c], values, unsync, shadow);
			cells[3 + c] = buf[c];
		}
		ss_grid_add(&g, cells);
	}

	totals = calloc(l->schema->nr + 1, sizeof(*totals));
	if (l->totals && totals) {
		ss_listing_totals(l, totals);
		snprintf(nvms, sizeof(nvms), "%zu VM%s", l->nr_rows,
			 l->nr_rows == 1 ? "" : "s");
		cells[0] = "total";
		cells[1] = nvms;
		cells[2] = "";
		for (c = 0; c < n; c++) {
			ss_list_cell(buf[c], &cols[c], totals, unsync, shadow);
			cells[3 + c] = buf[c];
		}
		ss_grid_add(&g, cells);
	}
	free(totals);
	ss_grid_print(f, &g);
	ss_grid_free(&g);
}

static void ss_show_vm(FILE *f, const struct ss_listing *l, size_t row)
{
	static const enum ss_group groups[] = {
		SS_GROUP_GAUGE, SS_GROUP_CUMULATIVE, SS_GROUP_MIRROR,
	};
	size_t i = l->rows[row], s, g, name_w = 0, val_w = 0;
	const struct ss_vm *vm = &l->snap->vms[i];
	char created[64], val[SS_CELL];

	ss_format_time(created, sizeof(created), vm->created_ns);
	fprintf(f, "VM %s  guest %s  mmu %s  id %llu  since %s\n",
		vm->name, vm->guest[0] ? vm->guest : "-",
		ss_mmu_name(vm->mmu_mode), (unsigned long long)vm->id, created);

	for (s = 0; s < l->schema->nr; s++) {
		size_t len = strlen(l->schema->stats[s].name);

		ss_fmt_stat(val, &l->schema->stats[s], ss_value(l->snap, i, s));
		if (len > name_w)
			name_w = len;
		if (strlen(val) > val_w)
			val_w = strlen(val);
	}
	for (g = 0; g < ARRAY_SIZE(groups); g++) {
		bool title = false;

		for (s = 0; s < l->schema->nr; s++) {
			const struct ss_stat *st = &l->schema->stats[s];

			if (ss_stat_group(st) != groups[g])
				continue;
			if (!title) {
				fprintf(f, "\n%s\n", ss_group_name(groups[g]));
				title = true;
			}
			ss_fmt_stat(val, st, ss_value(l->snap, i, s));
			fprintf(f, "  %-*s  %*s  %s\n", (int)name_w, st->name,
				(int)val_w, val, st->desc);
		}
	}
}

void ss_format_table_show(FILE *f, const struct ss_listing *l)
{
	size_t r;

	for (r = 0; r < l->nr_rows; r++) {
		if (r)
			fputc('\n', f);
		ss_show_vm(f, l, r);
	}
}

static void ss_top_cell(char *buf, const struct ss_listing *l, size_t row,
			const struct ss_gcol *col, const int64_t *totals)
{
	if (col->rate && totals)
		ss_fmt_rate(buf, ss_listing_rate_total(l, col->stat));
	else if (col->rate)
		ss_fmt_rate(buf, ss_listing_rate(l, row, col->stat));
	else if (totals)
		ss_fmt_int(buf, totals[col->stat]);
	else
		ss_fmt_int(buf, ss_value(l->snap, l->rows[row], col->stat));
}

void ss_format_table_top(FILE *f, const struct ss_listing *l, int sort_stat)
{
	struct ss_gcol cols[ARRAY_SIZE(ss_top_cols) + 1];
	char buf[SS_GRID_MAX_COLS][SS_CELL], extra[SHADOWSTAT_NAME_SIZE + 4];
	const char *cells[SS_GRID_MAX_COLS];
	size_t n, c, r;
	struct ss_grid g;
	int64_t *totals;

	n = ss_pick_cols(l->schema, ss_top_cols, ARRAY_SIZE(ss_top_cols),
			 cols);
	for (c = 0; c < n && sort_stat >= 0; c++)
		if (cols[c].stat == sort_stat)
			break;
	if (sort_stat >= 0 && c == n) {
		const struct ss_stat *st = &l->schema->stats[sort_stat];

		cols[n].stat = sort_stat;
		cols[n].rate = ss_stat_is_counter(st) && l->rates;
		snprintf(extra, sizeof(extra), "%s%s", st->name,
			 cols[n].rate ? "/s" : "");
		cols[n].header = extra;
		n++;
	}

	ss_vm_grid_init(&g, cols, n);
	for (r = 0; r < l->nr_rows; r++) {
		const struct ss_vm *vm = &l->snap->vms[l->rows[r]];

		cells[0] = vm->name;
		cells[1] = vm->guest[0] ? vm->guest : "-";
		cells[2] = ss_mmu_name(vm->mmu_mode);
		for (c = 0; c < n; c++) {
			ss_top_cell(buf[c], l, r, &cols[c], NULL);
			cells[3 + c] = buf[c];
		}
		ss_grid_add(&g, cells);
	}
	totals = calloc(l->schema->nr + 1, sizeof(*totals));
	if (totals) {
		ss_listing_totals(l, totals);
		cells[0] = "total";
		cells[1] = "";
		cells[2] = "";
		for (c = 0; c < n; c++) {
			ss_top_cell(buf[c], l, 0, &cols[c], totals);
			cells[3 + c] = buf[c];
		}
		ss_grid_add(&g, cells);
		free(totals);
	}
	ss_grid_print(f, &g);
	ss_grid_free(&g);
}

/* "clean" when every page count left is 0, "LEAK" when one is not. */
static const char *ss_teardown_verdict(const struct ss_gcol *cols, size_t n,
				       const int64_t *values)
{
	bool unknown = false;
	size_t c;

	for (c = 0; c < n; c++) {
		int64_t v = values[cols[c].stat];

		if (strncmp(cols[c].header, "LEFT", 4))
			continue;
		if (ss_is_na(v))
			unknown = true;
		else if (v > 0)
			return "LEAK";
	}
	return unknown ? "unknown" : "clean";
}

void ss_format_table_history(FILE *f, const struct ss_listing *l)
{
	struct ss_gcol cols[ARRAY_SIZE(ss_history_cols)];
	char buf[SS_GRID_MAX_COLS][SS_CELL], since[64];
	const char *cells[SS_GRID_MAX_COLS];
	size_t n, c, r;
	struct ss_grid g;

	n = ss_pick_cols(l->schema, ss_history_cols, ARRAY_SIZE(ss_history_cols),
			 cols);
	ss_grid_init(&g, 5 + n);
	cells[0] = "VM";
	cells[1] = "GUEST";
	cells[2] = "MMU";
	cells[3] = "SINCE";
	for (c = 0; c < n; c++) {
		cells[4 + c] = cols[c].header;
		g.right[4 + c] = true;
	}
	cells[4 + n] = "TEARDOWN";
	ss_grid_add(&g, cells);
	for (r = 0; r < l->nr_rows; r++) {
		size_t i = l->rows[r];
		const struct ss_vm *vm = &l->snap->vms[i];
		const int64_t *values = &l->snap->values[i * l->snap->nr_stats];

		ss_format_time(since, sizeof(since), vm->created_ns);
		cells[0] = vm->name;
		cells[1] = vm->guest[0] ? vm->guest : "-";
		cells[2] = ss_mmu_name(vm->mmu_mode);
		cells[3] = since;
		for (c = 0; c < n; c++) {
			ss_fmt_int(buf[c], values[cols[c].stat]);
			cells[4 + c] = buf[c];
		}
		cells[4 + n] = ss_teardown_verdict(cols, n, values);
		ss_grid_add(&g, cells);
	}
	ss_grid_print(f, &g);
	ss_grid_free(&g);
}
