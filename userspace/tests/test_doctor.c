// SPDX-License-Identifier: GPL-2.0
/* doctor's rules: each fires on the numbers that call for it, and only then. */
#include <errno.h>

#include "../doctor.h"
#include "test.h"

static const char *const doc_stats[] = {
	"mmu_shadow_pages", "mmu_pages_limit", "memslot_pages", "unsync_shadow_pages",
	"obsolete_shadow_pages", "root_shadow_pages", "sp_created", "sp_recycled",
	"sp_unsynced", "sp_synced", "sp_root_zaps", "mirror_shadow_pages", "mirror_drift",
	"tdp_mmu_pages", "sp_zapped",
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DOC_NR ARRAY_SIZE(doc_stats)

/* One VM, 128 MiB of memslots, quiet: the healthy case the rules start from. */
struct doc {
	struct ss_schema schema;
	struct ss_stat stats[DOC_NR];
	struct ss_vm vm;
	int64_t v0[DOC_NR], v1[DOC_NR];
	struct ss_snapshot s0, s1;
	struct ss_doctor_in in;
	struct ss_findings fs;
};

static void doc_init(struct doc *d)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < DOC_NR; i++) {
		snprintf(d->stats[i].name, sizeof(d->stats[i].name), "%s", doc_stats[i]);
		d->stats[i].kind = !strncmp(doc_stats[i], "sp_", 3) ?
				   SHADOWSTAT_KIND_CUMULATIVE : SHADOWSTAT_KIND_GAUGE;
	}
	d->schema.nr = DOC_NR;
	d->schema.stats = d->stats;
	d->vm.id = 7;
	snprintf(d->vm.name, sizeof(d->vm.name), "100-10");
	snprintf(d->vm.guest, sizeof(d->vm.guest), "web");
	d->s0 = (struct ss_snapshot){ .nr_vms = 1, .nr_stats = DOC_NR, .vms = &d->vm,
				      .values = d->v0 };
	d->s1 = d->s0;
	d->s1.values = d->v1;
	d->in = (struct ss_doctor_in){ .schema = &d->schema, .before = &d->s0,
				       .after = &d->s1, .window_s = 2.0 };
}

static void doc_set(struct doc *d, const char *stat, int64_t before, int64_t after)
{
	size_t i;

	for (i = 0; i < DOC_NR; i++) {
		if (!strcmp(doc_stats[i], stat)) {
			d->v0[i] = before;
			d->v1[i] = after;
			return;
		}
	}
	TEST_ASSERT(0, "no stat %s", stat);
}

static void doc_steady(struct doc *d)
{
	doc_set(d, "mmu_shadow_pages", 68, 68);
	doc_set(d, "mirror_shadow_pages", 68, 68);
	doc_set(d, "mmu_pages_limit", 655, 655);
	doc_set(d, "memslot_pages", 32768, 32768);
	doc_set(d, "unsync_shadow_pages", 4, 4);
	doc_set(d, "root_shadow_pages", 1, 1);
	doc_set(d, "sp_created", 68, 68);
}

static void doc_run(struct doc *d)
{
	TEST_ASSERT_EQ(ss_doctor_run(&d->in, &d->fs), 0);
}

/* The one finding of @rule, which must be there. */
static const struct ss_finding *doc_only(struct doc *d, const char *rule)
{
	TEST_ASSERT_EQ(d->fs.nr, 1);
	TEST_ASSERT_STREQ(d->fs.v[0].rule, rule);
	return &d->fs.v[0];
}

TEST(doctor_steady_vm_is_healthy)
{
	struct doc d;

	doc_init(&d);
	doc_steady(&d);
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
	TEST_ASSERT_EQ(ss_findings_problems(&d.fs), 0);
	ss_findings_free(&d.fs);
}

TEST(doctor_unsync_leak)
{
	const struct ss_finding *f;
	struct doc d;

	doc_init(&d);
	doc_steady(&d);
	/* 94%, flat: seed 000's case */
	doc_set(&d, "unsync_shadow_pages", 64, 64);
	doc_run(&d);
	f = doc_only(&d, "unsync_leak");
	TEST_ASSERT_STREQ(f->vm, "100-10");
	TEST_ASSERT_STREQ(f->summary, "64 of 68 shadow pages are unsync (94%)");
	TEST_ASSERT_STREQ(f->evidence[0].name, "unsync_shadow_pages");
	TEST_ASSERT_EQ(f->evidence[0].before, 64);
	ss_findings_free(&d.fs);

	/* 60% and growing: a leak; 60% and flat: not yet */
	doc_set(&d, "unsync_shadow_pages", 30, 41);
	doc_run(&d);
	f = doc_only(&d, "unsync_leak");
	TEST_ASSERT_STREQ(f->summary, "41 of 68 shadow pages are unsync (60%), and growing");
	ss_findings_free(&d.fs);
	doc_set(&d, "unsync_shadow_pages", 41, 41);
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);

	/* a tiny VM is never called a leak */
	doc_set(&d, "mmu_shadow_pages", 10, 10);
	doc_set(&d, "unsync_shadow_pages", 9, 9);
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
}

TEST(doctor_thrash_suggests_a_limit)
{
	const struct ss_finding *f;
	struct doc d;

	doc_init(&d);
	doc_steady(&d);
	doc_set(&d, "mmu_pages_limit", 64, 64);
	doc_set(&d, "mmu_shadow_pages", 61, 62);
	doc_set(&d, "mirror_shadow_pages", 61, 62);
	doc_set(&d, "sp_recycled", 1000, 1400);
	doc_set(&d, "sp_created", 1100, 1520);
	doc_run(&d);
	f = doc_only(&d, "thrash");
	TEST_ASSERT_STREQ(f->summary,
			  "at the page limit (62 of 64 shadow pages), recycling 200 pages/s");
	TEST_ASSERT(strstr(f->next, "below KVM's default of 655 for 128 MiB"), "%s", f->next);
	TEST_ASSERT(strstr(f->next, "at least 655"), "%s", f->next);
	ss_findings_free(&d.fs);

	/* right after a recycle KVM keeps 25 pages free: still at the limit */
	doc_set(&d, "mmu_shadow_pages", 39, 50);
	doc_run(&d);
	TEST_ASSERT_EQ(doc_only(&d, "thrash")->severity, SS_SEV_WARNING);
	ss_findings_free(&d.fs);
	/* the same fill with few recycles is a full VM, not a thrashing one */
	doc_set(&d, "sp_recycled", 1000, 1010);
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
	/* far below the limit: not this rule's business */
	doc_set(&d, "sp_recycled", 1000, 1400);
	doc_set(&d, "mmu_shadow_pages", 20, 30);
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
	doc_set(&d, "mmu_shadow_pages", 61, 62);
	/* a VM first seen at the end of the window has no rate: no verdict */
	doc_set(&d, "sp_recycled", 1000, 1400);
	d.s0.nr_vms = 0;
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
}

TEST(doctor_obsolete_pages_that_stay)
{
	struct doc d;

	doc_init(&d);
	doc_steady(&d);
	doc_set(&d, "obsolete_shadow_pages", 1, 1);
	doc_run(&d);
	TEST_ASSERT_STREQ(doc_only(&d, "obsolete")->summary,
			  "1 obsolete shadow pages stayed through the window");
	ss_findings_free(&d.fs);
	/* freed during the window, or new at its end: fine */
	doc_set(&d, "obsolete_shadow_pages", 3, 0);
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
	doc_set(&d, "obsolete_shadow_pages", 0, 2);
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
}

TEST(doctor_teardown_leak)
{
	struct ss_snapshot gone;
	struct ss_vm vms[2];
	int64_t v[2 * DOC_NR];
	struct doc d;
	size_t i;

	doc_init(&d);
	doc_steady(&d);
	memset(vms, 0, sizeof(vms));
	memset(v, 0, sizeof(v));
	snprintf(vms[0].name, sizeof(vms[0].name), "200-11");
	snprintf(vms[1].name, sizeof(vms[1].name), "201-12");
	gone = (struct ss_snapshot){ .nr_vms = 2, .nr_stats = DOC_NR, .vms = vms, .values = v };
	/* a clean teardown, and one whose TDP count is unknown: nothing to say */
	for (i = 0; i < DOC_NR; i++)
		if (!strcmp(doc_stats[i], "tdp_mmu_pages"))
			v[DOC_NR + i] = SHADOWSTAT_VALUE_UNAVAILABLE;
	d.in.departed = &gone;
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
	/* the second VM left 3 shadow pages counted */
	v[DOC_NR + 0] = 3;
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 1);
	TEST_ASSERT_STREQ(doc_only(&d, "teardown_leak")->vm, "201-12");
	TEST_ASSERT_EQ(d.fs.v[0].severity, SS_SEV_CRITICAL);
	TEST_ASSERT_STREQ(d.fs.v[0].summary,
			  "destroyed VM left 3 shadow and 0 TDP pages counted");
	ss_findings_free(&d.fs);
}

TEST(doctor_instrumentation_gaps)
{
	const char *records =
		"kvm\tattached=true\twhy=\n"
		"hook\tname=tdp_link\ttype=kretprobe\tattached=true\tmissed=3\n"
		"hook\tname=vm_create\ttype=kretprobe\tattached=true\tmissed=0\n"
		"feature\tname=sp_zaps\ton=false\topt_in=false\tstats=sp_zapped\twhy=hook x\n"
		"feature\tname=unsync_outcomes\ton=false\topt_in=true\tstats=a b\twhy=left off\n"
		"feature\tname=unsync\ton=true\topt_in=false\tstats=sp_unsynced\twhy=\n"
		"counter\tname=unattributed_events\tvalue=2\n"
		"counter\tname=walk_yields\tvalue=9\n";
	struct doc d;
	size_t i;

	doc_init(&d);
	doc_steady(&d);
	doc_set(&d, "mirror_drift", 0, -1);
	d.in.records = records;
	doc_run(&d);
	/* missed returns, sp_zaps off, unattributed events, the drift; the opt-in note */
	TEST_ASSERT_EQ(d.fs.nr, 5);
	TEST_ASSERT_EQ(ss_findings_problems(&d.fs), 4);
	for (i = 0; i < d.fs.nr; i++)
		TEST_ASSERT_STREQ(d.fs.v[i].rule, "instrumentation");
	TEST_ASSERT_STREQ(d.fs.v[0].summary, "kretprobe tdp_link missed 3 returns");
	TEST_ASSERT_STREQ(d.fs.v[1].summary, "feature sp_zaps is off: hook x");
	TEST_ASSERT_EQ(d.fs.v[2].severity, SS_SEV_NOTE);
	TEST_ASSERT_STREQ(d.fs.v[3].summary, "2 events could not be tied to their VM");
	TEST_ASSERT_STREQ(d.fs.v[4].vm, "100-10");
	TEST_ASSERT_STREQ(d.fs.v[4].summary, "the hooks' count of shadow pages is off KVM's by -1");
	ss_findings_free(&d.fs);
}

TEST(doctor_detached_and_malformed)
{
	struct doc d;

	doc_init(&d);
	doc_steady(&d);
	doc_set(&d, "unsync_shadow_pages", 64, 64);
	d.in.records = "kvm\tattached=false\twhy=kvm not loaded\n";
	doc_run(&d);
	/* nothing else is judged on numbers that come from nowhere */
	TEST_ASSERT_EQ(doc_only(&d, "kvm")->severity, SS_SEV_CRITICAL);
	ss_findings_free(&d.fs);
	d.in.records = "\tname=x\n";
	TEST_ASSERT_EQ(ss_doctor_run(&d.in, &d.fs), -EINVAL);
	TEST_ASSERT_EQ(d.fs.nr, 0);
}

TEST(doctor_sync_storm)
{
	struct doc d;

	doc_init(&d);
	doc_steady(&d);
	doc_set(&d, "sp_synced", 1000, 1400);
	doc_set(&d, "sp_unsynced", 1004, 1404);
	doc_run(&d);
	TEST_ASSERT_STREQ(doc_only(&d, "sync_storm")->summary,
			  "KVM syncs 200 shadow pages a second (unsyncs 200): the guest keeps "
			  "rewriting its page tables");
	ss_findings_free(&d.fs);
	/* a few syncs a second are what unsync is for */
	doc_set(&d, "sp_synced", 1000, 1100);
	doc_run(&d);
	TEST_ASSERT_EQ(d.fs.nr, 0);
}
