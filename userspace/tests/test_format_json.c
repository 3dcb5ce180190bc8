// SPDX-License-Identifier: GPL-2.0
/* --json golden strings. */
#include <math.h>

#include "fixtures.h"
#include "test.h"

#define SCHEMA_JSON							\
	"\"stats\":[{\"name\":\"mmu_shadow_pages\",\"kind\":\"gauge\","	\
	"\"unit\":\"pages\",\"description\":\"Live shadow pages\"},"	\
	"{\"name\":\"unsync_shadow_pages\",\"kind\":\"gauge\","		\
	"\"unit\":\"pages\",\"description\":\"Unsync shadow pages\"},"	\
	"{\"name\":\"sp_created\",\"kind\":\"cumulative\","		\
	"\"unit\":\"pages\",\"description\":\"Shadow pages created\"},"	\
	"{\"name\":\"mirror_drift\",\"kind\":\"gauge\","		\
	"\"unit\":\"pages\",\"description\":\"Mirror minus KVM\"}]"

#define VM1_JSON							\
	"{\"vm\":\"100-10\",\"id\":1,\"pid\":100,\"fd\":10,"		\
	"\"guest\":\"web\",\"mmu\":\"shadow\","				\
	"\"created_ns\":1700000000000000000,"				\
	"\"values\":{\"mmu_shadow_pages\":20,\"unsync_shadow_pages\":5,\"sp_created\":120,\"mirror_drift\":0}"

#define VM2_JSON							\
	"{\"vm\":\"200-12\",\"id\":2,\"pid\":200,\"fd\":12,\"guest\":null,\"mmu\":\"tdp\","	\
	"\"created_ns\":1700000000000000000,"				\
	"\"values\":{\"mmu_shadow_pages\":0,\"unsync_shadow_pages\":0,\"sp_created\":7,\"mirror_drift\":-1}"

TEST(json_list)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	CAPTURE(s, ss_format_json(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "{\"timestamp_ns\":5000000000," SCHEMA_JSON ",\"vms\":["
			  VM1_JSON "}," VM2_JSON "}],"
			  "\"totals\":{\"mmu_shadow_pages\":20,\"unsync_shadow_pages\":5,\"sp_created\":127,\"mirror_drift\":-1}}\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(json_show_one_vm_no_totals)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.rows[0] = 1;
	fx.listing.nr_rows = 1;
	fx.listing.totals = false;
	CAPTURE(s, ss_format_json(f, &fx.listing));
	TEST_ASSERT_STREQ(s, "{\"timestamp_ns\":5000000000," SCHEMA_JSON
			  ",\"vms\":[" VM2_JSON "}]}\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(json_rates)
{
	double rates[8] = { NAN, NAN, 2.5, NAN, NAN, NAN, NAN, NAN };
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.listing.rates = rates;
	fx.listing.interval_s = 2;
	CAPTURE(s, ss_format_json(f, &fx.listing));
	TEST_ASSERT_STREQ(s,
			  "{\"timestamp_ns\":5000000000,\"interval_s\":2.000," SCHEMA_JSON
			  ",\"vms\":[" VM1_JSON ",\"rates\":{\"sp_created\":2.50}},"
			  VM2_JSON ",\"rates\":{\"sp_created\":null}}],"
			  "\"totals\":{\"mmu_shadow_pages\":20,\"unsync_shadow_pages\":5,\"sp_created\":127,\"mirror_drift\":-1},"
			  "\"total_rates\":{\"sp_created\":2.50}}\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(json_escapes_guest)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	snprintf(fx.snap.vms[0].guest, SS_GUEST_SIZE, "a\"b\\c");
	fx.listing.nr_rows = 1;
	fx.listing.totals = false;
	CAPTURE(s, ss_format_json(f, &fx.listing));
	TEST_ASSERT(strstr(s, "\"guest\":\"a\\\"b\\\\c\""), "got %s", s);
	free(s);
	ss_fixture_free(&fx);
}

TEST(json_no_vms)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.listing.nr_rows = 0;
	CAPTURE(s, ss_format_json(f, &fx.listing));
	TEST_ASSERT_STREQ(s, "{\"timestamp_ns\":5000000000," SCHEMA_JSON
			  ",\"vms\":[],\"totals\":{\"mmu_shadow_pages\":0,\"unsync_shadow_pages\":0,\"sp_created\":0,\"mirror_drift\":0}}\n");
	free(s);
	ss_fixture_free(&fx);
}
