// SPDX-License-Identifier: GPL-2.0
/* Tables for people: golden strings. */
#include <math.h>

#include "../grid.h"
#include "fixtures.h"
#include "test.h"

TEST(table_list)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	CAPTURE(s, ss_format_table_list(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "VM      GUEST  MMU     SHADOW  UNSYNC  UNSYNC%  DRIFT\n"
			  "100-10  web    shadow      20       5    25.0%      0\n"
			  "200-12  -      tdp          0       0        -     -1\n"
			  "total   2 VMs              20       5    25.0%     -1\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(table_list_all_columns)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	ss_fixture_add_stat(&fx, "mmu_pages_limit", SHADOWSTAT_KIND_GAUGE,
			    "Limit", 2621);
	ss_fixture_add_stat(&fx, "tdp_mmu_pages", SHADOWSTAT_KIND_GAUGE,
			    "TDP", 3);
	fx.listing.nr_rows = 1;
	CAPTURE(s, ss_format_table_list(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "VM      GUEST  MMU     SHADOW  LIMIT  UNSYNC  UNSYNC%  TDP  DRIFT\n"
			  "100-10  web    shadow      20   2621       5    25.0%    3      0\n"
			  "total   1 VM               20   2621       5    25.0%    3      0\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(table_list_empty)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.listing.nr_rows = 0;
	CAPTURE(s, ss_format_table_list(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "VM     GUEST  MMU  SHADOW  UNSYNC  UNSYNC%  DRIFT\n"
			  "total  0 VMs            0       0        -      0\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(table_show)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.listing.nr_rows = 1;
	fx.listing.totals = false;
	CAPTURE(s, ss_format_table_show(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "VM 100-10  guest web  mmu shadow  id 1  since 2023-11-14 22:13:20\n"
			  "\n"
			  "Gauges\n"
			  "  mmu_shadow_pages      20  Live shadow pages\n"
			  "  unsync_shadow_pages    5  Unsync shadow pages\n"
			  "\n"
			  "Cumulative\n"
			  "  sp_created           120  Shadow pages created\n"
			  "\n"
			  "Mirror\n"
			  "  mirror_drift           0  Mirror minus KVM\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(table_top_rates_and_sort_column)
{
	double rates[8] = { NAN, NAN, 2.5, NAN, NAN, NAN, NAN, NAN };
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.listing.rates = rates;
	CAPTURE(s, ss_format_table_top(f, &fx.listing, 1));
	TEST_ASSERT_STREQ(s,
			  "VM      GUEST  MMU     SHADOW  UNSYNC  CREATE/s  DRIFT\n"
			  "100-10  web    shadow      20       5       2.5      0\n"
			  "200-12  -      tdp          0       0         -     -1\n"
			  "total                      20       5       2.5     -1\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(table_top_adds_sort_stat)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	ss_fixture_add_stat(&fx, "sp_zapped_new", SHADOWSTAT_KIND_CUMULATIVE,
			    "Zaps", 4);
	fx.listing.nr_rows = 1;
	/* no rates yet (first frame): the counter shows its value */
	CAPTURE(s, ss_format_table_top(f, &fx.listing, 4));
	TEST_ASSERT_STREQ(s,
			  "VM      GUEST  MMU     SHADOW  UNSYNC  CREATE/s  DRIFT  sp_zapped_new\n"
			  "100-10  web    shadow      20       5         -      0              4\n"
			  "total                      20       5       0.0      0              4\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(grid_alignment)
{
	static const char *const rows[][3] = {
		{ "A", "BB", "C" }, { "long", "1", "x" }, { "s", "1234", NULL },
	};
	struct ss_grid g;
	char *s;
	size_t i;

	ss_grid_init(&g, 3);
	g.right[1] = true;
	for (i = 0; i < 3; i++)
		TEST_ASSERT_EQ(ss_grid_add(&g, rows[i]), 0);
	CAPTURE(s, ss_grid_print(f, &g));
	TEST_ASSERT_STREQ(s, "A       BB  C\nlong     1  x\ns     1234  -\n");
	free(s);
	ss_grid_free(&g);
}

TEST(table_show_ppm_as_percent)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	ss_fixture_add_stat(&fx, "unsync_early_exit_ratio", SHADOWSTAT_KIND_RATIO,
			    "Early exits", 367188);
	fx.schema.stats[4].unit = SHADOWSTAT_UNIT_PPM;
	fx.listing.nr_rows = 1;
	fx.listing.totals = false;
	CAPTURE(s, ss_format_table_show(f, &fx.listing));
	TEST_ASSERT(strstr(s, "  unsync_early_exit_ratio  36.72%  Early exits\n"), "got %s", s);
	free(s);
	ss_fixture_free(&fx);
}

TEST(table_history)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	ss_fixture_add_stat(&fx, "lifetime_seconds", SHADOWSTAT_KIND_PEAK, "Life", 42);
	ss_fixture_add_stat(&fx, "mmu_shadow_pages_peak", SHADOWSTAT_KIND_PEAK, "Peak", 64);
	/* the first VM left 20 shadow pages counted, the second none */
	CAPTURE(s, ss_format_table_history(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "VM      GUEST  MMU     SINCE                LIFETIME  PEAK  CREATED  LEFT  TEARDOWN\n"
			  "100-10  web    shadow  2023-11-14 22:13:20        42    64      120    20  LEAK\n"
			  "200-12  -      tdp     2023-11-14 22:13:20        42    64        7     0  clean\n");
	free(s);
	ss_fixture_free(&fx);
}
