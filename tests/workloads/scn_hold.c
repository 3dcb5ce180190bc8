// SPDX-License-Identifier: GPL-2.0
/*
 * hold: fault a known set of pages, then keep the VM alive under the control
 * of files in a directory, so that a guest script can load or unload
 * shadowstat (or kvm_amd) while VMs exist:
 *   DIR/ready    written once the VM is set up; holds the VM name "<pid>-<fd>"
 *   DIR/check    when it appears: run the checks, remove it, write DIR/checked
 *   DIR/stop     when it appears: final checks, halt, exit
 * With -b the vCPU keeps running between polls (touching regions round-robin,
 * with -n a small page limit makes it recycle all the time); without -b the
 * VM sits idle.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "ctlfile.h"
#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "../lib/tap.h"

#define BUSY_CHUNK 16

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int busy_step(struct vmctx *c, unsigned long regions, unsigned long *next)
{
	unsigned long n = BUSY_CHUNK;

	if (n > regions - *next)
		n = regions - *next;
	if (ctx_touch(c, 1 + *next, n, 1))
		return -1;
	*next = (*next + n) % regions;
	return 0;
}

int scn_hold(const struct env *env, int argc, char **argv)
{
	unsigned long regions = 8, pages = 1, limit = 0, timeout = 300, next = 0, checks = 0;
	char label[64], name[32], cp[32];
	const char *dir = NULL;
	bool busy = false;
	struct vmctx c;
	double t0;
	const struct scn_opt opts[] = {
		SCN_OPT_STR('d', &dir, "ctl_dir", true),
		SCN_OPT_NUM('r', &regions, 1, 255, "regions"),
		SCN_OPT_NUM('p', &pages, 1, 511, "pages"),
		SCN_OPT_NUM('n', &limit, 64, 100000, "nr_mmu_pages"),
		SCN_OPT_FLAG('b', &busy),
		SCN_OPT_NUM('t', &timeout, 1, 3600, "timeout_s"),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	scn_label(label, sizeof(label), "hold", env);
	if (ctx_create(&c, label, env->mode, env->tdp_levels, (regions + 1) * SZ_2M,
		       (regions + 1) * SZ_2M))
		return 1;
	snprintf(c.label, sizeof(c.label), "%s %s", label, dir);
	if (limit && ctx_set_nr_mmu_pages(&c, limit))
		goto out;
	if (ctx_touch(&c, 1, regions, pages))
		goto out;
	checkpoint(&c, "ready");
	if (ctl_write(dir, "ready", c.vm.name)) {
		tap_fail("%s: write %s/ready", c.label, dir);
		goto out;
	}
	t0 = now();
	for (;;) {
		if (ctl_exists(dir, "stop"))
			break;
		if (now() - t0 > timeout) {
			tap_fail("%s: no %s/stop within %lu s", c.label, dir, timeout);
			break;
		}
		if (ctl_exists(dir, "check")) {
			ctl_remove(dir, "check");
			snprintf(cp, sizeof(cp), "check-%lu", ++checks);
			checkpoint(&c, cp);
			ctl_write(dir, "checked", cp);
		}
		if (!busy)
			usleep(10000);
		else if (busy_step(&c, regions, &next))
			goto out;
	}
	if (ctx_halt(&c))
		goto out;
	checkpoint(&c, "final");
	if (!busy)
		ctx_verify_touch(&c, 1, regions, pages);
out:
	snprintf(name, sizeof(name), "%s", c.vm.name);
	ctx_destroy(&c);
	check_vm_gone(c.label, name);
	return 0;
}
