#include <linux/kvm_host.h>
unsigned long ss_probe(struct kvm *kvm) { return kvm->arch.n_used_mmu_pages; }
