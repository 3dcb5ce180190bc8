/* SPDX-License-Identifier: GPL-2.0 */
/* A hand-made schema and snapshot for the format tests. */
#ifndef SS_FIXTURES_H
#define SS_FIXTURES_H

#include "../format.h"

struct ss_fixture {
	struct ss_schema schema;
	struct ss_snapshot snap;
	size_t rows[8];
	struct ss_listing listing;
};

/*
 * Stats: mmu_shadow_pages, unsync_shadow_pages (gauges), sp_created
 * (cumulative), mirror_drift (gauge). VMs: 100-10 "web" shadow (20, 5, 120,
 * 0) and 200-12 without a guest name, tdp (0, 0, 7, -1).
 */
void ss_fixture_init(struct ss_fixture *fx);
/* Add a stat to the schema, with the value @v for every VM. */
void ss_fixture_add_stat(struct ss_fixture *fx, const char *name,
			 uint32_t kind, const char *desc, int64_t v);
void ss_fixture_free(struct ss_fixture *fx);

#endif /* SS_FIXTURES_H */
