// SPDX-License-Identifier: GPL-2.0
/* Compiles only if the kernel headers have this shape; see configure.sh. */
#include <linux/kvm_host.h>
#include <linux/build_bug.h>
/* an array inside struct kvm (6.12 and older), not a pointer to one */
struct hlist_head *ss_probe(struct kvm *kvm)
{
	BUILD_BUG_ON(sizeof(kvm->arch.mmu_page_hash) !=
		     sizeof(struct hlist_head) << KVM_MMU_HASH_SHIFT);
	return kvm->arch.mmu_page_hash;
}
