/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the KVM MMU model (model.c): its state, shared helpers, and the
 * page life cycle (model_pages.c) used by the vCPU side (model_vcpu.c).
 */
#ifndef SSVMM_MODEL_INT_H
#define SSVMM_MODEL_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "layout.h"
#include "model.h"

#define NR_SLOTS		4
#define MIN_ALLOC_MMU_PAGES	64
#define MIN_FREE_MMU_PAGES	5
#define REFILL_PAGES		25
#define PAGES_TO_MMU_PAGES	50
#define PREFETCH_NUM		8

enum access { ACC_EXEC, ACC_READ, ACC_WRITE };

struct msp {
	int level;
	uint64_t key;		/* indirect: guest table gfn; direct: first gfn >> 9 * level */
	bool direct;
	bool tdp;
	bool pinned;		/* root_count > 0 (held by the vCPU) */
	bool invalid;
	bool unsync;
	bool counted;		/* in n_used_mmu_pages */
	bool on_list;		/* on active_mmu_pages */
	int gen;
	uint64_t seq;		/* creation order: the FIFO */
	struct msp *parent;
	int pidx;
	struct msp *child[512];
	uint64_t leaf[8];
	uint64_t leaf_w[8];
};

struct model {
	enum mmu_mode mode;
	int root_level;
	uint64_t mem_size;
	struct {
		bool used;
		uint64_t gpa;
		uint64_t size;
	} slots[NR_SLOTS];
	uint64_t requested;
	int gen;
	uint64_t seq;
	struct msp **sps;
	int nsps;
	int cap;
	struct msp *root;
	uint8_t *host_present;	/* per gfn: mapped writable in the VMM's page tables */
	uint8_t *accessed;	/* per gfn: guest PTE has A set */
	uint8_t *dirty;		/* per gfn: guest PTE has D set */
	uint64_t pt_gpa[MAX_MEM / SZ_2M];	/* the guest page table of each 2 MiB region */
	struct model_vals c;	/* cumulative counters and the limit */
	const char *inexact;
	const char *tries_inexact;
};

void model_inexact(struct model *m, const char *why);

static inline bool test_bit64(const uint64_t *map, int i)
{
	return map[i / 64] >> (i % 64) & 1;
}

static inline void set_bit64(uint64_t *map, int i, bool v)
{
	if (v)
		map[i / 64] |= 1ULL << (i % 64);
	else
		map[i / 64] &= ~(1ULL << (i % 64));
}

static inline int spt_index(uint64_t a, int level)
{
	return (a >> (12 + 9 * (level - 1))) & 511;
}

static inline bool is_shadow_mmu(const struct model *m)
{
	return m->mode != MMU_TDP;
}

static inline uint64_t child_key(const struct model *m, uint64_t a, int child_level)
{
	if (m->mode != MMU_SHADOW)
		return a >> (12 + 9 * child_level);
	switch (child_level) {
	case 3:
		return PDPT_GPA >> 12;
	case 2:
		return PD_GPA >> 12;
	default:
		return m->pt_gpa[a / SZ_2M] >> 12;
	}
}

/* The 2 MiB region whose guest page table is at gfn @key. */
uint64_t model_pt_region(const struct model *m, uint64_t key);

/* First gfn mapped by entry @i of L1 page @sp. */
static inline uint64_t l1_gfn(const struct model *m, const struct msp *sp, int i)
{
	if (sp->direct)
		return (sp->key << 9) + i;
	return model_pt_region(m, sp->key) * 512 + i;
}

static inline int gfn_slot(const struct model *m, uint64_t gfn)
{
	int s;

	for (s = 0; s < NR_SLOTS; s++)
		if (m->slots[s].used && gfn >= m->slots[s].gpa / SZ_4K &&
		    gfn < (m->slots[s].gpa + m->slots[s].size) / SZ_4K)
			return s;
	return -1;
}

static inline bool gfn_ok(const struct model *m, uint64_t gfn)
{
	return gfn < m->mem_size / SZ_4K;
}

static inline bool mp_valid(const struct model *m, const struct msp *sp)
{
	return !sp->invalid && (sp->tdp || sp->gen == m->gen);
}

/* Page life cycle (model_pages.c), after the functions of mmu.c named in comments. */
struct msp *mp_new(struct model *m, int level, uint64_t key, bool tdp);
void mp_free(struct model *m, struct msp *sp);
struct msp *mp_get(struct model *m, int level, uint64_t key);
int mp_zap(struct model *m, struct msp *sp, bool *unstable);
void mp_unlink_parent(struct msp *sp);
struct msp *mp_l1_for_gfn(const struct model *m, uint64_t gfn);
void mp_write_protect_gfn(struct model *m, uint64_t gfn);
struct msp *mp_shadowing(const struct model *m, uint64_t gfn, int min_level, int max_level);
bool mp_lpage_allowed(const struct model *m, uint64_t gfn);
int64_t mp_n_used(const struct model *m);
void mp_make_available(struct model *m);
void mp_change_limit(struct model *m, uint64_t goal);
void mp_zap_all_fast(struct model *m);

#endif /* SSVMM_MODEL_INT_H */
