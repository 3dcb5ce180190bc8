// SPDX-License-Identifier: GPL-2.0
/*
 * demo: one long-running VM with a behaviour of its own, for `make demo`
 * (demo/guest/demo.sh), which starts several at once and watches them with
 * the shadowstat CLI:
 *   steady  fault R regions x P pages once, then idle
 *   churn   set the page limit to N (KVM_SET_NR_MMU_PAGES), then touch R
 *           regions round-robin, CHURN_CHUNK per step: under shadow paging
 *           every touch needs a new shadow page, so KVM recycles all the time
 *   storm   fault R regions once, then steps of a CR3 reload (which syncs
 *           the guest page tables written before) and writes to 1..U of the
 *           guest's last-level page tables (unsync under shadow paging)
 *   leak    fault R regions once, then write one more of the guest's page
 *           tables each step and never reload CR3: under shadow paging
 *           nearly every shadow page ends up unsync (seed 000)
 *   stale   fault R regions once, then add and delete a memslot (a fast zap)
 *           and never run the vCPU again: its zapped root stays obsolete
 * A step runs every -i milliseconds, so that the busy VMs leave the CPU to
 * the rest of the guest. Controlled through files in a directory, as hold:
 *   DIR/ready   written once the VM is set up; holds the VM name "<pid>-<fd>"
 *   DIR/pause   when it appears: stop running the vCPU, write DIR/paused
 *               (numbers then stay put for a summary)
 *   DIR/stop    when it appears: exit
 * --name NAME is not used here: it is for the CLI, which shows a VM's guest
 * name from "-name"/"--name" in /proc/<pid>/cmdline, as for QEMU.
 *
 * Unlike the other scenarios, demo runs no model and no checkpoint: its runs
 * are long and timing-dependent, so there is no exact expectation. The demo
 * checks what holds anyway: shadowstat's counters against KVM's own stats
 * (sp_recycled == mmu_recycled) and mirror_drift == 0.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctlfile.h"
#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "stats.h"
#include "../lib/tap.h"
#include "vmm.h"

#define CHURN_CHUNK 8
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum demo_kind { DEMO_STEADY, DEMO_CHURN, DEMO_STORM, DEMO_LEAK, DEMO_STALE };

static const char *const demo_kinds[] = {
	[DEMO_STEADY] = "steady", [DEMO_CHURN] = "churn", [DEMO_STORM] = "storm",
	[DEMO_LEAK] = "leak", [DEMO_STALE] = "stale",
};

struct demo {
	enum demo_kind kind;
	unsigned long regions, pages, limit, writes;
	unsigned long steps, next;
	struct vmm vm;
};

static double demo_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Rewrite the last PTE of @region's guest page table with its current value. */
static int demo_ptwrite(struct vmm *vm, unsigned long region)
{
	uint64_t gpa = vmm_pt_gpa(vm, region) + 511 * 8;

	return vmm_ptwrite(vm, gpa, vmm_gpte(vm, REGION_GPA(region) + 511 * SZ_4K));
}

static int demo_setup(struct demo *d)
{
	if (d->kind == DEMO_CHURN && vmm_set_nr_mmu_pages(&d->vm, d->limit))
		return -1;
	/* churn faults its regions as it goes; the others fault their whole set now */
	if (d->kind == DEMO_CHURN)
		return 0;
	if (vmm_touch(&d->vm, REGION_GPA(1), d->regions, d->pages, SZ_2M))
		return -1;
	/* the spare 2 MiB above slot 0 (see scn_demo()) */
	if (d->kind == DEMO_STALE &&
	    (vmm_set_slot(&d->vm, 1, REGION_GPA(d->regions + 1), SZ_2M) ||
	     vmm_delete_slot(&d->vm, 1)))
		return -1;
	return 0;
}

static int demo_step(struct demo *d)
{
	unsigned long n, k;

	d->steps++;
	switch (d->kind) {
	case DEMO_STEADY:
	case DEMO_STALE:
		return 0;
	case DEMO_LEAK:
		if (d->next < d->regions && demo_ptwrite(&d->vm, 1 + d->next++))
			return -1;
		return 0;
	case DEMO_CHURN:
		n = CHURN_CHUNK;
		if (n > d->regions - d->next)
			n = d->regions - d->next;
		if (vmm_touch(&d->vm, REGION_GPA(1 + d->next), n, d->pages, SZ_2M))
			return -1;
		d->next = (d->next + n) % d->regions;
		return 0;
	case DEMO_STORM:
		/*
		 * Sync what the last step wrote, then write a different number of
		 * page tables: between two steps, 1..U of them are unsync.
		 */
		if (vmm_cr3_reload(&d->vm))
			return -1;
		n = 1 + d->steps % d->writes;
		for (k = 1; k <= n; k++)
			if (demo_ptwrite(&d->vm, k))
				return -1;
		return 0;
	}
	return -1;
}

int scn_demo(const struct env *env, int argc, char **argv)
{
	struct demo d = { .kind = DEMO_STEADY, .regions = 0, .pages = 0, .limit = 64 };
	unsigned long interval = 50, timeout = 600;
	uint64_t spare;
	/* the guest name is the CLI's, read from /proc/<pid>/cmdline */
	const char *dir = NULL, *kind = "steady", *name = NULL;
	bool paused = false;
	char label[64];
	double t0;
	const struct scn_opt opts[] = {
		SCN_OPT_STR('k', &kind, "steady|churn|storm|leak|stale", true),
		SCN_OPT_STR('d', &dir, "ctl_dir", true),
		SCN_OPT_LONG_STR('N', "name", &name, "NAME"),
		SCN_OPT_NUM('r', &d.regions, 1, 255, "regions"),
		SCN_OPT_NUM('p', &d.pages, 1, 511, "pages"),
		SCN_OPT_NUM('n', &d.limit, 64, 100000, "nr_mmu_pages"),
		SCN_OPT_NUM('u', &d.writes, 1, 255, "pt_writes"),
		SCN_OPT_NUM('i', &interval, 1, 10000, "interval_ms"),
		SCN_OPT_NUM('t', &timeout, 1, 3600, "timeout_s"),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	for (d.kind = 0; d.kind < ARRAY_SIZE(demo_kinds); d.kind++)
		if (!strcmp(kind, demo_kinds[d.kind]))
			break;
	if (d.kind == ARRAY_SIZE(demo_kinds))
		return scn_usage(argv[0], opts);
	/* defaults: a small fixed set; churn 3x more regions than the default limit */
	if (!d.regions)
		d.regions = d.kind == DEMO_CHURN ? 200 : d.kind == DEMO_STORM ? 32 :
			    d.kind == DEMO_LEAK ? 64 : 16;
	if (!d.pages)
		d.pages = d.kind == DEMO_STEADY ? 8 : 1;
	if (!d.writes)
		d.writes = 16;
	if (d.writes > d.regions)
		d.writes = d.regions;

	scn_label(label, sizeof(label), "demo", env);
	/* stale has 2 MiB more than slot 0 for the memslot it adds and deletes */
	spare = d.kind == DEMO_STALE ? SZ_2M : 0;
	if (vmm_create(&d.vm, (d.regions + 1) * SZ_2M + spare, (d.regions + 1) * SZ_2M)) {
		tap_fail("%s %s: create VM", label, kind);
		vmm_destroy(&d.vm);
		return 1;
	}
	if (demo_setup(&d)) {
		tap_fail("%s %s %s: set up", label, kind, d.vm.name);
		goto out;
	}
	if (ctl_write(dir, "ready", d.vm.name)) {
		tap_fail("%s %s: write %s/ready", label, kind, dir);
		goto out;
	}
	t0 = demo_now();
	while (!ctl_exists(dir, "stop")) {
		if (demo_now() - t0 > timeout) {
			tap_fail("%s %s %s: no %s/stop within %lu s", label, kind, d.vm.name, dir,
				 timeout);
			break;
		}
		if (!paused && ctl_exists(dir, "pause")) {
			paused = true;
			ctl_write(dir, "paused", d.vm.name);
		}
		if (!paused && demo_step(&d)) {
			tap_fail("%s %s %s: guest step %lu", label, kind, d.vm.name, d.steps);
			break;
		}
		usleep(d.kind == DEMO_STEADY || d.kind == DEMO_STALE || paused ? 10000 :
		       interval * 1000);
	}
	tap_note("%s %s %s: %lu steps", label, kind, d.vm.name, d.steps);
out:
	vmm_destroy(&d.vm);
	return 0;
}
