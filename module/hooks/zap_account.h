/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What one shadow-page zap counts, shared by the zap tracepoint and the
 * kprobe that stands in for it where a zap's VM can only come from KVM's
 * arguments. Both see the page at the very start of
 * __kvm_mmu_prepare_zap_page().
 */
#ifndef SS_ZAP_ACCOUNT_H
#define SS_ZAP_ACCOUNT_H

#include "../ss_ctx.h"
#include "../ss_recording.h"
#include "../ss_sp.h"
#include "../ss_vm.h"

/*
 * Why KVM zaps @sp, as far as the context tells (enum shadowstat_zap_cause);
 * @on_vcpu: a vCPU of @kvm is running (its fault or sync path).
 */
static inline u16 ss_zap_cause(struct kvm *kvm, const void *sp, bool on_vcpu, u8 *flags)
{
	union kvm_mmu_page_role role = ss_sp_role(sp);

	if (ss_ctx_in_recycle(flags))
		return SHADOWSTAT_ZAP_RECYCLE;
	if (role.invalid || ss_sp_valid_gen(sp) != READ_ONCE(kvm->arch.mmu_valid_gen))
		return SHADOWSTAT_ZAP_OBSOLETE;
	if (!on_vcpu)
		return SHADOWSTAT_ZAP_VM;
	return *flags & SHADOWSTAT_RECF_UNSYNC ? SHADOWSTAT_ZAP_SYNC : SHADOWSTAT_ZAP_FAULT;
}

static inline void ss_zap_record(struct ss_recording *rec, struct kvm *kvm,
				 const void *sp, bool on_vcpu)
{
	u8 flags = 0;
	u16 cause;

	if (ss_sp_root_count(sp))
		flags |= SHADOWSTAT_RECF_ROOT;
	if (ss_sp_unsync(sp))
		flags |= SHADOWSTAT_RECF_UNSYNC;
	cause = ss_zap_cause(kvm, sp, on_vcpu, &flags);
	ss_rec_push_sp(rec, sp, SHADOWSTAT_REC_ZAP, flags, cause);
}

/*
 * A page with root_count == 0 leaves n_used_mmu_pages now; an in-use root
 * leaves the active list but stays counted until its release zaps it again
 * with root_count == 0. Returns the VM's recording, NULL when none: only then
 * does the caller work out the zap's context for ss_zap_record().
 */
static inline struct ss_recording *ss_zap_account(struct kvm *kvm, const void *sp)
{
	struct ss_vm *vm = ss_vm_find(kvm);

	if (!vm)
		return NULL;
	atomic64_inc(&vm->ev[ss_sp_root_count(sp) ? SS_STAT_sp_root_zaps :
			     SS_STAT_sp_zapped]);
	return ss_vm_recording(vm);
}

#endif /* SS_ZAP_ACCOUNT_H */
