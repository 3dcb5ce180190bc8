// SPDX-License-Identifier: GPL-2.0
/* Compiles only if the kernel headers have this shape; see configure.sh. */
#include <linux/kvm_host.h>
/* a pointer to a table allocated on demand (6.12.10x+, 6.13+), not an array */
static_assert(__builtin_types_compatible_p(typeof(((struct kvm_arch *)0)->mmu_page_hash),
					   struct hlist_head *), "not a pointer");
