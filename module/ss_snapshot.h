/* SPDX-License-Identifier: GPL-2.0 */
/* One VM's stats at one time, assembled from the stat table (ss_snapshot.c). */
#ifndef SS_SNAPSHOT_H
#define SS_SNAPSHOT_H

#include "ss_stat_ids.h"
#include "ss_vm.h"

/* skip the walk of the VM's shadow pages: its stats read as unavailable */
#define SS_SNAP_NO_WALK 1

/* Caller holds ss_vm_lock. -ENOENT for a VM that is gone. */
int ss_snapshot_vm(struct ss_vm *vm, s64 values[SS_NR_STATS], unsigned int flags);

/* A VM KVM has destroyed, from its destroy hook (atomic); no walk. */
void ss_snapshot_final(struct ss_vm *vm, s64 values[SS_NR_STATS]);

#endif /* SS_SNAPSHOT_H */
