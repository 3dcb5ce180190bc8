// SPDX-License-Identifier: GPL-2.0
/*
 * A walk holds mmu_lock, which stalls the VM's MMU faults. The shadow walk
 * yields it every walk_hold_us and goes on where it was if nothing changed;
 * past walk_budget_us of held time in all a walk stops, and what it would
 * have counted reads as unavailable rather than partial.
 */
#include <linux/moduleparam.h>
#include <linux/time64.h>
#include "ss_walk_limits.h"

static unsigned int walk_budget_us = 5000;
module_param(walk_budget_us, uint, 0644);
MODULE_PARM_DESC(walk_budget_us,
		 "Longest a snapshot may take to walk a VM's shadow pages (us)");
static unsigned int walk_hold_us = 250;
module_param(walk_hold_us, uint, 0644);
MODULE_PARM_DESC(walk_hold_us,
		 "Longest one hold of mmu_lock in a walk before it yields (us; 0: never yield)");

u64 ss_walk_budget_ns(void)
{
	return (u64)READ_ONCE(walk_budget_us) * NSEC_PER_USEC;
}

u64 ss_walk_hold_ns(void)
{
	return (u64)READ_ONCE(walk_hold_us) * NSEC_PER_USEC;
}
