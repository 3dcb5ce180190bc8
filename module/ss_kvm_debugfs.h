/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_KVM_DEBUGFS_H
#define SS_KVM_DEBUGFS_H

/* Links in KVM's debugfs for kvm_stat: a view of the VMs (ss_view.h), and the totals. */
int ss_kvm_debugfs_init(void);
void ss_kvm_debugfs_add_totals(void);

#endif /* SS_KVM_DEBUGFS_H */
