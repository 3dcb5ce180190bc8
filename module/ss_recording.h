/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Recording one VM's shadow-page stream (SHADOWSTAT_IOC_RECORD): a snapshot
 * of active_mmu_pages, then every lookup, zap, limit change and fast zap, in
 * a ring the probes fill without a lock (ss_rec_ring.h). A recording belongs
 * to the file that started it; the VM only points to it while it runs.
 */
#ifndef SS_RECORDING_H
#define SS_RECORDING_H

#include <linux/rcupdate.h>
#include "ss_rec_ring.h"
#include "ss_vm.h"

struct ss_recording {
	u64 vm_id;
	bool stopped;
	struct ss_rec_ring *ring;
};

/* What a read hands back besides the records (struct shadowstat_record). */
struct ss_rec_status {
	u32 state;
	u64 lost, mark, cache_miss, recycled, limit, used;
};

extern atomic64_t ss_rec_active;
extern atomic64_t ss_rec_lost;	/* by every recording, in all */

int ss_rec_start(struct ss_recording **recp, u64 vm_id, u32 capacity,
		 struct ss_rec_status *st);
/* Refresh @st, then pop up to @max records into @out; returns how many. */
u32 ss_rec_read(struct ss_recording *rec, struct shadowstat_sp_record *out,
		u32 max, struct ss_rec_status *st);
/* Unpublish and wait for every probe to leave it; the ring stays readable. */
void ss_rec_stop(struct ss_recording *rec);
void ss_rec_free(struct ss_recording *rec);
void ss_rec_init(void);

u64 ss_rec_page_id(const void *sp);
void ss_rec_push_sp(struct ss_recording *rec, const void *sp, u8 type, u8 flags,
		    u16 cause);

static inline void ss_rec_push(struct ss_recording *rec,
			       const struct shadowstat_sp_record *r)
{
	if (unlikely(!ss_rec_ring_push(rec->ring, r)))
		atomic64_inc(&ss_rec_lost);
}

/* From a probe (an RCU read-side section): the VM's recording, or NULL. */
static inline struct ss_recording *ss_vm_recording(struct ss_vm *vm)
{
	return rcu_dereference_check(vm->rec, 1);
}

/* From a probe: @r into @kvm's recording, if it has one. */
static inline void ss_rec_push_kvm(struct kvm *kvm, const struct shadowstat_sp_record *r)
{
	struct ss_vm *vm = ss_vm_find(kvm);
	struct ss_recording *rec = vm ? ss_vm_recording(vm) : NULL;

	if (unlikely(rec))
		ss_rec_push(rec, r);
}

#endif /* SS_RECORDING_H */
