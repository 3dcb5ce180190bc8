/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_DEBUGFS_H
#define SS_DEBUGFS_H

/* /sys/kernel/debug/shadowstat: a view of the VMs (ss_view.h), totals, status */
int ss_debugfs_init(void);
void ss_debugfs_exit(void);

#endif /* SS_DEBUGFS_H */
