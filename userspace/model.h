/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CLI's in-memory view of what the module reports: the schema, the VMs
 * and snapshots of their values. Nothing here talks to the device, so the
 * formatting and parsing code can be tested on any host.
 */
#ifndef SS_MODEL_H
#define SS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../include/uapi/shadowstat.h"

#define SS_GUEST_SIZE 64

/* One stat as the schema describes it; kind and unit are kept unknown-safe. */
struct ss_stat {
	char name[SHADOWSTAT_NAME_SIZE];
	char desc[SHADOWSTAT_DESC_SIZE];
	uint32_t kind;		/* SHADOWSTAT_KIND_*, maybe one newer than us */
	uint32_t unit;		/* SHADOWSTAT_UNIT_* */
};

struct ss_schema {
	size_t nr;
	struct ss_stat *stats;
};

struct ss_vm {
	uint64_t id;
	int32_t pid;
	int32_t fd;
	uint32_t mmu_mode;	/* SHADOWSTAT_MMU_* */
	uint64_t created_ns;
	char name[SHADOWSTAT_VM_NAME_SIZE];	/* "<pid>-<fd>" */
	char guest[SS_GUEST_SIZE];		/* "" when unknown */
};

/* Values of some VMs at one time, in schema order. */
struct ss_snapshot {
	uint64_t timestamp_ns;	/* CLOCK_MONOTONIC */
	size_t nr_vms;
	size_t nr_stats;
	struct ss_vm *vms;
	int64_t *values;	/* nr_vms rows of nr_stats */
};

enum ss_group { SS_GROUP_GAUGE, SS_GROUP_CUMULATIVE, SS_GROUP_MIRROR };

int ss_schema_find(const struct ss_schema *schema, const char *name);
void ss_schema_free(struct ss_schema *schema);

bool ss_stat_is_counter(const struct ss_stat *stat);
enum ss_group ss_stat_group(const struct ss_stat *stat);
const char *ss_group_name(enum ss_group group);
const char *ss_kind_name(uint32_t kind);
const char *ss_unit_name(uint32_t unit);
const char *ss_mmu_name(uint32_t mmu_mode);

/* A value the module could not get on this kernel: printed as n/a. */
static inline bool ss_is_na(int64_t v)
{
	return v == SHADOWSTAT_VALUE_UNAVAILABLE;
}

static inline int64_t ss_value(const struct ss_snapshot *snap, size_t vm,
			       size_t stat)
{
	return snap->values[vm * snap->nr_stats + stat];
}

void ss_snapshot_free(struct ss_snapshot *snap);

#endif /* SS_MODEL_H */
