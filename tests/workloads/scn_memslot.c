// SPDX-License-Identifier: GPL-2.0
/*
 * memslot: with pages in two memslots, delete the second one.  KVM zaps all
 * pages at once (kvm_mmu_zap_all_fast); the vCPU's root stays, obsolete, until
 * the vCPU runs again.  Then re-create the slot and fault its pages again.
 */
#include <stdio.h>

#include "check.h"
#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "../lib/tap.h"

int scn_memslot(const struct env *env, int argc, char **argv)
{
	unsigned long ra = 8, rb = 8, pages = 2;
	uint64_t slot1_gpa, slot1_size;
	struct vmctx c;
	char label[64], name[32];
	const struct scn_opt opts[] = {
		SCN_OPT_NUM('a', &ra, 1, 127, "slot0_regions"),
		SCN_OPT_NUM('b', &rb, 1, 127, "slot1_regions"),
		SCN_OPT_NUM('p', &pages, 1, 511, "pages"),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	scn_label(label, sizeof(label), "memslot", env);
	slot1_gpa = (ra + 1) * SZ_2M;
	slot1_size = rb * SZ_2M;
	if (ctx_create(&c, label, env->mode, env->tdp_levels, slot1_gpa + slot1_size, slot1_gpa))
		return 1;
	if (ctx_set_slot(&c, 1, slot1_gpa, slot1_size))
		goto out;
	checkpoint(&c, "created");
	if (ctx_touch(&c, 1, ra + rb, pages))
		goto out;
	checkpoint(&c, "touched");
	if (ctx_delete_slot(&c, 1))
		goto out;
	checkpoint(&c, "slot-deleted");
	if (ctx_touch(&c, 1, ra, pages))
		goto out;
	checkpoint(&c, "resumed");
	if (ctx_set_slot(&c, 1, slot1_gpa, slot1_size))
		goto out;
	checkpoint(&c, "slot-recreated");
	if (ctx_touch(&c, 1, ra + rb, pages))
		goto out;
	checkpoint(&c, "touched-again");
	if (ctx_halt(&c))
		goto out;
	checkpoint(&c, "halted");
	ctx_verify_touch(&c, 1, ra + rb, pages);
out:
	snprintf(name, sizeof(name), "%s", c.vm.name);
	ctx_destroy(&c);
	check_vm_gone(label, name);
	return 0;
}
