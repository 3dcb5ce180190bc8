// SPDX-License-Identifier: GPL-2.0
/*
 * basic: touch R regions x P pages, then (C times) write U of the guest's
 * last-level page tables (unsync under shadow paging) and reload CR3 (sync).
 */
#include <stdio.h>

#include "check.h"
#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "../lib/tap.h"

int scn_basic(const struct env *env, int argc, char **argv)
{
	unsigned long regions = 16, pages = 8, unsync = 4, cycles = 1, i, k;
	struct vmctx c;
	char label[64], name[32];
	const struct scn_opt opts[] = {
		SCN_OPT_NUM('r', &regions, 1, 255, "regions"),
		SCN_OPT_NUM('p', &pages, 1, 511, "pages"),
		SCN_OPT_NUM('u', &unsync, 0, 255, "pt_writes"),
		SCN_OPT_NUM('c', &cycles, 0, 16, "cycles"),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	if (unsync > regions)
		unsync = regions;
	scn_label(label, sizeof(label), "basic", env);
	if (ctx_create(&c, label, env->mode, env->tdp_levels, (regions + 1) * SZ_2M,
		       (regions + 1) * SZ_2M))
		return 1;
	checkpoint(&c, "created");
	if (ctx_touch(&c, 1, regions, pages))
		goto out;
	checkpoint(&c, "touched");
	for (i = 0; i < cycles; i++) {
		for (k = 1; k <= unsync; k++)
			if (ctx_ptwrite(&c, k))
				goto out;
		checkpoint(&c, "pt-written");
		if (ctx_cr3_reload(&c))
			goto out;
		checkpoint(&c, "cr3-reloaded");
	}
	if (ctx_touch(&c, 1, regions, pages))
		goto out;
	checkpoint(&c, "retouched");
	if (ctx_halt(&c))
		goto out;
	checkpoint(&c, "halted");
	ctx_verify_touch(&c, 1, regions, pages);
out:
	snprintf(name, sizeof(name), "%s", c.vm.name);
	ctx_destroy(&c);
	check_vm_gone(label, name);
	return 0;
}
