/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The misc device /dev/shadowstat, the stable binary interface described in
 * include/uapi/shadowstat.h.
 */
#ifndef SS_CHARDEV_H
#define SS_CHARDEV_H

/*
 * Register the device. Call it last in module init, once the core can
 * answer ss_vm_list() and friends, and ss_chardev_exit() first in module
 * exit. Open files pin the module, so no call runs after exit.
 */
int ss_chardev_init(void);
void ss_chardev_exit(void);

#endif /* SS_CHARDEV_H */
