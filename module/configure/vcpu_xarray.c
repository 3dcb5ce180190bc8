#include <linux/kvm_host.h>
struct xarray *ss_probe(struct kvm *kvm) { return &kvm->vcpu_array; }
