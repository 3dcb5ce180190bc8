/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one table of shadowstat's statistics: debugfs, the ioctl schema and so
 * the CLI are all generated from it. Adding a stat is one line here plus the
 * code that computes it in ss_snapshot.c.
 *
 * Include it after defining SS_STAT(name, kind, unit, description); it has no
 * include guard on purpose.
 */
SS_STAT(mmu_shadow_pages, GAUGE, PAGES,
	"Live shadow pages counted against the limit (kvm->arch.n_used_mmu_pages)")
SS_STAT(mmu_pages_limit, GAUGE, PAGES,
	"Shadow page limit (kvm->arch.n_max_mmu_pages, KVM_SET_NR_MMU_PAGES)")
SS_STAT(indirect_shadow_pages, GAUGE, PAGES,
	"Shadow pages that shadow guest page tables (kvm->arch.indirect_shadow_pages)")
SS_STAT(tdp_mmu_pages, GAUGE, PAGES, "Non-root TDP MMU page tables")
SS_STAT(tdp_mmu_roots, GAUGE, PAGES, "TDP MMU roots, valid or invalidated but still referenced")
SS_STAT(unsync_shadow_pages, GAUGE, PAGES, "Counted shadow pages that are unsync")
SS_STAT(direct_shadow_pages, GAUGE, PAGES, "Counted shadow pages with a direct role")
SS_STAT(root_shadow_pages, GAUGE, PAGES, "Counted shadow pages in use as a root (root_count > 0)")
SS_STAT(obsolete_shadow_pages, GAUGE, PAGES,
	"Counted shadow pages that are invalid or of an older generation")
SS_STAT(shadow_pages_l1, GAUGE, PAGES, "Counted shadow pages at level 1 (4K page tables)")
SS_STAT(shadow_pages_l2, GAUGE, PAGES, "Counted shadow pages at level 2")
SS_STAT(shadow_pages_l3, GAUGE, PAGES, "Counted shadow pages at level 3")
SS_STAT(shadow_pages_l4, GAUGE, PAGES, "Counted shadow pages at level 4")
SS_STAT(shadow_pages_l5, GAUGE, PAGES, "Counted shadow pages at level 5")
SS_STAT(sp_created, CUMULATIVE, PAGES, "Shadow pages created")
SS_STAT(sp_reused, CUMULATIVE, PAGES, "Shadow page lookups that reused an existing page")
SS_STAT(sp_zapped, CUMULATIVE, PAGES, "Shadow pages zapped and uncounted")
SS_STAT(sp_root_zaps, CUMULATIVE, PAGES, "Zaps of in-use roots (freed later, on release)")
SS_STAT(sp_recycled, CUMULATIVE, PAGES, "Shadow pages zapped to stay under the page limit")
SS_STAT(sp_unsynced, CUMULATIVE, PAGES, "Shadow pages marked unsync")
SS_STAT(sp_synced, CUMULATIVE, PAGES, "Unsync shadow pages synced, or zapped while unsync")
SS_STAT(tdp_sp_created, CUMULATIVE, PAGES, "Non-root TDP MMU page tables linked")
SS_STAT(tdp_sp_freed, CUMULATIVE, PAGES, "Non-root TDP MMU page tables unlinked")
SS_STAT(huge_pages_split, CUMULATIVE, PAGES, "Huge pages split into page tables")
SS_STAT(mirror_shadow_pages, GAUGE, PAGES,
	"Live shadow pages as counted by shadowstat's hooks alone")
SS_STAT(mirror_drift, GAUGE, PAGES,
	"mirror_shadow_pages minus mmu_shadow_pages (0 when the mirror is right)")
