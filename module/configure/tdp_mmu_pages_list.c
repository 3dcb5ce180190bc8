#include <linux/kvm_host.h>
_Static_assert(__builtin_types_compatible_p(typeof(((struct kvm_arch *)0)->tdp_mmu_pages),
					    struct list_head), "not a list");
