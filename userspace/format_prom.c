// SPDX-License-Identifier: GPL-2.0
/*
 * Prometheus text format, for node_exporter's textfile collector: for each
 * stat "# HELP" and "# TYPE" (counter for cumulative stats, named *_total,
 * gauge otherwise), then one sample per VM labelled vm="<pid>-<fd>", pid
 * and guest. Sums over VMs are left to PromQL. Rates, from top, are gauges
 * named *_per_second. Departed VMs (`history`) go out under their own names,
 * shadowstat_departed_*: their final values, all gauges, so that one
 * textfile directory can hold both exports and a teardown leak is a gauge
 * above 0.
 */
#include <math.h>
#include <string.h>

#include "escape.h"
#include "format.h"

#define SS_PROM_PREFIX "shadowstat_"
#define SS_PROM_DEPARTED_PREFIX "shadowstat_departed_"
#define SS_PROM_DEPARTED_HELP \
	"VMs KVM destroyed while shadowstat watched (the last 64), with their MMU mode"
#define SS_PROM_NAME_MAX (SHADOWSTAT_NAME_SIZE + 32)

static void ss_prom_labels(FILE *f, const struct ss_vm *vm)
{
	fputs("{vm=\"", f);
	ss_prom_label(f, vm->name);
	fprintf(f, "\",pid=\"%d\",guest=\"", vm->pid);
	ss_prom_label(f, vm->guest);
	fputs("\"}", f);
}

static void ss_prom_head(FILE *f, const char *name, const char *help,
			 const char *type)
{
	fprintf(f, "# HELP %s ", name);
	ss_prom_help(f, help);
	fprintf(f, "\n# TYPE %s %s\n", name, type);
}

/* @departed: the final values of departed VMs, as gauges */
static void ss_prom_stat(FILE *f, const struct ss_listing *l, size_t s, bool departed)
{
	const struct ss_stat *st = &l->schema->stats[s];
	bool counter = ss_stat_is_counter(st) && !departed;
	bool ppm = st->unit == SHADOWSTAT_UNIT_PPM;
	char name[SS_PROM_NAME_MAX], help[SHADOWSTAT_DESC_SIZE + 64];
	size_t r;

	/* base units: a ratio from 0 to 1, not parts per million */
	ss_prom_name(name, sizeof(name), departed ? SS_PROM_DEPARTED_PREFIX : SS_PROM_PREFIX,
		     st->name,
		     counter ? "_total" : ppm && !strstr(st->name, "_ratio") ? "_ratio" : "");
	snprintf(help, sizeof(help), "%s%s", departed ? "At KVM's teardown: " : "", st->desc);
	ss_prom_head(f, name, help, counter ? "counter" : "gauge");
	for (r = 0; r < l->nr_rows; r++) {
		size_t i = l->rows[r];

		if (ss_is_na(ss_value(l->snap, i, s)))
			continue;	/* no sample rather than a made-up one */
		fputs(name, f);
		ss_prom_labels(f, &l->snap->vms[i]);
		if (ppm)
			fprintf(f, " %.6f\n", ss_value(l->snap, i, s) / 1e6);
		else
			fprintf(f, " %lld\n", (long long)ss_value(l->snap, i, s));
	}
}

static void ss_prom_rate(FILE *f, const struct ss_listing *l, size_t s)
{
	const struct ss_stat *st = &l->schema->stats[s];
	char name[SS_PROM_NAME_MAX];
	size_t r;

	ss_prom_name(name, sizeof(name), SS_PROM_PREFIX, st->name,
		     "_per_second");
	ss_prom_head(f, name, st->desc, "gauge");
	for (r = 0; r < l->nr_rows; r++) {
		double rate = ss_listing_rate(l, r, s);

		if (!isfinite(rate))
			continue;
		fputs(name, f);
		ss_prom_labels(f, &l->snap->vms[l->rows[r]]);
		fprintf(f, " %.2f\n", rate);
	}
}

static void ss_prom_vm_info(FILE *f, const struct ss_listing *l, bool departed)
{
	const char *name = departed ? SS_PROM_DEPARTED_PREFIX "vm_info" : SS_PROM_PREFIX "vm_info";
	size_t r;

	ss_prom_head(f, name, departed ? SS_PROM_DEPARTED_HELP :
		     "VMs tracked by shadowstat, with their MMU mode", "gauge");
	for (r = 0; r < l->nr_rows; r++) {
		const struct ss_vm *vm = &l->snap->vms[l->rows[r]];

		fprintf(f, "%s{vm=\"", name);
		ss_prom_label(f, vm->name);
		fprintf(f, "\",pid=\"%d\",guest=\"", vm->pid);
		ss_prom_label(f, vm->guest);
		fprintf(f, "\",id=\"%llu\",mmu=\"%s\"} 1\n",
			(unsigned long long)vm->id,
			ss_mmu_name(vm->mmu_mode));
	}
}

void ss_format_prom(FILE *f, const struct ss_listing *l)
{
	size_t s;

	ss_prom_vm_info(f, l, l->departed);
	for (s = 0; s < l->schema->nr; s++)
		ss_prom_stat(f, l, s, l->departed);
	for (s = 0; l->rates && s < l->schema->nr; s++)
		if (ss_stat_is_counter(&l->schema->stats[s]))
			ss_prom_rate(f, l, s);
}
