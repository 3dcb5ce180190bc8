/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every hook, in the order they are installed (uninstalled in reverse), with
 * the reason for its place. Hook NAME is struct ss_hook ss_hook_NAME, defined
 * in hooks/NAME.c, and NAME is what status calls it; `make lint` checks that
 * each entry has its file and each file its entry.
 *
 * SS_HOOK(name, reason for its place); include it after defining SS_HOOK(),
 * it has no include guard on purpose.
 */
SS_HOOK(vm_destroy, "first: no VM may be tracked before its destruction is seen")
SS_HOOK(sp_get, "before the hooks that need the TDP roots and hash shift it notes")
SS_HOOK(sp_zap, "before sp_zap_kprobe, which is only wanted where it fails")
SS_HOOK(sp_zap_kprobe, "after sp_zap, standing in for it")
SS_HOOK(sp_unsync, "with sp_sync after it: the walk trusts both or neither")
SS_HOOK(unsync_try, "after sp_unsync, whose per-CPU count it reads")
SS_HOOK(sp_sync, "after the zap hooks, whose choice it follows")
SS_HOOK(tdp_link, "before tdp_free: a table is linked before it is freed")
SS_HOOK(tdp_spte_ctx, "after sp_get: only wanted where TDP roots cannot be followed")
SS_HOOK(tdp_free, "after tdp_spte_ctx, whose choice it follows")
SS_HOOK(tdp_zap_ctx_roots, "context for tdp_free, any time after it")
SS_HOOK(tdp_zap_ctx_all, "context for tdp_free, any time after it")
SS_HOOK(split_ctx_range, "context for sp_get and huge_split")
SS_HOOK(split_ctx_slot, "context for sp_get and huge_split")
SS_HOOK(split_ctx_tdp, "context for huge_split")
SS_HOOK(huge_split, "after its context hooks")
SS_HOOK(recycle_ctx, "context for the zap hooks in a recording, any time after them")
SS_HOOK(limit_set, "for recordings only, any time")
SS_HOOK(zap_all_fast, "for recordings only, any time")
SS_HOOK(vm_create, "last: the VMs it finds are already fully hooked")
