/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one table of shadowstat's statistics, in the manner of KVM's stats
 * descriptors: each entry says what the stat is and where its value comes
 * from, and everything else is generated from it: the stat ids, debugfs
 * files, the ioctl schema (so the CLI), the KVM-debugfs links, the filling
 * of a snapshot, whether a read needs the page walk, the stat lists of the
 * status report's features, and the tests' list of stats. A stat fed by an
 * existing source is one line here.
 *
 * SS_STAT(name, kind, unit, source, arg, needs, description)
 *   kind    GAUGE, CUMULATIVE, PEAK or RATIO (SHADOWSTAT_KIND_*)
 *   unit    PAGES, PPM or NONE (SHADOWSTAT_UNIT_*)
 *   source  KVM      a field of struct kvm, @arg its path (arch.n_max_mmu_pages);
 *                    a cumulative one counts from when shadowstat first saw the VM
 *           EVENT    counted by the hooks (struct ss_vm.ev[])
 *           WALK     the page walk's count @arg (struct ss_walk)
 *           DERIVED  @arg(), from KVM's state and the stats above it
 *   needs   the features it needs (ss_features.h names, F(...)), 0 for none
 *
 * Include it after defining SS_STAT(); it has no include guard on purpose.
 * Stats are in schema order; a DERIVED one comes after what it reads.
 */
SS_STAT(mmu_shadow_pages, GAUGE, PAGES, KVM, SS_KVM_SHADOW_PAGES_FIELD, 0,
	"Live shadow pages counted against the limit (kvm->arch.n_used_mmu_pages)")
SS_STAT(mmu_pages_limit, GAUGE, PAGES, KVM, arch.n_max_mmu_pages, 0,
	"Shadow page limit (kvm->arch.n_max_mmu_pages, KVM_SET_NR_MMU_PAGES)")
SS_STAT(memslot_pages, GAUGE, PAGES, KVM, nr_memslot_pages, 0,
	"Guest memory in the VM's memslots, in 4 KiB pages (KVM's default page limit: 2% of it)")
SS_STAT(indirect_shadow_pages, GAUGE, PAGES, KVM, arch.indirect_shadow_pages, 0,
	"Shadow pages that shadow guest page tables (kvm->arch.indirect_shadow_pages)")
SS_STAT(tdp_mmu_pages, GAUGE, PAGES, DERIVED, ss_derive_tdp_pages, 0,
	"Non-root TDP MMU page tables")
SS_STAT(tdp_mmu_roots, GAUGE, PAGES, DERIVED, ss_derive_tdp_roots, 0,
	"TDP MMU roots, valid or invalidated but still referenced")
SS_STAT(mmu_shadow_pages_peak, PEAK, PAGES, EVENT, 0, F(CREATE) | F(ZAP),
	"Most shadow pages at once since shadowstat first saw the VM (at each creation)")
SS_STAT(tdp_mmu_pages_peak, PEAK, PAGES, EVENT, 0, F(TDP_LINK) | F(TDP_FREE),
	"Most TDP MMU page tables at once since shadowstat first saw the VM (at each link)")
SS_STAT(lifetime_seconds, PEAK, SECONDS, DERIVED, ss_derive_lifetime, 0,
	"Departed VMs only: seconds from when shadowstat first saw the VM to its destruction")
SS_STAT(unsync_shadow_pages, GAUGE, PAGES, WALK, unsync, F(WALK),
	"Counted shadow pages that are unsync")
SS_STAT(direct_shadow_pages, GAUGE, PAGES, WALK, direct, F(WALK),
	"Counted shadow pages with a direct role")
SS_STAT(root_shadow_pages, GAUGE, PAGES, WALK, root, F(WALK),
	"Counted shadow pages in use as a root (root_count > 0)")
SS_STAT(obsolete_shadow_pages, GAUGE, PAGES, WALK, obsolete, F(WALK),
	"Counted shadow pages that are invalid or of an older generation")
SS_STAT(shadow_pages_l1, GAUGE, PAGES, WALK, level[0], F(WALK),
	"Counted shadow pages at level 1 (4K page tables)")
SS_STAT(shadow_pages_l2, GAUGE, PAGES, WALK, level[1], F(WALK),
	"Counted shadow pages at level 2")
SS_STAT(shadow_pages_l3, GAUGE, PAGES, WALK, level[2], F(WALK),
	"Counted shadow pages at level 3")
SS_STAT(shadow_pages_l4, GAUGE, PAGES, WALK, level[3], F(WALK),
	"Counted shadow pages at level 4")
SS_STAT(shadow_pages_l5, GAUGE, PAGES, WALK, level[4], F(WALK),
	"Counted shadow pages at level 5")
SS_STAT(sp_created, CUMULATIVE, PAGES, EVENT, 0, F(CREATE),
	"Shadow pages created")
SS_STAT(sp_reused, CUMULATIVE, PAGES, EVENT, 0, F(CREATE),
	"Shadow page lookups that reused an existing page")
SS_STAT(sp_zapped, CUMULATIVE, PAGES, EVENT, 0, F(ZAP),
	"Shadow pages zapped and uncounted")
SS_STAT(sp_root_zaps, CUMULATIVE, PAGES, EVENT, 0, F(ZAP),
	"Zaps of in-use roots (freed later, on release)")
SS_STAT(sp_recycled, CUMULATIVE, PAGES, KVM, stat.mmu_recycled, 0,
	"Shadow pages zapped to stay under the page limit")
SS_STAT(sp_unsynced, CUMULATIVE, PAGES, EVENT, 0, F(UNSYNC),
	"Shadow pages marked unsync")
SS_STAT(sp_synced, CUMULATIVE, PAGES, EVENT, 0, F(SYNC),
	"Unsync shadow pages synced, or zapped while unsync")
SS_STAT(unsync_try_tracked, CUMULATIVE, NONE, EVENT, 0, F(UNSYNC_TRY),
	"Attempts to unsync a gfn refused: it is write-tracked (an upper-level guest page table)")
SS_STAT(unsync_try_lpage, CUMULATIVE, NONE, EVENT, 0, F(UNSYNC_TRY),
	"Attempts to unsync a gfn where a 2 MiB page is allowed: the early exit of 7.1+")
SS_STAT(unsync_try_unsynced, CUMULATIVE, NONE, EVENT, 0, F(UNSYNC_TRY),
	"Attempts to unsync a gfn that marked shadow pages unsync")
SS_STAT(unsync_try_none, CUMULATIVE, NONE, EVENT, 0, F(UNSYNC_TRY),
	"Attempts to unsync a gfn that found nothing to unsync, or all already unsync")
SS_STAT(unsync_try_refused, CUMULATIVE, NONE, EVENT, 0, F(UNSYNC_TRY),
	"Attempts to unsync a gfn refused: a prefetch, or KVM is synchronizing")
SS_STAT(unsync_tries, CUMULATIVE, NONE, DERIVED, ss_derive_unsync_tries, F(UNSYNC_TRY),
	"Attempts to unsync a gfn (mmu_try_to_unsync_pages(): each new writable SPTE)")
SS_STAT(unsync_early_exit_ratio, RATIO, PPM, DERIVED, ss_derive_early_exit_ratio, F(UNSYNC_TRY),
	"unsync_try_lpage / unsync_tries: the attempts that can return early (seed 002)")
SS_STAT(tdp_sp_created, CUMULATIVE, PAGES, EVENT, 0, F(TDP_LINK),
	"Non-root TDP MMU page tables linked")
SS_STAT(tdp_sp_freed, CUMULATIVE, PAGES, EVENT, 0, F(TDP_FREE),
	"Non-root TDP MMU page tables unlinked")
SS_STAT(huge_pages_split, CUMULATIVE, PAGES, EVENT, 0, F(SPLIT),
	"Huge pages split into page tables")
SS_STAT(split_dirty_log, CUMULATIVE, PAGES, EVENT, 0, F(SPLIT),
	"Huge pages split eagerly when dirty logging was enabled on their memslot")
SS_STAT(split_clear_log, CUMULATIVE, PAGES, EVENT, 0, F(SPLIT),
	"Huge pages split eagerly by KVM_CLEAR_DIRTY_LOG (manual protect, initially set)")
SS_STAT(split_fault, CUMULATIVE, PAGES, EVENT, 0, F(SPLIT),
	"Huge pages split by the TDP MMU on a vCPU fault (6.2+; before, zapped instead)")
SS_STAT(split_tdp_mmu, CUMULATIVE, PAGES, EVENT, 0, F(SPLIT),
	"Huge pages split in the TDP MMU")
SS_STAT(split_shadow_mmu, CUMULATIVE, PAGES, DERIVED, ss_derive_split_shadow, F(SPLIT),
	"Huge pages split in the shadow MMU (nested guests' pages, under TDP)")
SS_STAT(split_tables_created, CUMULATIVE, PAGES, EVENT, 0, F(SPLIT) | F(CREATE),
	"Page tables and shadow pages created by splitting huge pages")
SS_STAT(split_failed_nomem, CUMULATIVE, NONE, EVENT, 0, F(SPLIT),
	"Huge page splits that failed: no memory for the page table")
SS_STAT(split_failed_race, CUMULATIVE, NONE, EVENT, 0, F(SPLIT),
	"Huge page splits retried: the SPTE changed, or mmu_lock was dropped")
SS_STAT(split_failed_other, CUMULATIVE, NONE, EVENT, 0, F(SPLIT),
	"Huge page splits that failed for another reason")
SS_STAT(mirror_shadow_pages, GAUGE, PAGES, DERIVED, ss_derive_mirror, F(CREATE) | F(ZAP),
	"Live shadow pages as counted by shadowstat's hooks alone")
SS_STAT(mirror_drift, GAUGE, PAGES, DERIVED, ss_derive_mirror_drift, F(CREATE) | F(ZAP),
	"mirror_shadow_pages minus mmu_shadow_pages (0 when the mirror is right)")
