// SPDX-License-Identifier: GPL-2.0
/*
 * The replay. Pages live in one array, linked in active_mmu_pages order by
 * index; two hash maps find them, by KVM's identity (several identities may
 * name one page of the model, when it kept a page KVM had recreated) and,
 * for pages a lookup can find, by gfn and role. What the model cannot know
 * (which pages are roots, a victim's unsync children, the exact fault a
 * recycle happens in) is approximated as docs/eviction.md says, and --check
 * counts every place where that made the replay differ from KVM.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define NIL UINT32_MAX
/* a vCPU's root and its KVM_MMU_NUM_PREV_ROOTS (3) cached ones hold a root_count */
#define SS_SIM_ROOTS_IN_USE 4

struct sim_page {
	unsigned long long gfn;
	uint32_t role;
	uint32_t prev, next;
	bool in_list;		/* on the model's active list */
	bool obsolete;
	bool root;
	bool held;		/* zapped while a root: still counted */
	bool evicted;		/* recycled by the model */
	bool kvm_recycled;	/* recycled by KVM */
	bool kvm_gone;		/* zapped by KVM, for whatever reason */
};

struct sim_map {
	unsigned long long *a, *b;
	uint32_t *val;		/* NIL: empty; NIL - 1: deleted */
	size_t cap, used;
};

#define TOMB (NIL - 1)

struct sim {
	struct sim_page *pages;
	size_t nr, cap;
	uint32_t head, tail;
	struct sim_map by_id, by_key;
	unsigned long long n_used, limit, held_unknown;
	unsigned int max_level;
	/* the top-level pages a vCPU holds: its root and KVM's cached previous ones */
	uint32_t in_use[SS_SIM_ROOTS_IN_USE];
	enum ss_sim_policy policy;
	struct ss_sim_result *res;
};

static const char *const ss_policy_names[] = { "fifo", "lru" };

const char *ss_sim_policy_name(enum ss_sim_policy p)
{
	return p < SS_SIM_NR_POLICIES ? ss_policy_names[p] : "?";
}

int ss_sim_policy_parse(const char *name)
{
	int i;

	for (i = 0; i < SS_SIM_NR_POLICIES; i++)
		if (!strcmp(name, ss_policy_names[i]))
			return i;
	return -1;
}

static unsigned long long sim_hash(unsigned long long a, unsigned long long b)
{
	unsigned long long h = a * 0x9e3779b97f4a7c15ULL ^
			       (b + 0x632be59bd9b4e019ULL) * 0xbf58476d1ce4e5b9ULL;

	return h ^ (h >> 31);
}

static int sim_map_init(struct sim_map *m, size_t cap)
{
	size_t i;

	m->a = malloc(cap * sizeof(*m->a));
	m->b = malloc(cap * sizeof(*m->b));
	m->val = malloc(cap * sizeof(*m->val));
	if (!m->a || !m->b || !m->val)
		return -ENOMEM;
	for (i = 0; i < cap; i++)
		m->val[i] = NIL;
	m->cap = cap;
	m->used = 0;
	return 0;
}

static void sim_map_free(struct sim_map *m)
{
	free(m->a);
	free(m->b);
	free(m->val);
}

static size_t sim_map_slot(const struct sim_map *m, unsigned long long a,
			   unsigned long long b, bool *found)
{
	size_t i = sim_hash(a, b) & (m->cap - 1), tomb = SIZE_MAX;

	for (;; i = (i + 1) & (m->cap - 1)) {
		if (m->val[i] == NIL) {
			*found = false;
			return tomb != SIZE_MAX ? tomb : i;
		}
		if (m->val[i] == TOMB) {
			if (tomb == SIZE_MAX)
				tomb = i;
		} else if (m->a[i] == a && m->b[i] == b) {
			*found = true;
			return i;
		}
	}
}

static uint32_t sim_map_get(const struct sim_map *m, unsigned long long a, unsigned long long b)
{
	bool found;
	size_t i = sim_map_slot(m, a, b, &found);

	return found ? m->val[i] : NIL;
}

static int sim_map_put(struct sim_map *m, unsigned long long a, unsigned long long b, uint32_t v);

static int sim_map_grow(struct sim_map *m)
{
	struct sim_map old = *m;
	size_t i;

	if (sim_map_init(m, old.cap * 2))
		return -ENOMEM;
	for (i = 0; i < old.cap; i++)
		if (old.val[i] != NIL && old.val[i] != TOMB)
			sim_map_put(m, old.a[i], old.b[i], old.val[i]);
	sim_map_free(&old);
	return 0;
}

static int sim_map_put(struct sim_map *m, unsigned long long a, unsigned long long b, uint32_t v)
{
	bool found;
	size_t i;

	if ((m->used + 1) * 2 > m->cap && sim_map_grow(m))
		return -ENOMEM;
	i = sim_map_slot(m, a, b, &found);
	if (!found && m->val[i] == NIL)
		m->used++;
	m->a[i] = a;
	m->b[i] = b;
	m->val[i] = v;
	return 0;
}

static void sim_map_del(struct sim_map *m, unsigned long long a, unsigned long long b, uint32_t v)
{
	bool found;
	size_t i = sim_map_slot(m, a, b, &found);

	if (found && m->val[i] == v)
		m->val[i] = TOMB;
}

static void sim_unlink(struct sim *s, uint32_t i)
{
	struct sim_page *p = &s->pages[i];

	if (p->prev != NIL)
		s->pages[p->prev].next = p->next;
	else
		s->head = p->next;
	if (p->next != NIL)
		s->pages[p->next].prev = p->prev;
	else
		s->tail = p->prev;
	p->in_list = false;
}

static void sim_link_head(struct sim *s, uint32_t i)
{
	struct sim_page *p = &s->pages[i];

	p->prev = NIL;
	p->next = s->head;
	if (s->head != NIL)
		s->pages[s->head].prev = i;
	else
		s->tail = i;
	s->head = i;
	p->in_list = true;
}

static void sim_link_tail(struct sim *s, uint32_t i)
{
	struct sim_page *p = &s->pages[i];

	p->next = NIL;
	p->prev = s->tail;
	if (s->tail != NIL)
		s->pages[s->tail].next = i;
	else
		s->head = i;
	s->tail = i;
	p->in_list = true;
}

static void sim_note_used(struct sim *s)
{
	if (s->n_used > s->res->peak_used)
		s->res->peak_used = s->n_used;
}

/* A new page (not yet on the list), or NIL without memory. */
static uint32_t sim_new_page(struct sim *s, const struct shadowstat_sp_record *r)
{
	struct sim_page *p;
	unsigned int level = r->role & 0xf;

	if (s->nr == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4096;
		struct sim_page *n = realloc(s->pages, cap * sizeof(*n));

		if (!n)
			return NIL;
		s->pages = n;
		s->cap = cap;
	}
	p = &s->pages[s->nr];
	memset(p, 0, sizeof(*p));
	p->gfn = r->gfn;
	p->role = r->role;
	if (level > s->max_level)
		s->max_level = level;
	p->root = r->flags & SHADOWSTAT_RECF_ROOT;
	if (sim_map_put(&s->by_id, r->page, 0, s->nr) ||
	    sim_map_put(&s->by_key, r->gfn, r->role, s->nr))
		return NIL;
	return s->nr++;
}

/* Off the list and out of reach of lookups. */
static void sim_remove(struct sim *s, uint32_t i)
{
	struct sim_page *p = &s->pages[i];

	sim_unlink(s, i);
	if (!p->obsolete)
		sim_map_del(&s->by_key, p->gfn, p->role, i);
}

/* kvm_mmu_zap_oldest_mmu_pages(): from the tail, skipping roots. */
static void sim_zap_oldest(struct sim *s, unsigned long long nr_to_zap)
{
	unsigned long long total = 0;
	uint32_t i = s->tail, prev;

	while (i != NIL && total < nr_to_zap) {
		prev = s->pages[i].prev;
		if (!s->pages[i].root) {
			sim_remove(s, i);
			s->pages[i].evicted = true;
			s->n_used--;
			total++;
		}
		i = prev;
	}
	s->res->evictions += total;
}

/* make_mmu_pages_available(): at the start of a fault */
static void sim_make_available(struct sim *s)
{
	unsigned long long avail = s->limit > s->n_used ? s->limit - s->n_used : 0;

	if (avail < SS_SIM_MIN_FREE)
		sim_zap_oldest(s, SS_SIM_REFILL - avail);
}

/*
 * A lookup of a top-level page is a vCPU loading it as its root: it is in
 * use, and the least recent of the roots before it may no longer be (KVM
 * never recycles a root in use). One vCPU is assumed: the file does not say.
 */
static void sim_root_used(struct sim *s, uint32_t i)
{
	uint32_t old = s->in_use[SS_SIM_ROOTS_IN_USE - 1];
	int k;

	for (k = 0; k < SS_SIM_ROOTS_IN_USE - 1 && s->in_use[k] != i; k++)
		;
	if (s->in_use[k] == i)
		old = NIL;
	for (; k > 0; k--)
		s->in_use[k] = s->in_use[k - 1];
	s->in_use[0] = i;
	s->pages[i].root = true;
	if (old != NIL && old != i)
		s->pages[old].root = false;
}

static int sim_lookup(struct sim *s, const struct shadowstat_sp_record *r)
{
	uint32_t i = sim_map_get(&s->by_key, r->gfn, r->role);
	bool created = r->type == SHADOWSTAT_REC_CREATE;

	s->res->lookups++;
	if (created)
		s->res->kvm_created++;
	if (i != NIL) {
		s->res->hits++;
		if (created)
			s->res->created_but_hit++;
		if (sim_map_put(&s->by_id, r->page, 0, i))
			return -ENOMEM;
		s->pages[i].kvm_gone = false;
		if ((r->role & 0xf) >= s->max_level)
			sim_root_used(s, i);
		if (s->policy == SS_SIM_LRU) {
			sim_unlink(s, i);
			sim_link_head(s, i);
		}
		return 0;
	}
	s->res->misses++;
	if (!created)
		s->res->reused_but_missed++;
	i = sim_new_page(s, r);
	if (i == NIL)
		return -ENOMEM;
	sim_link_head(s, i);
	if ((r->role & 0xf) >= s->max_level)
		sim_root_used(s, i);
	s->n_used++;
	sim_note_used(s);
	return 0;
}

static void sim_zap(struct sim *s, const struct shadowstat_sp_record *r, bool *limit_pending)
{
	uint32_t i = sim_map_get(&s->by_id, r->page, 0);
	struct sim_page *p = i != NIL ? &s->pages[i] : NULL;

	if (p)
		p->kvm_gone = true;
	if (r->cause == SHADOWSTAT_ZAP_RECYCLE) {
		s->res->kvm_recycled++;
		/* KVM's recycling at a fault the stream has no lookup of */
		if ((r->flags & SHADOWSTAT_RECF_FIRST) && !*limit_pending)
			sim_make_available(s);
		if (!p) {
			s->res->unknown_zaps++;
		} else if (p->in_list) {
			s->res->recycled_not_by_model++;
			if (r->flags & SHADOWSTAT_RECF_UNSYNC)
				s->res->recycled_unsync++;
		}
		if (p)
			p->kvm_recycled = true;
		return;
	}
	*limit_pending = false;
	if (!p) {
		if (!(r->flags & SHADOWSTAT_RECF_ROOT) && s->held_unknown) {
			s->held_unknown--;
			s->n_used--;
		} else {
			s->res->unknown_zaps++;
		}
	} else if (p->in_list) {
		sim_remove(s, i);
		if (r->flags & SHADOWSTAT_RECF_ROOT)
			p->held = true;
		else
			s->n_used--;
	} else if (p->held && !(r->flags & SHADOWSTAT_RECF_ROOT)) {
		p->held = false;
		s->n_used--;
	}
}

static void sim_limit(struct sim *s, unsigned long long goal, bool fixed)
{
	if (fixed)
		return;
	if (s->n_used > goal) {
		sim_zap_oldest(s, s->n_used - goal);
		goal = s->n_used;
	}
	s->limit = goal;
}

/*
 * kvm_mmu_zap_all_fast(): no lookup finds these pages any more; KVM zaps
 * them next (recorded), and so would it the pages only the model kept.
 */
static void sim_obsolete(struct sim *s)
{
	uint32_t i = s->head, next;

	while (i != NIL) {
		struct sim_page *p = &s->pages[i];

		next = p->next;
		if (!p->obsolete) {
			sim_map_del(&s->by_key, p->gfn, p->role, i);
			p->obsolete = true;
		}
		if (p->kvm_gone && !p->root) {
			sim_unlink(s, i);
			s->n_used--;
		}
		i = next;
	}
}

static int sim_init(struct sim *s, const struct ss_recfile *rf, enum ss_sim_policy policy,
		    unsigned long long limit, struct ss_sim_result *res)
{
	size_t i, snap = rf->start.pos < rf->nr ? rf->start.pos : rf->nr;

	memset(s, 0, sizeof(*s));
	memset(res, 0, sizeof(*res));
	res->policy = policy;
	res->limit = limit;
	s->res = res;
	s->policy = policy;
	s->head = NIL;
	s->tail = NIL;
	for (i = 0; i < SS_SIM_ROOTS_IN_USE; i++)
		s->in_use[i] = NIL;
	s->limit = limit ? limit : rf->start.limit;
	if (sim_map_init(&s->by_id, 1 << 12) || sim_map_init(&s->by_key, 1 << 12))
		return -ENOMEM;
	for (i = 0; i < snap; i++)
		if ((rf->recs[i].role & 0xf) > s->max_level)
			s->max_level = rf->recs[i].role & 0xf;
	for (i = 0; i < snap; i++) {
		uint32_t p = sim_new_page(s, &rf->recs[i]);

		if (p == NIL)
			return -ENOMEM;
		sim_link_tail(s, p);
		s->n_used++;
		if (s->pages[p].root)
			sim_root_used(s, p);
	}
	/* zapped roots that vCPUs still held at the start */
	if (rf->start.used > s->n_used) {
		s->held_unknown = rf->start.used - s->n_used;
		s->n_used = rf->start.used;
	}
	sim_note_used(s);
	return 0;
}

static void sim_free(struct sim *s)
{
	free(s->pages);
	sim_map_free(&s->by_id);
	sim_map_free(&s->by_key);
}

unsigned long long ss_sim_limit_of(const struct ss_recfile *rf, const struct ss_sim_result *res)
{
	return res->limit ? res->limit : ss_recfile_final_limit(rf);
}

int ss_sim_run(const struct ss_recfile *rf, enum ss_sim_policy policy, unsigned long long limit,
	       size_t upto, struct ss_sim_result *res)
{
	bool limit_pending = false, in_fault = false;
	unsigned int last_level = 0;
	struct sim s;
	size_t i;
	int ret;

	ret = sim_init(&s, rf, policy, limit, res);
	if (upto > rf->nr)
		upto = rf->nr;
	for (i = rf->start.pos; !ret && i < upto; i++) {
		const struct shadowstat_sp_record *r = &rf->recs[i];
		unsigned int level = r->role & 0xf;

		switch (r->type) {
		case SHADOWSTAT_REC_CREATE:
		case SHADOWSTAT_REC_REUSE:
			/* a fault walks down: a lookup no lower than the last starts another */
			if (!in_fault || level >= last_level)
				sim_make_available(&s);
			in_fault = true;
			last_level = level;
			limit_pending = false;
			ret = sim_lookup(&s, r);
			continue;
		case SHADOWSTAT_REC_ZAP:
			sim_zap(&s, r, &limit_pending);
			/* KVM's own zaps within a fault leave it where it was */
			if (r->cause != SHADOWSTAT_ZAP_FAULT && r->cause != SHADOWSTAT_ZAP_SYNC)
				in_fault = false;
			continue;
		case SHADOWSTAT_REC_LIMIT:
			limit_pending = true;
			sim_limit(&s, r->gfn, limit != 0);
			break;
		case SHADOWSTAT_REC_OBSOLETE:
			sim_obsolete(&s);
			limit_pending = false;
			break;
		}
		in_fault = false;
	}
	for (i = 0; !ret && i < s.nr; i++)
		if (s.pages[i].evicted && !s.pages[i].kvm_recycled)
			res->evicted_not_by_kvm++;
	sim_free(&s);
	return ret;
}
