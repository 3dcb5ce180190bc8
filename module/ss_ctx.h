/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which VM an event belongs to. No kvmmmu tracepoint carries a struct kvm, so
 * hooks on functions that take one leave it where the tracepoint probe that
 * fires inside them can find it: per CPU where KVM holds mmu_lock (no
 * preemption in between), per task where KVM may sleep and migrate.
 */
#ifndef SS_CTX_H
#define SS_CTX_H

#include <linux/percpu.h>
#include <linux/sched.h>
#include "../include/uapi/shadowstat.h"
#include "ss_kvm.h"

#define SS_ZAP_SYNC_SLOTS 4

/*
 * Entries name their task: on PREEMPT_RT, mmu_lock does not disable
 * preemption, and another task on this CPU must not inherit an entry.
 */
struct ss_zap_sync {
	const void *sp;
	struct kvm *kvm;
	struct task_struct *task;
};

struct ss_cpu_ctx {
	/* set on entry to KVM's TDP SPTE-change handler */
	struct kvm *tdp_kvm;
	struct task_struct *tdp_task;
	/* unsync pages being zapped: their sync event comes from the zap */
	struct ss_zap_sync zap_sync[SS_ZAP_SYNC_SLOTS];
	unsigned int zap_sync_next;
	/* kvm_mmu_unsync_page events on this CPU, for the unsync_try hook */
	unsigned long unsync_marks;
	/* in kvm_mmu_zap_oldest_mmu_pages(), under mmu_lock (recycle_ctx.c) */
	struct task_struct *recycle_task;
	bool recycle_first;	/* no zap of this call seen yet */
};

DECLARE_PER_CPU(struct ss_cpu_ctx, ss_cpu_ctx);
extern atomic64_t ss_unattributed;

/*
 * Why a task works on a VM with no vCPU: the KVM entry points it is in
 * (task_ctx.h), nested ones included (a memslot split calls the TDP one).
 */
#define SS_TASK_SPLIT_SLOT	BIT(0)	/* dirty logging enabled on a memslot */
#define SS_TASK_SPLIT_RANGE	BIT(1)	/* KVM_CLEAR_DIRTY_LOG, or a dirty-log get */
#define SS_TASK_SPLIT_TDP	BIT(2)	/* the TDP MMU's own splitting */
#define SS_TASK_ZAP_ROOTS	BIT(3)
#define SS_TASK_ZAP_ALL		BIT(4)

void ss_ctx_task_enter(struct kvm *kvm, unsigned int why);
void ss_ctx_task_exit(unsigned int why);
/* The task's VM, or NULL; if @why, also the SS_TASK_* it is in. */
struct kvm *ss_ctx_task_get(unsigned int *why);

static inline struct kvm *ss_ctx_task_kvm(void)
{
	return ss_ctx_task_get(NULL);
}

/* The VM of a shadow-MMU event that may happen with no vCPU (eager split). */
static inline struct kvm *ss_ctx_vcpu_or_task_kvm(void)
{
	struct kvm *kvm = ss_kvm_running();

	return kvm ? kvm : ss_ctx_task_kvm();
}

void ss_ctx_zap_sync_push(const void *sp, struct kvm *kvm);
struct kvm *ss_ctx_zap_sync_pop(const void *sp);

static inline void ss_ctx_set_tdp_kvm(struct kvm *kvm)
{
	struct ss_cpu_ctx *ctx = this_cpu_ptr(&ss_cpu_ctx);

	ctx->tdp_kvm = kvm;
	ctx->tdp_task = current;
}

static inline struct kvm *ss_ctx_tdp_kvm(void)
{
	struct ss_cpu_ctx *ctx = this_cpu_ptr(&ss_cpu_ctx);

	return ctx->tdp_task == current ? ctx->tdp_kvm : NULL;
}

/*
 * Is this zap KVM's recycling? If so, the first zap of the call also sets
 * SHADOWSTAT_RECF_FIRST in *@flags.
 */
static inline bool ss_ctx_in_recycle(u8 *flags)
{
	struct ss_cpu_ctx *ctx = this_cpu_ptr(&ss_cpu_ctx);

	if (ctx->recycle_task != current)
		return false;
	if (ctx->recycle_first) {
		ctx->recycle_first = false;
		*flags |= SHADOWSTAT_RECF_FIRST;
	}
	return true;
}

#endif /* SS_CTX_H */
