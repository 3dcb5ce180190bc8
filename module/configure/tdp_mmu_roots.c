// SPDX-License-Identifier: GPL-2.0
/* Compiles only if the kernel headers have this shape; see configure.sh. */
#include <linux/kvm_host.h>
struct list_head *ss_probe(struct kvm *kvm) { return &kvm->arch.tdp_mmu_roots; }
