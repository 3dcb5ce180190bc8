/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_SNAPSHOT_H
#define SS_SNAPSHOT_H

#include "ss_vm.h"

int ss_snapshot_vm(struct ss_vm *vm, s64 values[SS_NR_STATS]);

#endif /* SS_SNAPSHOT_H */
