// SPDX-License-Identifier: GPL-2.0
/*
 * manypt: a VM holding many shadow pages at once, for shadowstat's read-path
 * benchmarks (bench/). The guest's page tables map N 2 MiB regions of
 * guest-virtual space from 1 GiB up (N = -n, up to 130000: 254 GiB), each
 * through a page table of its own whose only entry points at one of 192
 * data frames (few enough that KVM keeps fewer than RMAP_RECYCLE_THRESHOLD
 * mappings of a frame, which it would zap); the guest stores once into each
 * region. Under shadow paging each
 * of those guest page tables is shadowed by one level-1 shadow page and each
 * page directory by one level-2 page, so the VM ends up with
 *   mmu_shadow_pages = N + ceil(N / 512) + 4
 * (level 1: N and the page table of the code; level 2: the directories and
 * the one of the code; level 3: 1; level 4: 1), with the page limit raised
 * to fit. Checked against KVM's stats (mmu_cache_miss, no zap) and, when
 * loaded, shadowstat's; then the VM stays up as with hold:
 *   DIR/ready  written once the pages exist; holds the VM name "<pid>-<fd>"
 *   DIR/stop   when it appears: exit
 * Without -d it exits after the checks. Shadow paging only.
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
#include "stats.h"
#include "../lib/tap.h"
#include "vmm.h"

#define MANYPT_VA	SZ_1G			/* first region mapped by the extra tables */
#define MANYPT_TABLES	(2 * SZ_2M)		/* GPA of the first extra table */
#define MANYPT_DATA	0x40000ULL		/* data frames in region 0, up to PT_BASE_GPA */
#define MANYPT_FRAMES	192
#define MANYPT_MAX	130000UL

/* PDPT[1..] -> directories, each entry -> a table of its own -> one data frame. */
static void manypt_tables(struct vmm *vm, unsigned long n)
{
	uint64_t *pdpt = (uint64_t *)(vm->mem + PDPT_GPA);
	unsigned long ndirs = (n + 511) / 512, i;

	for (i = 0; i < ndirs; i++)
		pdpt[1 + i] = (MANYPT_TABLES + i * SZ_4K) | 3;
	for (i = 0; i < n; i++) {
		uint64_t *pd = (uint64_t *)(vm->mem + MANYPT_TABLES + (i / 512) * SZ_4K);
		uint64_t pt = MANYPT_TABLES + (ndirs + i) * SZ_4K;

		pd[i % 512] = pt | 3;
		*(uint64_t *)(vm->mem + pt) = (MANYPT_DATA + (i % MANYPT_FRAMES) * SZ_4K) | 3;
	}
}

static void manypt_check(const struct vmm *vm, const char *label, unsigned long n)
{
	int64_t ndirs = (n + 511) / 512, want = n + ndirs + 4, v;
	int64_t kvm[K_NR], ss[S_NR];
	char err[256], path[128];
	struct tap_group g;

	if (kvm_stats_read(vm->name, kvm, err, sizeof(err))) {
		tap_fail("%s: read KVM stats: %s", label, err);
		return;
	}
	tap_group_begin(&g, "%s: KVM holds %lld shadow pages", label, (long long)want);
	tap_group_eq(&g, "mmu_cache_miss", want, kvm[K_mmu_cache_miss]);
	tap_group_eq(&g, "mmu_shadow_zapped", 0, kvm[K_mmu_shadow_zapped]);
	tap_group_eq(&g, "pages_4k (one per region and the code page)", n + 1,
		     kvm[K_pages_4k]);
	tap_group_end(&g);
	if (!ss_vm_present(vm->name)) {
		tap_skip("%s: shadowstat checks: no %s/%s", label, SS_DEBUGFS, vm->name);
		return;
	}
	if (ss_stats_read(vm->name, ss, err, sizeof(err))) {
		tap_fail("%s: shadowstat: %s", label, err);
		return;
	}
	if (ss[S_shadow_pages_l1] == SS_NA) {
		/* past walk_budget_us the page walk stops and its stats read ENODATA */
		tap_note("%s: shadowstat: the page walk's stats are unavailable", label);
		tap_group_begin(&g, "%s: shadowstat (stats without the page walk)", label);
	} else {
		tap_group_begin(&g, "%s: shadowstat", label);
		tap_group_eq(&g, "shadow_pages_l1", n + 1, ss[S_shadow_pages_l1]);
		tap_group_eq(&g, "shadow_pages_l2", ndirs + 1, ss[S_shadow_pages_l2]);
		tap_group_eq(&g, "shadow_pages_l3", 1, ss[S_shadow_pages_l3]);
		tap_group_eq(&g, "shadow_pages_l4", 1, ss[S_shadow_pages_l4]);
	}
	snprintf(path, sizeof(path), SS_DEBUGFS "/%s/mmu_shadow_pages", vm->name);
	if (read_num(path, &v))
		v = -1;
	tap_group_eq(&g, "mmu_shadow_pages", want, v);
	snprintf(path, sizeof(path), SS_DEBUGFS "/%s/mirror_drift", vm->name);
	if (read_num(path, &v))
		v = -1;
	tap_group_eq(&g, "mirror_drift", 0, v);
	tap_group_end(&g);
}

int scn_manypt(const struct env *env, int argc, char **argv)
{
	unsigned long n = 10000, timeout = 3600, mem, ndirs;
	const char *dir = NULL;
	char label[64], path[300];
	struct timespec t0, t1;
	struct vmm vm;
	const struct scn_opt opts[] = {
		SCN_OPT_NUM('n', &n, 1, MANYPT_MAX, "page_tables"),
		SCN_OPT_STR('d', &dir, "ctl_dir", false),
		SCN_OPT_NUM('t', &timeout, 1, 86400, "timeout_s"),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	scn_label(label, sizeof(label), "manypt", env);
	if (env->mode != MMU_SHADOW) {
		tap_skip("%s: needs shadow paging (kvm_amd npt=0)", label);
		return 0;
	}
	ndirs = (n + 511) / 512;
	mem = MANYPT_TABLES + (ndirs + n) * SZ_4K;
	mem = (mem + SZ_2M - 1) / SZ_2M * SZ_2M;
	if (vmm_create(&vm, mem, mem)) {
		tap_fail("%s: create VM with %lu MiB", label, mem >> 20);
		vmm_destroy(&vm);
		return 1;
	}
	manypt_tables(&vm, n);
	if (vmm_set_nr_mmu_pages(&vm, n + ndirs + 64)) {
		tap_fail("%s: KVM_SET_NR_MMU_PAGES", label);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (vmm_touch(&vm, MANYPT_VA, n, 1, SZ_2M)) {
		tap_fail("%s: guest touch of %lu regions", label, n);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	tap_note("%s: %lu page tables faulted in %.3f s", label, n,
		 (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	manypt_check(&vm, label, n);
	if (dir) {
		time_t start = time(NULL);

		if (ctl_write(dir, "ready", vm.name)) {
			tap_fail("%s: write %s/ready", label, dir);
			goto out;
		}
		while (!ctl_exists(dir, "stop")) {
			if (time(NULL) - start > (time_t)timeout) {
				tap_fail("%s: no %s/stop within %lu s", label, dir, timeout);
				break;
			}
			usleep(20000);
		}
	}
out:
	snprintf(path, sizeof(path), "%s", vm.name);
	vmm_destroy(&vm);
	check_vm_gone(label, path);
	return 0;
}
