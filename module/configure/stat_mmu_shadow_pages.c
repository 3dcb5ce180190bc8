#include <linux/kvm_host.h>
u64 ss_probe(struct kvm *kvm) { return kvm->stat.mmu_shadow_pages; }
