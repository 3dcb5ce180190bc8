// SPDX-License-Identifier: GPL-2.0
/*
 * The record file and the replay: streams written through the file format
 * and read back, with the creations and recycles KVM's rules give worked out
 * by hand in each test's comment.
 */
#include <errno.h>

#include "../recfile.h"
#include "../sim.h"
#include "test.h"

#define L4 4	/* role.level 4: the root of 4-level paging */
#define L1 1

struct stream {
	FILE *f;
	unsigned long long n;
};

static void st_begin(struct stream *s, unsigned long long limit)
{
	struct ss_recfile h = { .kernel = "6.1.0-test", .vm = "1-2", .guest = "g" };

	h.start.limit = limit;
	s->f = tmpfile();
	s->n = 0;
	TEST_ASSERT(s->f, "tmpfile");
	ss_recfile_write_header(s->f, &h);
}

static void st_rec(struct stream *s, uint8_t type, unsigned long long page, unsigned int level,
		   uint8_t flags, uint16_t cause)
{
	struct shadowstat_sp_record r = {
		.gfn = page * 8, .page = page, .role = level, .type = type, .flags = flags,
		.cause = cause,
	};

	ss_recfile_write_rec(s->f, &r);
	s->n++;
}

static void st_end(struct stream *s, struct ss_recfile *rf, unsigned long long miss,
		   unsigned long long recycled)
{
	struct ss_rec_mark m = { .pos = s->n, .cache_miss = miss, .recycled = recycled };
	char err[128] = "";

	ss_recfile_write_mark(s->f, &m);
	ss_recfile_write_end(s->f, s->n, 0, "duration");
	rewind(s->f);
	TEST_ASSERT(!ss_recfile_read(s->f, rf, err, sizeof(err)), "read back: %s", err);
	fclose(s->f);
}

static void replay(const struct ss_recfile *rf, enum ss_sim_policy p, unsigned long long limit,
		   struct ss_sim_result *r)
{
	TEST_ASSERT_EQ(ss_sim_run(rf, p, limit, rf->nr, r), 0);
}

TEST(recfile_round_trip)
{
	struct ss_recfile rf;
	struct stream s;

	st_begin(&s, 64);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 0x10, L4, 0, 0);
	st_rec(&s, SHADOWSTAT_REC_ZAP, 0x10, L4, SHADOWSTAT_RECF_ROOT, SHADOWSTAT_ZAP_VM);
	st_rec(&s, SHADOWSTAT_REC_LIMIT, 0, 0, 0, 0);
	st_rec(&s, SHADOWSTAT_REC_OBSOLETE, 0, 0, 0, 0);
	st_end(&s, &rf, 1, 0);
	TEST_ASSERT_STREQ(rf.kernel, "6.1.0-test");
	TEST_ASSERT_STREQ(rf.vm, "1-2");
	TEST_ASSERT_STREQ(rf.guest, "g");
	TEST_ASSERT_STREQ(rf.reason, "duration");
	TEST_ASSERT_EQ(rf.start.limit, 64);
	TEST_ASSERT_EQ(rf.nr, 4);
	TEST_ASSERT_EQ(rf.recs[0].type, SHADOWSTAT_REC_CREATE);
	TEST_ASSERT_EQ(rf.recs[0].page, 0x10);
	TEST_ASSERT_EQ(rf.recs[0].gfn, 0x80);
	TEST_ASSERT_EQ(rf.recs[0].role, L4);
	TEST_ASSERT_EQ(rf.recs[1].cause, SHADOWSTAT_ZAP_VM);
	TEST_ASSERT_EQ(rf.recs[1].flags, SHADOWSTAT_RECF_ROOT);
	TEST_ASSERT_EQ(rf.recs[3].type, SHADOWSTAT_REC_OBSOLETE);
	TEST_ASSERT_EQ(rf.nr_marks, 1);
	TEST_ASSERT_EQ(rf.marks[0].pos, 4);
	TEST_ASSERT_EQ(rf.marks[0].cache_miss, 1);
	ss_recfile_free(&rf);
}

TEST(recfile_rejects_garbage)
{
	FILE *f = tmpfile();
	struct ss_recfile rf;
	char err[128];

	fputs("format 1\nC zz\n", f);
	rewind(f);
	TEST_ASSERT_EQ(ss_recfile_read(f, &rf, err, sizeof(err)), -EINVAL);
	TEST_ASSERT_STREQ(err, "line 2: bad record");
	fclose(f);
	f = tmpfile();
	fputs("hello\n", f);
	rewind(f);
	TEST_ASSERT_EQ(ss_recfile_read(f, &rf, err, sizeof(err)), -EINVAL);
	fclose(f);
	f = tmpfile();
	fputs("format 2\n", f);
	rewind(f);
	TEST_ASSERT_EQ(ss_recfile_read(f, &rf, err, sizeof(err)), -EINVAL);
	TEST_ASSERT_STREQ(err, "line 1: format 2, this shadowstat reads 1");
	fclose(f);
}

/*
 * Limit 10: the root and p1..p5 make 6 pages, 4 free; the next fault
 * recycles up to 25 - 4 = 21, that is p1..p5 (never the root), and creates
 * p6. KVM's stream says so: 7 creations, 5 recycles, the first flagged.
 */
static void kvm_recycle_stream(struct ss_recfile *rf, bool kvm_keeps_p5)
{
	struct stream s;
	unsigned long long i, zapped = kvm_keeps_p5 ? 4 : 5;

	st_begin(&s, 10);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 100, L4, 0, 0);
	for (i = 1; i <= 5; i++)
		st_rec(&s, SHADOWSTAT_REC_CREATE, i, L1, 0, 0);
	for (i = 1; i <= zapped; i++)
		st_rec(&s, SHADOWSTAT_REC_ZAP, i, L1, i == 1 ? SHADOWSTAT_RECF_FIRST : 0,
		       SHADOWSTAT_ZAP_RECYCLE);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 6, L1, 0, 0);
	st_end(&s, rf, 7, zapped);
}

TEST(sim_fifo_reproduces_kvm_recycling)
{
	struct ss_sim_result r;
	struct ss_recfile rf;

	kvm_recycle_stream(&rf, false);
	replay(&rf, SS_SIM_FIFO, 0, &r);
	TEST_ASSERT_EQ(r.lookups, 7);
	TEST_ASSERT_EQ(r.misses, 7);
	TEST_ASSERT_EQ(r.hits, 0);
	TEST_ASSERT_EQ(r.evictions, 5);
	TEST_ASSERT_EQ(r.kvm_created, 7);
	TEST_ASSERT_EQ(r.kvm_recycled, 5);
	TEST_ASSERT_EQ(r.created_but_hit, 0);
	TEST_ASSERT_EQ(r.evicted_not_by_kvm, 0);
	TEST_ASSERT_EQ(r.recycled_not_by_model, 0);
	TEST_ASSERT_EQ(r.peak_used, 6);
	ss_recfile_free(&rf);
}

TEST(sim_check_counts_a_difference)
{
	struct ss_sim_result r;
	struct ss_recfile rf;

	/* KVM kept p5 (as if it had been a root): the model recycled it alone */
	kvm_recycle_stream(&rf, true);
	replay(&rf, SS_SIM_FIFO, 0, &r);
	TEST_ASSERT_EQ(r.evictions, 5);
	TEST_ASSERT_EQ(r.kvm_recycled, 4);
	TEST_ASSERT_EQ(r.evicted_not_by_kvm, 1);
	TEST_ASSERT_EQ(r.recycled_not_by_model, 0);
	ss_recfile_free(&rf);
}

/*
 * A hot page A reused between 60 cold creations, limit 40: FIFO recycles A
 * with the oldest cold pages once 36 pages are in use, LRU keeps it at the
 * head and finds it every time.
 */
TEST(sim_lru_keeps_a_hot_page)
{
	struct ss_sim_result fifo, lru, big;
	struct ss_recfile rf;
	struct stream s;
	unsigned long long i;

	st_begin(&s, 40);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 100, L4, 0, 0);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 1, L1, 0, 0);
	for (i = 0; i < 60; i++) {
		st_rec(&s, SHADOWSTAT_REC_CREATE, 1000 + i, L1, 0, 0);
		st_rec(&s, SHADOWSTAT_REC_REUSE, 1, L1, 0, 0);
	}
	st_end(&s, &rf, 0, 0);
	replay(&rf, SS_SIM_LRU, 0, &lru);
	replay(&rf, SS_SIM_FIFO, 0, &fifo);
	replay(&rf, SS_SIM_FIFO, 1000, &big);
	TEST_ASSERT_EQ(lru.lookups, 122);
	TEST_ASSERT_EQ(lru.hits, 60);
	TEST_ASSERT_EQ(lru.misses, 62);
	TEST_ASSERT(fifo.hits < 60, "fifo found the hot page %llu times",
		    (unsigned long long)fifo.hits);
	TEST_ASSERT_EQ(fifo.hits + fifo.misses, 122);
	/* no pressure: every reuse hits whatever the policy */
	TEST_ASSERT_EQ(big.hits, 60);
	TEST_ASSERT_EQ(big.evictions, 0);
	ss_recfile_free(&rf);
}

/* A cyclic scan of 41 pages under a limit of 40: LRU is no better than FIFO. */
TEST(sim_cyclic_scan_defeats_lru)
{
	struct ss_sim_result fifo, lru;
	struct ss_recfile rf;
	struct stream s;
	unsigned long long pass, i;

	st_begin(&s, 40);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 100, L4, 0, 0);
	for (pass = 0; pass < 5; pass++)
		for (i = 1; i <= 41; i++)
			st_rec(&s, pass ? SHADOWSTAT_REC_REUSE : SHADOWSTAT_REC_CREATE, i, L1,
			       0, 0);
	st_end(&s, &rf, 0, 0);
	replay(&rf, SS_SIM_LRU, 0, &lru);
	replay(&rf, SS_SIM_FIFO, 0, &fifo);
	TEST_ASSERT_EQ(lru.lookups, 206);
	TEST_ASSERT(lru.hits <= fifo.hits, "lru %llu hits, fifo %llu",
		    (unsigned long long)lru.hits, (unsigned long long)fifo.hits);
	ss_recfile_free(&rf);
}

/* After a fast zap no lookup finds the old pages: they are created again. */
TEST(sim_obsolete_pages_are_not_found)
{
	struct ss_sim_result r;
	struct ss_recfile rf;
	struct stream s;

	st_begin(&s, 100);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 100, L4, 0, 0);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 1, L1, 0, 0);
	st_rec(&s, SHADOWSTAT_REC_OBSOLETE, 0, 0, 0, 0);
	st_rec(&s, SHADOWSTAT_REC_ZAP, 1, L1, 0, SHADOWSTAT_ZAP_OBSOLETE);
	st_rec(&s, SHADOWSTAT_REC_ZAP, 100, L4, SHADOWSTAT_RECF_ROOT, SHADOWSTAT_ZAP_OBSOLETE);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 200, L4, 0, 0);
	st_rec(&s, SHADOWSTAT_REC_CREATE, 2, L1, 0, 0);
	st_end(&s, &rf, 4, 0);
	rf.recs[6].gfn = rf.recs[1].gfn;	/* the same gfn and role as page 1 */
	replay(&rf, SS_SIM_LRU, 0, &r);
	TEST_ASSERT_EQ(r.misses, 4);
	TEST_ASSERT_EQ(r.hits, 0);
	TEST_ASSERT_EQ(r.created_but_hit, 0);
	TEST_ASSERT_EQ(r.unknown_zaps, 0);
	ss_recfile_free(&rf);
}
