/* SPDX-License-Identifier: GPL-2.0 */
/* The guest name a VMM was started with, from its command line. */
#ifndef SS_GUESTNAME_H
#define SS_GUESTNAME_H

#include <stddef.h>

/*
 * Find QEMU's guest name in @cmdline, the NUL-separated arguments of
 * /proc/<pid>/cmdline (@len bytes): the value of the last "-name" or
 * "--name", either "foo[,key=value...]" or "guest=foo,...", with QEMU's ",,"
 * for a comma. Control characters become '?'. Returns 0, or -ENOENT when
 * there is no name.
 */
int ss_guest_from_cmdline(const char *cmdline, size_t len, char *name,
			  size_t size);

/* Read /proc/<pid>/cmdline under @proc (NULL: "/proc") and find the name. */
int ss_guest_of_pid(const char *proc, int pid, char *name, size_t size);

#endif /* SS_GUESTNAME_H */
