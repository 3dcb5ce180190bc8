// SPDX-License-Identifier: GPL-2.0
/* Guest names from QEMU's "-name" option, found in /proc/<pid>/cmdline. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guestname.h"

#define SS_CMDLINE_MAX 65536

/*
 * Copy the item of a QEMU option string that starts at @p, up to an
 * unescaped comma, into @out (",," is a literal comma). Return where the
 * next item starts, or NULL at the end.
 */
static const char *ss_opt_item(const char *p, char *out, size_t size)
{
	size_t n = 0;

	for (; *p; p++) {
		if (*p == ',') {
			if (p[1] != ',')
				break;
			p++;
		}
		if (n + 1 < size)
			out[n++] = *p;
	}
	out[n] = '\0';
	return *p ? p + 1 : NULL;
}

/* The guest name in the value of -name: the bare first item or guest=. */
static int ss_guest_from_opts(const char *opts, char *name, size_t size)
{
	char item[256];
	const char *p = opts;
	int found = -ENOENT, first = 1;

	while (p) {
		p = ss_opt_item(p, item, sizeof(item));
		if (!strncmp(item, "guest=", strlen("guest="))) {
			snprintf(name, size, "%s", item + strlen("guest="));
			found = 0;
		} else if (first && !strchr(item, '=') && item[0]) {
			snprintf(name, size, "%s", item);
			found = 0;
		}
		first = 0;
	}
	return found;
}

int ss_guest_from_cmdline(const char *cmdline, size_t len, char *name,
			  size_t size)
{
	const char *arg = cmdline, *end = cmdline + len, *value = NULL;
	char *c;
	int ret;

	while (arg < end) {
		const char *next = memchr(arg, '\0', end - arg);

		if (!next)
			break;	/* the last argument is cut: ignore it */
		if (!strcmp(arg, "-name") || !strcmp(arg, "--name")) {
			if (next + 1 < end && memchr(next + 1, '\0',
						     end - next - 1))
				value = next + 1;
		} else if (!strncmp(arg, "-name=", 6)) {
			value = arg + 6;
		} else if (!strncmp(arg, "--name=", 7)) {
			value = arg + 7;
		}
		arg = next + 1;
	}
	if (!value || !size)
		return -ENOENT;
	ret = ss_guest_from_opts(value, name, size);
	if (ret)
		return ret;
	for (c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return 0;
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
