/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_DEBUGFS_H
#define SS_DEBUGFS_H

struct ss_vm;
struct dentry;

int ss_debugfs_init(void);
void ss_debugfs_exit(void);
void ss_debugfs_add_vm(struct ss_vm *vm);
void ss_debugfs_remove_vm(struct dentry *dir);

#endif /* SS_DEBUGFS_H */
