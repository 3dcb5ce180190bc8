// SPDX-License-Identifier: GPL-2.0
/*
 * unsyncpt: how often can mmu_try_to_unsync_pages() return early because a
 * 2 MiB page is allowed at the gfn (seed 002)? A 4 KiB guest page table that
 * KVM shadows forbids 2 MiB pages in its 2 MiB bucket, so an attempt for a gfn
 * exits early exactly when no shadowed table lies in the gfn's bucket.
 *
 * N data regions (2 MiB buckets 1..N). The guest page table of each region is
 * moved into the data buckets, to a page the guest never stores to:
 *   -k 1  each table to a bucket picked at random: about one per bucket, so a
 *         bucket holds none with probability (1 - 1/N)^N, about 1/e;
 *   -k K  tables handed out K pages at a time from one random bucket, the way
 *         a buddy allocator clusters them: more buckets stay empty.
 * Pass 1 stores to page 0 of every region (KVM shadows every table); pass 2
 * stores to page 1: one attempt per region, for a gfn of that region's bucket.
 * The expected early-exit count of pass 2 comes from the placement alone; the
 * checkpoints compare every outcome with the model as well.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "layout.h"
#include "scenarios.h"
#include "scn_opts.h"
#include "stats.h"
#include "../lib/tap.h"

#define UPT_FIRST_PAGE	2	/* pages 0 and 1 of each bucket are the stores */
#define UPT_MAX_REGIONS	254

struct placement {
	unsigned long n, chunk;
	uint64_t rng;
	uint64_t pt_gpa[UPT_MAX_REGIONS + 1];
	uint8_t used[UPT_MAX_REGIONS + 1][512];
	unsigned long tables_in[UPT_MAX_REGIONS + 1];
};

/* xorshift64*: the same placement for the same seed on every machine */
static uint64_t upt_rand(struct placement *p, uint64_t bound)
{
	p->rng ^= p->rng >> 12;
	p->rng ^= p->rng << 25;
	p->rng ^= p->rng >> 27;
	return (p->rng * 0x2545f4914f6cdd1dULL >> 11) % bound;
}

/* Pick a free run of @len pages in a random bucket. */
static uint64_t upt_alloc(struct placement *p, unsigned long len)
{
	for (;;) {
		uint64_t b = 1 + upt_rand(p, p->n);
		uint64_t first = UPT_FIRST_PAGE + upt_rand(p, 512 - UPT_FIRST_PAGE - len + 1);
		unsigned long i;

		for (i = 0; i < len && !p->used[b][first + i]; i++)
			;
		if (i < len)
			continue;
		for (i = 0; i < len; i++)
			p->used[b][first + i] = 1;
		return REGION_GPA(b) + first * SZ_4K;
	}
}

static void upt_place(struct placement *p)
{
	unsigned long r, i;
	uint64_t run = 0;

	for (r = 1, i = 0; r <= p->n; r++, i++) {
		if (i % p->chunk == 0)
			run = upt_alloc(p, p->chunk);
		p->pt_gpa[r] = run + (i % p->chunk) * SZ_4K;
		p->tables_in[p->pt_gpa[r] / SZ_2M]++;
	}
}

/* Pass 2's attempts that may exit early: one per region with a table-free bucket. */
static unsigned long upt_expected(const struct placement *p, enum mmu_mode mode)
{
	unsigned long r, n = 0;

	for (r = 1; r <= p->n; r++)
		n += mode != MMU_SHADOW || !p->tables_in[r];
	return n;
}

static void upt_measure(struct vmctx *c, const struct placement *p, const int64_t *before,
			unsigned long want)
{
	int64_t after[S_NR], tries, early;
	double none = 1.0;
	struct tap_group g;
	char err[256];
	unsigned long i;

	if (!ss_vm_present(c->vm.name) || ss_stats_read(c->vm.name, after, err, sizeof(err)) ||
	    before[S_unsync_tries] == SS_NA || after[S_unsync_tries] == SS_NA) {
		tap_skip("%s: pass 2 early exits: shadowstat does not count unsync outcomes here "
			 "(load it with unsync_outcomes=1)", c->label);
		return;
	}
	for (i = 0; i < p->n; i++)
		none *= 1.0 - 1.0 / p->n;
	tries = after[S_unsync_tries] - before[S_unsync_tries];
	early = after[S_unsync_try_lpage] - before[S_unsync_try_lpage];
	tap_note("%s: pass 2: %lu regions, %lld attempts, early exit expected %lu (%.4f), "
		 "measured %lld (%.4f); (1 - 1/N)^N = %.4f", c->label, p->n, (long long)tries,
		 want, (double)want / p->n, (long long)early, tries ? (double)early / tries : 0.0,
		 none);
	tap_group_begin(&g, "%s: pass 2 early exits as the placement says", c->label);
	tap_group_eq(&g, "attempts (one store per region)", p->n, tries);
	tap_group_eq(&g, "early exits (regions whose bucket holds no page table)", want, early);
	tap_group_end(&g);
}

int scn_unsyncpt(const struct env *env, int argc, char **argv)
{
	static struct placement p;
	unsigned long seed = 1, r;
	int64_t before[S_NR];
	char label[64], name[32], err[256];
	struct vmctx c;
	const struct scn_opt opts[] = {
		SCN_OPT_NUM('n', &p.n, 1, UPT_MAX_REGIONS, "regions"),
		SCN_OPT_NUM('k', &p.chunk, 1, 64, "tables_per_run"),
		SCN_OPT_NUM('s', &seed, 1, ~0UL, "seed"),
		SCN_OPT_END
	};

	memset(&p, 0, sizeof(p));
	p.n = 128;
	p.chunk = 1;
	if (scn_parse(argc, argv, opts))
		return 2;
	p.rng = seed;
	upt_place(&p);
	scn_label(label, sizeof(label), "unsyncpt", env);
	snprintf(label + strlen(label), sizeof(label) - strlen(label), " -k %lu", p.chunk);
	if (ctx_create(&c, label, env->mode, env->tdp_levels, (p.n + 1) * SZ_2M,
		       (p.n + 1) * SZ_2M))
		return 1;
	for (r = 1; r <= p.n; r++)
		if (ctx_set_pt(&c, r, p.pt_gpa[r]))
			goto out;
	checkpoint(&c, "created");
	if (ctx_touch(&c, 1, p.n, 1))
		goto out;
	checkpoint(&c, "pass-1");
	before[S_unsync_tries] = SS_NA;
	if (ss_vm_present(c.vm.name) && ss_stats_read(c.vm.name, before, err, sizeof(err)))
		tap_fail("%s: read shadowstat stats: %s", label, err);
	if (ctx_touch(&c, 1, p.n, 2))
		goto out;
	checkpoint(&c, "pass-2");
	upt_measure(&c, &p, before, upt_expected(&p, env->mode));
	ctx_verify_touch(&c, 1, p.n, 2);
out:
	snprintf(name, sizeof(name), "%s", c.vm.name);
	ctx_destroy(&c);
	check_vm_gone(label, name);
	return 0;
}
