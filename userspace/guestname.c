// SPDX-License-Identifier: GPL-2.0
/* Guest names from QEMU's "-name" option, found in /proc/<pid>/cmdline. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guestname.h"
#include "../include/shadowstat_guestname.h"

#define SS_CMDLINE_MAX 65536

int ss_guest_from_cmdline(const char *cmdline, size_t len, char *name,
			  size_t size)
{
	return shadowstat_guest_from_cmdline(cmdline, len, name, size);
}

int ss_guest_of_pid(const char *proc, int pid, char *name, size_t size)
{
	static char buf[SS_CMDLINE_MAX];
	char path[256];
	size_t len = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%d/cmdline", proc ? proc : "/proc",
		 pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (len < sizeof(buf)) {
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	return ss_guest_from_cmdline(buf, len, name, size);
}
