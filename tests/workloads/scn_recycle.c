// SPDX-License-Identifier: GPL-2.0
/*
 * recycle: fill R1 regions, lower the page limit with KVM_SET_NR_MMU_PAGES
 * (KVM zaps the oldest pages at once), then touch R2 more regions and all of
 * them again, so that page faults recycle pages all the time.
 */
#include <stdio.h>

#include "check.h"
#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "../lib/tap.h"

int scn_recycle(const struct env *env, int argc, char **argv)
{
	unsigned long r1 = 100, r2 = 100, limit = 64;
	int64_t recycled;
	struct vmctx c;
	char label[64], name[32];
	const struct scn_opt opts[] = {
		SCN_OPT_NUM('r', &r1, 1, 254, "regions"),
		SCN_OPT_NUM('R', &r2, 1, 254, "more_regions"),
		SCN_OPT_NUM('n', &limit, 64, 100000, "nr_mmu_pages"),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	if (r1 + r2 > 255) {
		fprintf(stderr, "ssvmm recycle: at most 255 regions in all\n");
		return 2;
	}
	scn_label(label, sizeof(label), "recycle", env);
	if (ctx_create(&c, label, env->mode, env->tdp_levels, (r1 + r2 + 1) * SZ_2M,
		       (r1 + r2 + 1) * SZ_2M))
		return 1;
	checkpoint(&c, "created");
	if (ctx_touch(&c, 1, r1, 1))
		goto out;
	checkpoint(&c, "filled");
	if (ctx_set_nr_mmu_pages(&c, limit))
		goto out;
	checkpoint(&c, "limit-set");
	if (ctx_touch(&c, 1 + r1, r2, 1))
		goto out;
	checkpoint(&c, "pressure");
	if (ctx_touch(&c, 1, r1 + r2, 1))
		goto out;
	checkpoint(&c, "second-pass");
	if (ctx_halt(&c))
		goto out;
	if (kvm_stat_get(c.vm.name, "mmu_recycled", &recycled))
		recycled = -1;
	if (env->mode == MMU_TDP) {
		if (recycled == 0)
			tap_ok("%s: TDP MMU ignores the page limit (mmu_recycled == 0)", label);
		else
			tap_fail("%s: TDP MMU ignores the page limit: mmu_recycled == %lld", label,
				 (long long)recycled);
	} else if (recycled > (int64_t)(r1 + r2) / 2) {
		tap_ok("%s: KVM recycled pages under the limit (mmu_recycled %lld)", label,
		       (long long)recycled);
	} else {
		tap_fail("%s: KVM recycled pages under the limit: mmu_recycled only %lld", label,
			 (long long)recycled);
	}
	checkpoint(&c, "halted");
	ctx_verify_touch(&c, 1, r1 + r2, 1);
out:
	snprintf(name, sizeof(name), "%s", c.vm.name);
	ctx_destroy(&c);
	check_vm_gone(label, name);
	return 0;
}
