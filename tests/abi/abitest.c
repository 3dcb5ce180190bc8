// SPDX-License-Identifier: GPL-2.0
/*
 * abitest: the binary interface of /dev/shadowstat (include/uapi/shadowstat.h)
 * tried from userspace against the real module, in the QEMU guest, as root.
 *
 * usage: abitest [-s] [-d DEVICE] [-l LABEL]
 *   -s  no VM runs (none, or idle ones): stats must not change across the
 *       bad calls either, not only the version, schema and VM list
 *   -l  name the run in every line: "ok - abi[LABEL]: ..."
 *
 * Every bad call must fail with its errno and change nothing; every good
 * one must write only what the rules allow. Prints "ok - ..." and
 * "not ok - ...: expected X, got Y" lines, then "N passed, N failed" as a
 * comment; exits non-zero on a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "../../include/uapi/shadowstat.h"
#include "../lib/tap.h"

#define KERNEL_ADDR	0xffffffff81000000ULL
#define ARG_BUF		8192
#define MAX_ROWS	256
#define FILL		0xa5

static const char *dev_path = SHADOWSTAT_DEVICE_PATH;
static char prefix[64] = "abi";
static bool stable;
static int dev_fd = -1;
static uint32_t nr_stats;
static size_t page_size;

/* Buffers the good calls point into. */
static union {
	unsigned char bytes[ARG_BUF];
	uint32_t words[ARG_BUF / 4];
	struct shadowstat_version version;
	struct shadowstat_schema schema;
	struct shadowstat_list_vms list;
	struct shadowstat_read_stats read;
	struct shadowstat_status status;
} arg_buf;
static struct shadowstat_stat_desc desc_buf[SHADOWSTAT_MAX_STATS + 8];
static struct shadowstat_vm_info vm_buf[MAX_ROWS];
static int64_t value_buf[MAX_ROWS * (SHADOWSTAT_MAX_STATS + 8)];
static int64_t total_buf[SHADOWSTAT_MAX_STATS + 8];
static char status_buf[SHADOWSTAT_STATUS_MAX];

/* Pages that are not there, read-only, and half there. */
static void *unmapped, *readonly, *edge;

#define report tap_result

static const char *err_name(int err)
{
	static char buf[32];

	switch (err) {
	case 0: return "0";
	case -EPERM: return "-EPERM";
	case -ENOENT: return "-ENOENT";
	case -EFAULT: return "-EFAULT";
	case -EINVAL: return "-EINVAL";
	case -E2BIG: return "-E2BIG";
	case -ENOSPC: return "-ENOSPC";
	case -ENOTTY: return "-ENOTTY";
	case -EACCES: return "-EACCES";
	case -ENOMEM: return "-ENOMEM";
	}
	snprintf(buf, sizeof(buf), "%d", err);
	return buf;
}

static int do_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

static void expect(const char *what, int got, int want)
{
	if (got == want)
		report(true, "%s: %s", what, err_name(want));
	else
		report(false, "%s: expected %s, got %s", what, err_name(want),
		       err_name(got));
}

static void expect_eq(const char *what, uint64_t got, uint64_t want)
{
	if (got == want)
		report(true, "%s == %llu", what, (unsigned long long)want);
	else
		report(false, "%s: expected %llu, got %llu", what,
		       (unsigned long long)want, (unsigned long long)got);
}

static uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static bool all_bytes(const void *p, size_t len, unsigned char c)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i] != c)
			return false;
	return true;
}

/* ---- the state that no bad call may change ---- */

struct state {
	struct shadowstat_version ver;
	struct shadowstat_stat_desc descs[SHADOWSTAT_MAX_STATS];
	uint32_t nr_vms;
	struct shadowstat_vm_info vms[MAX_ROWS];
	int64_t values[MAX_ROWS * SHADOWSTAT_MAX_STATS];
	int64_t totals[SHADOWSTAT_MAX_STATS];
};

static struct state state_before, state_now;
static int nr_bad_calls, nr_changed;

static int take_state(struct state *st)
{
	struct shadowstat_schema sch = { .argsz = sizeof(sch) };
	struct shadowstat_read_stats rd = { .argsz = sizeof(rd) };
	int err;

	memset(st, 0, sizeof(*st));
	st->ver.argsz = sizeof(st->ver);
	err = do_ioctl(dev_fd, SHADOWSTAT_IOC_GET_VERSION, &st->ver);
	if (err)
		return err;
	sch.num_stats = SHADOWSTAT_MAX_STATS;
	sch.desc_size = sizeof(st->descs[0]);
	sch.descs = ptr(st->descs);
	err = do_ioctl(dev_fd, SHADOWSTAT_IOC_GET_SCHEMA, &sch);
	if (err)
		return err;
	rd.flags = SHADOWSTAT_READ_ALL;
	rd.nr_vms = MAX_ROWS;
	rd.num_stats = nr_stats;
	rd.vm_size = sizeof(st->vms[0]);
	rd.vms = ptr(st->vms);
	rd.values = ptr(st->values);
	rd.totals = ptr(st->totals);
	err = do_ioctl(dev_fd, SHADOWSTAT_IOC_READ_STATS, &rd);
	st->nr_vms = rd.nr_vms;
	if (!stable) {
		memset(st->values, 0, sizeof(st->values));
		memset(st->totals, 0, sizeof(st->totals));
	}
	return err;
}

/* After a bad call: the module must look exactly as before. */
static void check_unchanged(const char *what)
{
	nr_bad_calls++;
	if (take_state(&state_now) ||
	    memcmp(&state_now, &state_before, sizeof(state_now))) {
		nr_changed++;
		report(false, "state changed after %s", what);
		take_state(&state_before);
	}
}

/* ---- the calls, each with a valid argument ---- */

struct call {
	const char *name;
	unsigned long cmd;
	uint32_t size;		/* SHADOWSTAT_*_SIZE_V1 */
	void (*init)(void *arg);
};

static void init_version(void *arg)
{
	(void)arg;
}

static void init_schema(void *arg)
{
	struct shadowstat_schema *a = arg;

	a->num_stats = SHADOWSTAT_MAX_STATS;
	a->desc_size = sizeof(desc_buf[0]);
	a->descs = ptr(desc_buf);
}

static void init_list(void *arg)
{
	struct shadowstat_list_vms *a = arg;

	a->nr_vms = MAX_ROWS;
	a->vm_size = sizeof(vm_buf[0]);
	a->vms = ptr(vm_buf);
}

static void init_read(void *arg)
{
	struct shadowstat_read_stats *a = arg;

	a->flags = SHADOWSTAT_READ_ALL;
	a->nr_vms = MAX_ROWS;
	a->num_stats = nr_stats;
	a->vm_size = sizeof(vm_buf[0]);
	a->vms = ptr(vm_buf);
	a->values = ptr(value_buf);
	a->totals = ptr(total_buf);
}

static void init_status(void *arg)
{
	struct shadowstat_status *a = arg;

	a->size = sizeof(status_buf);
	a->buf = ptr(status_buf);
}

static const struct call calls[] = {
	{ "GET_VERSION", SHADOWSTAT_IOC_GET_VERSION, SHADOWSTAT_VERSION_SIZE_V1,
	  init_version },
	{ "GET_SCHEMA", SHADOWSTAT_IOC_GET_SCHEMA, SHADOWSTAT_SCHEMA_SIZE_V1,
	  init_schema },
	{ "LIST_VMS", SHADOWSTAT_IOC_LIST_VMS, SHADOWSTAT_LIST_VMS_SIZE_V1,
	  init_list },
	{ "READ_STATS", SHADOWSTAT_IOC_READ_STATS,
	  SHADOWSTAT_READ_STATS_SIZE_V1, init_read },
	{ "READ_STATUS", SHADOWSTAT_IOC_READ_STATUS, SHADOWSTAT_STATUS_SIZE_V1,
	  init_status },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NR_CALLS ARRAY_SIZE(calls)

/* A valid argument in arg_buf, with @argsz; the rest of arg_buf zeroed. */
static void *make_arg(const struct call *c, uint32_t argsz)
{
	memset(&arg_buf, 0, sizeof(arg_buf));
	c->init(&arg_buf);
	arg_buf.words[0] = argsz;
	return &arg_buf;
}

static uint32_t out_argsz(void)
{
	return arg_buf.words[0];
}

/* A bad call: expect @want and no change at all. */
static void bad(const char *what, unsigned long cmd, void *arg, int want)
{
	expect(what, do_ioctl(dev_fd, cmd, arg), want);
	check_unchanged(what);
}

/* ---- tests ---- */

static void test_node(void)
{
	struct stat st;

	if (stat(dev_path, &st)) {
		report(false, "stat %s: %s", dev_path, strerror(errno));
		return;
	}
	report(S_ISCHR(st.st_mode), "%s is a character device", dev_path);
	if ((st.st_mode & 07777) == 0600)
		report(true, "%s has mode 0600", dev_path);
	else
		report(false, "%s mode: expected 0600, got %04o", dev_path,
		       st.st_mode & 07777);
	expect_eq("owner uid of the node", st.st_uid, 0);
}

static void test_version(void)
{
	struct shadowstat_version v;
	uint64_t all = SHADOWSTAT_FEAT_SCHEMA | SHADOWSTAT_FEAT_LIST_VMS |
		       SHADOWSTAT_FEAT_READ_STATS | SHADOWSTAT_FEAT_READ_ALL |
		       SHADOWSTAT_FEAT_STATUS | SHADOWSTAT_FEAT_DEPARTED;

	memset(&v, FILL, sizeof(v));
	v.argsz = sizeof(v);
	v.flags = 0;
	v.reserved = 0;
	expect("GET_VERSION", do_ioctl(dev_fd, SHADOWSTAT_IOC_GET_VERSION, &v),
	       0);
	expect_eq("GET_VERSION argsz out", v.argsz, SHADOWSTAT_VERSION_SIZE_V1);
	expect_eq("abi_version", v.abi_version, SHADOWSTAT_ABI_VERSION);
	expect_eq("features include every v1 call", v.features & all, all);
	expect_eq("desc_size", v.desc_size, SHADOWSTAT_STAT_DESC_SIZE_V1);
	expect_eq("vm_size", v.vm_size, SHADOWSTAT_VM_INFO_SIZE_V2);
	expect_eq("flags out", v.flags, 0);
	expect_eq("reserved out", v.reserved, 0);
	report(v.num_stats > 0 && v.num_stats <= SHADOWSTAT_MAX_STATS,
	       "num_stats %u in 1..%d", v.num_stats, SHADOWSTAT_MAX_STATS);
	report(v.max_vms > 0 && v.max_vms <= SHADOWSTAT_MAX_VMS,
	       "max_vms %u in 1..%d", v.max_vms, SHADOWSTAT_MAX_VMS);
	nr_stats = v.num_stats;
}

static bool name_ok(const char *name, size_t size)
{
	size_t len = strnlen(name, size), i;

	if (!len || len == size)
		return false;
	for (i = 0; i < len; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			return false;
	return all_bytes(name + len, size - len, 0);
}

static void test_schema(void)
{
	struct shadowstat_schema a = { .argsz = sizeof(a) };
	bool names = true, texts = true, kinds = true, zero = true,
	     unique = true;
	uint32_t i, j;

	memset(desc_buf, FILL, sizeof(desc_buf));
	a.num_stats = nr_stats + 8;
	a.desc_size = sizeof(desc_buf[0]);
	a.descs = ptr(desc_buf);
	expect("GET_SCHEMA", do_ioctl(dev_fd, SHADOWSTAT_IOC_GET_SCHEMA, &a),
	       0);
	expect_eq("GET_SCHEMA num_stats out", a.num_stats, nr_stats);
	expect_eq("GET_SCHEMA desc_size out", a.desc_size,
		  SHADOWSTAT_STAT_DESC_SIZE_V1);
	for (i = 0; i < nr_stats; i++) {
		const struct shadowstat_stat_desc *d = &desc_buf[i];
		size_t dlen = strnlen(d->desc, sizeof(d->desc));

		names &= name_ok(d->name, sizeof(d->name));
		texts &= dlen > 0 && dlen < sizeof(d->desc) &&
			 all_bytes(d->desc + dlen, sizeof(d->desc) - dlen, 0);
		kinds &= d->kind <= SHADOWSTAT_KIND_MAX &&
			 d->unit <= SHADOWSTAT_UNIT_MAX;
		zero &= !d->flags && !d->reserved;
		for (j = 0; j < i; j++)
			unique &= strcmp(d->name, desc_buf[j].name) != 0;
	}
	report(names, "stat names are [a-z0-9_], NUL-terminated, zero-padded");
	report(texts, "stat descriptions are set, NUL-terminated, zero-padded");
	report(kinds, "stat kinds and units are within their _MAX");
	report(zero, "stat flags and reserved are 0");
	report(unique, "stat names are unique");
	report(all_bytes(&desc_buf[nr_stats], 8 * sizeof(desc_buf[0]), FILL),
	       "GET_SCHEMA writes nothing past num_stats elements");
}

/* A V1 caller's 64-byte elements: the V2 ones without the guest name, packed. */
static void test_list_v1(uint32_t nr)
{
	static uint8_t v1_buf[MAX_ROWS * SHADOWSTAT_VM_INFO_SIZE_V1 + SHADOWSTAT_VM_INFO_SIZE_V1];
	struct shadowstat_list_vms l = { .argsz = sizeof(l) };
	bool same = true;
	uint32_t i;

	memset(v1_buf, FILL, sizeof(v1_buf));
	l.nr_vms = MAX_ROWS;
	l.vm_size = SHADOWSTAT_VM_INFO_SIZE_V1;
	l.vms = ptr(v1_buf);
	expect("LIST_VMS with V1 elements", do_ioctl(dev_fd, SHADOWSTAT_IOC_LIST_VMS, &l), 0);
	expect_eq("LIST_VMS V1: nr_vms", l.nr_vms, nr);
	for (i = 0; i < l.nr_vms && i < MAX_ROWS; i++)
		same &= !memcmp(v1_buf + (size_t)i * SHADOWSTAT_VM_INFO_SIZE_V1, &vm_buf[i],
				SHADOWSTAT_VM_INFO_SIZE_V1);
	report(same, "LIST_VMS V1 elements: the first 64 bytes of the V2 ones");
	report(all_bytes(v1_buf + (size_t)l.nr_vms * SHADOWSTAT_VM_INFO_SIZE_V1,
			 SHADOWSTAT_VM_INFO_SIZE_V1, FILL),
	       "LIST_VMS V1 writes nothing past nr_vms elements");
}

static void test_list_and_read(void)
{
	struct shadowstat_list_vms l = { .argsz = sizeof(l) };
	struct shadowstat_read_stats r = { .argsz = sizeof(r) };
	bool names = true, ids = true, zero = true, sums = true;
	uint64_t t1;
	uint32_t i, s;
	char name[64];

	memset(vm_buf, FILL, sizeof(vm_buf));
	l.nr_vms = MAX_ROWS;
	l.vm_size = sizeof(vm_buf[0]);
	l.vms = ptr(vm_buf);
	expect("LIST_VMS", do_ioctl(dev_fd, SHADOWSTAT_IOC_LIST_VMS, &l), 0);
	expect_eq("LIST_VMS vm_size out", l.vm_size,
		  SHADOWSTAT_VM_INFO_SIZE_V2);
	printf("# %u VM(s) tracked\n", l.nr_vms);
	for (i = 0; i < l.nr_vms && i < MAX_ROWS; i++) {
		const struct shadowstat_vm_info *v = &vm_buf[i];
		size_t len = strnlen(v->name, sizeof(v->name));
		size_t glen = strnlen(v->guest, sizeof(v->guest));

		names &= glen < sizeof(v->guest) &&
			 all_bytes(v->guest + glen, sizeof(v->guest) - glen, 0);

		snprintf(name, sizeof(name), "%d-%d", v->pid, v->fd);
		names &= !strcmp(name, v->name) &&
			 all_bytes(v->name + len, sizeof(v->name) - len, 0);
		/* a counter, not an address */
		ids &= v->vm_id != 0 && v->vm_id < (1ULL << 32);
		zero &= !v->flags && v->mmu_mode <= SHADOWSTAT_MMU_MAX;
	}
	report(names, "VM names are \"<pid>-<fd>\", guest names terminated, both zero-padded");
	test_list_v1(l.nr_vms);
	report(ids, "VM ids are small counters, not kernel addresses");
	report(zero, "VM flags are 0 and MMU modes within _MAX");
	report(all_bytes(&vm_buf[l.nr_vms], sizeof(vm_buf[0]), FILL),
	       "LIST_VMS writes nothing past nr_vms elements");

	memset(value_buf, FILL, sizeof(value_buf));
	memset(total_buf, FILL, sizeof(total_buf));
	make_arg(&calls[3], sizeof(r));
	memcpy(&r, &arg_buf, sizeof(r));
	expect("READ_STATS all", do_ioctl(dev_fd, SHADOWSTAT_IOC_READ_STATS,
					  &r), 0);
	expect_eq("READ_STATS num_stats out", r.num_stats, nr_stats);
	report(r.timestamp_ns > 0, "READ_STATS has a timestamp");
	for (s = 0; s < nr_stats; s++) {
		int64_t sum = 0;

		for (i = 0; i < r.nr_vms; i++) {
			int64_t v = value_buf[i * nr_stats + s];

			if (sum == SHADOWSTAT_VALUE_UNAVAILABLE)
				continue;
			sum = v == SHADOWSTAT_VALUE_UNAVAILABLE ? v : sum + v;
		}
		sums &= sum == total_buf[s];
	}
	report(sums, "READ_STATS totals are the sums of the rows");
	report(all_bytes(&value_buf[r.nr_vms * nr_stats], 64, FILL),
	       "READ_STATS writes nothing past nr_vms rows");
	t1 = r.timestamp_ns;
	make_arg(&calls[3], sizeof(r));
	memcpy(&r, &arg_buf, sizeof(r));
	do_ioctl(dev_fd, SHADOWSTAT_IOC_READ_STATS, &r);
	report(r.timestamp_ns > t1, "READ_STATS timestamps increase");

	if (!l.nr_vms) {
		tap_skip("READ_STATS of one VM: no VM");
		return;
	}
	memset(&r, 0, sizeof(r));
	r.argsz = sizeof(r);
	r.vm_id = vm_buf[0].vm_id;
	r.nr_vms = 1;
	r.num_stats = nr_stats;
	r.vm_size = sizeof(vm_buf[0]);
	r.vms = ptr(&vm_buf[MAX_ROWS - 1]);
	r.values = ptr(value_buf);
	expect("READ_STATS one VM", do_ioctl(dev_fd, SHADOWSTAT_IOC_READ_STATS,
					     &r), 0);
	expect_eq("READ_STATS one VM nr_vms out", r.nr_vms, 1);
	report(!memcmp(&vm_buf[MAX_ROWS - 1], &vm_buf[0], sizeof(vm_buf[0])),
	       "READ_STATS one VM gives the VM's info as LIST_VMS");
}

static void test_sizes(void)
{
	char what[128];
	size_t i;

	for (i = 0; i < NR_CALLS; i++) {
		const struct call *c = &calls[i];

		snprintf(what, sizeof(what), "%s argsz 0", c->name);
		bad(what, c->cmd, make_arg(c, 0), -EINVAL);
		snprintf(what, sizeof(what), "%s argsz 4 (argsz alone)", c->name);
		bad(what, c->cmd, make_arg(c, 4), -EINVAL);
		snprintf(what, sizeof(what), "%s argsz %u (one byte short)",
			 c->name, c->size - 1);
		bad(what, c->cmd, make_arg(c, c->size - 1), -EINVAL);
		snprintf(what, sizeof(what), "%s argsz %u, byte %u set",
			 c->name, c->size + 1, c->size);
		make_arg(c, c->size + 1);
		arg_buf.bytes[c->size] = 1;
		bad(what, c->cmd, &arg_buf, -E2BIG);
		snprintf(what, sizeof(what), "%s argsz 4096, last byte set",
			 c->name);
		make_arg(c, 4096);
		arg_buf.bytes[4095] = 0x80;
		bad(what, c->cmd, &arg_buf, -E2BIG);
		snprintf(what, sizeof(what), "%s argsz 4097 (over ARGSZ_MAX)",
			 c->name);
		bad(what, c->cmd, make_arg(c, 4097), -E2BIG);
		snprintf(what, sizeof(what), "%s argsz 0xffffffff", c->name);
		bad(what, c->cmd, make_arg(c, 0xffffffffU), -E2BIG);

		/* the older (first) struct size works */
		snprintf(what, sizeof(what), "%s argsz %u (v1)", c->name,
			 c->size);
		expect(what, do_ioctl(dev_fd, c->cmd, make_arg(c, c->size)), 0);
		/* a newer, larger struct with a zero tail works */
		snprintf(what, sizeof(what), "%s argsz 4096, zero tail",
			 c->name);
		expect(what, do_ioctl(dev_fd, c->cmd, make_arg(c, 4096)), 0);
		snprintf(what, sizeof(what),
			 "%s argsz 4096: argsz out is the module's size",
			 c->name);
		expect_eq(what, out_argsz(), c->size);
		snprintf(what, sizeof(what),
			 "%s argsz 4096: nothing written past the module's size",
			 c->name);
		report(all_bytes(arg_buf.bytes + c->size, 4096 - c->size, 0),
		       "%s", what);
	}
}

static void test_flags_reserved(void)
{
	struct shadowstat_version *v = &arg_buf.version;
	struct shadowstat_schema *sch = &arg_buf.schema;
	struct shadowstat_list_vms *l = &arg_buf.list;
	struct shadowstat_read_stats *r = &arg_buf.read;
	struct shadowstat_status *st = &arg_buf.status;
	char what[128];
	size_t i;

	for (i = 0; i < NR_CALLS; i++) {
		snprintf(what, sizeof(what), "%s unknown flag 0x80000000",
			 calls[i].name);
		make_arg(&calls[i], calls[i].size);
		arg_buf.words[1] |= 0x80000000U;
		bad(what, calls[i].cmd, &arg_buf, -EINVAL);
	}
	make_arg(&calls[3], calls[3].size);
	r->flags |= 1U << 2;
	bad("READ_STATS unknown flag 0x4", SHADOWSTAT_IOC_READ_STATS, r,
	    -EINVAL);
	make_arg(&calls[3], calls[3].size);
	r->flags = SHADOWSTAT_READ_DEPARTED;
	bad("READ_STATS READ_DEPARTED without READ_ALL", SHADOWSTAT_IOC_READ_STATS, r,
	    -EINVAL);

	make_arg(&calls[0], calls[0].size);
	v->reserved = 1;
	bad("GET_VERSION reserved 1", SHADOWSTAT_IOC_GET_VERSION, v, -EINVAL);
	make_arg(&calls[3], calls[3].size);
	r->reserved = 0x100;
	bad("READ_STATS reserved 0x100", SHADOWSTAT_IOC_READ_STATS, r, -EINVAL);
	make_arg(&calls[4], calls[4].size);
	st->reserved = 1;
	bad("READ_STATUS reserved 1", SHADOWSTAT_IOC_READ_STATUS, st, -EINVAL);

	make_arg(&calls[3], calls[3].size);
	r->vm_id = 1;
	bad("READ_STATS READ_ALL with a vm_id", SHADOWSTAT_IOC_READ_STATS, r,
	    -EINVAL);
	make_arg(&calls[3], calls[3].size);
	r->num_stats = 0;
	bad("READ_STATS num_stats 0", SHADOWSTAT_IOC_READ_STATS, r, -EINVAL);
	make_arg(&calls[3], calls[3].size);
	r->num_stats = SHADOWSTAT_MAX_STATS + 1;
	bad("READ_STATS num_stats MAX+1", SHADOWSTAT_IOC_READ_STATS, r,
	    -EINVAL);
	make_arg(&calls[3], calls[3].size);
	r->vm_size = SHADOWSTAT_VM_INFO_SIZE_V1 - 1;
	bad("READ_STATS vm_size 63", SHADOWSTAT_IOC_READ_STATS, r, -EINVAL);
	make_arg(&calls[3], calls[3].size);
	r->vms = 0;
	r->vm_size = 5;
	bad("READ_STATS vm_size 5 without vms", SHADOWSTAT_IOC_READ_STATS, r,
	    -EINVAL);
	make_arg(&calls[3], calls[3].size);
	r->vm_size = SHADOWSTAT_ELEM_MAX + 1;
	bad("READ_STATS vm_size ELEM_MAX+1", SHADOWSTAT_IOC_READ_STATS, r,
	    -EINVAL);
	make_arg(&calls[1], calls[1].size);
	sch->desc_size = SHADOWSTAT_STAT_DESC_SIZE_V1 - 1;
	bad("GET_SCHEMA desc_size 271", SHADOWSTAT_IOC_GET_SCHEMA, sch,
	    -EINVAL);
	make_arg(&calls[1], calls[1].size);
	sch->desc_size = SHADOWSTAT_ELEM_MAX + 1;
	bad("GET_SCHEMA desc_size ELEM_MAX+1", SHADOWSTAT_IOC_GET_SCHEMA, sch,
	    -EINVAL);
	make_arg(&calls[2], calls[2].size);
	l->vm_size = 0;
	bad("LIST_VMS vm_size 0", SHADOWSTAT_IOC_LIST_VMS, l, -EINVAL);
}

static void test_pointers(bool have_vms)
{
	struct shadowstat_schema *sch = &arg_buf.schema;
	struct shadowstat_list_vms *l = &arg_buf.list;
	struct shadowstat_read_stats *r = &arg_buf.read;
	struct shadowstat_status *st = &arg_buf.status;
	void *kaddr = (void *)(uintptr_t)KERNEL_ADDR;
	char what[128];
	size_t i;

	for (i = 0; i < NR_CALLS; i++) {
		const struct call *c = &calls[i];

		snprintf(what, sizeof(what), "%s arg NULL", c->name);
		bad(what, c->cmd, NULL, -EFAULT);
		snprintf(what, sizeof(what), "%s arg unmapped", c->name);
		bad(what, c->cmd, unmapped, -EFAULT);
		snprintf(what, sizeof(what), "%s arg 0x%llx (kernel)", c->name,
			 KERNEL_ADDR);
		bad(what, c->cmd, kaddr, -EFAULT);
		/* the struct runs into an unmapped page */
		snprintf(what, sizeof(what), "%s arg across a page end",
			 c->name);
		make_arg(c, c->size);
		memcpy((char *)edge - c->size / 2, &arg_buf, c->size / 2);
		bad(what, c->cmd, (char *)edge - c->size / 2, -EFAULT);
	}
	/* valid but read-only: the result cannot be written back */
	make_arg(&calls[0], calls[0].size);
	mprotect(readonly, page_size, PROT_READ | PROT_WRITE);
	memcpy(readonly, &arg_buf, calls[0].size);
	mprotect(readonly, page_size, PROT_READ);
	bad("GET_VERSION arg read-only", SHADOWSTAT_IOC_GET_VERSION, readonly,
	    -EFAULT);

	make_arg(&calls[1], calls[1].size);
	sch->descs = 0;
	bad("GET_SCHEMA descs NULL", SHADOWSTAT_IOC_GET_SCHEMA, sch, -EFAULT);
	make_arg(&calls[1], calls[1].size);
	sch->descs = ptr(unmapped);
	bad("GET_SCHEMA descs unmapped", SHADOWSTAT_IOC_GET_SCHEMA, sch,
	    -EFAULT);
	make_arg(&calls[1], calls[1].size);
	sch->descs = KERNEL_ADDR;
	bad("GET_SCHEMA descs kernel", SHADOWSTAT_IOC_GET_SCHEMA, sch, -EFAULT);
	make_arg(&calls[1], calls[1].size);
	sch->descs = ptr(readonly);
	bad("GET_SCHEMA descs read-only", SHADOWSTAT_IOC_GET_SCHEMA, sch,
	    -EFAULT);

	make_arg(&calls[2], calls[2].size);
	l->vms = 0;
	bad("LIST_VMS vms NULL", SHADOWSTAT_IOC_LIST_VMS, l, -EFAULT);
	make_arg(&calls[2], calls[2].size);
	l->vms = KERNEL_ADDR;
	bad("LIST_VMS vms kernel", SHADOWSTAT_IOC_LIST_VMS, l,
	    have_vms ? -EFAULT : 0);

	make_arg(&calls[3], calls[3].size);
	r->totals = ptr(unmapped);
	bad("READ_STATS totals unmapped", SHADOWSTAT_IOC_READ_STATS, r,
	    -EFAULT);
	make_arg(&calls[3], calls[3].size);
	r->totals = KERNEL_ADDR;
	bad("READ_STATS totals kernel", SHADOWSTAT_IOC_READ_STATS, r, -EFAULT);
	make_arg(&calls[3], calls[3].size);
	r->values = ptr(unmapped);
	bad("READ_STATS values unmapped", SHADOWSTAT_IOC_READ_STATS, r,
	    have_vms ? -EFAULT : 0);
	make_arg(&calls[3], calls[3].size);
	r->vms = KERNEL_ADDR;
	bad("READ_STATS vms kernel", SHADOWSTAT_IOC_READ_STATS, r,
	    have_vms ? -EFAULT : 0);

	make_arg(&calls[4], calls[4].size);
	st->buf = 0;
	bad("READ_STATUS buf NULL", SHADOWSTAT_IOC_READ_STATUS, st, -EFAULT);
	make_arg(&calls[4], calls[4].size);
	st->buf = ptr(unmapped);
	bad("READ_STATUS buf unmapped", SHADOWSTAT_IOC_READ_STATUS, st,
	    -EFAULT);
	make_arg(&calls[4], calls[4].size);
	st->buf = KERNEL_ADDR;
	bad("READ_STATUS buf kernel", SHADOWSTAT_IOC_READ_STATUS, st, -EFAULT);
}

static void test_unknown_commands(void)
{
	static const struct {
		const char *what;
		unsigned long cmd;
	} cmds[] = {
		{ "_IO(0xBC, 0x06)", _IO(SHADOWSTAT_IOC_TYPE, 0x06) },
		{ "_IO(0xBC, 0xff)", _IO(SHADOWSTAT_IOC_TYPE, 0xff) },
		{ "_IOWR(0xBC, 0, struct shadowstat_version)",
		  _IOWR(SHADOWSTAT_IOC_TYPE, 0x00, struct shadowstat_version) },
		{ "_IOR(0xBC, 3, __u64)", _IOR(SHADOWSTAT_IOC_TYPE, 0x03, __u64) },
		{ "_IO('k', 0)", _IO('k', 0) },
		{ "TCGETS", TCGETS },
	};
	char what[128];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		snprintf(what, sizeof(what), "unknown command %s",
			 cmds[i].what);
		bad(what, cmds[i].cmd, make_arg(&calls[0], calls[0].size),
		    -ENOTTY);
	}
}

static struct shadowstat_sp_record rec_buf[64];

static struct shadowstat_record *record_arg(uint32_t flags, uint64_t vm_id, uint32_t capacity)
{
	static struct shadowstat_record a;

	memset(&a, 0, sizeof(a));
	a.argsz = sizeof(a);
	a.flags = flags;
	a.vm_id = vm_id;
	a.capacity = capacity;
	a.nr = ARRAY_SIZE(rec_buf);
	a.rec_size = sizeof(rec_buf[0]);
	a.recs = ptr(rec_buf);
	return &a;
}

/* SHADOWSTAT_IOC_RECORD: bad calls start nothing; a recording is the file's. */
static void test_record(bool have_vms)
{
	const unsigned long cmd = SHADOWSTAT_IOC_RECORD;
	const uint32_t start = SHADOWSTAT_RECORD_START, cap = SHADOWSTAT_RECORD_MIN_CAPACITY;
	uint64_t vm = have_vms ? state_before.vms[0].vm_id : 1;
	struct shadowstat_record *a;
	int fd;

	a = record_arg(start, vm, cap);
	a->argsz = 4;
	bad("RECORD argsz 4", cmd, a, -EINVAL);
	a = record_arg(start, vm, cap);
	a->argsz = SHADOWSTAT_RECORD_SIZE_V1 - 1;
	bad("RECORD argsz one byte short", cmd, a, -EINVAL);
	bad("RECORD flags START|STOP", cmd, record_arg(start | SHADOWSTAT_RECORD_STOP, vm, cap),
	    -EINVAL);
	bad("RECORD unknown flag 0x4", cmd, record_arg(0x4, vm, cap), -EINVAL);
	bad("RECORD START capacity 1000 (not a power of two)", cmd, record_arg(start, vm, 1000),
	    -EINVAL);
	bad("RECORD START capacity 512 (under MIN)", cmd, record_arg(start, vm, 512), -EINVAL);
	bad("RECORD START capacity MAX*2", cmd,
	    record_arg(start, vm, SHADOWSTAT_RECORD_MAX_CAPACITY * 2), -EINVAL);
	bad("RECORD a read with a capacity", cmd, record_arg(0, vm, cap), -EINVAL);
	a = record_arg(start, vm, cap);
	a->rec_size = SHADOWSTAT_SP_RECORD_SIZE_V1 - 1;
	bad("RECORD rec_size 23", cmd, a, -EINVAL);
	a = record_arg(start, vm, cap);
	a->rec_size = SHADOWSTAT_ELEM_MAX + 1;
	bad("RECORD rec_size ELEM_MAX+1", cmd, a, -EINVAL);
	a = record_arg(start, vm, cap);
	a->recs = 0;
	bad("RECORD recs NULL", cmd, a, -EFAULT);
	bad("RECORD a read on a file that records nothing", cmd, record_arg(0, vm, 0), -ENOENT);
	bad("RECORD START of no VM", cmd, record_arg(start, 0xffffffffffffULL, cap), -ENOENT);
	if (!have_vms) {
		tap_skip("RECORD of a VM: no VM");
		return;
	}
	fd = open(dev_path, O_RDONLY | O_CLOEXEC);
	a = record_arg(start, vm, cap);
	expect("RECORD START of a VM", do_ioctl(fd, cmd, a), 0);
	expect_eq("RECORD START: argsz out", a->argsz, SHADOWSTAT_RECORD_SIZE_V1);
	expect_eq("RECORD START: rec_size out", a->rec_size, SHADOWSTAT_SP_RECORD_SIZE_V1);
	report(a->nr >= 1 && rec_buf[0].type == SHADOWSTAT_REC_SNAP,
	       "RECORD START: the snapshot comes first (%u records)", a->nr);
	report(a->mark >= a->nr, "RECORD START: mark %llu covers the snapshot",
	       (unsigned long long)a->mark);
	expect("RECORD START on the other file of the same VM: EBUSY",
	       do_ioctl(dev_fd, cmd, record_arg(start, vm, cap)), -EBUSY);
	expect("RECORD a second START on the file: EBUSY",
	       do_ioctl(fd, cmd, record_arg(start, vm, cap)), -EBUSY);
	expect("RECORD a read of another VM id: EINVAL",
	       do_ioctl(fd, cmd, record_arg(0, vm + 1, 0)), -EINVAL);
	a = record_arg(SHADOWSTAT_RECORD_STOP, vm, 0);
	expect("RECORD STOP", do_ioctl(fd, cmd, a), 0);
	report(a->state & SHADOWSTAT_RECSTATE_STOPPED, "RECORD STOP: state says stopped");
	close(fd);
	/* closing the file ended the recording: the VM can be recorded again */
	fd = open(dev_path, O_RDONLY | O_CLOEXEC);
	a = record_arg(start, vm, cap);
	expect("RECORD START after the first file closed", do_ioctl(fd, cmd, a), 0);
	close(fd);
}

/* Element sizes other than ours: a newer caller's larger ones, fewer stats */
static void test_element_sizes(bool have_vms)
{
	struct shadowstat_schema *sch = &arg_buf.schema;
	struct shadowstat_list_vms *l = &arg_buf.list;
	struct shadowstat_read_stats *r = &arg_buf.read;
	static struct state ref;
	unsigned char *p;
	uint32_t i, n, stride;
	bool ok = true;

	/* a descriptor of 300 bytes: 272 written, 28 zeroed */
	memset(desc_buf, FILL, sizeof(desc_buf));
	make_arg(&calls[1], calls[1].size);
	sch->desc_size = 300;
	sch->num_stats = nr_stats;
	expect("GET_SCHEMA desc_size 300",
	       do_ioctl(dev_fd, SHADOWSTAT_IOC_GET_SCHEMA, sch), 0);
	expect_eq("GET_SCHEMA desc_size 300: desc_size out", sch->desc_size,
		  SHADOWSTAT_STAT_DESC_SIZE_V1);
	take_state(&ref);
	p = (unsigned char *)desc_buf;
	for (i = 0; i < nr_stats; i++) {
		ok &= !memcmp(p + i * 300, &ref.descs[i],
			      SHADOWSTAT_STAT_DESC_SIZE_V1);
		ok &= all_bytes(p + i * 300 + SHADOWSTAT_STAT_DESC_SIZE_V1, 28,
				0);
	}
	report(ok, "GET_SCHEMA desc_size 300: each element as 272, tail zeroed");
	report(all_bytes(p + nr_stats * 300, 300, FILL),
	       "GET_SCHEMA desc_size 300: nothing past the elements");

	if (!have_vms) {
		tap_skip("element sizes of VM info and values: no VM");
		return;
	}
	/* a VM info of 96 bytes */
	memset(vm_buf, FILL, sizeof(vm_buf));
	make_arg(&calls[2], calls[2].size);
	l->vm_size = 96;
	l->nr_vms = MAX_ROWS * 64 / 96;
	expect("LIST_VMS vm_size 96", do_ioctl(dev_fd, SHADOWSTAT_IOC_LIST_VMS,
					       l), 0);
	n = l->nr_vms;
	p = (unsigned char *)vm_buf;
	ok = true;
	for (i = 0; i < n; i++)
		ok &= all_bytes(p + i * 96 + 64, 32, 0) &&
		      ((struct shadowstat_vm_info *)(p + i * 96))->vm_id ==
		      ref.vms[i].vm_id;
	report(ok, "LIST_VMS vm_size 96: each element as 64, tail zeroed");

	/* an older caller that knows fewer stats, and a newer one more */
	for (stride = nr_stats - 2; stride <= nr_stats + 3; stride += 5) {
		memset(value_buf, FILL, sizeof(value_buf));
		make_arg(&calls[3], calls[3].size);
		r->num_stats = stride;
		r->vms = 0;
		r->vm_size = 0;
		r->totals = 0;
		expect(stride < nr_stats ? "READ_STATS num_stats N-2" :
					   "READ_STATS num_stats N+3",
		       do_ioctl(dev_fd, SHADOWSTAT_IOC_READ_STATS, r), 0);
		ok = r->num_stats == nr_stats;
		for (i = 0; i < r->nr_vms && stable; i++) {
			ok &= !memcmp(&value_buf[i * stride],
				      &ref.values[i * nr_stats],
				      8 * (stride < nr_stats ? stride :
							       nr_stats));
		}
		for (i = 0; i < r->nr_vms && stride > nr_stats; i++)
			ok &= all_bytes(&value_buf[i * stride + nr_stats],
					8 * (stride - nr_stats), 0);
		ok &= all_bytes(&value_buf[r->nr_vms * stride], 8, FILL);
		report(ok, "READ_STATS num_stats %s: rows of the caller's stride%s",
		       stride < nr_stats ? "N-2" : "N+3",
		       stride < nr_stats ? ", truncated" : ", tails zeroed");
	}
}

static void test_enospc(bool have_vms)
{
	struct shadowstat_schema *sch = &arg_buf.schema;
	struct shadowstat_list_vms *l = &arg_buf.list;
	struct shadowstat_read_stats *r = &arg_buf.read;
	struct shadowstat_status *st = &arg_buf.status;

	memset(desc_buf, FILL, sizeof(desc_buf));
	make_arg(&calls[1], calls[1].size);
	sch->num_stats = nr_stats - 1;
	bad("GET_SCHEMA room for N-1", SHADOWSTAT_IOC_GET_SCHEMA, sch, -ENOSPC);
	expect_eq("GET_SCHEMA room for N-1: num_stats out (needed)",
		  sch->num_stats, nr_stats);
	report(all_bytes(desc_buf, sizeof(desc_buf), FILL),
	       "GET_SCHEMA room for N-1: no element written");

	make_arg(&calls[2], calls[2].size);
	l->nr_vms = 0;
	l->vms = 0;
	expect("LIST_VMS count only (nr_vms 0, vms NULL)",
	       do_ioctl(dev_fd, SHADOWSTAT_IOC_LIST_VMS, l),
	       have_vms ? -ENOSPC : 0);
	expect_eq("LIST_VMS count only: nr_vms out", l->nr_vms,
		  state_before.nr_vms);

	make_arg(&calls[3], calls[3].size);
	r->flags = 0;
	r->vm_id = 1;
	r->nr_vms = 0;
	bad("READ_STATS one VM, no room", SHADOWSTAT_IOC_READ_STATS, r,
	    -ENOSPC);
	expect_eq("READ_STATS one VM, no room: nr_vms out", r->nr_vms, 1);

	make_arg(&calls[3], calls[3].size);
	r->flags = 0;
	r->vm_id = 0xffffffffffffULL;
	bad("READ_STATS unknown vm_id", SHADOWSTAT_IOC_READ_STATS, r, -ENOENT);

	memset(status_buf, FILL, sizeof(status_buf));
	make_arg(&calls[4], calls[4].size);
	st->size = 1;
	bad("READ_STATUS size 1", SHADOWSTAT_IOC_READ_STATUS, st, -ENOSPC);
	report(st->size > 1 && st->size <= SHADOWSTAT_STATUS_MAX,
	       "READ_STATUS size 1: size out %u is the room needed", st->size);
	report(all_bytes(status_buf, sizeof(status_buf), FILL),
	       "READ_STATUS size 1: nothing written");
}

static void test_status(void)
{
	struct shadowstat_status *st = &arg_buf.status;
	size_t len;

	memset(status_buf, FILL, sizeof(status_buf));
	make_arg(&calls[4], calls[4].size);
	expect("READ_STATUS", do_ioctl(dev_fd, SHADOWSTAT_IOC_READ_STATUS, st),
	       0);
	len = strnlen(status_buf, sizeof(status_buf));
	report(len > 0 && len + 1 == st->size,
	       "READ_STATUS text of %zu bytes, size out %u", len, st->size);
	report(len + 1 < sizeof(status_buf) &&
	       all_bytes(status_buf + len + 1, 64, FILL),
	       "READ_STATUS writes nothing past the NUL");
}

/* Drop CAP_SYS_ADMIN from the effective and permitted sets, stay uid 0. */
static int drop_sys_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -errno;
	data[0].effective &= ~(1U << CAP_SYS_ADMIN);
	data[0].permitted &= ~(1U << CAP_SYS_ADMIN);
	data[0].inheritable &= ~(1U << CAP_SYS_ADMIN);
	if (syscall(SYS_capset, &hdr, data))
		return -errno;
	return 0;
}

/* Run @fn in a child; it reports its own lines, its failures come back. */
static void in_child(void (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		report(false, "fork: %s", strerror(errno));
		return;
	}
	if (!pid) {
		int before = tap_failures();

		fn();
		fflush(stdout);
		_exit(tap_failures() - before);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status))
		report(false, "child died");
	else
		tap_add_failures(WEXITSTATUS(status));
}

static void child_capset(void)
{
	struct shadowstat_version v = { .argsz = sizeof(v) };
	int fd, err;

	err = drop_sys_admin();
	if (err) {
		tap_skip("uid 0 without CAP_SYS_ADMIN: capset %s", err_name(err));
		return;
	}
	fd = open(dev_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		report(false, "uid 0 without CAP_SYS_ADMIN: open: %s",
		       strerror(errno));
		return;
	}
	expect("uid 0 without CAP_SYS_ADMIN: GET_VERSION",
	       do_ioctl(fd, SHADOWSTAT_IOC_GET_VERSION, &v), -EPERM);
	expect("uid 0 without CAP_SYS_ADMIN: unknown command",
	       do_ioctl(fd, _IO(SHADOWSTAT_IOC_TYPE, 0x06), &v), -EPERM);
	close(fd);
}

static void child_setuid_open(void)
{
	int fd;

	if (setgid(65534) || setuid(65534)) {
		report(false, "setuid(65534): %s", strerror(errno));
		return;
	}
	fd = open(dev_path, O_RDONLY | O_CLOEXEC);
	expect("uid 65534: open", fd < 0 ? -errno : 0, -EACCES);
	if (fd >= 0)
		close(fd);
}

static void child_setuid_fd(void)
{
	struct shadowstat_version v = { .argsz = sizeof(v) };

	/* dev_fd was opened as root: the call is still refused */
	if (setgid(65534) || setuid(65534)) {
		report(false, "setuid(65534): %s", strerror(errno));
		return;
	}
	expect("uid 65534 with a root's fd: GET_VERSION",
	       do_ioctl(dev_fd, SHADOWSTAT_IOC_GET_VERSION, &v), -EPERM);
}

static void test_privileges(void)
{
	in_child(child_capset);
	check_unchanged("a call without CAP_SYS_ADMIN");
	in_child(child_setuid_open);
	in_child(child_setuid_fd);
	check_unchanged("a call as uid 65534");
}

static void setup_pages(void)
{
	char *p;

	page_size = sysconf(_SC_PAGESIZE);
	p = mmap(NULL, 4 * page_size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	unmapped = p;
	munmap(unmapped, page_size);
	readonly = p + page_size;
	mprotect(readonly, page_size, PROT_READ);
	/* p + 2 pages is mapped, p + 3 pages is not */
	munmap(p + 3 * page_size, page_size);
	edge = p + 3 * page_size;
}

int main(int argc, char **argv)
{
	bool have_vms;
	int opt;

	tap_label(prefix);
	while ((opt = getopt(argc, argv, "sd:l:")) != -1) {
		switch (opt) {
		case 's':
			stable = true;
			break;
		case 'd':
			dev_path = optarg;
			break;
		case 'l':
			snprintf(prefix, sizeof(prefix), "abi[%s]", optarg);
			tap_label(prefix);
			break;
		default:
			fprintf(stderr,
				"usage: abitest [-s] [-d DEVICE] [-l LABEL]\n");
			return 2;
		}
	}
	setup_pages();
	dev_fd = open(dev_path, O_RDONLY | O_CLOEXEC);
	if (dev_fd < 0) {
		report(false, "open %s: %s", dev_path, strerror(errno));
		return 1;
	}
	test_node();
	test_version();
	if (!nr_stats)
		return 1;
	test_schema();
	test_list_and_read();
	test_status();
	if (take_state(&state_before)) {
		report(false, "cannot read the state to compare against");
		return 1;
	}
	have_vms = state_before.nr_vms > 0;
	printf("# bad calls with %u VM(s)%s\n", state_before.nr_vms,
	       stable ? ", stats must not change" : "");
	test_sizes();
	test_flags_reserved();
	test_pointers(have_vms);
	test_unknown_commands();
	test_record(have_vms);
	test_enospc(have_vms);
	test_element_sizes(have_vms);
	test_privileges();
	report(nr_changed == 0, "%d bad calls changed nothing%s", nr_bad_calls,
	       stable ? " (stats included)" : " (version, schema, VM list)");
	close(dev_fd);
	tap_note("%s: %d passed, %d failed", prefix, tap_passes(), tap_failures());
	return tap_failures() ? 1 : 0;
}
