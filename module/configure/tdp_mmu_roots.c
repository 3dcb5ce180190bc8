#include <linux/kvm_host.h>
struct list_head *ss_probe(struct kvm *kvm) { return &kvm->arch.tdp_mmu_roots; }
