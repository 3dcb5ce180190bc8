// SPDX-License-Identifier: GPL-2.0
/*
 * JSON, one object per line (so top gives JSON lines):
 * {"timestamp_ns":..,"stats":[schema],"vms":[{..,"values":{..}}],"totals":{..}}
 */
#include <math.h>
#include <stdlib.h>

#include "escape.h"
#include "format.h"

static void ss_json_rate(FILE *f, double rate)
{
	if (isfinite(rate))
		fprintf(f, "%.2f", rate);
	else
		fputs("null", f);
}

static void ss_json_schema(FILE *f, const struct ss_schema *schema)
{
	size_t s;

	fputs("\"stats\":[", f);
	for (s = 0; s < schema->nr; s++) {
		const struct ss_stat *st = &schema->stats[s];

		fputs(s ? ",{\"name\":" : "{\"name\":", f);
		ss_json_str(f, st->name);
		fputs(",\"kind\":", f);
		ss_json_str(f, ss_kind_name(st->kind));
		fputs(",\"unit\":", f);
		ss_json_str(f, ss_unit_name(st->unit));
		fputs(",\"description\":", f);
		ss_json_str(f, st->desc);
		fputc('}', f);
	}
	fputc(']', f);
}

/* The rates of a row, or with @row SIZE_MAX their sums over the rows. */
static void ss_json_rates(FILE *f, const struct ss_listing *l,
			  const char *key, size_t row)
{
	const char *sep = "";
	size_t s;

	fprintf(f, ",\"%s\":{", key);
	for (s = 0; s < l->schema->nr; s++) {
		if (!ss_stat_is_counter(&l->schema->stats[s]))
			continue;
		fputs(sep, f);
		ss_json_str(f, l->schema->stats[s].name);
		fputc(':', f);
		if (row == SIZE_MAX)
			ss_json_rate(f, ss_listing_rate_total(l, s));
		else
			ss_json_rate(f, ss_listing_rate(l, row, s));
		sep = ",";
	}
	fputc('}', f);
}

static void ss_json_values(FILE *f, const struct ss_schema *schema,
			   const int64_t *values)
{
	size_t s;

	fputc('{', f);
	for (s = 0; s < schema->nr; s++) {
		if (s)
			fputc(',', f);
		ss_json_str(f, schema->stats[s].name);
		if (ss_is_na(values[s]))
			fputs(":null", f);
		else
			fprintf(f, ":%lld", (long long)values[s]);
	}
	fputc('}', f);
}

static void ss_json_vm(FILE *f, const struct ss_listing *l, size_t row)
{
	size_t i = l->rows[row];
	const struct ss_vm *vm = &l->snap->vms[i];

	fputs("{\"vm\":", f);
	ss_json_str(f, vm->name);
	fprintf(f, ",\"id\":%llu,\"pid\":%d,\"fd\":%d",
		(unsigned long long)vm->id, vm->pid, vm->fd);
	fputs(",\"guest\":", f);
	if (vm->guest[0])
		ss_json_str(f, vm->guest);
	else
		fputs("null", f);
	fputs(",\"mmu\":", f);
	ss_json_str(f, ss_mmu_name(vm->mmu_mode));
	fprintf(f, ",\"created_ns\":%llu,\"values\":",
		(unsigned long long)vm->created_ns);
	ss_json_values(f, l->schema, &l->snap->values[i * l->snap->nr_stats]);
	if (l->rates)
		ss_json_rates(f, l, "rates", row);
	fputc('}', f);
}

void ss_format_json(FILE *f, const struct ss_listing *l)
{
	size_t r;

	fprintf(f, "{\"timestamp_ns\":%llu",
		(unsigned long long)l->snap->timestamp_ns);
	if (l->rates)
		fprintf(f, ",\"interval_s\":%.3f", l->interval_s);
	fputc(',', f);
	ss_json_schema(f, l->schema);
	fputs(",\"vms\":[", f);
	for (r = 0; r < l->nr_rows; r++) {
		if (r)
			fputc(',', f);
		ss_json_vm(f, l, r);
	}
	fputc(']', f);
	if (l->totals) {
		int64_t *totals = calloc(l->schema->nr + 1, sizeof(*totals));

		if (totals) {
			ss_listing_totals(l, totals);
			fputs(",\"totals\":", f);
			ss_json_values(f, l->schema, totals);
			free(totals);
		}
		if (l->rates)
			ss_json_rates(f, l, "total_rates", SIZE_MAX);
	}
	fputs("}\n", f);
}
