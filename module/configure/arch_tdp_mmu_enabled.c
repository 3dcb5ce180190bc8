#include <linux/kvm_host.h>
bool ss_probe(struct kvm *kvm) { return kvm->arch.tdp_mmu_enabled; }
