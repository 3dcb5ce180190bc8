/* SPDX-License-Identifier: GPL-2.0 */
/* Which VM a user means: "<pid>-<fd>", a pid with one VM, or a guest name. */
#ifndef SS_RESOLVE_H
#define SS_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/*
 * Find the VM @spec names among @vms. Returns 0 and its index in *index_ret,
 * -ENOENT when none matches, or -ENOTUNIQ when several do; then @err (of
 * @errsz bytes) says which, in one line.
 */
int ss_resolve_vm(const struct ss_vm *vms, size_t nr, const char *spec,
		  size_t *index_ret, char *err, size_t errsz);

/* The -p/--pid and -g/--guest filters: pid < 0 and guest NULL match all. */
bool ss_vm_matches(const struct ss_vm *vm, long pid, const char *guest);
/* A nonempty string of decimal digits (a pid, a value). */
bool ss_all_digits(const char *s);

#endif /* SS_RESOLVE_H */
