/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the rest of the module (debugfs, the misc device) may ask of the core:
 * the stat table, the list of VMs, consistent snapshots and the status text.
 */
#ifndef SS_CORE_H
#define SS_CORE_H

#include <linux/types.h>

#define SS_VERSION "0.1.0"

enum ss_stat_kind { SS_KIND_GAUGE, SS_KIND_CUMULATIVE, SS_KIND_PEAK };
enum ss_stat_unit { SS_UNIT_PAGES, SS_UNIT_NONE };

enum ss_stat_id {
#define SS_STAT(name, kind, unit, desc) SS_STAT_##name,
#include "ss_stat_table.h"
#undef SS_STAT
	SS_NR_STATS
};

struct ss_stat_def {
	const char *name;
	enum ss_stat_kind kind;
	enum ss_stat_unit unit;
	const char *desc;
};

extern const struct ss_stat_def ss_stat_defs[SS_NR_STATS];

/*
 * A stat whose source is unavailable on this kernel (hook not attached, layout
 * not found) reads as SS_VALUE_UNAVAILABLE, never as a made-up number. debugfs
 * returns -ENODATA for it; the ioctl ABI passes the value through and the CLI
 * prints "n/a".
 */
#define SS_VALUE_UNAVAILABLE S64_MIN

enum ss_mmu_mode { SS_MMU_SHADOW, SS_MMU_TDP, SS_MMU_TDP_LEGACY };

/* What userspace may learn about one VM: no kernel address. */
struct ss_vm_info {
	u64 id;			/* stable for the VM's life, never reused */
	s32 pid;
	s32 fd;			/* -1 when unknown */
	u32 mmu_mode;		/* enum ss_mmu_mode */
	u64 created_ns;		/* ktime_get_real_ns() when shadowstat first saw it */
	char name[32];		/* "<pid>-<fd>", as KVM's debugfs directory */
};

/* Fill up to @max entries; returns the number of VMs (may exceed @max). */
int ss_vm_list(struct ss_vm_info *infos, int max);
/* Snapshot of one VM by id; -ENOENT if it is gone. */
int ss_vm_snapshot(u64 vm_id, s64 values[SS_NR_STATS]);
/* Sum over all live VMs. */
int ss_totals_snapshot(s64 values[SS_NR_STATS]);
/* Status report as text; returns its length (truncated to @size - 1). */
ssize_t ss_status_format(char *buf, size_t size);

#endif /* SS_CORE_H */
