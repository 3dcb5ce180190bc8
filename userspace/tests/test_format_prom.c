// SPDX-License-Identifier: GPL-2.0
/* --prometheus golden strings (node_exporter textfile format). */
#include <math.h>

#include "fixtures.h"
#include "test.h"

#define L1 "{vm=\"100-10\",pid=\"100\",guest=\"web\"}"
#define L2 "{vm=\"200-12\",pid=\"200\",guest=\"\"}"

#define PROM_LIST							\
	"# HELP shadowstat_vm_info VMs tracked by shadowstat, with their MMU mode\n" \
	"# TYPE shadowstat_vm_info gauge\n"				\
	"shadowstat_vm_info{vm=\"100-10\",pid=\"100\",guest=\"web\",id=\"1\",mmu=\"shadow\"} 1\n" \
	"shadowstat_vm_info{vm=\"200-12\",pid=\"200\",guest=\"\",id=\"2\",mmu=\"tdp\"} 1\n" \
	"# HELP shadowstat_mmu_shadow_pages Live shadow pages\n"	\
	"# TYPE shadowstat_mmu_shadow_pages gauge\n"			\
	"shadowstat_mmu_shadow_pages" L1 " 20\n"			\
	"shadowstat_mmu_shadow_pages" L2 " 0\n"				\
	"# HELP shadowstat_unsync_shadow_pages Unsync shadow pages\n"	\
	"# TYPE shadowstat_unsync_shadow_pages gauge\n"			\
	"shadowstat_unsync_shadow_pages" L1 " 5\n"			\
	"shadowstat_unsync_shadow_pages" L2 " 0\n"			\
	"# HELP shadowstat_sp_created_total Shadow pages created\n"	\
	"# TYPE shadowstat_sp_created_total counter\n"			\
	"shadowstat_sp_created_total" L1 " 120\n"			\
	"shadowstat_sp_created_total" L2 " 7\n"				\
	"# HELP shadowstat_mirror_drift Mirror minus KVM\n"		\
	"# TYPE shadowstat_mirror_drift gauge\n"			\
	"shadowstat_mirror_drift" L1 " 0\n"				\
	"shadowstat_mirror_drift" L2 " -1\n"

TEST(prom_list)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	CAPTURE(s, ss_format_prom(f, &fx.listing));
	TEST_ASSERT_STREQ(s, PROM_LIST);
	free(s);
	ss_fixture_free(&fx);
}

TEST(prom_departed_are_gauges_of_their_own)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.listing.departed = true;
	CAPTURE(s, ss_format_prom(f, &fx.listing));
	TEST_ASSERT_STREQ(s, ""
		"# HELP shadowstat_departed_vm_info VMs KVM destroyed while shadowstat watched "
		"(the last 64), with their MMU mode\n"
		"# TYPE shadowstat_departed_vm_info gauge\n"
		"shadowstat_departed_vm_info{vm=\"100-10\",pid=\"100\",guest=\"web\",id=\"1\","
		"mmu=\"shadow\"} 1\n"
		"shadowstat_departed_vm_info{vm=\"200-12\",pid=\"200\",guest=\"\",id=\"2\","
		"mmu=\"tdp\"} 1\n"
		"# HELP shadowstat_departed_mmu_shadow_pages At KVM's teardown: Live shadow pages\n"
		"# TYPE shadowstat_departed_mmu_shadow_pages gauge\n"
		"shadowstat_departed_mmu_shadow_pages" L1 " 20\n"
		"shadowstat_departed_mmu_shadow_pages" L2 " 0\n"
		"# HELP shadowstat_departed_unsync_shadow_pages At KVM's teardown: Unsync shadow pages\n"
		"# TYPE shadowstat_departed_unsync_shadow_pages gauge\n"
		"shadowstat_departed_unsync_shadow_pages" L1 " 5\n"
		"shadowstat_departed_unsync_shadow_pages" L2 " 0\n"
		"# HELP shadowstat_departed_sp_created At KVM's teardown: Shadow pages created\n"
		"# TYPE shadowstat_departed_sp_created gauge\n"
		"shadowstat_departed_sp_created" L1 " 120\n"
		"shadowstat_departed_sp_created" L2 " 7\n"
		"# HELP shadowstat_departed_mirror_drift At KVM's teardown: Mirror minus KVM\n"
		"# TYPE shadowstat_departed_mirror_drift gauge\n"
		"shadowstat_departed_mirror_drift" L1 " 0\n"
		"shadowstat_departed_mirror_drift" L2 " -1\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(prom_rates_are_gauges)
{
	double rates[8] = { NAN, NAN, 1.25, NAN, NAN, NAN, NAN, NAN };
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	fx.listing.rates = rates;
	CAPTURE(s, ss_format_prom(f, &fx.listing));
	TEST_ASSERT_STREQ(s, PROM_LIST
		"# HELP shadowstat_sp_created_per_second Shadow pages created\n"
		"# TYPE shadowstat_sp_created_per_second gauge\n"
		"shadowstat_sp_created_per_second" L1 " 1.25\n");
	free(s);
	ss_fixture_free(&fx);
}

TEST(prom_escapes_labels_and_help)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	snprintf(fx.snap.vms[0].guest, SS_GUEST_SIZE, "a\"b\\c\nd");
	snprintf(fx.schema.stats[0].desc, SHADOWSTAT_DESC_SIZE, "x\\y\nz");
	fx.listing.nr_rows = 1;
	CAPTURE(s, ss_format_prom(f, &fx.listing));
	TEST_ASSERT(strstr(s, "shadowstat_mmu_shadow_pages{vm=\"100-10\","
			   "pid=\"100\",guest=\"a\\\"b\\\\c\\nd\"} 20\n"),
		    "got %s", s);
	TEST_ASSERT(strstr(s, "# HELP shadowstat_mmu_shadow_pages x\\\\y\\nz\n"),
		    "got %s", s);
	free(s);
	ss_fixture_free(&fx);
}

TEST(prom_ppm_is_a_ratio_in_base_units)
{
	struct ss_fixture fx;
	char *s;

	ss_fixture_init(&fx);
	ss_fixture_add_stat(&fx, "unsync_early_exit_ratio", SHADOWSTAT_KIND_RATIO,
			    "Early exits", 367188);
	fx.schema.stats[4].unit = SHADOWSTAT_UNIT_PPM;
	ss_fixture_add_stat(&fx, "hit_share", SHADOWSTAT_KIND_RATIO, "Hits", 1000000);
	fx.schema.stats[5].unit = SHADOWSTAT_UNIT_PPM;
	fx.listing.nr_rows = 1;
	CAPTURE(s, ss_format_prom(f, &fx.listing));
	TEST_ASSERT(strstr(s, "# TYPE shadowstat_unsync_early_exit_ratio gauge\n"
			   "shadowstat_unsync_early_exit_ratio" L1 " 0.367188\n"), "got %s", s);
	TEST_ASSERT(strstr(s, "shadowstat_hit_share_ratio" L1 " 1.000000\n"), "got %s", s);
	free(s);
	ss_fixture_free(&fx);
}
