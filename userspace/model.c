// SPDX-License-Identifier: GPL-2.0
/* Names and classes of the schema's kinds, units and MMU modes. */
#include <stdlib.h>
#include <string.h>

#include "model.h"

int ss_schema_find(const struct ss_schema *schema, const char *name)
{
	size_t i;

	for (i = 0; i < schema->nr; i++)
		if (!strcmp(schema->stats[i].name, name))
			return i;
	return -1;
}

void ss_schema_free(struct ss_schema *schema)
{
	free(schema->stats);
	schema->stats = NULL;
	schema->nr = 0;
}

/* Only cumulative stats are counters; a kind newer than us is a gauge. */
bool ss_stat_is_counter(const struct ss_stat *stat)
{
	return stat->kind == SHADOWSTAT_KIND_CUMULATIVE;
}

enum ss_group ss_stat_group(const struct ss_stat *stat)
{
	if (!strncmp(stat->name, "mirror_", strlen("mirror_")))
		return SS_GROUP_MIRROR;
	if (ss_stat_is_counter(stat))
		return SS_GROUP_CUMULATIVE;
	return SS_GROUP_GAUGE;
}

const char *ss_group_name(enum ss_group group)
{
	switch (group) {
	case SS_GROUP_GAUGE:
		return "Gauges";
	case SS_GROUP_CUMULATIVE:
		return "Cumulative";
	case SS_GROUP_MIRROR:
		return "Mirror";
	}
	return "Other";
}

const char *ss_kind_name(uint32_t kind)
{
	switch (kind) {
	case SHADOWSTAT_KIND_GAUGE:
		return "gauge";
	case SHADOWSTAT_KIND_CUMULATIVE:
		return "cumulative";
	case SHADOWSTAT_KIND_PEAK:
		return "peak";
	case SHADOWSTAT_KIND_RATIO:
		return "ratio";
	}
	return "unknown";
}

const char *ss_unit_name(uint32_t unit)
{
	switch (unit) {
	case SHADOWSTAT_UNIT_PAGES:
		return "pages";
	case SHADOWSTAT_UNIT_PPM:
		return "ppm";
	case SHADOWSTAT_UNIT_SECONDS:
		return "seconds";
	case SHADOWSTAT_UNIT_NONE:
	default:
		return "";
	}
}

const char *ss_mmu_name(uint32_t mmu_mode)
{
	switch (mmu_mode) {
	case SHADOWSTAT_MMU_SHADOW:
		return "shadow";
	case SHADOWSTAT_MMU_TDP:
		return "tdp";
	case SHADOWSTAT_MMU_TDP_LEGACY:
		return "tdp-legacy";
	}
	return "unknown";
}

void ss_snapshot_free(struct ss_snapshot *snap)
{
	free(snap->vms);
	free(snap->values);
	memset(snap, 0, sizeof(*snap));
}
