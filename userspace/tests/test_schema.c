// SPDX-License-Identifier: GPL-2.0
/*
 * Stats the CLI was not built with: whatever the module's schema holds is
 * shown, with its description; an unknown kind is a gauge.
 */
#include <math.h>

#include "../view.h"
#include "fixtures.h"
#include "test.h"

TEST(schema_find)
{
	struct ss_fixture fx;

	ss_fixture_init(&fx);
	TEST_ASSERT_EQ(ss_schema_find(&fx.schema, "sp_created"), 2);
	TEST_ASSERT_EQ(ss_schema_find(&fx.schema, "nope"), -1);
	ss_fixture_free(&fx);
}

TEST(schema_kinds_units_modes)
{
	struct ss_stat st = { .kind = 42 };

	TEST_ASSERT_STREQ(ss_kind_name(SHADOWSTAT_KIND_PEAK), "peak");
	TEST_ASSERT_STREQ(ss_kind_name(42), "unknown");
	TEST_ASSERT(!ss_stat_is_counter(&st), "unknown kind is no counter");
	TEST_ASSERT_EQ(ss_stat_group(&st), SS_GROUP_GAUGE);
	st.kind = SHADOWSTAT_KIND_PEAK;
	TEST_ASSERT_EQ(ss_stat_group(&st), SS_GROUP_GAUGE);
	TEST_ASSERT_STREQ(ss_unit_name(SHADOWSTAT_UNIT_PAGES), "pages");
	TEST_ASSERT_STREQ(ss_unit_name(99), "");
	TEST_ASSERT_STREQ(ss_mmu_name(SHADOWSTAT_MMU_TDP_LEGACY), "tdp-legacy");
	TEST_ASSERT_STREQ(ss_mmu_name(SHADOWSTAT_MMU_UNKNOWN), "unknown");
	TEST_ASSERT_STREQ(ss_mmu_name(77), "unknown");
	snprintf(st.name, sizeof(st.name), "mirror_new");
	TEST_ASSERT_EQ(ss_stat_group(&st), SS_GROUP_MIRROR);
}

TEST(schema_unknown_stat_everywhere)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	ss_fixture_add_stat(&fx, "future_stat", 9, "From a newer module", 77);

	CAPTURE(s, ss_format_json(f, &fx.listing));
	TEST_ASSERT(strstr(s, "{\"name\":\"future_stat\",\"kind\":\"unknown\","
			   "\"unit\":\"pages\","
			   "\"description\":\"From a newer module\"}"),
		    "schema: %s", s);
	TEST_ASSERT(strstr(s, "\"mirror_drift\":0,\"future_stat\":77}"),
		    "value: %s", s);
	TEST_ASSERT(strstr(s, "\"totals\":{\"mmu_shadow_pages\":20,"
			   "\"unsync_shadow_pages\":5,\"sp_created\":127,"
			   "\"mirror_drift\":-1,\"future_stat\":154}"),
		    "totals: %s", s);
	free(s);

	CAPTURE(s, ss_format_csv(f, &fx.listing, true));
	TEST_ASSERT(strstr(s, ",mirror_drift,future_stat\n"), "header: %s", s);
	TEST_ASSERT(strstr(s, ",120,0,77\n"), "row: %s", s);
	free(s);

	CAPTURE(s, ss_format_prom(f, &fx.listing));
	TEST_ASSERT(strstr(s, "# HELP shadowstat_future_stat From a newer module\n"
			  "# TYPE shadowstat_future_stat gauge\n"
			  "shadowstat_future_stat{vm=\"100-10\",pid=\"100\",guest=\"web\"} 77\n"),
		    "prom: %s", s);
	free(s);

	fx.listing.nr_rows = 1;
	CAPTURE(s, ss_format_table_show(f, &fx.listing));
	TEST_ASSERT(strstr(s, "Gauges\n"
			  "  mmu_shadow_pages      20  Live shadow pages\n"
			  "  unsync_shadow_pages    5  Unsync shadow pages\n"
			  "  future_stat           77  From a newer module\n"),
		    "show: %s", s);
	free(s);
	ss_fixture_free(&fx);
}

TEST(schema_missing_known_stats)
{
	struct ss_fixture fx;
	char *s;

	/* a module without unsync_shadow_pages: no UNSYNC nor UNSYNC% */
	ss_fixture_init(&fx);
	snprintf(fx.schema.stats[1].name, SHADOWSTAT_NAME_SIZE, "renamed");
	fx.listing.nr_rows = 1;
	CAPTURE(s, ss_format_table_list(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "VM      GUEST  MMU     SHADOW  DRIFT\n"
			  "100-10  web    shadow      20      0\n"
			  "total   1 VM               20      0\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(schema_unavailable_values)
{
	struct ss_fixture fx;
	char *s;

	/* tdp-only stat n/a on VM 100-10: n/a in every format and in total */
	ss_fixture_init(&fx);
	fx.snap.values[0 * 4 + 3] = SHADOWSTAT_VALUE_UNAVAILABLE;

	CAPTURE(s, ss_format_table_list(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "VM      GUEST  MMU     SHADOW  UNSYNC  UNSYNC%  DRIFT\n"
			  "100-10  web    shadow      20       5    25.0%    n/a\n"
			  "200-12  -      tdp          0       0        -     -1\n"
			  "total   2 VMs              20       5    25.0%    n/a\n");
	free(s);

	CAPTURE(s, ss_format_json(f, &fx.listing));
	TEST_ASSERT(strstr(s, "\"sp_created\":120,\"mirror_drift\":null}"),
		    "vm: %s", s);
	TEST_ASSERT(strstr(s, "\"totals\":{\"mmu_shadow_pages\":20,"
			   "\"unsync_shadow_pages\":5,\"sp_created\":127,"
			   "\"mirror_drift\":null}"),
		    "totals: %s", s);
	free(s);

	CAPTURE(s, ss_format_csv(f, &fx.listing, false));
	TEST_ASSERT_STREQ(s,
			  "5000000000,100-10,1,100,10,web,shadow,1700000000000000000,20,5,120,\n"
			  "5000000000,200-12,2,200,12,,tdp,1700000000000000000,0,0,7,-1\n"
			  "5000000000,total,,,,,,,20,5,127,\n");
	free(s);

	CAPTURE(s, ss_format_prom(f, &fx.listing));
	TEST_ASSERT(strstr(s, "# TYPE shadowstat_mirror_drift gauge\n"
			  "shadowstat_mirror_drift{vm=\"200-12\",pid=\"200\",guest=\"\"} -1\n"),
		    "prom: %s", s);
	free(s);

	TEST_ASSERT(isnan(ss_rate(SHADOWSTAT_VALUE_UNAVAILABLE, 5, 1.0)),
		    "no rate from n/a");
	ss_fixture_free(&fx);
}
