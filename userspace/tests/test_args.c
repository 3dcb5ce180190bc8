// SPDX-License-Identifier: GPL-2.0
/* Command line parsing. */
#include <errno.h>
#include <stdarg.h>

#include "../args.h"
#include "../commands.h"
#include "test.h"

static char err[256];

static int parse(struct ss_args *args, ...)
{
	char *argv[32] = { "shadowstat" };
	int argc = 1;
	va_list ap;

	va_start(ap, args);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	err[0] = '\0';
	return ss_args_parse(argc, argv, args, err, sizeof(err));
}

TEST(args_default_is_list)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, NULL), 0);
	TEST_ASSERT_STREQ(a.cmd->name, "list");
	TEST_ASSERT_EQ(a.has_cmd, 0);
	TEST_ASSERT_EQ(a.format, SS_FMT_TABLE);
	TEST_ASSERT_EQ(a.pid, -1);
	TEST_ASSERT(!a.guest && !a.sort && !a.device, "no filters");
	TEST_ASSERT_EQ(a.interval_ms, SS_INTERVAL_MS_DEFAULT);
}

TEST(args_formats_anywhere)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, "--json", NULL), 0);
	TEST_ASSERT_EQ(a.format, SS_FMT_JSON);
	TEST_ASSERT_EQ(parse(&a, "list", "--csv", NULL), 0);
	TEST_ASSERT_EQ(a.format, SS_FMT_CSV);
	TEST_ASSERT_EQ(a.has_cmd, 1);
	TEST_ASSERT_EQ(parse(&a, "--prometheus", "show", "web", NULL), 0);
	TEST_ASSERT_EQ(a.format, SS_FMT_PROM);
	TEST_ASSERT_STREQ(a.cmd->name, "show");
	TEST_ASSERT_STREQ(a.arg, "web");
}

TEST(args_top_options)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, "top", "-i", "0.5", "-1", "-s", "sp_created",
			     "-p", "42", "--guest=web", "-n3", NULL), 0);
	TEST_ASSERT_STREQ(a.cmd->name, "top");
	TEST_ASSERT_EQ(a.interval_ms, 500);
	TEST_ASSERT_EQ(a.once, 1);
	TEST_ASSERT_STREQ(a.sort, "sp_created");
	TEST_ASSERT_EQ(a.pid, 42);
	TEST_ASSERT_STREQ(a.guest, "web");
	TEST_ASSERT_EQ(a.iterations, 3);

	TEST_ASSERT_EQ(parse(&a, "top", "--interval=2", "--once", "--sort",
			     "vm", NULL), 0);
	TEST_ASSERT_EQ(a.interval_ms, 2000);
	TEST_ASSERT_EQ(a.once, 1);
	TEST_ASSERT_STREQ(a.sort, "vm");
}

TEST(args_bad_interval)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, "top", "-i", "0", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err,
			  "invalid interval '0': give seconds from 0.1 to 3600");
	TEST_ASSERT_EQ(parse(&a, "top", "-i", "1x", NULL), -EINVAL);
	TEST_ASSERT_EQ(parse(&a, "top", "-i", "nan", NULL), -EINVAL);
	TEST_ASSERT_EQ(parse(&a, "top", "-i", "99999", NULL), -EINVAL);
	TEST_ASSERT_EQ(parse(&a, "top", "-i", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "option '-i' needs a value");
}

TEST(args_unknown_option_and_command)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, "--frobnicate", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err,
			  "unknown option '--frobnicate' (see `shadowstat --help`)");
	TEST_ASSERT_EQ(parse(&a, "-x", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "unknown option '-x' (see `shadowstat --help`)");
	TEST_ASSERT_EQ(parse(&a, "frob", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err,
			  "unknown command 'frob' (commands: list, show, status, top, doctor, history, log, record, simulate, plot, help, version)");
}

TEST(args_option_not_for_command)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, "status", "--csv", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "option '--csv' does not apply to 'status'");
	TEST_ASSERT_EQ(parse(&a, "-1", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "option '-1' does not apply to 'list'");
	TEST_ASSERT_EQ(parse(&a, "show", "x", "-p", "1", NULL), -EINVAL);
	TEST_ASSERT_EQ(parse(&a, "status", "--json", NULL), 0);
}

TEST(args_positional)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, "show", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err,
			  "'show' needs a VM: <pid>-<fd>, a pid or a guest name");
	TEST_ASSERT_EQ(parse(&a, "show", "1-2", "3-4", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "too many arguments: '3-4'");
	TEST_ASSERT_EQ(parse(&a, "status", "x", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "'status' takes no argument 'x'");
	/* "--" ends the options: a guest may be named "-x" */
	TEST_ASSERT_EQ(parse(&a, "show", "--", "-x", NULL), 0);
	TEST_ASSERT_STREQ(a.arg, "-x");
}

TEST(args_help)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, "--help", NULL), 0);
	TEST_ASSERT_EQ(a.help, 1);
	TEST_ASSERT_EQ(a.has_cmd, 0);
	TEST_ASSERT_EQ(parse(&a, "show", "--help", NULL), 0);
	TEST_ASSERT_EQ(a.help, 1);
	TEST_ASSERT_STREQ(a.cmd->name, "show");
	TEST_ASSERT_EQ(parse(&a, "top", "-h", NULL), 0);
	TEST_ASSERT_STREQ(a.cmd->name, "top");
	TEST_ASSERT_EQ(parse(&a, "help", "top", NULL), 0);
	TEST_ASSERT_STREQ(a.cmd->name, "help");
	TEST_ASSERT_STREQ(a.arg, "top");
	TEST_ASSERT_EQ(parse(&a, "help", NULL), 0);
	TEST_ASSERT(!a.arg, "help without a topic");
	TEST_ASSERT_EQ(parse(&a, "help", "nope", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "no help for 'nope'");
	TEST_ASSERT_EQ(parse(&a, "--version", NULL), 0);
	TEST_ASSERT_STREQ(a.cmd->name, "version");
}

TEST(args_values)
{
	struct ss_args a;

	TEST_ASSERT_EQ(parse(&a, "-p", "abc", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "invalid pid 'abc'");
	TEST_ASSERT_EQ(parse(&a, "-p", "-5", NULL), -EINVAL);
	TEST_ASSERT_EQ(parse(&a, "--json=1", NULL), -EINVAL);
	TEST_ASSERT_STREQ(err, "option '--json=1' takes no value");
	TEST_ASSERT_EQ(parse(&a, "--device", "/tmp/x", NULL), 0);
	TEST_ASSERT_STREQ(a.device, "/tmp/x");
	TEST_ASSERT_EQ(parse(&a, "top", "-n", "0", NULL), -EINVAL);
}
