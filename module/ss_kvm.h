/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that reads KVM's own state lives behind these calls, so the
 * differences between kernel eras (found by configure.sh) stay in ss_kvm.c.
 */
#ifndef SS_KVM_H
#define SS_KVM_H

#include <linux/kvm_host.h>
#include "ss_config.h"

/* The field of struct kvm behind mmu_shadow_pages (ss_stat_table.h). */
#if defined(SS_HAVE_N_USED_MMU_PAGES)
#define SS_KVM_SHADOW_PAGES_FIELD arch.n_used_mmu_pages
#elif defined(SS_HAVE_STAT_MMU_SHADOW_PAGES)
#define SS_KVM_SHADOW_PAGES_FIELD stat.mmu_shadow_pages
#else
#error "this kernel has neither kvm->arch.n_used_mmu_pages nor kvm->stat.mmu_shadow_pages"
#endif

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

static inline unsigned long ss_kvm_shadow_pages(struct kvm *kvm)
{
	return READ_ONCE(kvm->SS_KVM_SHADOW_PAGES_FIELD);
}

/* The 4- or 8-byte field of struct kvm at @off (the stat table's KVM source). */
static inline s64 ss_kvm_read_field(struct kvm *kvm, u32 off, u32 size)
{
	const void *p = (const char *)kvm + off;

	return size == 4 ? READ_ONCE(*(const u32 *)p) : READ_ONCE(*(const u64 *)p);
}

/* Where ss_kvm_shadow_pages() reads, for status. */
const char *ss_kvm_shadow_pages_source(void);
bool ss_kvm_uses_tdp_mmu(struct kvm *kvm);
/* SHADOWSTAT_MMU_* */
u32 ss_kvm_mmu_mode(struct kvm *kvm);
/* This kernel counts its non-root TDP MMU pages itself. */
bool ss_kvm_keeps_tdp_count(void);
/* Non-root TDP MMU pages, or -1 when this kernel keeps no count. */
long ss_kvm_tdp_pages(struct kvm *kvm);
long ss_kvm_tdp_roots(struct kvm *kvm);

#endif /* SS_KVM_H */
