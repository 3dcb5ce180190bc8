/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A VM's guest name, read once from its VMM's command line while the VMM
 * lives, so that the row of a departed VM still names its guest.
 */
#ifndef SS_GUEST_H
#define SS_GUEST_H

#include <linux/types.h>

/* Read into @guest (@size bytes) the guest name of process @pid (initial namespace); sleeps. */
void ss_guest_read(pid_t pid, char *guest, size_t size);

#endif /* SS_GUEST_H */
