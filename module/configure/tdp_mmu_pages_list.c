// SPDX-License-Identifier: GPL-2.0
/* Compiles only if the kernel headers have this shape; see configure.sh. */
#include <linux/kvm_host.h>
static_assert(__builtin_types_compatible_p(typeof(((struct kvm_arch *)0)->tdp_mmu_pages),
					   struct list_head), "not a list");
