// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

static void ss_fx_stat(struct ss_stat *st, const char *name, uint32_t kind,
		       const char *desc)
{
	memset(st, 0, sizeof(*st));
	snprintf(st->name, sizeof(st->name), "%s", name);
	snprintf(st->desc, sizeof(st->desc), "%s", desc);
	st->kind = kind;
	st->unit = SHADOWSTAT_UNIT_PAGES;
}

static void ss_fx_vm(struct ss_vm *vm, uint64_t id, int pid, int fd,
		     uint32_t mmu, const char *guest)
{
	memset(vm, 0, sizeof(*vm));
	vm->id = id;
	vm->pid = pid;
	vm->fd = fd;
	vm->mmu_mode = mmu;
	vm->created_ns = 1700000000ULL * 1000000000ULL;
	snprintf(vm->name, sizeof(vm->name), "%d-%d", pid, fd);
	snprintf(vm->guest, sizeof(vm->guest), "%s", guest);
}

void ss_fixture_init(struct ss_fixture *fx)
{
	static const int64_t values[] = { 20, 5, 120, 0, 0, 0, 7, -1 };

	memset(fx, 0, sizeof(*fx));
	fx->schema.nr = 4;
	fx->schema.stats = calloc(16, sizeof(struct ss_stat));
	ss_fx_stat(&fx->schema.stats[0], "mmu_shadow_pages",
		   SHADOWSTAT_KIND_GAUGE, "Live shadow pages");
	ss_fx_stat(&fx->schema.stats[1], "unsync_shadow_pages",
		   SHADOWSTAT_KIND_GAUGE, "Unsync shadow pages");
	ss_fx_stat(&fx->schema.stats[2], "sp_created",
		   SHADOWSTAT_KIND_CUMULATIVE, "Shadow pages created");
	ss_fx_stat(&fx->schema.stats[3], "mirror_drift",
		   SHADOWSTAT_KIND_GAUGE, "Mirror minus KVM");

	fx->snap.timestamp_ns = 5000000000ULL;
	fx->snap.nr_vms = 2;
	fx->snap.nr_stats = 4;
	fx->snap.vms = calloc(8, sizeof(struct ss_vm));
	ss_fx_vm(&fx->snap.vms[0], 1, 100, 10, SHADOWSTAT_MMU_SHADOW, "web");
	ss_fx_vm(&fx->snap.vms[1], 2, 200, 12, SHADOWSTAT_MMU_TDP, "");
	fx->snap.values = calloc(8 * 16, sizeof(int64_t));
	memcpy(fx->snap.values, values, sizeof(values));

	fx->rows[0] = 0;
	fx->rows[1] = 1;
	fx->listing.schema = &fx->schema;
	fx->listing.snap = &fx->snap;
	fx->listing.rows = fx->rows;
	fx->listing.nr_rows = 2;
	fx->listing.totals = true;
}

void ss_fixture_add_stat(struct ss_fixture *fx, const char *name,
			 uint32_t kind, const char *desc, int64_t v)
{
	size_t n = fx->schema.nr, old = fx->snap.nr_stats, i, s;
	int64_t *values = calloc(8 * 16, sizeof(int64_t));

	ss_fx_stat(&fx->schema.stats[n], name, kind, desc);
	for (i = 0; i < fx->snap.nr_vms; i++) {
		for (s = 0; s < old; s++)
			values[i * (old + 1) + s] = fx->snap.values[i * old + s];
		values[i * (old + 1) + old] = v;
	}
	free(fx->snap.values);
	fx->snap.values = values;
	fx->snap.nr_stats = old + 1;
	fx->schema.nr = n + 1;
}

void ss_fixture_free(struct ss_fixture *fx)
{
	ss_schema_free(&fx->schema);
	ss_snapshot_free(&fx->snap);
}
