// SPDX-License-Identifier: GPL-2.0
/* --csv golden strings. */
#include <math.h>

#include "fixtures.h"
#include "test.h"

#define CSV_HEADER							\
	"timestamp_ns,vm,id,pid,fd,guest,mmu,created_ns,"		\
	"mmu_shadow_pages,unsync_shadow_pages,sp_created,mirror_drift"

TEST(csv_list)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	CAPTURE(s, ss_format_csv(f, &fx.listing, true));
	TEST_ASSERT_STREQ(s,
			  CSV_HEADER "\n"
			  "5000000000,100-10,1,100,10,web,shadow,1700000000000000000,20,5,120,0\n"
			  "5000000000,200-12,2,200,12,,tdp,1700000000000000000,0,0,7,-1\n"
			  "5000000000,total,,,,,,,20,5,127,-1\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(csv_no_header_with_rates)
{
	double rates[8] = { NAN, NAN, 0.5, NAN, NAN, NAN, NAN, NAN };
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.listing.rates = rates;
	CAPTURE(s, ss_format_csv(f, &fx.listing, true));
	TEST_ASSERT_STREQ(s,
			  CSV_HEADER ",sp_created_per_sec\n"
			  "5000000000,100-10,1,100,10,web,shadow,1700000000000000000,20,5,120,0,0.50\n"
			  "5000000000,200-12,2,200,12,,tdp,1700000000000000000,0,0,7,-1,\n"
			  "5000000000,total,,,,,,,20,5,127,-1,0.50\n");
	free(s);
	fx.listing.totals = false;
	fx.listing.nr_rows = 1;
	CAPTURE(s, ss_format_csv(f, &fx.listing, false));
	TEST_ASSERT_STREQ(s,
			  "5000000000,100-10,1,100,10,web,shadow,1700000000000000000,20,5,120,0,0.50\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(csv_quotes_guest)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	snprintf(fx.snap.vms[0].guest, SS_GUEST_SIZE, "a,\"b\"");
	fx.listing.nr_rows = 1;
	fx.listing.totals = false;
	CAPTURE(s, ss_format_csv(f, &fx.listing, false));
	TEST_ASSERT_STREQ(s,
			  "5000000000,100-10,1,100,10,\"a,\"\"b\"\"\",shadow,1700000000000000000,20,5,120,0\n");
	free(s);
	ss_fixture_free(&fx);
}
