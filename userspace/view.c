// SPDX-License-Identifier: GPL-2.0
/* Filtering, sorting and rates of listings. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "resolve.h"
#include "view.h"

double ss_rate(int64_t prev, int64_t cur, double dt_s)
{
	if (!(dt_s > 0) || cur < prev || ss_is_na(prev) || ss_is_na(cur))
		return NAN;
	return (double)(cur - prev) / dt_s;
}

static const struct ss_vm *ss_find_id(const struct ss_snapshot *snap,
				      uint64_t id, size_t *index_ret)
{
	size_t i;

	for (i = 0; i < snap->nr_vms; i++) {
		if (snap->vms[i].id == id) {
			*index_ret = i;
			return &snap->vms[i];
		}
	}
	return NULL;
}

double ss_rates_compute(const struct ss_schema *schema,
			const struct ss_snapshot *prev,
			const struct ss_snapshot *cur, double *rates)
{
	double dt = 0;
	size_t v, s, p;

	if (cur->timestamp_ns > prev->timestamp_ns)
		dt = (cur->timestamp_ns - prev->timestamp_ns) / 1e9;
	for (v = 0; v < cur->nr_vms; v++) {
		bool seen = ss_find_id(prev, cur->vms[v].id, &p);

		for (s = 0; s < cur->nr_stats; s++) {
			double *rate = &rates[v * cur->nr_stats + s];

			*rate = NAN;
			if (!seen || s >= schema->nr || s >= prev->nr_stats ||
			    !ss_stat_is_counter(&schema->stats[s]))
				continue;
			*rate = ss_rate(ss_value(prev, p, s),
					ss_value(cur, v, s), dt);
		}
	}
	return dt;
}

int ss_sort_key_parse(const struct ss_schema *schema, const char *name,
		      int *key_ret)
{
	int s;

	if (!strcmp(name, "vm")) {
		*key_ret = SS_SORT_VM;
	} else if (!strcmp(name, "pid")) {
		*key_ret = SS_SORT_PID;
	} else if (!strcmp(name, "guest")) {
		*key_ret = SS_SORT_GUEST;
	} else {
		s = ss_schema_find(schema, name);
		if (s < 0)
			return -EINVAL;
		*key_ret = s;
	}
	return 0;
}

size_t ss_select_rows(const struct ss_snapshot *snap, long pid,
		      const char *guest, size_t *rows)
{
	size_t i, n = 0;

	for (i = 0; i < snap->nr_vms; i++)
		if (ss_vm_matches(&snap->vms[i], pid, guest))
			rows[n++] = i;
	return n;
}

static int ss_cmp_num(double a, double b)
{
	/* larger first; unknown (NAN) last */
	if (isnan(a) || isnan(b))
		return isnan(a) - isnan(b);
	return a > b ? -1 : a < b;
}

static int ss_cmp_vm(const struct ss_vm *a, const struct ss_vm *b)
{
	if (a->pid != b->pid)
		return a->pid < b->pid ? -1 : 1;
	if (a->fd != b->fd)
		return a->fd < b->fd ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static double ss_sort_value(const struct ss_listing *l, size_t i, int key)
{
	int64_t v = ss_value(l->snap, i, key);

	if (l->rates && ss_stat_is_counter(&l->schema->stats[key]))
		return l->rates[i * l->snap->nr_stats + key];
	return ss_is_na(v) ? NAN : (double)v;
}

static int ss_cmp_rows(const struct ss_listing *l, size_t a, size_t b,
		       int key)
{
	const struct ss_vm *va = &l->snap->vms[a], *vb = &l->snap->vms[b];
	int c = 0;

	if (key == SS_SORT_VM)
		c = strcmp(va->name, vb->name);
	else if (key == SS_SORT_GUEST)
		c = strcmp(va->guest, vb->guest);
	else if (key >= 0)
		c = ss_cmp_num(ss_sort_value(l, a, key),
			       ss_sort_value(l, b, key));
	return c ? c : ss_cmp_vm(va, vb);
}

void ss_sort_rows(const struct ss_listing *l, size_t *rows, int key)
{
	size_t i, j;

	/* insertion sort: stable, and hosts have tens of VMs, not millions */
	for (i = 1; i < l->nr_rows; i++) {
		size_t row = rows[i];

		for (j = i; j > 0 && ss_cmp_rows(l, rows[j - 1], row, key) > 0;
		     j--)
			rows[j] = rows[j - 1];
		rows[j] = row;
	}
}
