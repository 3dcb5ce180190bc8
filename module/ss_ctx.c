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
};

static struct ss_task_slot ss_task_slots[SS_TASK_SLOTS];

void ss_ctx_task_enter(struct kvm *kvm)
{
	int i;

	for (i = 0; i < SS_TASK_SLOTS; i++) {
		if (!cmpxchg(&ss_task_slots[i].task, NULL, current)) {
			WRITE_ONCE(ss_task_slots[i].kvm, kvm);
			return;
		}
	}
}

void ss_ctx_task_exit(void)
{
	int i;

	for (i = 0; i < SS_TASK_SLOTS; i++) {
		if (READ_ONCE(ss_task_slots[i].task) == current) {
			WRITE_ONCE(ss_task_slots[i].kvm, NULL);
			/* the slot is free only once its kvm is cleared */
			smp_store_release(&ss_task_slots[i].task, NULL);
			return;
		}
	}
}

struct kvm *ss_ctx_task_kvm(void)
{
	int i;

	for (i = 0; i < SS_TASK_SLOTS; i++)
		/* pairs with the release in ss_ctx_task_exit() */
		if (smp_load_acquire(&ss_task_slots[i].task) == current)
			return READ_ONCE(ss_task_slots[i].kvm);
	return NULL;
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
