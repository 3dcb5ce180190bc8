// SPDX-License-Identifier: GPL-2.0
/*
 * multi: N VMs alive at once in one process, VM i touching 2 + 2i regions of
 * 1 + i pages.  Each VM is checked on its own, shadowstat's totals against the
 * sum, and again after the first VM has gone.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "../lib/tap.h"

#define MAX_VMS 8

int scn_multi(const struct env *env, int argc, char **argv)
{
	struct vmctx *ctx[MAX_VMS] = { NULL };
	unsigned long nr = 3, i;
	char base[48], label[64], name[32];
	const struct scn_opt opts[] = {
		SCN_OPT_NUM('n', &nr, 2, MAX_VMS, "vms"),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	scn_label(base, sizeof(base), "multi", env);
	for (i = 0; i < nr; i++) {
		ctx[i] = calloc(1, sizeof(**ctx));
		snprintf(label, sizeof(label), "%s vm%lu", base, i);
		if (!ctx[i] || ctx_create(ctx[i], label, env->mode, env->tdp_levels,
					  (3 + 2 * i) * SZ_2M, (3 + 2 * i) * SZ_2M)) {
			free(ctx[i]);
			ctx[i] = NULL;
			goto out;
		}
	}
	for (i = 0; i < nr; i++)
		if (ctx_touch(ctx[i], 1, 2 + 2 * i, 1 + i))
			goto out;
	for (i = 0; i < nr; i++)
		checkpoint(ctx[i], "all-touched");
	check_totals(base, ctx, nr);

	snprintf(name, sizeof(name), "%s", ctx[0]->vm.name);
	ctx_destroy(ctx[0]);
	check_vm_gone(ctx[0]->label, name);
	free(ctx[0]);
	ctx[0] = NULL;
	for (i = 1; i < nr; i++) {
		if (ctx_halt(ctx[i]))
			goto out;
		checkpoint(ctx[i], "vm0-gone");
	}
	snprintf(label, sizeof(label), "%s after vm0 exit", base);
	check_totals(label, ctx + 1, nr - 1);
	for (i = 1; i < nr; i++)
		ctx_verify_touch(ctx[i], 1, 2 + 2 * i, 1 + i);
out:
	for (i = 0; i < nr; i++) {
		if (!ctx[i])
			continue;
		snprintf(name, sizeof(name), "%s", ctx[i]->vm.name);
		ctx_destroy(ctx[i]);
		check_vm_gone(ctx[i]->label, name);
		free(ctx[i]);
	}
	return 0;
}
