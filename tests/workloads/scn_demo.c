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
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctlfile.h"
#include "layout.h"
#include "scenarios.h"
#include "stats.h"
#include "../lib/tap.h"
#include "vmm.h"

#define CHURN_CHUNK 8

enum demo_kind { DEMO_STEADY, DEMO_CHURN, DEMO_STORM };

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
	uint64_t gpa = PT_GPA(region) + 511 * 8;

	return vmm_ptwrite(vm, gpa, vmm_gpte(vm, REGION_GPA(region) + 511 * SZ_4K));
}

static int demo_setup(struct demo *d)
{
	if (d->kind == DEMO_CHURN && vmm_set_nr_mmu_pages(&d->vm, d->limit))
		return -1;
	/* churn faults its regions as it goes; the others fault their whole set now */
	if (d->kind == DEMO_CHURN)
		return 0;
	return vmm_touch(&d->vm, REGION_GPA(1), d->regions, d->pages, SZ_2M);
}

static int demo_step(struct demo *d)
{
	unsigned long n, k;

	d->steps++;
	switch (d->kind) {
	case DEMO_STEADY:
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

static int demo_usage(void)
{
	fprintf(stderr, "usage: ssvmm demo -k steady|churn|storm -d ctl_dir [--name NAME] "
		"[-r regions] [-p pages] [-n nr_mmu_pages] [-u pt_writes] [-i interval_ms] "
		"[-t timeout_s]\n");
	return 2;
}

int scn_demo(const struct env *env, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo d = { .kind = DEMO_STEADY, .regions = 0, .pages = 0, .limit = 64 };
	unsigned long interval = 50, timeout = 600;
	const char *dir = NULL, *kind = "steady";
	bool paused = false;
	char label[64];
	double t0;
	int opt;

	while ((opt = getopt_long(argc, argv, "k:d:N:r:p:n:u:i:t:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'k':
			kind = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'N':
			break;
		case 'r':
			d.regions = scn_num("-r", optarg, 1, 255);
			break;
		case 'p':
			d.pages = scn_num("-p", optarg, 1, 511);
			break;
		case 'n':
			d.limit = scn_num("-n", optarg, 64, 100000);
			break;
		case 'u':
			d.writes = scn_num("-u", optarg, 1, 255);
			break;
		case 'i':
			interval = scn_num("-i", optarg, 1, 10000);
			break;
		case 't':
			timeout = scn_num("-t", optarg, 1, 3600);
			break;
		default:
			return demo_usage();
		}
	}
	if (!strcmp(kind, "steady"))
		d.kind = DEMO_STEADY;
	else if (!strcmp(kind, "churn"))
		d.kind = DEMO_CHURN;
	else if (!strcmp(kind, "storm"))
		d.kind = DEMO_STORM;
	else
		return demo_usage();
	if (!dir)
		return demo_usage();
	/* defaults: a small fixed set; churn 3x more regions than the default limit */
	if (!d.regions)
		d.regions = d.kind == DEMO_CHURN ? 200 : d.kind == DEMO_STORM ? 32 : 16;
	if (!d.pages)
		d.pages = d.kind == DEMO_STEADY ? 8 : 1;
	if (!d.writes)
		d.writes = 16;
	if (d.writes > d.regions)
		d.writes = d.regions;

	scn_label(label, sizeof(label), "demo", env);
	if (vmm_create(&d.vm, (d.regions + 1) * SZ_2M, (d.regions + 1) * SZ_2M)) {
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
		usleep(d.kind == DEMO_STEADY || paused ? 10000 : interval * 1000);
	}
	tap_note("%s %s %s: %lu steps", label, kind, d.vm.name, d.steps);
out:
	vmm_destroy(&d.vm);
	return 0;
}
