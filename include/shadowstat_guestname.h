/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest name a VMM was started with, from its command line (the
 * NUL-separated arguments of /proc/<pid>/cmdline), for the module (which
 * reads it when it first sees a VM, so that departed VMs keep it) and the
 * CLI. The value of the last "-name" or "--name" (or "-name=..."), either
 * "foo[,key=value...]" or "...,guest=foo,...", with QEMU's ",," for a comma.
 * Plain C on NUL-terminated strings, for both sides.
 */
#ifndef _SHADOWSTAT_GUESTNAME_H
#define _SHADOWSTAT_GUESTNAME_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <errno.h>
#include <string.h>
#endif

/*
 * Copy the item of a QEMU option string that starts at @p, up to an
 * unescaped comma, into @out. Return where the next item starts, or NULL at
 * the end.
 */
static inline const char *shadowstat_opt_item(const char *p, char *out, size_t size)
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

/* Copy @src into @dst, cut to @size bytes and terminated (strscpy on both sides). */
static inline void shadowstat_copy_name(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	if (!size)
		return;
	while (src[n] && n + 1 < size) {
		dst[n] = src[n];
		n++;
	}
	dst[n] = '\0';
}

/* The guest name in the value of -name: the bare first item or guest=. */
static inline int shadowstat_guest_from_opts(const char *opts, char *name, size_t size)
{
	static const char guest_key[] = "guest=";
	const char *p = opts;
	int found = -ENOENT, first = 1;
	char item[256];

	while (p) {
		p = shadowstat_opt_item(p, item, sizeof(item));
		if (!strncmp(item, guest_key, sizeof(guest_key) - 1)) {
			shadowstat_copy_name(name, size, item + sizeof(guest_key) - 1);
			found = 0;
		} else if (first && !strchr(item, '=') && item[0]) {
			shadowstat_copy_name(name, size, item);
			found = 0;
		}
		first = 0;
	}
	return found;
}

/*
 * Find the guest name in @cmdline (@len bytes; a last argument cut short is
 * ignored). Control characters become '?'. Returns 0, or -ENOENT when there
 * is no name.
 */
static inline int shadowstat_guest_from_cmdline(const char *cmdline, size_t len, char *name,
						size_t size)
{
	const char *arg = cmdline, *end = cmdline + len, *value = NULL;
	char *c;
	int ret;

	while (arg < end) {
		const char *next = memchr(arg, '\0', end - arg);

		if (!next)
			break;
		if (!strcmp(arg, "-name") || !strcmp(arg, "--name")) {
			if (next + 1 < end && memchr(next + 1, '\0', end - next - 1))
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
	ret = shadowstat_guest_from_opts(value, name, size);
	if (ret)
		return ret;
	for (c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return 0;
}

#endif /* _SHADOWSTAT_GUESTNAME_H */
