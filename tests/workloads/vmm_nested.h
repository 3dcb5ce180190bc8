/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A nested guest inside the VM (AMD SVM with nested paging): the VM runs
 * guest_code.S's touch loop once more as its own guest, through a nested page
 * table that maps the VM's memory one to one with 2 MiB pages. KVM then
 * shadows that table in its nested MMU (role.guest_mode), the only place
 * where the shadow MMU splits huge pages under TDP (seed 003).
 */
#ifndef SSVMM_VMM_NESTED_H
#define SSVMM_VMM_NESTED_H

#include <stddef.h>
#include <stdint.h>

#include "vmm.h"

/*
 * Make @vm able to run its nested guest: EFER.SVME, VM_HSAVE_PA, the nested
 * page table and the VMCB. 0; -EOPNOTSUPP with the reason in @why when KVM
 * offers no SVM or no nested paging to its guests; other -errno on failure.
 */
int vmm_nested_setup(struct vmm *vm, char *why, size_t len);
/*
 * GOP_TOUCH's stores, made by the nested guest; 0 when it ran them and left
 * by VMMCALL, else -errno (-EPROTO: another exit code, printed).
 */
int vmm_nested_touch(struct vmm *vm, uint64_t gpa, uint64_t regions, uint64_t pages,
		     uint64_t stride);

#endif /* SSVMM_VMM_NESTED_H */
