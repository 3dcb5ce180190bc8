// SPDX-License-Identifier: GPL-2.0
/*
 * split: huge page splitting (seed 003). R 2 MiB regions of guest memory are
 * backed by huge pages (-b thp or hugetlb) in memslot 1 and stored to once
 * each, so KVM maps them 2 MiB where its MMU mode lets it. Then dirty logging
 * starts on the memslot (-P log: KVM_MEM_LOG_DIRTY_PAGES; -P clear: manual
 * protect with every page initially dirty, then KVM_CLEAR_DIRTY_LOG of all of
 * it), and the guest stores to every region again.
 *
 * The TDP MMU splits eagerly when dirty logging starts (-P log) or on the
 * clear (-P clear), if kvm.eager_page_split is on; otherwise on the write
 * fault, from 6.2 on, where 6.1 zaps the huge page and maps 4 KiB. Every
 * split makes one page table of 512 4 KiB SPTEs; every huge page zapped
 * instead is refaulted as one.
 *
 * With -n a nested guest (vmm_nested.h) stores to the regions too, before
 * dirty logging and after, through a nested page table of 2 MiB pages, so
 * KVM's nested MMU maps them 2 MiB as well. The shadow MMU splits those only
 * eagerly and only when the TDP MMU is on (kvm_mmu_slot_try_split_huge_pages
 * and kvm_mmu_try_split_huge_pages return at once without it): a direct
 * shadow page of 512 SPTEs each, after one -EAGAIN for the VM's first split,
 * whose split caches start empty (it drops mmu_lock to fill them). Without
 * eager splitting the nested guest's write drops the huge SPTE and maps one
 * 4 KiB page.
 *
 * The expected counts come from that, the MMU mode, the parameter, the
 * kernel and the regions the kernel really backed with huge pages, and are
 * checked against shadowstat and against KVM's pages_2m and pages_4k.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "stats.h"
#include "vmm_huge.h"
#include "vmm_nested.h"
#include "../lib/tap.h"

#define SPLIT_SLOT	1
#define EAGER_PARAM	"/sys/module/kvm/parameters/eager_page_split"

struct split_run {
	const char *label;
	enum mmu_mode mode;
	bool clear;		/* -P clear */
	bool eager;		/* kvm.eager_page_split */
	bool fault_splits;	/* 6.2+: the TDP MMU splits on a fault */
	bool nested;		/* -n: a nested guest stores to the regions too */
	uint64_t regions, huge;
};

struct split_want {
	int64_t dirty_log, clear_log, fault, total;
	int64_t tdp_mmu, shadow_mmu;
	int64_t mapped_2m;	/* pages_2m growth from the first stores */
	int64_t pages_4k;	/* pages_4k growth from dirty logging on, or -1: not modelled */
};

static bool kernel_at_least(int major, int minor)
{
	struct utsname u;
	int ma = 0, mi = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
		return false;
	return ma > major || (ma == major && mi >= minor);
}

static bool param_on(const char *path)
{
	char c = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	if (fread(&c, 1, 1, f) != 1)
		c = 0;
	fclose(f);
	return c == 'Y' || c == 'y' || c == '1';
}

static void split_expect(const struct split_run *r, struct split_want *w)
{
	bool tdp = r->mode == MMU_TDP;
	int64_t eager = tdp && r->eager ? r->huge : 0;
	int64_t nested = r->nested ? r->huge : 0;

	memset(w, 0, sizeof(*w));
	w->shadow_mmu = r->nested ? eager : 0;
	if (r->clear)
		w->clear_log = eager + w->shadow_mmu;
	else
		w->dirty_log = eager + w->shadow_mmu;
	if (tdp && r->fault_splits)
		w->fault = r->huge - eager;
	w->tdp_mmu = eager + w->fault;
	w->total = w->dirty_log + w->clear_log + w->fault;
	/* shadow paging follows the guest's 4 KiB page tables */
	w->mapped_2m = (r->mode == MMU_SHADOW ? 0 : r->huge) + nested;
	/* a split leaves 512 4 KiB SPTEs, a huge page dropped one refaulted */
	w->pages_4k = r->mode == MMU_SHADOW ? -1 : 512 * w->total + (w->mapped_2m - w->total);
}

static int split_read(const struct split_run *r, const char *name, int64_t kvm[K_NR],
		      int64_t ss[S_NR], bool *ss_ok)
{
	char err[256];

	if (kvm_stats_read(name, kvm, err, sizeof(err))) {
		tap_fail("%s: read KVM stats: %s", r->label, err);
		return -1;
	}
	*ss_ok = ss_vm_present(name) && !ss_stats_read(name, ss, err, sizeof(err)) &&
		 ss[S_huge_pages_split] != SS_NA;
	return 0;
}

#define SS_D(id)	(ss1[S_##id] - ss0[S_##id])

static void split_check_ss(const struct split_run *r, const struct split_want *w,
			   const int64_t *ss0, const int64_t *ss_mapped, const int64_t *ss1)
{
	struct tap_group g;

	if (r->nested)
		tap_note("%s: splits: tdp_mmu %lld, shadow_mmu %lld, tables %lld, retried %lld",
			 r->label, (long long)SS_D(split_tdp_mmu),
			 (long long)SS_D(split_shadow_mmu), (long long)SS_D(split_tables_created),
			 (long long)SS_D(split_failed_race));
	tap_group_begin(&g, "%s: shadowstat's split counts as expected", r->label);
	tap_group_eq(&g, "huge_pages_split growth over the first stores (no dirty logging)", 0,
		     ss_mapped[S_huge_pages_split] - ss0[S_huge_pages_split]);
	tap_group_eq(&g, "growth of split_dirty_log", w->dirty_log, SS_D(split_dirty_log));
	tap_group_eq(&g, "growth of split_clear_log", w->clear_log, SS_D(split_clear_log));
	tap_group_eq(&g, "growth of split_fault", w->fault, SS_D(split_fault));
	tap_group_eq(&g, "growth of huge_pages_split", w->total, SS_D(huge_pages_split));
	tap_group_eq(&g, "growth of split_tdp_mmu", w->tdp_mmu, SS_D(split_tdp_mmu));
	tap_group_eq(&g, r->nested ? "growth of split_shadow_mmu (the nested guest's)" :
		     "growth of split_shadow_mmu (no nested guest)", w->shadow_mmu,
		     SS_D(split_shadow_mmu));
	tap_group_eq(&g, "growth of split_tables_created (one per split)", w->total,
		     SS_D(split_tables_created));
	tap_group_eq(&g, "growth of split_failed_nomem", 0, SS_D(split_failed_nomem));
	if (w->shadow_mmu)
		tap_group_true(&g, "growth of split_failed_race >= 1 (the empty split caches)",
			       SS_D(split_failed_race) >= 1, "no -EAGAIN counted");
	else
		tap_group_eq(&g, "growth of split_failed_race (one vCPU, stopped)", 0,
			     SS_D(split_failed_race));
	tap_group_eq(&g, "growth of split_failed_other", 0, SS_D(split_failed_other));
	tap_group_end(&g);
}

static void split_check_kvm(const struct split_run *r, const struct split_want *w,
			    const int64_t *k0, const int64_t *k1, const int64_t *k2,
			    const int64_t *ss1, const int64_t *ss2, bool ss_ok)
{
	struct tap_group g;

	tap_group_begin(&g, "%s: KVM's pages_2m and pages_4k agree", r->label);
	tap_group_eq(&g, "growth of KVM pages_2m from the first stores (huge regions mapped 2M)",
		     w->mapped_2m, k1[K_pages_2m] - k0[K_pages_2m]);
	tap_group_eq(&g, "growth of KVM pages_2m from dirty logging on (all 4K after)",
		     -w->mapped_2m, k2[K_pages_2m] - k1[K_pages_2m]);
	if (w->pages_4k >= 0)
		tap_group_eq(&g, "growth of KVM pages_4k from dirty logging on", w->pages_4k,
			     k2[K_pages_4k] - k1[K_pages_4k]);
	if (ss_ok && w->pages_4k >= 0)
		tap_group_eq(&g, "512 * shadowstat's splits + zapped == KVM pages_4k growth",
			     k2[K_pages_4k] - k1[K_pages_4k],
			     512 * (ss2[S_huge_pages_split] - ss1[S_huge_pages_split]) +
			     w->mapped_2m - (ss2[S_huge_pages_split] - ss1[S_huge_pages_split]));
	tap_group_end(&g);
}

static int split_dirty_on(struct vmm *vm, const struct split_run *r)
{
	uint64_t size = r->regions * SZ_2M;

	if (vmm_set_slot_flags(vm, SPLIT_SLOT, SZ_2M, size, KVM_MEM_LOG_DIRTY_PAGES))
		return -1;
	return r->clear ? vmm_clear_dirty_log(vm, SPLIT_SLOT) : 0;
}

/* The nested guest's stores, one page at @gpa in every region, with -n. */
static int split_nested_touch(struct vmm *vm, const struct split_run *r, uint64_t gpa)
{
	if (!r->nested)
		return 0;
	if (vmm_nested_touch(vm, gpa, r->regions, 1, SZ_2M)) {
		tap_fail("%s: the nested guest did not run its stores", r->label);
		return -1;
	}
	return 0;
}

static int split_run(struct split_run *r, enum huge_backing backing)
{
	int64_t k0[K_NR], k1[K_NR], k2[K_NR], ss0[S_NR], ss1[S_NR], ss2[S_NR];
	uint64_t size = r->regions * SZ_2M, bad;
	struct split_want w;
	bool ok0, ok1, ok2;
	struct vmm vm;
	int ret = -1;

	if (vmm_create(&vm, (r->regions + 1) * SZ_2M, SZ_2M))
		goto out;
	if (vmm_huge_back(&vm, SZ_2M, size, backing) || vmm_huge_count(&vm, SZ_2M, size, &r->huge))
		goto out;
	if (r->clear && vmm_dirty_log_manual(&vm))
		goto out;
	if (vmm_set_slot(&vm, SPLIT_SLOT, SZ_2M, size))
		goto out;
	tap_note("%s: %llu of %llu regions backed by one huge page; eager_page_split %s, "
		 "split on fault %s", r->label, (unsigned long long)r->huge,
		 (unsigned long long)r->regions, r->eager ? "on" : "off",
		 r->fault_splits ? "yes (6.2+)" : "no (6.1)");
	if (!r->huge) {
		tap_skip("%s: the kernel gave no huge page (THP off, or no free hugetlb pages)",
			 r->label);
		ret = 0;
		goto out;
	}
	if (r->nested) {
		char why[128] = "";
		int e = vmm_nested_setup(&vm, why, sizeof(why));

		if (e == -EOPNOTSUPP) {
			tap_skip("%s: no nested guest: %s", r->label, why);
			ret = 0;
			goto out;
		}
		if (e) {
			tap_fail("%s: nested guest set-up: %s (%s)", r->label, strerror(-e), why);
			goto out;
		}
	}
	split_expect(r, &w);
	if (split_read(r, vm.name, k0, ss0, &ok0) || vmm_touch(&vm, SZ_2M, r->regions, 1, SZ_2M) ||
	    split_nested_touch(&vm, r, SZ_2M) || split_read(r, vm.name, k1, ss1, &ok1) ||
	    split_dirty_on(&vm, r) || vmm_touch(&vm, SZ_2M + SZ_4K, r->regions, 1, SZ_2M) ||
	    split_nested_touch(&vm, r, SZ_2M + 2 * SZ_4K) || split_read(r, vm.name, k2, ss2, &ok2))
		goto out;
	if (ok0 && ok1 && ok2)
		split_check_ss(r, &w, ss0, ss1, ss2);
	else
		tap_skip("%s: shadowstat's split counts: not loaded, or huge_split is off",
			 r->label);
	split_check_kvm(r, &w, k0, k1, k2, ss1, ss2, ok1 && ok2);
	bad = vmm_verify_touch(&vm, SZ_2M, r->regions, r->nested ? 3 : 2, SZ_2M);
	if (bad)
		tap_fail("%s: %llu guest stores missing from memory", r->label,
			 (unsigned long long)bad);
	else
		tap_ok("%s: every guest store is in memory", r->label);
	ret = 0;
out:
	vmm_destroy(&vm);
	if (ret)
		tap_fail("%s: the VM could not be set up or run (see above)", r->label);
	return ret;
}

int scn_split(const struct env *env, int argc, char **argv)
{
	const char *phase = "log", *back = "thp";
	enum huge_backing backing;
	bool nested = false;
	unsigned long regions = 4;
	struct split_run r;
	char label[96];
	const struct scn_opt opts[] = {
		SCN_OPT_STR('P', &phase, "log|clear", false),
		SCN_OPT_STR('b', &back, "thp|hugetlb", false),
		SCN_OPT_NUM('r', &regions, 1, 64, "regions"),
		SCN_OPT_FLAG('n', &nested),
		SCN_OPT_END
	};

	if (scn_parse(argc, argv, opts))
		return 2;
	if ((strcmp(phase, "log") && strcmp(phase, "clear")) ||
	    (strcmp(back, "thp") && strcmp(back, "hugetlb")))
		return scn_usage("split", opts);
	backing = strcmp(back, "thp") ? HUGE_HUGETLB : HUGE_THP;
	memset(&r, 0, sizeof(r));
	r.mode = env->mode;
	r.clear = !strcmp(phase, "clear");
	r.eager = param_on(EAGER_PARAM);
	r.fault_splits = kernel_at_least(6, 2);
	r.regions = regions;
	r.nested = nested;
	scn_label(label, sizeof(label), "split", env);
	snprintf(label + strlen(label), sizeof(label) - strlen(label), " -P %s -b %s%s eager=%c",
		 phase, back, nested ? " -n" : "", r.eager ? 'Y' : 'N');
	r.label = label;
	split_run(&r, backing);
	return 0;
}
