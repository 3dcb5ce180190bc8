// SPDX-License-Identifier: GPL-2.0
/*
 * Model of KVM's shadow-page life cycle: lookup or allocation
 * (__kvm_mmu_get_shadow_page), zapping (__kvm_mmu_prepare_zap_page), the FIFO
 * recycling under the page limit (kvm_mmu_zap_oldest_mmu_pages,
 * make_mmu_pages_available, kvm_mmu_change_mmu_pages), the fast zap of all
 * pages on memslot deletion (kvm_mmu_zap_all_fast), and the VMM's memslot and
 * KVM_SET_NR_MMU_PAGES calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

static void add_sp(struct model *m, struct msp *sp)
{
	if (m->nsps == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->sps = realloc(m->sps, m->cap * sizeof(*m->sps));
		if (!m->sps) {
			perror("ssvmm: model");
			exit(2);
		}
	}
	m->sps[m->nsps++] = sp;
}

void mp_free(struct model *m, struct msp *sp)
{
	int i;

	for (i = 0; i < m->nsps; i++)
		if (m->sps[i] == sp) {
			m->sps[i] = m->sps[--m->nsps];
			break;
		}
	if (m->root == sp)
		m->root = NULL;
	free(sp);
}

struct msp *mp_new(struct model *m, int level, uint64_t key, bool tdp)
{
	struct msp *sp = calloc(1, sizeof(*sp));

	if (!sp) {
		perror("ssvmm: model");
		exit(2);
	}
	sp->level = level;
	sp->key = key;
	sp->direct = m->mode != MMU_SHADOW;
	sp->tdp = tdp;
	sp->gen = m->gen;
	sp->seq = ++m->seq;
	add_sp(m, sp);
	return sp;
}

/* The L1 shadow page that maps @gfn (identity map), if any. */
struct msp *mp_l1_for_gfn(const struct model *m, uint64_t gfn)
{
	uint64_t key = m->mode == MMU_SHADOW ? m->pt_gpa[gfn / 512] >> 12 : gfn >> 9;
	int i;

	for (i = 0; i < m->nsps; i++) {
		struct msp *sp = m->sps[i];

		if (sp->level == 1 && sp->key == key && !sp->tdp && mp_valid(m, sp))
			return sp;
	}
	return NULL;
}

void mp_write_protect_gfn(struct model *m, uint64_t gfn)
{
	struct msp *sp = mp_l1_for_gfn(m, gfn);

	if (sp)
		set_bit64(sp->leaf_w, gfn & 511, false);
}

/* Is @gfn a guest page table shadowed by a valid indirect page of @level? */
struct msp *mp_shadowing(const struct model *m, uint64_t gfn, int min_level, int max_level)
{
	int i;

	if (m->mode != MMU_SHADOW)
		return NULL;
	for (i = 0; i < m->nsps; i++) {
		struct msp *sp = m->sps[i];

		if (sp->key == gfn && sp->level >= min_level && sp->level <= max_level &&
		    mp_valid(m, sp))
			return sp;
	}
	return NULL;
}

/*
 * lpage_info of the 2 MiB page at @gfn has disallow_lpage == 0: its slot
 * covers all of it (the VMM's memory is 2 MiB-aligned, so guest and host
 * addresses agree mod 2 MiB) and no indirect page is accounted in it
 * (account_shadowed() disallows it at every level, through write tracking
 * above level 1).
 */
bool mp_lpage_allowed(const struct model *m, uint64_t gfn)
{
	int s = gfn_slot(m, gfn), i;
	uint64_t base, end;

	if (s < 0)
		return false;
	base = m->slots[s].gpa / SZ_4K;
	end = base + m->slots[s].size / SZ_4K;
	if ((base & 511) && gfn >> 9 == base >> 9)
		return false;
	if ((end & 511) && gfn >> 9 == (end - 1) >> 9)
		return false;
	for (i = 0; i < m->nsps; i++) {
		const struct msp *sp = m->sps[i];

		if (sp->counted && !sp->direct && !sp->invalid && sp->key >> 9 == gfn >> 9)
			return false;
	}
	return true;
}

/* __kvm_mmu_get_shadow_page(): hash lookup, else allocate. */
struct msp *mp_get(struct model *m, int level, uint64_t key)
{
	struct msp *sp;
	int i;

	for (i = 0; i < m->nsps; i++) {
		sp = m->sps[i];
		if (sp->level == level && sp->key == key && !sp->tdp && mp_valid(m, sp)) {
			m->c.reused++;
			return sp;
		}
	}
	sp = mp_new(m, level, key, false);
	sp->counted = true;
	sp->on_list = true;
	m->c.created++;
	if (mp_n_used(m) > m->c.peak_shadow)
		m->c.peak_shadow = mp_n_used(m);
	if (!sp->direct)	/* account_shadowed(): write-protect the guest table */
		mp_write_protect_gfn(m, key);
	return sp;
}

int mp_zap(struct model *m, struct msp *sp, bool *unstable);

void mp_unlink_parent(struct msp *sp)
{
	if (sp->parent) {
		sp->parent->child[sp->pidx] = NULL;
		sp->parent = NULL;
	}
}

/* mmu_zap_unsync_children(): zap the unsync pages below @sp. */
static int zap_unsync_children(struct model *m, struct msp *sp)
{
	int i, n = 0;
	bool unstable;

	if (sp->level == 1)
		return 0;
	for (i = 0; i < 512; i++) {
		struct msp *c = sp->child[i];

		if (!c)
			continue;
		if (c->level == 1) {
			if (c->unsync) {
				mp_zap(m, c, &unstable);
				n++;
			}
		} else {
			n += zap_unsync_children(m, c);
		}
	}
	return n;
}

/* __kvm_mmu_prepare_zap_page() followed by the commit; returns nr_zapped. */
int mp_zap(struct model *m, struct msp *sp, bool *unstable)
{
	int i, nr;

	if (sp->pinned)
		m->c.root_zaps++;
	else
		m->c.zapped++;
	nr = zap_unsync_children(m, sp);
	*unstable = nr;
	for (i = 0; i < 512; i++)
		if (sp->child[i])
			mp_unlink_parent(sp->child[i]);
	memset(sp->leaf, 0, sizeof(sp->leaf));
	memset(sp->leaf_w, 0, sizeof(sp->leaf_w));
	mp_unlink_parent(sp);
	if (sp->unsync) {
		sp->unsync = false;
		m->c.synced++;
	}
	sp->on_list = false;
	sp->invalid = true;
	if (!sp->pinned) {
		nr++;
		sp->counted = false;
		mp_free(m, sp);
	}
	return nr;
}

static struct msp *oldest_on_list(struct model *m)
{
	struct msp *best = NULL;
	int i;

	for (i = 0; i < m->nsps; i++) {
		struct msp *sp = m->sps[i];

		if (sp->on_list && !sp->pinned && (!best || sp->seq < best->seq))
			best = sp;
	}
	return best;
}

/* kvm_mmu_zap_oldest_mmu_pages() */
static uint64_t zap_oldest(struct model *m, uint64_t nr_to_zap)
{
	uint64_t total = 0;
	struct msp *sp;
	bool unstable;

	while ((sp = oldest_on_list(m))) {
		total += mp_zap(m, sp, &unstable);
		if (total >= nr_to_zap)
			break;
	}
	m->c.recycled += total;
	return total;
}

int64_t mp_n_used(const struct model *m)
{
	int64_t n = 0;
	int i;

	for (i = 0; i < m->nsps; i++)
		n += m->sps[i]->counted;
	return n;
}

void mp_make_available(struct model *m)
{
	int64_t used = mp_n_used(m);
	int64_t avail = m->c.limit > used ? m->c.limit - used : 0;

	if (avail >= MIN_FREE_MMU_PAGES)
		return;
	zap_oldest(m, REFILL_PAGES - avail);
}

void mp_change_limit(struct model *m, uint64_t goal)
{
	int64_t used = mp_n_used(m);

	if (used > (int64_t)goal) {
		zap_oldest(m, used - goal);
		goal = mp_n_used(m);
	}
	m->c.limit = goal;
}

/* kvm_mmu_zap_all_fast() */
void mp_zap_all_fast(struct model *m)
{
	struct msp *sp;
	bool unstable;
	int i;

	m->gen = !m->gen;
	if (m->mode == MMU_TDP) {
		for (i = m->nsps - 1; i >= 0; i--) {
			sp = m->sps[i];
			if (sp->tdp && sp != m->root) {
				m->c.tdp_freed++;
				mp_free(m, sp);
			}
		}
		if (m->root) {
			m->root->invalid = true;
			memset(m->root->child, 0, sizeof(m->root->child));
		}
		return;
	}
	for (;;) {
		struct msp *best = NULL;

		for (i = 0; i < m->nsps; i++) {
			sp = m->sps[i];
			if (sp->on_list && (!best || sp->seq < best->seq))
				best = sp;
		}
		if (!best)
			break;
		mp_zap(m, best, &unstable);
	}
}

static void update_limit(struct model *m)
{
	uint64_t pages = 0, goal;
	int s;

	if (m->requested)
		return;
	for (s = 0; s < NR_SLOTS; s++)
		if (m->slots[s].used)
			pages += m->slots[s].size / SZ_4K;
	goal = pages / PAGES_TO_MMU_PAGES;
	if (goal < MIN_ALLOC_MMU_PAGES)
		goal = MIN_ALLOC_MMU_PAGES;
	mp_change_limit(m, goal);
}

void model_set_slot(struct model *m, int slot, uint64_t gpa, uint64_t size)
{
	if (slot < 0 || slot >= NR_SLOTS || m->slots[slot].used || !size) {
		model_inexact(m, "unsupported memslot change");
		return;
	}
	m->slots[slot].used = true;
	m->slots[slot].gpa = gpa;
	m->slots[slot].size = size;
	update_limit(m);
}

void model_delete_slot(struct model *m, int slot)
{
	if (slot < 0 || slot >= NR_SLOTS || !m->slots[slot].used) {
		model_inexact(m, "unsupported memslot change");
		return;
	}
	mp_zap_all_fast(m);
	m->slots[slot].used = false;
	update_limit(m);
}

void model_set_nr_mmu_pages(struct model *m, uint64_t nr)
{
	m->requested = nr;
	mp_change_limit(m, nr);
}
