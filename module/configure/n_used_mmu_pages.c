// SPDX-License-Identifier: GPL-2.0
/* Compiles only if the kernel headers have this shape; see configure.sh. */
#include <linux/kvm_host.h>
unsigned long ss_probe(struct kvm *kvm) { return kvm->arch.n_used_mmu_pages; }
