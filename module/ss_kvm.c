// SPDX-License-Identifier: GPL-2.0
/*
 * Access to KVM's own state. vm_list and kvm_lock are not exported, and
 * linking against kvm.ko's exports would pin kvm.ko while shadowstat is
 * loaded, so every KVM symbol is resolved when kvm.ko appears and forgotten
 * when it goes.
 */
#include <linux/hash.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include "ss_config.h"
#include "ss_kvm.h"
#include "ss_sp.h"
#include "ss_vm.h"
#include "ss_ksym.h"

struct ss_kvm_syms ss_kvm;
char ss_kvm_why[96] = "kvm not loaded";

/*
 * kvm_get_running_vcpus() hands out the address of KVM's per-CPU
 * kvm_running_vcpu (5.7+). Use it only if it lies in kvm.ko's own per-CPU
 * area; else every read goes through kvm_get_running_vcpu().
 */
static struct kvm_vcpu * __percpu *ss_kvm_running_vcpus(struct module *kvm_mod)
{
	struct kvm_vcpu * __percpu *(*get)(void);
	struct kvm_vcpu * __percpu *p;

	get = (void *)ss_ksym_lookup("kvm", "kvm_get_running_vcpus");
	if (!get || !kvm_mod)
		return NULL;
	p = get();
#ifdef CONFIG_SMP
	if ((unsigned long)p < (unsigned long)kvm_mod->percpu ||
	    (unsigned long)p + sizeof(void *) >
	    (unsigned long)kvm_mod->percpu + kvm_mod->percpu_size)
		return NULL;
#endif
	return p;
}

int ss_kvm_resolve(struct module *kvm_mod)
{
	struct ss_kvm_syms s = {};

	s.kvm_lock = (void *)ss_ksym_lookup("kvm", "kvm_lock");
	s.vm_list = (void *)ss_ksym_lookup("kvm", "vm_list");
	s.put_kvm = (void *)ss_ksym_lookup("kvm", "kvm_put_kvm");
	s.running_vcpu = (void *)ss_ksym_lookup("kvm", "kvm_get_running_vcpu");
	s.running_vcpus = ss_kvm_running_vcpus(kvm_mod);
	s.tdp_enabled = (void *)ss_ksym_lookup("kvm", "tdp_enabled");
	s.tdp_mmu_enabled = (void *)ss_ksym_lookup("kvm", "tdp_mmu_enabled");
	if (!s.kvm_lock || !s.vm_list || !s.put_kvm) {
		snprintf(ss_kvm_why, sizeof(ss_kvm_why), "kvm symbols missing:%s%s%s",
			 s.kvm_lock ? "" : " kvm_lock", s.vm_list ? "" : " vm_list",
			 s.put_kvm ? "" : " kvm_put_kvm");
		return -ENOENT;
	}
	ss_kvm = s;
	return 0;
}

void ss_kvm_forget(void)
{
	memset(&ss_kvm, 0, sizeof(ss_kvm));
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

void ss_kvm_unpin(struct kvm *kvm)
{
	ss_kvm.put_kvm(kvm);
}

unsigned long ss_kvm_shadow_pages(struct kvm *kvm)
{
#if defined(SS_HAVE_N_USED_MMU_PAGES)
	return READ_ONCE(kvm->arch.n_used_mmu_pages);
#elif defined(SS_HAVE_STAT_MMU_SHADOW_PAGES)
	return READ_ONCE(kvm->stat.mmu_shadow_pages);
#else
#error "this kernel has neither kvm->arch.n_used_mmu_pages nor kvm->stat.mmu_shadow_pages"
#endif
}

bool ss_kvm_uses_tdp_mmu(struct kvm *kvm)
{
#ifdef SS_HAVE_ARCH_TDP_MMU_ENABLED
	return READ_ONCE(kvm->arch.tdp_mmu_enabled);
#else
	return ss_kvm.tdp_mmu_enabled && READ_ONCE(*ss_kvm.tdp_mmu_enabled);
#endif
}

enum ss_mmu_mode ss_kvm_mmu_mode(struct kvm *kvm)
{
	if (ss_kvm.tdp_enabled && !READ_ONCE(*ss_kvm.tdp_enabled))
		return SS_MMU_SHADOW;
	return ss_kvm_uses_tdp_mmu(kvm) ? SS_MMU_TDP : SS_MMU_TDP_LEGACY;
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

/* longer than any hash chain KVM would keep (it reports the longest) */
#define SS_HASH_MAX_HOPS 4096

/* The layout and headers let ss_kvm_of_shadow_page() work. */
bool ss_kvm_can_find_shadow_owner(void)
{
#ifdef SS_HAVE_MMU_PAGE_HASH_ARRAY
	return ss_sp_layout.found && ss_sp_layout.hash_link >= 0;
#else
	return false;
#endif
}

/*
 * The VM of shadow (not TDP) page @sp, for events with no vCPU: every shadow
 * page stays on its VM's mmu_page_hash[] from its creation to its free, and
 * the chain leads back to the bucket head inside struct kvm. The caller
 * holds that VM's mmu_lock for write, as KVM does around each zap, so the
 * chain is still; it must be in an RCU read-side section (any probe is).
 * Returns ERR_PTR(-ENOENT) for a VM that is not tracked (yet), NULL if the
 * chain could not be followed.
 */
struct kvm *ss_kvm_of_shadow_page(const void *sp)
{
#ifdef SS_HAVE_MMU_PAGE_HASH_ARRAY
	const struct hlist_node *node;
	size_t head;
	int hop;

	head = offsetof(struct kvm, arch.mmu_page_hash) +
	       hash_64(ss_sp_gfn(sp), KVM_MMU_HASH_SHIFT) * sizeof(struct hlist_head);
	node = (const struct hlist_node *)ss_sp_field(sp, ss_sp_layout.hash_link);
	for (hop = 0; hop < SS_HASH_MAX_HOPS; hop++) {
		struct hlist_node **pprev = READ_ONCE(node->pprev);
		struct kvm *kvm = (struct kvm *)((char *)pprev - head);

		if (!pprev)
			return NULL;
		/* compares addresses only: nothing is read through @kvm */
		if (ss_vm_find(kvm))
			return kvm;
		/* a shadow page is a slab object; struct kvm is vmalloc()ed */
		if (is_vmalloc_addr(pprev))
			return ERR_PTR(-ENOENT);
		if (!virt_addr_valid(pprev))
			return NULL;
		node = (const struct hlist_node *)pprev;
	}
#endif
	return NULL;
}

/* Note each TDP root of @kvm as @vm's. Caller holds mmu_lock. */
void ss_kvm_add_tdp_roots(struct kvm *kvm, struct ss_vm *vm)
{
#ifdef SS_HAVE_TDP_MMU_ROOTS
	struct list_head *pos;

	if (!ss_kvm_uses_tdp_mmu(kvm))
		return;
	spin_lock(&kvm->arch.tdp_mmu_pages_lock);
	list_for_each(pos, &kvm->arch.tdp_mmu_roots)
		ss_tdp_root_add(vm, ss_sp_from_link(pos));
	spin_unlock(&kvm->arch.tdp_mmu_pages_lock);
#endif
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
