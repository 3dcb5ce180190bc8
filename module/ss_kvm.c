// SPDX-License-Identifier: GPL-2.0
/*
 * Access to KVM's own state. vm_list and kvm_lock are not exported, and
 * linking against kvm.ko's exports would pin kvm.ko while shadowstat is
 * loaded, so every KVM symbol is resolved when kvm.ko appears and forgotten
 * when it goes.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include "ss_kvm.h"
#include "../include/uapi/shadowstat.h"
#include "ss_ksym.h"
#include "ss_sp.h"

struct ss_kvm_syms ss_kvm;
char ss_kvm_why[96] = "kvm not loaded";

/*
 * The functions shadowstat calls through a pointer, each exported by kvm and
 * checked by ss_ksym_exported_fn(); status lists them with the check's result.
 * kvm_get_running_vcpu() is only called where the per-CPU variable behind it
 * was not found.
 */
struct ss_kvm_call ss_kvm_calls[SS_KVM_NR_CALLS] = {
	[SS_KVM_CALL_PUT_KVM] = { "kvm_put_kvm" },
	[SS_KVM_CALL_RUNNING_VCPU] = { "kvm_get_running_vcpu" },
};

static void *ss_kvm_call_resolve(enum ss_kvm_call_id id)
{
	struct ss_kvm_call *c = &ss_kvm_calls[id];

	c->fn = ss_ksym_exported_fn(c->name, c->why, sizeof(c->why));
	return c->fn;
}

int ss_kvm_resolve(struct module *kvm_mod)
{
	struct ss_kvm_syms s = {};

	ss_ksym_use(kvm_mod);
	s.kvm_lock = (void *)ss_ksym_data("kvm_lock");
	s.vm_list = (void *)ss_ksym_data("vm_list");
	s.put_kvm = ss_kvm_call_resolve(SS_KVM_CALL_PUT_KVM);
	/* read directly, where kvm_get_running_vcpu() would read it for us */
	s.running_vcpus = ss_ksym_percpu("kvm_running_vcpu", sizeof(struct kvm_vcpu *));
	if (s.running_vcpus)
		strscpy(ss_kvm_calls[SS_KVM_CALL_RUNNING_VCPU].why,
			"not needed: kvm_running_vcpu is read directly",
			sizeof(ss_kvm_calls[SS_KVM_CALL_RUNNING_VCPU].why));
	else
		s.running_vcpu = ss_kvm_call_resolve(SS_KVM_CALL_RUNNING_VCPU);
	s.tdp_enabled = (void *)ss_ksym_data("tdp_enabled");
	s.tdp_mmu_enabled = (void *)ss_ksym_data("tdp_mmu_enabled");
	if (!s.kvm_lock || !s.vm_list || !s.put_kvm) {
		snprintf(ss_kvm_why, sizeof(ss_kvm_why), "kvm symbols missing:%s%s%s",
			 s.kvm_lock ? "" : " kvm_lock", s.vm_list ? "" : " vm_list",
			 s.put_kvm ? "" : " kvm_put_kvm");
		ss_ksym_use(NULL);
		return -ENOENT;
	}
	ss_kvm = s;
	return 0;
}

void ss_kvm_forget(void)
{
	int i;

	memset(&ss_kvm, 0, sizeof(ss_kvm));
	for (i = 0; i < SS_KVM_NR_CALLS; i++) {
		ss_kvm_calls[i].fn = NULL;
		ss_kvm_calls[i].why[0] = '\0';
	}
	ss_ksym_use(NULL);
	strscpy(ss_kvm_why, "kvm not loaded", sizeof(ss_kvm_why));
}

bool ss_kvm_ready(void)
{
	return !!ss_kvm.vm_list;
}

/* Caller holds kvm_lock. */
bool ss_kvm_on_list(struct kvm *kvm)
{
	struct kvm *k;

	lockdep_assert_held(ss_kvm.kvm_lock);
	list_for_each_entry(k, ss_kvm.vm_list, vm_list)
		if (k == kvm)
			return true;
	return false;
}

/*
 * Take a reference on @kvm only if it is still on vm_list: KVM unlinks a VM
 * under kvm_lock before freeing it, so this never touches freed memory.
 */
bool ss_kvm_pin(struct kvm *kvm)
{
	bool ok;

	mutex_lock(ss_kvm.kvm_lock);
	ok = ss_kvm_on_list(kvm) && refcount_inc_not_zero(&kvm->users_count);
	mutex_unlock(ss_kvm.kvm_lock);
	return ok;
}

/* kvm_put_kvm() is exported: a valid indirect-call target under IBT */
void ss_kvm_unpin(struct kvm *kvm)
{
	ss_kvm.put_kvm(kvm);
}

bool ss_kvm_uses_tdp_mmu(struct kvm *kvm)
{
#ifdef SS_HAVE_ARCH_TDP_MMU_ENABLED
	return READ_ONCE(kvm->arch.tdp_mmu_enabled);
#else
	return ss_kvm.tdp_mmu_enabled && READ_ONCE(*ss_kvm.tdp_mmu_enabled);
#endif
}

u32 ss_kvm_mmu_mode(struct kvm *kvm)
{
	if (ss_kvm.tdp_enabled && !READ_ONCE(*ss_kvm.tdp_enabled))
		return SHADOWSTAT_MMU_SHADOW;
	return ss_kvm_uses_tdp_mmu(kvm) ? SHADOWSTAT_MMU_TDP : SHADOWSTAT_MMU_TDP_LEGACY;
}

const char *ss_kvm_shadow_pages_source(void)
{
#if defined(SS_HAVE_N_USED_MMU_PAGES)
	return "kvm->arch.n_used_mmu_pages";
#else
	return "KVM's own stat kvm->stat.mmu_shadow_pages (7.2+, its debugfs file is KVM's)";
#endif
}

bool ss_kvm_keeps_tdp_count(void)
{
#if defined(SS_HAVE_TDP_MMU_PAGES_LIST) || defined(SS_HAVE_TDP_MMU_PAGES_ATOMIC)
	return true;
#else
	return false;
#endif
}

long ss_kvm_tdp_pages(struct kvm *kvm)
{
	long n = 0;

	if (!ss_kvm_uses_tdp_mmu(kvm))
		return 0;
#if defined(SS_HAVE_TDP_MMU_PAGES_LIST)
	{
		struct list_head *pos;

		/* the list is only initialised for VMs using the TDP MMU */
		spin_lock(&kvm->arch.tdp_mmu_pages_lock);
		list_for_each(pos, &kvm->arch.tdp_mmu_pages)
			n++;
		spin_unlock(&kvm->arch.tdp_mmu_pages_lock);
	}
#elif defined(SS_HAVE_TDP_MMU_PAGES_ATOMIC)
	n = atomic64_read(&kvm->arch.tdp_mmu_pages);
#else
	n = -1;
#endif
	return n;
}

long ss_kvm_tdp_roots(struct kvm *kvm)
{
	long n = 0;
#ifdef SS_HAVE_TDP_MMU_ROOTS
	struct list_head *pos;

	if (!ss_kvm_uses_tdp_mmu(kvm))
		return 0;
	/* KVM adds and removes roots under this lock (or mmu_lock for write) */
	spin_lock(&kvm->arch.tdp_mmu_pages_lock);
	list_for_each(pos, &kvm->arch.tdp_mmu_roots)
		n++;
	spin_unlock(&kvm->arch.tdp_mmu_pages_lock);
#endif
	return n;
}
