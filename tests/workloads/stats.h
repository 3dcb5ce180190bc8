/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading KVM's per-VM debugfs stats and shadowstat's debugfs files, and
 * finding out which MMU mode KVM runs in.
 */
#ifndef SSVMM_STATS_H
#define SSVMM_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

#define KVM_DEBUGFS	"/sys/kernel/debug/kvm"
#define SS_DEBUGFS	"/sys/kernel/debug/shadowstat"

/* KVM's own per-VM stats that the checks use (names in kvm_stat_names[]). */
enum kvm_stat_id {
	K_mmu_cache_miss,
	K_mmu_shadow_zapped,
	K_mmu_recycled,
	K_mmu_unsync,
	K_pages_4k,
	K_pages_2m,
	K_mmu_pte_write,
	K_mmu_flooded,
	K_NR
};

/* shadowstat's stats, from the module's own table (names in ss_stat_names[]). */
enum ss_stat_id {
#define SS_STAT(name, kind, unit, source, arg, needs, desc) S_##name,
#include "../../module/ss_stat_table.h"
#undef SS_STAT
	S_NR
};

/* A shadowstat stat that reads as unavailable (ENODATA). */
#define SS_NA	INT64_MIN

extern const char *const kvm_stat_names[K_NR];
extern const char *const ss_stat_names[S_NR];
/* A ratio of two other stats: it has no total. */
extern const bool ss_stat_is_ratio[S_NR];
/* a PEAK stat: its total is the highest of the VMs', not their sum */
extern const bool ss_stat_is_peak[S_NR];

/* Read one decimal number from @path; 0 on success. */
int read_num(const char *path, int64_t *val);
bool path_exists(const char *path);
/* One of KVM's per-VM stats. */
int kvm_stat_get(const char *name, const char *stat, int64_t *val);

/* All of KVM's stats for VM @name ("<pid>-<fd>"); 0 on success. */
int kvm_stats_read(const char *name, int64_t vals[K_NR], char *err, int errlen);
/*
 * shadowstat's stats for VM @name, or the totals if @name is NULL; 0 on
 * success, with SS_NA for each stat unavailable here.
 */
int ss_stats_read(const char *name, int64_t vals[S_NR], char *err, int errlen);
bool ss_loaded(void);
bool ss_vm_present(const char *name);
bool kvm_vm_present(const char *name);

/* KVM's MMU mode from module parameters and the host paging depth. */
int host_mmu_mode(enum mmu_mode *mode, int *tdp_levels);

#endif /* SSVMM_STATS_H */
