// SPDX-License-Identifier: GPL-2.0
/* The status records as JSON (status_json.c). */
#include <errno.h>

#include "../status_json.h"
#include "test.h"

TEST(status_json_groups_records)
{
	const char *rec =
		"module\tversion=0.1.0\tkernel=6.1.0-57-amd64\n"
		"kvm\tattached=true\twhy=\n"
		"hook\tname=vm_destroy\ttype=kretprobe\tattached=true\twhy=\tmissed=0\n"
		"hook\tname=sp_zap_kprobe\ttype=kprobe\tattached=false\twhy=not needed\tmissed=0\n"
		"feature\tname=sp_zaps\ton=true\tstats=sp_zapped sp_root_zaps\twhy=\n"
		"counter\tname=unattributed_events\tvalue=0\n"
		"counter\tname=walk_yields\tvalue=-3\n"
		"future\tnew=thing\n";
	const char *want =
		"{\"module\":{\"version\":\"0.1.0\",\"kernel\":\"6.1.0-57-amd64\"},"
		"\"kvm\":{\"attached\":true,\"why\":\"\"},"
		"\"hooks\":[{\"name\":\"vm_destroy\",\"type\":\"kretprobe\",\"attached\":true,"
		"\"why\":\"\",\"missed\":0},{\"name\":\"sp_zap_kprobe\",\"type\":\"kprobe\","
		"\"attached\":false,\"why\":\"not needed\",\"missed\":0}],"
		"\"features\":[{\"name\":\"sp_zaps\",\"on\":true,"
		"\"stats\":[\"sp_zapped\",\"sp_root_zaps\"],\"why\":\"\"}],"
		"\"counters\":{\"unattributed_events\":0,\"walk_yields\":-3},"
		"\"futures\":[{\"new\":\"thing\"}]}\n";
	char *out;

	CAPTURE(out, TEST_ASSERT_EQ(ss_status_json(f, rec), 0));
	TEST_ASSERT_STREQ(out, want);
	free(out);
}

TEST(status_json_rejects_a_record_with_no_type)
{
	char *out;

	CAPTURE(out, TEST_ASSERT_EQ(ss_status_json(f, "module\tx=1\n\tkey=v\n"), -EINVAL));
	free(out);
}
