// SPDX-License-Identifier: GPL-2.0
#include <linux/sched.h>
#include "ss_ctx.h"

DEFINE_PER_CPU(struct ss_cpu_ctx, ss_cpu_ctx);
atomic64_t ss_unattributed = ATOMIC64_INIT(0);

/*
 * Eager splitting drops mmu_lock and reschedules, so its VM is kept per task.
 * Few tasks split at once; a full table leaves the event unattributed, which
 * status reports, rather than guessing.
 */
#define SS_SPLIT_SLOTS 16

struct ss_split_slot {
	struct task_struct *task;
	struct kvm *kvm;
};

static struct ss_split_slot ss_split_slots[SS_SPLIT_SLOTS];

void ss_ctx_split_enter(struct kvm *kvm)
{
	int i;

	for (i = 0; i < SS_SPLIT_SLOTS; i++) {
		if (!cmpxchg(&ss_split_slots[i].task, NULL, current)) {
			WRITE_ONCE(ss_split_slots[i].kvm, kvm);
			return;
		}
	}
}

void ss_ctx_split_exit(void)
{
	int i;

	for (i = 0; i < SS_SPLIT_SLOTS; i++) {
		if (READ_ONCE(ss_split_slots[i].task) == current) {
			WRITE_ONCE(ss_split_slots[i].kvm, NULL);
			/* the slot is free only once its kvm is cleared */
			smp_store_release(&ss_split_slots[i].task, NULL);
			return;
		}
	}
}

struct kvm *ss_ctx_split_kvm(void)
{
	int i;

	for (i = 0; i < SS_SPLIT_SLOTS; i++)
		/* pairs with the release in ss_ctx_split_exit() */
		if (smp_load_acquire(&ss_split_slots[i].task) == current)
			return READ_ONCE(ss_split_slots[i].kvm);
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
