// SPDX-License-Identifier: GPL-2.0
/*
 * A view that only hears of departures: when KVM has destroyed a VM (after
 * its last zap, before the struct kvm is freed), its final row goes into a
 * ring preallocated at load. A shadow or TDP page still counted then was
 * never freed: the row is how a teardown leak is seen after the fact.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "../include/uapi/shadowstat.h"
#include "ss_history.h"
#include "ss_snapshot.h"
#include "ss_view.h"

struct ss_departed {
	struct ss_vm_info info;
	s64 values[SS_NR_STATS];
};

static struct ss_departed *ss_ring;
static unsigned int ss_ring_next;	/* slot of the next departure */
static unsigned int ss_ring_used;
static DEFINE_SPINLOCK(ss_ring_lock);

/* From the destroy kretprobe: atomic, so the row is filled in place. */
static void ss_history_vm_departed(struct ss_vm *vm)
{
	struct ss_departed *d;
	unsigned long flags;

	if (!ss_ring)
		return;
	spin_lock_irqsave(&ss_ring_lock, flags);
	d = &ss_ring[ss_ring_next];
	d->info = vm->info;
	ss_snapshot_final(vm, d->values);
	ss_ring_next = (ss_ring_next + 1) % SHADOWSTAT_MAX_DEPARTED;
	if (ss_ring_used < SHADOWSTAT_MAX_DEPARTED)
		ss_ring_used++;
	spin_unlock_irqrestore(&ss_ring_lock, flags);
}

static const struct ss_view ss_history_view = {
	.name = "history",
	.vm_departed = ss_history_vm_departed,
};

int ss_history_copy(struct ss_vm_info *infos, s64 *values, int max)
{
	unsigned int i, first, n;
	unsigned long flags;

	if (!ss_ring)
		return 0;
	spin_lock_irqsave(&ss_ring_lock, flags);
	n = ss_ring_used;
	first = (ss_ring_next + SHADOWSTAT_MAX_DEPARTED - n) % SHADOWSTAT_MAX_DEPARTED;
	for (i = 0; i < n && i < max; i++) {
		const struct ss_departed *d = &ss_ring[(first + i) % SHADOWSTAT_MAX_DEPARTED];

		infos[i] = d->info;
		memcpy(&values[(size_t)i * SS_NR_STATS], d->values, sizeof(d->values));
	}
	spin_unlock_irqrestore(&ss_ring_lock, flags);
	return n;
}

/* Without the ring the module still works: departures are just not kept. */
int ss_history_init(void)
{
	ss_ring = kvcalloc(SHADOWSTAT_MAX_DEPARTED, sizeof(*ss_ring), GFP_KERNEL);
	if (!ss_ring)
		return -ENOMEM;
	return ss_view_register(&ss_history_view);
}

void ss_history_exit(void)
{
	kvfree(ss_ring);
	ss_ring = NULL;
}
