// SPDX-License-Identifier: GPL-2.0
/*
 * JSON, one object per line (so top gives JSON lines):
 * {"timestamp_ns":..,"stats":[schema],"vms":[{..,"values":{..}}],"totals":{..}}
 */
#include <stdlib.h>

#include "format.h"
#include "jsonw.h"

static void ss_json_schema(struct ss_jw *w, const struct ss_schema *schema)
{
	size_t s;

	jw_name(w, "stats");
	jw_arr_begin(w);
	for (s = 0; s < schema->nr; s++) {
		const struct ss_stat *st = &schema->stats[s];

		jw_obj_begin(w);
		jw_kv_str(w, "name", st->name);
		jw_kv_str(w, "kind", ss_kind_name(st->kind));
		jw_kv_str(w, "unit", ss_unit_name(st->unit));
		jw_kv_str(w, "description", st->desc);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* The rates of a row, or with @row SIZE_MAX their sums over the rows. */
static void ss_json_rates(struct ss_jw *w, const struct ss_listing *l,
			  const char *key, size_t row)
{
	size_t s;

	jw_name(w, key);
	jw_obj_begin(w);
	for (s = 0; s < l->schema->nr; s++) {
		if (!ss_stat_is_counter(&l->schema->stats[s]))
			continue;
		jw_name(w, l->schema->stats[s].name);
		jw_double(w, row == SIZE_MAX ? ss_listing_rate_total(l, s) :
			  ss_listing_rate(l, row, s), 2);
	}
	jw_obj_end(w);
}

static void ss_json_values(struct ss_jw *w, const struct ss_schema *schema,
			   const int64_t *values)
{
	size_t s;

	jw_obj_begin(w);
	for (s = 0; s < schema->nr; s++) {
		jw_name(w, schema->stats[s].name);
		if (ss_is_na(values[s]))
			jw_null(w);
		else
			jw_int(w, values[s]);
	}
	jw_obj_end(w);
}

static void ss_json_vm(struct ss_jw *w, const struct ss_listing *l, size_t row)
{
	size_t i = l->rows[row];
	const struct ss_vm *vm = &l->snap->vms[i];

	jw_obj_begin(w);
	jw_kv_str(w, "vm", vm->name);
	jw_kv_uint(w, "id", vm->id);
	jw_kv_int(w, "pid", vm->pid);
	jw_kv_int(w, "fd", vm->fd);
	jw_name(w, "guest");
	jw_str_or_null(w, vm->guest);
	jw_kv_str(w, "mmu", ss_mmu_name(vm->mmu_mode));
	jw_kv_uint(w, "created_ns", vm->created_ns);
	jw_name(w, "values");
	ss_json_values(w, l->schema, &l->snap->values[i * l->snap->nr_stats]);
	if (l->rates)
		ss_json_rates(w, l, "rates", row);
	jw_obj_end(w);
}

void ss_format_json(FILE *f, const struct ss_listing *l)
{
	struct ss_jw w;
	size_t r;

	jw_init(&w, f);
	jw_obj_begin(&w);
	jw_kv_uint(&w, "timestamp_ns", l->snap->timestamp_ns);
	if (l->rates) {
		jw_name(&w, "interval_s");
		jw_double(&w, l->interval_s, 3);
	}
	ss_json_schema(&w, l->schema);
	jw_name(&w, "vms");
	jw_arr_begin(&w);
	for (r = 0; r < l->nr_rows; r++)
		ss_json_vm(&w, l, r);
	jw_arr_end(&w);
	if (l->totals) {
		int64_t *totals = calloc(l->schema->nr + 1, sizeof(*totals));

		if (totals) {
			ss_listing_totals(l, totals);
			jw_name(&w, "totals");
			ss_json_values(&w, l->schema, totals);
			free(totals);
		}
		if (l->rates)
			ss_json_rates(&w, l, "total_rates", SIZE_MAX);
	}
	jw_obj_end(&w);
	jw_end(&w);
}
