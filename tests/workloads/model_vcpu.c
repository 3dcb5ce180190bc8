// SPDX-License-Identifier: GPL-2.0
/*
 * Model of the vCPU side: root loading, page faults (FNAME(fetch) for shadow
 * paging, direct_map() for NPT), prefetch, unsync and sync, and the guest
 * operations of guest_code.S replayed access by access.
 */
#include <stddef.h>

#include "model_int.h"

static void vcpu_enter(struct model *m)
{
	struct msp *root = m->root;

	/* KVM_REQ_MMU_FREE_OBSOLETE_ROOTS, then kvm_mmu_reload() */
	if (root && !mp_valid(m, root)) {
		bool unstable;

		if (root->tdp) {
			mp_free(m, root);
		} else {
			root->pinned = false;
			if (root->invalid) {
				mp_zap(m, root, &unstable);
			} else {
				/* obsolete but not yet zapped: cannot happen with one vCPU */
				model_inexact(m, "obsolete root not zapped");
			}
		}
		m->root = NULL;
	}
	if (m->root)
		return;
	if (is_shadow_mmu(m))
		mp_make_available(m);
	if (m->mode == MMU_TDP) {
		m->root = mp_new(m, m->root_level, 0, true);
	} else {
		m->root = mp_get(m, m->root_level, m->mode == MMU_SHADOW ? PML4_GPA >> 12 : 0);
		m->root->pinned = true;
	}
}

static bool leaf_ok(struct msp *sp, int i, enum access acc)
{
	if (!test_bit64(sp->leaf, i))
		return false;
	return acc != ACC_WRITE || test_bit64(sp->leaf_w, i);
}

/* Walk the page tables for @a; NULL if an entry on the path is missing. */
static struct msp *walk(struct model *m, uint64_t a)
{
	struct msp *sp = m->root;
	int l;

	for (l = m->root_level; sp && l > 1; l--)
		sp = sp->child[spt_index(a, l)];
	return sp;
}

/*
 * mmu_try_to_unsync_pages() for a new SPTE that the gPTE lets be writable
 * (make_spte() skips the call when the old SPTE is writable already); true
 * if the SPTE may stay writable. Each call's outcome is counted as
 * shadowstat's unsync_outcomes hook tells it apart.
 */
static bool try_unsync(struct model *m, uint64_t gfn, bool prefetch)
{
	bool unsynced = false;
	int i;

	if (mp_shadowing(m, gfn, 2, 5)) {
		m->c.try_tracked++;	/* write-tracked upper-level table */
		return false;
	}
	/* 7.1+ returns here; older kernels find nothing to unsync either */
	if (mp_lpage_allowed(m, gfn)) {
		m->c.try_lpage++;
		return true;
	}
	for (i = 0; i < m->nsps; i++) {
		struct msp *sp = m->sps[i];

		if (sp->level != 1 || sp->key != gfn || sp->direct || sp->tdp ||
		    !mp_valid(m, sp) || sp->unsync)
			continue;
		if (prefetch) {
			m->c.try_refused++;
			return false;
		}
		sp->unsync = true;
		m->c.unsynced++;
		unsynced = true;
	}
	if (unsynced)
		m->c.try_unsynced++;
	else
		m->c.try_none++;
	return true;
}

static void prefetch_shadow(struct model *m, struct msp *sp, int f)
{
	int b = f & ~(PREFETCH_NUM - 1), i;

	for (i = b; i < b + PREFETCH_NUM; i++) {
		uint64_t gfn = l1_gfn(m, sp, i);

		if (i == f || test_bit64(sp->leaf, i))
			continue;
		if (!gfn_ok(m, gfn) || !m->accessed[gfn] || gfn_slot(m, gfn) < 0 ||
		    !m->host_present[gfn])
			break;
		set_bit64(sp->leaf, i, true);
		set_bit64(sp->leaf_w, i, m->dirty[gfn] && try_unsync(m, gfn, true));
	}
}

/* direct_pte_prefetch_many(); returns -1 to stop prefetching. */
static int prefetch_many(struct model *m, struct msp *sp, int s, int e)
{
	uint64_t gfn = l1_gfn(m, sp, s);
	int slot = gfn_slot(m, gfn), n = 0, i;

	if (slot < 0)
		return -1;
	if (gfn + (e - s) > (m->slots[slot].gpa + m->slots[slot].size) / SZ_4K)
		return -1;
	while (s + n < e && m->host_present[gfn + n])
		n++;
	if (!n)
		return -1;
	for (i = 0; i < n; i++) {
		set_bit64(sp->leaf, s + i, true);
		set_bit64(sp->leaf_w, s + i, try_unsync(m, gfn + i, true));
	}
	return 0;
}

static void prefetch_direct(struct model *m, struct msp *sp, int f)
{
	int b = f & ~(PREFETCH_NUM - 1), start = -1, i;

	for (i = b; i < b + PREFETCH_NUM; i++) {
		if (test_bit64(sp->leaf, i) || i == f) {
			if (start < 0)
				continue;
			if (prefetch_many(m, sp, start, i) < 0)
				return;
			start = -1;
		} else if (start < 0) {
			start = i;
		}
	}
	if (start >= 0)
		prefetch_many(m, sp, start, b + PREFETCH_NUM);
}

/* One page fault on @a (a GVA under shadow paging, a GPA under NPT). */
static void fault(struct model *m, uint64_t a, enum access acc)
{
	uint64_t gfn = a / SZ_4K;
	struct msp *sp;
	int l, i;

	if (gfn_slot(m, gfn) < 0) {
		model_inexact(m, "guest access outside memslots");
		return;
	}
	if (acc == ACC_WRITE && mp_shadowing(m, gfn, 2, 5)) {
		model_inexact(m, "guest write to a write-tracked page table");
		return;
	}
	if (is_shadow_mmu(m))
		mp_make_available(m);
	sp = m->root;
	for (l = m->root_level; l > 1; l--) {
		i = spt_index(a, l);
		if (!sp->child[i]) {
			struct msp *c;

			if (m->mode == MMU_TDP) {
				c = mp_new(m, l - 1, child_key(m, a, l - 1), true);
				m->c.tdp_created++;
				if (m->c.tdp_created - m->c.tdp_freed > m->c.peak_tdp)
					m->c.peak_tdp = m->c.tdp_created - m->c.tdp_freed;
			} else {
				c = mp_get(m, l - 1, child_key(m, a, l - 1));
				mp_unlink_parent(c);
			}
			c->parent = sp;
			c->pidx = i;
			sp->child[i] = c;
		}
		sp = sp->child[i];
	}
	i = spt_index(a, 1);
	m->host_present[gfn] = 1;
	if (m->mode != MMU_SHADOW) {
		/* host-writable memory, ACC_ALL: always a writable SPTE */
		set_bit64(sp->leaf, i, true);
		set_bit64(sp->leaf_w, i, try_unsync(m, gfn, false));
		if (m->mode == MMU_LEGACY_TDP)
			prefetch_direct(m, sp, i);
		return;
	}
	m->accessed[gfn] = 1;
	if (acc == ACC_WRITE)
		m->dirty[gfn] = 1;
	set_bit64(sp->leaf, i, true);
	/* walk_addr_generic() keeps write access for a read of a dirty gPTE */
	set_bit64(sp->leaf_w, i, m->dirty[gfn] && try_unsync(m, gfn, false));
	prefetch_shadow(m, sp, i);
}

/* One access by the vCPU; true if it faulted (the instruction restarts). */
static bool access_gpa(struct model *m, uint64_t gpa, enum access acc)
{
	struct msp *sp = walk(m, gpa);

	if (sp && leaf_ok(sp, spt_index(gpa, 1), acc))
		return false;
	fault(m, gpa, acc);
	return true;
}

static bool access(struct model *m, uint64_t va, enum access acc)
{
	static const uint64_t table[] = { 0, 0, PD_GPA, PDPT_GPA, PML4_GPA };
	int l;

	if (m->mode == MMU_SHADOW)
		return access_gpa(m, va, acc);
	/* NPT: the guest's own page walk reads its tables through the NPT first. */
	for (l = 4; l >= 1; l--) {
		uint64_t t = l == 1 ? m->pt_gpa[va / SZ_2M] : table[l];

		if (access_gpa(m, t + 8 * spt_index(va, l), ACC_READ))
			return true;
	}
	return access_gpa(m, va, acc);
}

/* Execute one guest instruction that stores to @a (or touches no data). */
static void insn(struct model *m, bool store, uint64_t a)
{
	int n;

	for (n = 0; n < 64; n++) {
		if (access(m, CODE_GPA, ACC_EXEC))
			continue;
		if (store && access(m, a, ACC_WRITE))
			continue;
		return;
	}
	model_inexact(m, "instruction does not complete");
}

static void run_begin(struct model *m)
{
	vcpu_enter(m);
	insn(m, false, 0);
}

void model_touch(struct model *m, uint64_t gpa, uint64_t regions, uint64_t pages, uint64_t stride)
{
	uint64_t r, p;

	run_begin(m);
	for (r = 0; r < regions; r++)
		for (p = 0; p < pages; p++)
			insn(m, true, gpa + r * stride + p * SZ_4K);
}

void model_ptwrite(struct model *m, uint64_t gpa)
{
	run_begin(m);
	insn(m, true, gpa);
}

/*
 * FNAME(sync_spte) remakes a read-only SPTE whose gPTE is dirty with
 * synchronizing set, and 6.4+ skip that when the access bits are unchanged:
 * the try_* counts then depend on the kernel. The workloads avoid it.
 */
static void note_sync_tries(struct model *m, const struct msp *sp)
{
	int i;

	for (i = 0; i < 512; i++)
		if (test_bit64(sp->leaf, i) && !test_bit64(sp->leaf_w, i) &&
		    m->dirty[l1_gfn(m, sp, i)] && !m->tries_inexact)
			m->tries_inexact = "sync of a read-only SPTE under a dirty gPTE";
}

/* kvm_mmu_sync_roots() -> mmu_sync_children(root) */
static void sync_tree(struct model *m, struct msp *sp)
{
	int i;

	for (i = 0; i < 512; i++) {
		struct msp *c = sp->child[i];

		if (!c)
			continue;
		if (c->unsync) {
			note_sync_tries(m, c);
			mp_write_protect_gfn(m, c->key);
			c->unsync = false;
			m->c.synced++;
		}
		if (c->level > 1)
			sync_tree(m, c);
	}
}

void model_cr3_reload(struct model *m)
{
	run_begin(m);
	/* MOV CR3 with the same value: KVM_REQ_MMU_SYNC only without TDP */
	if (m->mode == MMU_SHADOW && m->root)
		sync_tree(m, m->root);
}

void model_halt(struct model *m)
{
	run_begin(m);
}
