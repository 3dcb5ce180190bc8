// SPDX-License-Identifier: GPL-2.0
/* Which VM "show VM" means. */
#include <errno.h>

#include "../resolve.h"
#include "test.h"

static struct ss_vm vms[4];

static void setup(void)
{
	static const struct { int pid, fd; const char *guest; } v[] = {
		{ 100, 10, "web" }, { 200, 11, "db" }, { 200, 15, "db" },
		{ 300, 9, "" },
	};
	size_t i;

	for (i = 0; i < 4; i++) {
		memset(&vms[i], 0, sizeof(vms[i]));
		vms[i].id = i + 1;
		vms[i].pid = v[i].pid;
		vms[i].fd = v[i].fd;
		snprintf(vms[i].name, sizeof(vms[i].name), "%d-%d", v[i].pid,
			 v[i].fd);
		snprintf(vms[i].guest, sizeof(vms[i].guest), "%s", v[i].guest);
	}
}

static int resolve(const char *spec, size_t *index, char *err)
{
	return ss_resolve_vm(vms, 4, spec, index, err, 256);
}

TEST(resolve_pid_fd)
{
	char err[256];
	size_t i;

	setup();
	TEST_ASSERT_EQ(resolve("200-15", &i, err), 0);
	TEST_ASSERT_EQ(i, 2);
}

TEST(resolve_unique_pid)
{
	char err[256];
	size_t i;

	setup();
	TEST_ASSERT_EQ(resolve("300", &i, err), 0);
	TEST_ASSERT_EQ(i, 3);
	TEST_ASSERT_EQ(resolve("100", &i, err), 0);
	TEST_ASSERT_EQ(i, 0);
}

TEST(resolve_ambiguous_pid)
{
	char err[256];
	size_t i = 99;

	setup();
	TEST_ASSERT_EQ(resolve("200", &i, err), -ENOTUNIQ);
	TEST_ASSERT_STREQ(err, "pid '200' has 2 VMs, name one of: 200-11, 200-15");
	TEST_ASSERT_EQ(i, 99);
}

TEST(resolve_guest)
{
	char err[256];
	size_t i;

	setup();
	TEST_ASSERT_EQ(resolve("web", &i, err), 0);
	TEST_ASSERT_EQ(i, 0);
	TEST_ASSERT_EQ(resolve("db", &i, err), -ENOTUNIQ);
	TEST_ASSERT_STREQ(err, "guest 'db' has 2 VMs, name one of: 200-11, 200-15");
}

TEST(resolve_unknown)
{
	char err[256];
	size_t i;

	setup();
	TEST_ASSERT_EQ(resolve("nope", &i, err), -ENOENT);
	TEST_ASSERT_STREQ(err,
			  "no VM 'nope': give <pid>-<fd>, a pid or a guest name (`shadowstat` lists them)");
	TEST_ASSERT_EQ(resolve("999", &i, err), -ENOENT);
	TEST_ASSERT_EQ(resolve("100-11", &i, err), -ENOENT);
	/* an empty guest name matches nothing */
	TEST_ASSERT_EQ(resolve("", &i, err), -ENOENT);
	TEST_ASSERT_EQ(ss_resolve_vm(vms, 0, "web", &i, err, 256), -ENOENT);
}

TEST(resolve_numeric_guest_name)
{
	char err[256];
	size_t i;

	setup();
	snprintf(vms[3].guest, sizeof(vms[3].guest), "42");
	TEST_ASSERT_EQ(resolve("42", &i, err), 0);
	TEST_ASSERT_EQ(i, 3);
}

TEST(filters)
{
	setup();
	TEST_ASSERT(ss_vm_matches(&vms[0], -1, NULL), "no filter");
	TEST_ASSERT(ss_vm_matches(&vms[0], 100, NULL), "pid");
	TEST_ASSERT(!ss_vm_matches(&vms[0], 200, NULL), "other pid");
	TEST_ASSERT(ss_vm_matches(&vms[1], 200, "db"), "pid and guest");
	TEST_ASSERT(!ss_vm_matches(&vms[1], -1, "web"), "other guest");
	TEST_ASSERT(!ss_vm_matches(&vms[3], -1, "x"), "no guest name");
}
