// SPDX-License-Identifier: GPL-2.0
/* Quoting in JSON strings, CSV fields and Prometheus labels. */
#include "../escape.h"
#include "test.h"

TEST(escape_json)
{
	char *s;

	CAPTURE(s, ss_json_str(f, "plain"));
	TEST_ASSERT_STREQ(s, "\"plain\"");
	free(s);
	CAPTURE(s, ss_json_str(f, "a\"b\\c\nd\te\001f\177"));
	TEST_ASSERT_STREQ(s, "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u007f\"");
	free(s);
	CAPTURE(s, ss_json_str(f, "caf\xc3\xa9"));
	TEST_ASSERT_STREQ(s, "\"caf\xc3\xa9\"");
	free(s);
}

TEST(escape_csv)
{
	char *s;

	CAPTURE(s, ss_csv_field(f, "plain"));
	TEST_ASSERT_STREQ(s, "plain");
	free(s);
	CAPTURE(s, ss_csv_field(f, "a,b"));
	TEST_ASSERT_STREQ(s, "\"a,b\"");
	free(s);
	CAPTURE(s, ss_csv_field(f, "say \"hi\""));
	TEST_ASSERT_STREQ(s, "\"say \"\"hi\"\"\"");
	free(s);
	CAPTURE(s, ss_csv_field(f, "two\nlines"));
	TEST_ASSERT_STREQ(s, "\"two\nlines\"");
	free(s);
	CAPTURE(s, ss_csv_field(f, " padded"));
	TEST_ASSERT_STREQ(s, "\" padded\"");
	free(s);
	CAPTURE(s, ss_csv_field(f, ""));
	TEST_ASSERT_STREQ(s, "");
	free(s);
}

TEST(escape_prometheus)
{
	char *s, name[64];

	CAPTURE(s, ss_prom_label(f, "a\"b\\c\nd"));
	TEST_ASSERT_STREQ(s, "a\\\"b\\\\c\\nd");
	free(s);
	CAPTURE(s, ss_prom_help(f, "x \"q\" \\ y\nz"));
	TEST_ASSERT_STREQ(s, "x \"q\" \\\\ y\\nz");
	free(s);
	ss_prom_name(name, sizeof(name), "shadowstat_", "odd-name.x", "_total");
	TEST_ASSERT_STREQ(name, "shadowstat_odd_name_x_total");
}
