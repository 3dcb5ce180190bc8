/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How long a walk of a VM's pages may hold its mmu_lock: the module
 * parameters walk_budget_us (in all) and walk_hold_us (in one hold), shared
 * by the shadow-page walk of a snapshot and the TDP walk at adoption.
 */
#ifndef SS_WALK_LIMITS_H
#define SS_WALK_LIMITS_H

#include <linux/types.h>

u64 ss_walk_budget_ns(void);
/* 0: never yield */
u64 ss_walk_hold_ns(void);

#endif /* SS_WALK_LIMITS_H */
