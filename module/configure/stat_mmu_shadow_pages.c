// SPDX-License-Identifier: GPL-2.0
/* Compiles only if the kernel headers have this shape; see configure.sh. */
#include <linux/kvm_host.h>
u64 ss_probe(struct kvm *kvm) { return kvm->stat.mmu_shadow_pages; }
