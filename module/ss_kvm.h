/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that reads KVM's own state lives behind these calls, so the
 * differences between kernel eras (found by configure.sh) stay in ss_kvm.c.
 */
#ifndef SS_KVM_H
#define SS_KVM_H

#include <linux/kvm_host.h>
#include "ss_core.h"

struct ss_kvm_syms {
	struct mutex *kvm_lock;		/* KVM's lock of vm_list */
	struct list_head *vm_list;
	void (*put_kvm)(struct kvm *kvm);
	struct kvm_vcpu *(*running_vcpu)(void);
	/* KVM's per-CPU kvm_running_vcpu itself: one load instead of a call */
	struct kvm_vcpu * __percpu *running_vcpus;
	bool *tdp_enabled;		/* NPT/EPT in use at all */
	bool *tdp_mmu_enabled;		/* global TDP MMU switch, 6.3+ */
};

extern struct ss_kvm_syms ss_kvm;

enum ss_kvm_call_id { SS_KVM_CALL_PUT_KVM, SS_KVM_CALL_RUNNING_VCPU, SS_KVM_NR_CALLS };

/* A KVM function called through a pointer, and how it was checked (status). */
struct ss_kvm_call {
	const char *name;
	void *fn;
	char why[64];
};

extern struct ss_kvm_call ss_kvm_calls[SS_KVM_NR_CALLS];
/* why shadowstat is not attached to kvm, for status */
extern char ss_kvm_why[96];

int ss_kvm_resolve(struct module *kvm_mod);
void ss_kvm_forget(void);
bool ss_kvm_ready(void);

/* Either way of telling the running vCPU was found. */
static inline bool ss_kvm_knows_running(void)
{
	return ss_kvm.running_vcpus || ss_kvm.running_vcpu;
}

/*
 * Hot path: the VM whose vCPU runs on this CPU, or NULL. Callers have
 * preemption disabled (probes), as kvm_get_running_vcpu() would.
 */
static inline struct kvm *ss_kvm_running(void)
{
	struct kvm_vcpu *vcpu;

	if (likely(ss_kvm.running_vcpus))
		vcpu = this_cpu_read(*ss_kvm.running_vcpus);
	else	/* exported: a valid indirect-call target under IBT */
		vcpu = ss_kvm.running_vcpu ? ss_kvm.running_vcpu() : NULL;
	return vcpu ? vcpu->kvm : NULL;
}

bool ss_kvm_on_list(struct kvm *kvm);
bool ss_kvm_pin(struct kvm *kvm);
void ss_kvm_unpin(struct kvm *kvm);

unsigned long ss_kvm_shadow_pages(struct kvm *kvm);
/* Where ss_kvm_shadow_pages() reads, for status. */
const char *ss_kvm_shadow_pages_source(void);
bool ss_kvm_uses_tdp_mmu(struct kvm *kvm);
enum ss_mmu_mode ss_kvm_mmu_mode(struct kvm *kvm);
/* This kernel counts its non-root TDP MMU pages itself. */
bool ss_kvm_keeps_tdp_count(void);
/* Non-root TDP MMU pages, or -1 when this kernel keeps no count. */
long ss_kvm_tdp_pages(struct kvm *kvm);
long ss_kvm_tdp_roots(struct kvm *kvm);
struct ss_vm;
void ss_kvm_add_tdp_roots(struct kvm *kvm, struct ss_vm *vm);

#endif /* SS_KVM_H */
