// SPDX-License-Identifier: GPL-2.0
/* Resolve a VM named on the command line, and filter VMs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"

bool ss_all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Append the names of the VMs that match to @err: "a, b, c". */
static void ss_list_matches(const struct ss_vm *vms, size_t nr,
			    const bool *match, char *err, size_t errsz)
{
	size_t used = strlen(err), i;
	const char *sep = "";

	for (i = 0; i < nr && used < errsz; i++) {
		if (!match[i])
			continue;
		snprintf(err + used, errsz - used, "%s%s", sep, vms[i].name);
		used += strlen(err + used);
		sep = ", ";
	}
}

static int ss_pick(const struct ss_vm *vms, size_t nr, const bool *match,
		   const char *spec, const char *what, size_t *index_ret,
		   char *err, size_t errsz)
{
	size_t i, count = 0, last = 0;

	for (i = 0; i < nr; i++) {
		if (match[i]) {
			count++;
			last = i;
		}
	}
	if (count == 1) {
		*index_ret = last;
		return 0;
	}
	if (count == 0)
		return -ENOENT;
	snprintf(err, errsz, "%s '%s' has %zu VMs, name one of: ", what, spec,
		 count);
	ss_list_matches(vms, nr, match, err, errsz);
	return -ENOTUNIQ;
}

int ss_resolve_vm(const struct ss_vm *vms, size_t nr, const char *spec,
		  size_t *index_ret, char *err, size_t errsz)
{
	bool *match;
	size_t i;
	int ret;

	for (i = 0; i < nr; i++) {
		if (!strcmp(vms[i].name, spec)) {
			*index_ret = i;
			return 0;
		}
	}

	match = calloc(nr ? nr : 1, sizeof(*match));
	if (!match) {
		snprintf(err, errsz, "out of memory");
		return -ENOMEM;
	}
	ret = -ENOENT;
	if (ss_all_digits(spec)) {
		long pid = strtol(spec, NULL, 10);

		for (i = 0; i < nr; i++)
			match[i] = vms[i].pid == pid;
		ret = ss_pick(vms, nr, match, spec, "pid", index_ret, err,
			      errsz);
	}
	if (ret == -ENOENT) {
		for (i = 0; i < nr; i++)
			match[i] = vms[i].guest[0] &&
				   !strcmp(vms[i].guest, spec);
		ret = ss_pick(vms, nr, match, spec, "guest", index_ret, err,
			      errsz);
	}
	if (ret == -ENOENT)
		snprintf(err, errsz,
			 "no VM '%s': give <pid>-<fd>, a pid or a guest name (`shadowstat` lists them)",
			 spec);
	free(match);
	return ret;
}

bool ss_vm_matches(const struct ss_vm *vm, long pid, const char *guest)
{
	if (pid >= 0 && vm->pid != pid)
		return false;
	if (guest && strcmp(vm->guest, guest))
		return false;
	return true;
}
