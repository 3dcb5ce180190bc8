/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMs KVM destroyed while shadowstat watched: the last
 * SHADOWSTAT_MAX_DEPARTED of them, each as it stood when
 * kvm_arch_destroy_vm() returned.
 */
#ifndef SS_HISTORY_H
#define SS_HISTORY_H

#include <linux/types.h>
#include "ss_stat_ids.h"
#include "ss_vm.h"

int ss_history_init(void);
void ss_history_exit(void);
/*
 * Copy up to @max departed VMs, oldest first, into @infos and @values (rows
 * of SS_NR_STATS); returns how many there are, which may exceed @max.
 */
int ss_history_copy(struct ss_vm_info *infos, s64 *values, int max);

#endif /* SS_HISTORY_H */
