/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Huge-page guest memory and dirty logging for the eager-split scenario: a
 * range of the VM's memory backed by transparent huge pages or hugetlbfs, a
 * check of what the kernel really gave, and the dirty-log ioctls.
 */
#ifndef SSVMM_VMM_HUGE_H
#define SSVMM_VMM_HUGE_H

#include <stdint.h>

#include "vmm.h"

enum huge_backing { HUGE_THP, HUGE_HUGETLB };

/*
 * Back guest memory [@gpa, @gpa + @size) (2 MiB aligned, before any memslot
 * maps it) with 2 MiB pages, and fault them in; 0 or -errno.
 */
int vmm_huge_back(struct vmm *vm, uint64_t gpa, uint64_t size, enum huge_backing b);
/*
 * How many 2 MiB regions of [@gpa, @gpa + @size) one huge page backs each
 * (/proc/self/pagemap and /proc/kpageflags); 0 or -errno.
 */
int vmm_huge_count(const struct vmm *vm, uint64_t gpa, uint64_t size, uint64_t *n);

/* KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 with KVM_DIRTY_LOG_INITIALLY_SET. */
int vmm_dirty_log_manual(struct vmm *vm);
/* KVM_GET_DIRTY_LOG of memslot @slot, into @bitmap (a bit per page); 0 or -errno. */
int vmm_get_dirty_log(struct vmm *vm, int slot, void *bitmap);
/* KVM_CLEAR_DIRTY_LOG of every page of memslot @slot. */
int vmm_clear_dirty_log(struct vmm *vm, int slot);

#endif /* SSVMM_VMM_HUGE_H */
