// SPDX-License-Identifier: GPL-2.0
/*
 * Model of KVM's x86 MMU (Linux 6.1, arch/x86/kvm/mmu) for the guest of
 * layout.h.  It replays every guest access, fault by fault, and follows
 * the code paths that create, link, unsync, sync, zap and recycle pages:
 *
 * - shadow paging (npt=0): indirect pages keyed by guest table gfn; root =
 *   guest PML4 (level 4); FNAME(fetch) and FNAME(pte_prefetch) rules.
 * - legacy TDP (tdp_mmu=0, npt=1): direct pages through the same code;
 *   root level = host paging level (5 with LA57); __direct_pte_prefetch().
 * - TDP MMU: non-root page tables counted apart, roots refcounted.
 *
 * Shadow MMU pages sit on a FIFO (active_mmu_pages); make_mmu_pages_available()
 * runs before every fault and root allocation, zapping the oldest non-root
 * pages down to KVM_REFILL_PAGES when fewer than KVM_MIN_FREE_MMU_PAGES remain.
 * A vCPU access faults when a shadow/NPT entry on its path is missing (or is
 * read-only for a write); after a fault the instruction is restarted, so its
 * code fetch (and, under NPT, the guest page walk) is replayed.
 *
 * This file: creation and results; model_pages.c: page life cycle;
 * model_vcpu.c: faults and guest operations.
 */
#include <stdlib.h>
#include <string.h>

#include "model_int.h"

void model_inexact(struct model *m, const char *why)
{
	if (!m->inexact)
		m->inexact = why;
}

const char *model_mode_name(enum mmu_mode mode)
{
	switch (mode) {
	case MMU_SHADOW:
		return "shadow";
	case MMU_TDP:
		return "tdp";
	case MMU_LEGACY_TDP:
		return "legacytdp";
	}
	return "?";
}

const char *model_tries_inexact(const struct model *m)
{
	return m->inexact ? m->inexact : m->tries_inexact;
}

void model_set_pt(struct model *m, uint64_t region, uint64_t gpa)
{
	m->pt_gpa[region] = gpa;
	m->host_present[gpa / SZ_4K] = 1;
}

uint64_t model_pt_region(const struct model *m, uint64_t key)
{
	uint64_t k;

	for (k = 0; k < m->mem_size / SZ_2M; k++)
		if (m->pt_gpa[k] >> 12 == key)
			return k;
	return 0;
}

struct model *model_new(enum mmu_mode mode, int tdp_levels, uint64_t mem_size)
{
	struct model *m = calloc(1, sizeof(*m));
	uint64_t k, npages = mem_size / SZ_4K;

	if (!m)
		return NULL;
	m->mode = mode;
	m->root_level = mode == MMU_SHADOW ? 4 : tdp_levels;
	m->mem_size = mem_size;
	m->host_present = calloc(npages, 1);
	m->accessed = calloc(npages, 1);
	m->dirty = calloc(npages, 1);
	if (!m->host_present || !m->accessed || !m->dirty) {
		model_free(m);
		return NULL;
	}
	/* pages the VMM wrote: page tables and code (see vmm.c) */
	m->host_present[PML4_GPA / SZ_4K] = 1;
	m->host_present[PDPT_GPA / SZ_4K] = 1;
	m->host_present[PD_GPA / SZ_4K] = 1;
	m->host_present[CODE_GPA / SZ_4K] = 1;
	for (k = 0; k < MAX_MEM / SZ_2M; k++)
		m->pt_gpa[k] = PT_GPA(k);
	for (k = 0; k < mem_size / SZ_2M; k++)
		m->host_present[PT_GPA(k) / SZ_4K] = 1;
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	while (m->nsps)
		mp_free(m, m->sps[0]);
	free(m->sps);
	free(m->host_present);
	free(m->accessed);
	free(m->dirty);
	free(m);
}

bool model_exact(const struct model *m)
{
	return !m->inexact;
}

const char *model_inexact_reason(const struct model *m)
{
	return m->inexact ? m->inexact : "";
}

static int popcount512(const uint64_t *map)
{
	int i, n = 0;

	for (i = 0; i < 8; i++)
		n += __builtin_popcountll(map[i]);
	return n;
}

void model_get(const struct model *m, struct model_vals *v)
{
	int i;

	*v = m->c;
	v->shadow_pages = 0;
	v->indirect = 0;
	v->direct = 0;
	v->roots = 0;
	v->obsolete = 0;
	v->unsync = 0;
	v->tdp_pages = 0;
	v->tdp_roots = 0;
	v->leaves = 0;
	memset(v->level, 0, sizeof(v->level));
	for (i = 0; i < m->nsps; i++) {
		const struct msp *sp = m->sps[i];

		if (sp->level == 1)
			v->leaves += popcount512(sp->leaf);
		if (sp->tdp) {
			if (sp == m->root)
				v->tdp_roots++;
			else
				v->tdp_pages++;
			continue;
		}
		v->unsync += sp->unsync;
		if (!sp->counted)
			continue;
		v->shadow_pages++;
		v->level[sp->level]++;
		v->direct += sp->direct;
		v->indirect += !sp->direct && !sp->invalid;
		v->roots += sp->pinned;
		v->obsolete += !mp_valid(m, sp);
	}
}
