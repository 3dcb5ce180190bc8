// SPDX-License-Identifier: GPL-2.0
#include <linux/sched.h>
#include "ss_ctx.h"

DEFINE_PER_CPU(struct ss_cpu_ctx, ss_cpu_ctx);
atomic64_t ss_unattributed = ATOMIC64_INIT(0);

/*
 * Eager splitting and TDP root zaps drop mmu_lock and reschedule, so their VM
 * is kept per task. Few tasks do either at once; a full table leaves the
 * event to other means (or unattributed, which status reports) rather than
 * guessing.
 */
#define SS_TASK_SLOTS 16

struct ss_task_slot {
	struct task_struct *task;
	struct kvm *kvm;
	unsigned int why;
};

static struct ss_task_slot ss_task_slots[SS_TASK_SLOTS];

static struct ss_task_slot *ss_task_slot_of_current(void)
{
	int i;

	for (i = 0; i < SS_TASK_SLOTS; i++)
		/* pairs with the release in ss_ctx_task_exit() */
		if (smp_load_acquire(&ss_task_slots[i].task) == current)
			return &ss_task_slots[i];
	return NULL;
}

/* Only the slot's own task writes its kvm and why, so plain stores do. */
void ss_ctx_task_enter(struct kvm *kvm, unsigned int why)
{
	struct ss_task_slot *slot = ss_task_slot_of_current();
	int i;

	if (slot) {
		WRITE_ONCE(slot->why, slot->why | why);
		return;
	}
	for (i = 0; i < SS_TASK_SLOTS; i++) {
		if (!cmpxchg(&ss_task_slots[i].task, NULL, current)) {
			WRITE_ONCE(ss_task_slots[i].kvm, kvm);
			WRITE_ONCE(ss_task_slots[i].why, why);
			return;
		}
	}
}

void ss_ctx_task_exit(unsigned int why)
{
	struct ss_task_slot *slot = ss_task_slot_of_current();

	if (!slot)
		return;
	WRITE_ONCE(slot->why, slot->why & ~why);
	if (slot->why)
		return;
	WRITE_ONCE(slot->kvm, NULL);
	/* the slot is free only once its kvm is cleared */
	smp_store_release(&slot->task, NULL);
}

struct kvm *ss_ctx_task_get(unsigned int *why)
{
	struct ss_task_slot *slot = ss_task_slot_of_current();

	if (why)
		*why = slot ? READ_ONCE(slot->why) : 0;
	return slot ? READ_ONCE(slot->kvm) : NULL;
}

void ss_ctx_zap_sync_push(const void *sp, struct kvm *kvm)
{
	struct ss_cpu_ctx *ctx = this_cpu_ptr(&ss_cpu_ctx);
	struct ss_zap_sync *slot;

	slot = &ctx->zap_sync[ctx->zap_sync_next++ % SS_ZAP_SYNC_SLOTS];
	slot->sp = sp;
	slot->kvm = kvm;
	slot->task = current;
}

struct kvm *ss_ctx_zap_sync_pop(const void *sp)
{
	struct ss_cpu_ctx *ctx = this_cpu_ptr(&ss_cpu_ctx);
	int i;

	for (i = 0; i < SS_ZAP_SYNC_SLOTS; i++) {
		if (ctx->zap_sync[i].sp == sp && ctx->zap_sync[i].task == current) {
			ctx->zap_sync[i].sp = NULL;
			return ctx->zap_sync[i].kvm;
		}
	}
	return NULL;
}
