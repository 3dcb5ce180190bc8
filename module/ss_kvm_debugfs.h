/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_KVM_DEBUGFS_H
#define SS_KVM_DEBUGFS_H

struct ss_vm;

void ss_kvm_debugfs_add_vm(struct ss_vm *vm);
void ss_kvm_debugfs_add_totals(void);
void ss_kvm_debugfs_remove_all(void);

#endif /* SS_KVM_DEBUGFS_H */
