// SPDX-License-Identifier: GPL-2.0
/* QEMU guest names from /proc/<pid>/cmdline. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../guestname.h"
#include "test.h"

static int guest(const char *cmdline, size_t len, char *name)
{
	strcpy(name, "(unset)");
	return ss_guest_from_cmdline(cmdline, len, name, 64);
}

/* A literal command line with its NULs, and its length */
#define GUEST(cmdline, name) guest(cmdline, sizeof(cmdline), name)

TEST(guest_plain)
{
	char name[64];

	TEST_ASSERT_EQ(GUEST("qemu-system-x86_64\0-m\0001G\0-name\0web1", name), 0);
	TEST_ASSERT_STREQ(name, "web1");
}

TEST(guest_libvirt_style)
{
	char name[64];

	TEST_ASSERT_EQ(GUEST("qemu\0-name\0guest=db,debug-threads=on", name), 0);
	TEST_ASSERT_STREQ(name, "db");
	TEST_ASSERT_EQ(GUEST("qemu\0-name\0debug-threads=on,guest=db2", name), 0);
	TEST_ASSERT_STREQ(name, "db2");
	TEST_ASSERT_EQ(GUEST("qemu\0--name\0app,process=qemu-app", name), 0);
	TEST_ASSERT_STREQ(name, "app");
}

TEST(guest_escaped_comma_and_last_wins)
{
	char name[64];

	TEST_ASSERT_EQ(GUEST("qemu\0-name\0a,,b,debug-threads=on", name), 0);
	TEST_ASSERT_STREQ(name, "a,b");
	TEST_ASSERT_EQ(GUEST("qemu\0-name\0first\0-name\0second", name), 0);
	TEST_ASSERT_STREQ(name, "second");
}

TEST(guest_missing)
{
	char name[64];

	TEST_ASSERT_EQ(GUEST("minivmm\0-r\00016", name), -ENOENT);
	/* -name as the last, cut argument */
	TEST_ASSERT_EQ(guest("qemu\0-name", 10, name), -ENOENT);
	TEST_ASSERT_EQ(GUEST("qemu\0-name\0process=x", name), -ENOENT);
	TEST_ASSERT_EQ(guest("", 0, name), -ENOENT);
}

TEST(guest_control_chars)
{
	char name[64];

	TEST_ASSERT_EQ(GUEST("qemu\0-name\0a\nb\033c", name), 0);
	TEST_ASSERT_STREQ(name, "a?b?c");
}

TEST(guest_truncated)
{
	char name[8];

	TEST_ASSERT_EQ(ss_guest_from_cmdline("q\0-name\0abcdefghijkl", 21,
					     name, sizeof(name)), 0);
	TEST_ASSERT_STREQ(name, "abcdefg");
}

TEST(guest_of_pid_reads_proc)
{
	char dir[] = "/tmp/ss-proc-XXXXXX", path[256], name[64];
	static const char cmdline[] = "qemu\0-name\0guest=fromproc";
	FILE *f;

	TEST_ASSERT(mkdtemp(dir), "mkdtemp");
	snprintf(path, sizeof(path), "%s/42", dir);
	TEST_ASSERT(!mkdir(path, 0700), "mkdir");
	snprintf(path, sizeof(path), "%s/42/cmdline", dir);
	f = fopen(path, "w");
	TEST_ASSERT(f, "fopen");
	fwrite(cmdline, 1, sizeof(cmdline), f);
	fclose(f);
	TEST_ASSERT_EQ(ss_guest_of_pid(dir, 42, name, sizeof(name)), 0);
	TEST_ASSERT_STREQ(name, "fromproc");
	TEST_ASSERT_EQ(ss_guest_of_pid(dir, 43, name, sizeof(name)), -ENOENT);
	unlink(path);
	snprintf(path, sizeof(path), "%s/42", dir);
	rmdir(path);
	rmdir(dir);
}
