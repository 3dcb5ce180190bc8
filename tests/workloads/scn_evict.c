// SPDX-License-Identifier: GPL-2.0
/*
 * evict: an access pattern under a small page limit, for `shadowstat record`
 * and `simulate` (seed 004: does LRU eviction help?). Each region's page
 * table is one shadow page (layout.h), so the pattern of regions touched is
 * the pattern of shadow pages KVM must find or create:
 *   hotcold  16 hot regions touched after each of 200 cold ones (LRU should win)
 *   random   2000 touches of 128 regions, uniformly (no policy should matter)
 *   cyclic   5 passes over limit + 8 regions in order (LRU cannot win)
 * The guest script drives it through files in DIR: DIR/ready (the VM's name)
 * once the VM is set up, DIR/go to start the pattern, DIR/done when it is
 * over, DIR/stop to halt and exit.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "ctlfile.h"
#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "../lib/tap.h"

#define HOT		16
#define COLD		200
#define RANDOM_REGIONS	128
#define RANDOM_TOUCHES	2000
#define CYCLIC_EXTRA	8
#define CYCLIC_PASSES	5

static int wait_ctl(const char *dir, const char *file, const char *label)
{
	int i;

	for (i = 0; i < 30000; i++) {
		if (ctl_exists(dir, file))
			return 0;
		usleep(10000);
	}
	tap_fail("%s: no %s/%s within 300 s", label, dir, file);
	return -1;
}

static int hotcold(struct vmctx *c)
{
	int i;

	for (i = 0; i < COLD; i++)
		if (ctx_touch(c, 1 + HOT + i, 1, 1) || ctx_touch(c, 1, HOT, 1))
			return -1;
	return 0;
}

static int uniform(struct vmctx *c, unsigned long seed)
{
	unsigned long x = seed * 2 + 1;
	int i;

	for (i = 0; i < RANDOM_TOUCHES; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		if (ctx_touch(c, 1 + (x >> 33) % RANDOM_REGIONS, 1, 1))
			return -1;
	}
	return 0;
}

static int cyclic(struct vmctx *c, unsigned long regions)
{
	int pass;

	for (pass = 0; pass < CYCLIC_PASSES; pass++)
		if (ctx_touch(c, 1, regions, 1))
			return -1;
	return 0;
}

static unsigned long pattern_regions(const char *p, unsigned long limit)
{
	if (!strcmp(p, "hotcold"))
		return HOT + COLD;
	if (!strcmp(p, "random"))
		return RANDOM_REGIONS;
	if (!strcmp(p, "cyclic"))
		return limit + CYCLIC_EXTRA;
	return 0;
}

int scn_evict(const struct env *env, int argc, char **argv)
{
	unsigned long limit = 64, seed = 1, regions;
	const char *dir = NULL, *pattern = NULL;
	char label[64], name[32];
	struct vmctx c;
	int ret;
	const struct scn_opt opts[] = {
		SCN_OPT_STR('d', &dir, "ctl_dir", true),
		SCN_OPT_STR('P', &pattern, "pattern", true),
		SCN_OPT_NUM('n', &limit, 64, 240, "nr_mmu_pages"),
		SCN_OPT_NUM('s', &seed, 0, 1000000, "seed"),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	regions = pattern_regions(pattern, limit);
	if (!regions || regions > 254) {
		fprintf(stderr, "ssvmm evict: -P hotcold, random or cyclic (up to 254 regions)\n");
		return 2;
	}
	scn_label(label, sizeof(label), "evict", env);
	if (ctx_create(&c, label, env->mode, env->tdp_levels, (regions + 1) * SZ_2M,
		       (regions + 1) * SZ_2M))
		return 1;
	snprintf(c.label, sizeof(c.label), "%s %s", label, pattern);
	if (ctx_set_nr_mmu_pages(&c, limit) || ctl_write(dir, "ready", c.vm.name))
		goto out;
	if (wait_ctl(dir, "go", c.label))
		goto out;
	if (!strcmp(pattern, "hotcold"))
		ret = hotcold(&c);
	else if (!strcmp(pattern, "random"))
		ret = uniform(&c, seed);
	else
		ret = cyclic(&c, regions);
	if (ret || ctl_write(dir, "done", c.vm.name))
		goto out;
	if (wait_ctl(dir, "stop", c.label))
		goto out;
	if (ctx_halt(&c))
		goto out;
	tap_ok("%s: the pattern ran", c.label);
out:
	snprintf(name, sizeof(name), "%s", c.vm.name);
	ctx_destroy(&c);
	check_vm_gone(c.label, name);
	return 0;
}
