// SPDX-License-Identifier: GPL-2.0
/* Rates for top, sorting and filtering of listings. */
#include <errno.h>
#include <math.h>

#include "../view.h"
#include "fixtures.h"
#include "test.h"

TEST(rate_basic)
{
	TEST_ASSERT(ss_rate(100, 150, 2.0) == 25.0, "25/s");
	TEST_ASSERT(ss_rate(5, 5, 1.0) == 0.0, "no change");
	TEST_ASSERT(isnan(ss_rate(10, 5, 1.0)), "a counter going down");
	TEST_ASSERT(isnan(ss_rate(1, 2, 0)), "no time passed");
	TEST_ASSERT(isnan(ss_rate(1, 2, -1)), "time going back");
}

TEST(rates_match_vms_by_id)
{
	struct ss_fixture prev, cur;
	double rates[8];
	double dt;

	ss_fixture_init(&prev);
	ss_fixture_init(&cur);
	cur.snap.timestamp_ns = prev.snap.timestamp_ns + 500000000ULL;
	/* cur lists the VMs the other way round, and VM 2 is new */
	cur.snap.vms[0].id = 2;
	cur.snap.vms[1].id = 3;
	prev.snap.values[1 * 4 + 2] = 100;	/* VM 2 had 100 created */
	cur.snap.values[0 * 4 + 2] = 150;	/* and now has 150 */
	dt = ss_rates_compute(&cur.schema, &prev.snap, &cur.snap, rates);
	TEST_ASSERT(dt == 0.5, "dt %f", dt);
	TEST_ASSERT(rates[0 * 4 + 2] == 100.0, "VM 2: 50 in 0.5 s, got %f",
		    rates[2]);
	TEST_ASSERT(isnan(rates[1 * 4 + 2]), "VM 3 is new");
	TEST_ASSERT(isnan(rates[0 * 4 + 0]), "gauges have no rate");
	ss_fixture_free(&prev);
	ss_fixture_free(&cur);
}

TEST(sort_by_stat_and_name)
{
	struct ss_fixture fx;
	size_t rows[2] = { 0, 1 };
	int key;

	ss_fixture_init(&fx);
	fx.listing.rows = rows;
	TEST_ASSERT_EQ(ss_sort_key_parse(&fx.schema, "mirror_drift", &key), 0);
	TEST_ASSERT_EQ(key, 3);
	ss_sort_rows(&fx.listing, rows, key);	/* 0 before -1 */
	TEST_ASSERT_EQ(rows[0], 0);
	TEST_ASSERT_EQ(rows[1], 1);
	TEST_ASSERT_EQ(ss_sort_key_parse(&fx.schema, "guest", &key), 0);
	ss_sort_rows(&fx.listing, rows, key);	/* "" before "web" */
	TEST_ASSERT_EQ(rows[0], 1);
	TEST_ASSERT_EQ(rows[1], 0);
	TEST_ASSERT_EQ(ss_sort_key_parse(&fx.schema, "vm", &key), 0);
	ss_sort_rows(&fx.listing, rows, key);
	TEST_ASSERT_EQ(rows[0], 0);
	TEST_ASSERT_EQ(ss_sort_key_parse(&fx.schema, "nope", &key), -EINVAL);
	ss_fixture_free(&fx);
}

TEST(sort_by_rate_unknown_last)
{
	double rates[8] = { NAN, NAN, NAN, NAN, NAN, NAN, 3.0, NAN };
	struct ss_fixture fx;
	size_t rows[2] = { 0, 1 };

	ss_fixture_init(&fx);
	fx.listing.rows = rows;
	fx.listing.rates = rates;
	/* VM 0 has more pages created, but only VM 1 has a known rate */
	ss_sort_rows(&fx.listing, rows, 2);
	TEST_ASSERT_EQ(rows[0], 1);
	TEST_ASSERT_EQ(rows[1], 0);
	fx.listing.rates = NULL;
	ss_sort_rows(&fx.listing, rows, 2);
	TEST_ASSERT_EQ(rows[0], 0);
	ss_fixture_free(&fx);
}

TEST(select_rows)
{
	struct ss_fixture fx;
	size_t rows[2];

	ss_fixture_init(&fx);
	TEST_ASSERT_EQ(ss_select_rows(&fx.snap, -1, NULL, rows), 2);
	TEST_ASSERT_EQ(ss_select_rows(&fx.snap, 200, NULL, rows), 1);
	TEST_ASSERT_EQ(rows[0], 1);
	TEST_ASSERT_EQ(ss_select_rows(&fx.snap, -1, "web", rows), 1);
	TEST_ASSERT_EQ(rows[0], 0);
	TEST_ASSERT_EQ(ss_select_rows(&fx.snap, 100, "db", rows), 0);
	ss_fixture_free(&fx);
}

TEST(totals_of_rows)
{
	struct ss_fixture fx;
	int64_t totals[4];

	ss_fixture_init(&fx);
	fx.rows[0] = 1;
	fx.listing.nr_rows = 1;
	ss_listing_totals(&fx.listing, totals);
	TEST_ASSERT_EQ(totals[2], 7);
	TEST_ASSERT_EQ(totals[3], -1);
	ss_fixture_free(&fx);
}
