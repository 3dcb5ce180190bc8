// SPDX-License-Identifier: GPL-2.0
/*
 * ioctlfuzz: random ioctls on /dev/shadowstat from many threads for a
 * bounded time, run as root in the QEMU guest (tests/vm/guest/t_92_fuzz.sh).
 *
 * usage: ioctlfuzz [-t threads] [-s seconds] [-S seed] [-d device] [-l label]
 *
 * Commands: the six of include/uapi/shadowstat.h and random ones in and
 * around its ioctl type (0xb8..0xc0, random number, direction and size
 * bits). Arguments: random argsz (the v1 sizes, 0, small, the limit and one
 * past it, huge), flags, reserved fields, counts, element sizes, VM ids
 * (real ones from LIST_VMS, 0, random) and nonzero tails; the argument and
 * the array pointers inside it are NULL, below mmap_min_addr, kernel
 * addresses, non-canonical, misaligned, in a read-only page, in a hole that
 * was unmapped, straddling a page that is not accessible, or in pages that a
 * racer thread keeps unmapping and protecting while the calls run. Valid
 * pointers only ever point into this program's scratch pages.
 *
 * Checks: every call returns 0 or one of the errnos the header documents
 * (ENOTTY, EFAULT, EINVAL, E2BIG, ENOSPC, ENOMEM, ENOENT, and RECORD's EBUSY
 * and EOPNOTSUPP; not EPERM, as we run as root), every command that is not
 * one of the six is ENOTTY, and
 * the device still answers GET_VERSION correctly at the end. The caller
 * checks the kernel log and that nothing the module reports changed.
 * Prints "ok - ..." / "not ok - ..." lines; exits 1 on a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../../include/uapi/shadowstat.h"
#include "../lib/tap.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_THREADS	64
#define PAGE		4096UL
#define SCRATCH_PAGES	16		/* per thread, then one inaccessible page */
#define SCRATCH		(SCRATCH_PAGES * PAGE)
#define ARG_MAX_BYTES	(2 * PAGE)	/* the argument lives in the first pages */
#define FLAKY_PAGES	4
#define MAX_IDS		64
#define MAX_REPORTS	20
#define KERNEL_ADDR	0xffffffff81000000ULL

static const unsigned long real_cmds[] = {
	SHADOWSTAT_IOC_GET_VERSION, SHADOWSTAT_IOC_GET_SCHEMA,
	SHADOWSTAT_IOC_LIST_VMS, SHADOWSTAT_IOC_READ_STATS,
	SHADOWSTAT_IOC_READ_STATUS, SHADOWSTAT_IOC_RECORD,
};

static const char *const cmd_names[] = {
	"GET_VERSION", "GET_SCHEMA", "LIST_VMS", "READ_STATS", "READ_STATUS",
	"RECORD", "other",
};

#define NR_REAL		ARRAY_SIZE(real_cmds)
#define CMD_OTHER	NR_REAL

/* errno classes counted per command */
static const int errnos[] = {
	0, ENOTTY, EFAULT, EINVAL, E2BIG, ENOSPC, ENOMEM, ENOENT, EBUSY, EOPNOTSUPP,
};

#define NR_ERRNOS	ARRAY_SIZE(errnos)
#define ERR_OTHER	NR_ERRNOS

struct thread {
	pthread_t tid;
	int idx;
	uint64_t rng;
	unsigned char *scratch;		/* SCRATCH bytes, then a PROT_NONE page */
	unsigned long counts[NR_REAL + 1][NR_ERRNOS + 1];
	unsigned long calls;
	unsigned long bad;
};

static const char *dev_path = SHADOWSTAT_DEVICE_PATH;
static const char *label = "fuzz";
static struct thread threads[MAX_THREADS];
static int nr_threads = 8;
static double seconds = 5;
static uint64_t seed;
static int dev_fd = -1;
static double deadline;
static atomic_bool stop;
static atomic_int reports;

/* Shared pages: read-only templates, a hole, and pages the racer flips. */
static unsigned char *ro_page, *hole, *flaky;
static uint64_t vm_ids[MAX_IDS];
static atomic_int nr_ids;
static uint32_t nr_stats;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* xorshift64*: each thread has its own state, derived from the seed. */
static uint64_t rnd(struct thread *t)
{
	t->rng ^= t->rng >> 12;
	t->rng ^= t->rng << 25;
	t->rng ^= t->rng >> 27;
	return t->rng * 0x2545f4914f6cdd1dULL;
}

static uint32_t below(struct thread *t, uint32_t n)
{
	return n ? (uint32_t)(rnd(t) % n) : 0;
}

/* True with probability @pct percent. */
static bool chance(struct thread *t, unsigned int pct)
{
	return below(t, 100) < pct;
}

static uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

#define say tap_result

static const char *err_name(int e)
{
	static __thread char buf[16];

	switch (e) {
	case 0: return "0";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EBUSY: return "EBUSY";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EFAULT: return "EFAULT";
	case EINVAL: return "EINVAL";
	case E2BIG: return "E2BIG";
	case ENOSPC: return "ENOSPC";
	case ENOTTY: return "ENOTTY";
	case ENOMEM: return "ENOMEM";
	}
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

/* ---- numbers that tend to find bugs ---- */

static uint32_t pick_argsz(struct thread *t, uint32_t v1)
{
	static const uint32_t fixed[] = {
		0, 4, 8, 16, 23, 24, 39, 40, 41, 63, 64, 65, 128, 4095, 4096,
		4097, 8192, 0x7fffffff, 0xffffffff,
	};

	switch (below(t, 8)) {
	case 0:
	case 1:
	case 2:
		return v1;
	case 3:
		return v1 + 8 * below(t, 16);
	case 4:
		return below(t, 4200);
	default:
		return fixed[below(t, ARRAY_SIZE(fixed))];
	}
}

static uint32_t pick_count(struct thread *t)
{
	static const uint32_t fixed[] = {
		0, 1, 2, 3, 16, 64, 255, 256, 257, 1023, 1024, 4096, 4097,
		65535, 65536, 0x7fffffff, 0xfffffffe, 0xffffffff,
	};

	switch (below(t, 5)) {
	case 0:
		return nr_stats;
	case 1:
		return nr_stats + below(t, 3) - 1;
	case 2:
		return below(t, 300);
	default:
		return fixed[below(t, ARRAY_SIZE(fixed))];
	}
}

static uint32_t pick_elem_size(struct thread *t, uint32_t v1)
{
	static const uint32_t fixed[] = {
		0, 1, 8, 63, 64, 65, 271, 272, 273, 512, 1023, 1024, 1025,
		4096, 0xffffffff,
	};

	switch (below(t, 4)) {
	case 0:
		return v1;
	case 1:
		return v1 + 8 * below(t, 8);
	default:
		return fixed[below(t, ARRAY_SIZE(fixed))];
	}
}

static uint32_t pick_flags(struct thread *t)
{
	switch (below(t, 6)) {
	case 0:
	case 1:
	case 2:
		return 0;
	case 3:
		return SHADOWSTAT_READ_ALL;
	case 4:
		return 1U << below(t, 32);
	default:
		return (uint32_t)rnd(t);
	}
}

static uint64_t pick_vm_id(struct thread *t)
{
	int n = atomic_load(&nr_ids);

	switch (below(t, 6)) {
	case 0:
		return 0;
	case 1:
	case 2:
	case 3:
		return n ? vm_ids[below(t, n)] : 1;
	case 4:
		return below(t, 1000);
	default:
		return rnd(t);
	}
}

/*
 * A pointer for a buffer of about @len bytes: never one that leads the
 * kernel to write into memory of this program other than the scratch pages.
 */
static uint64_t pick_ptr(struct thread *t, size_t len)
{
	unsigned char *s = t->scratch;
	size_t off;

	switch (below(t, 14)) {
	case 0:
		return 0;
	case 1:
		return 0x1000 + below(t, 0x8000);	/* below mmap_min_addr */
	case 2:
		return KERNEL_ADDR + 8 * below(t, 512);
	case 3:
		return chance(t, 50) ? 0x0000800000000000ULL : 0xdead000000000000ULL;
	case 4:
		return ptr(ro_page + 8 * below(t, PAGE / 8));
	case 5:
		return ptr(hole + below(t, PAGE));
	case 6:
		/* the last @k bytes before the inaccessible page */
		off = 1 + below(t, len ? len : 64);
		if (off > SCRATCH - ARG_MAX_BYTES)
			off = SCRATCH - ARG_MAX_BYTES;
		return ptr(s + SCRATCH - off);
	case 7:
		return ptr(flaky + below(t, FLAKY_PAGES * PAGE));
	case 8:
		return rnd(t) | (1ULL << 63);
	case 9:
		/* misaligned, in the scratch area */
		return ptr(s + ARG_MAX_BYTES + 1 + below(t, 7));
	default:
		/* valid: somewhere after the argument, maybe too close to the end */
		off = ARG_MAX_BYTES + 8 * below(t, (SCRATCH - ARG_MAX_BYTES) / 8);
		if (chance(t, 70))
			off = ARG_MAX_BYTES + 8 * below(t, 64);
		return ptr(s + off);
	}
}

/* ---- arguments ---- */

static void fill_tail(struct thread *t, unsigned char *arg, uint32_t from, uint32_t argsz)
{
	uint32_t end = argsz < ARG_MAX_BYTES ? argsz : ARG_MAX_BYTES, i;

	if (from >= end)
		return;
	if (chance(t, 70)) {
		memset(arg + from, 0, end - from);
		return;
	}
	for (i = from; i < end; i++)
		arg[i] = chance(t, 90) ? 0 : (unsigned char)rnd(t);
}

/* Build an argument for command @which (a template even for other commands). */
static void build_arg(struct thread *t, unsigned char *arg, unsigned int which)
{
	union {
		struct shadowstat_version v;
		struct shadowstat_schema s;
		struct shadowstat_list_vms l;
		struct shadowstat_read_stats r;
		struct shadowstat_status st;
		struct shadowstat_record rec;
		unsigned char b[96];
	} a;
	uint32_t size, count;

	memset(&a, 0, sizeof(a));
	switch (which) {
	case 0:
		size = SHADOWSTAT_VERSION_SIZE_V1;
		a.v.flags = chance(t, 70) ? 0 : pick_flags(t);
		a.v.reserved = chance(t, 80) ? 0 : (uint32_t)rnd(t);
		if (chance(t, 20))
			a.v.abi_version = (uint32_t)rnd(t);	/* "out" fields */
		break;
	case 1:
		size = SHADOWSTAT_SCHEMA_SIZE_V1;
		a.s.flags = chance(t, 70) ? 0 : pick_flags(t);
		count = pick_count(t);
		a.s.num_stats = count;
		a.s.desc_size = pick_elem_size(t, SHADOWSTAT_STAT_DESC_SIZE_V1);
		a.s.descs = pick_ptr(t, (size_t)count * a.s.desc_size);
		break;
	case 2:
		size = SHADOWSTAT_LIST_VMS_SIZE_V1;
		a.l.flags = chance(t, 70) ? 0 : pick_flags(t);
		count = chance(t, 30) ? 0 : pick_count(t) % 70;
		a.l.nr_vms = count;
		a.l.vm_size = pick_elem_size(t, SHADOWSTAT_VM_INFO_SIZE_V1);
		a.l.vms = chance(t, 10) ? 0 : pick_ptr(t, (size_t)count * a.l.vm_size);
		break;
	case 3:
		size = SHADOWSTAT_READ_STATS_SIZE_V1;
		a.r.flags = pick_flags(t);
		a.r.vm_id = chance(t, 30) && (a.r.flags & SHADOWSTAT_READ_ALL) ? 0 : pick_vm_id(t);
		count = chance(t, 20) ? 0 : 1 + below(t, 70);
		a.r.nr_vms = count;
		a.r.num_stats = pick_count(t);
		a.r.vm_size = chance(t, 30) ? 0 :
			      pick_elem_size(t, SHADOWSTAT_VM_INFO_SIZE_V1);
		a.r.reserved = chance(t, 85) ? 0 : (uint32_t)rnd(t);
		a.r.vms = chance(t, 40) ? 0 : pick_ptr(t, (size_t)count * a.r.vm_size);
		a.r.values = chance(t, 30) ? 0 :
			     pick_ptr(t, (size_t)count * (a.r.num_stats % 512) * 8);
		a.r.totals = chance(t, 30) ? 0 : pick_ptr(t, (a.r.num_stats % 512) * 8);
		if (chance(t, 10))
			a.r.timestamp_ns = rnd(t);		/* "out" field */
		break;
	case 5:
		size = SHADOWSTAT_RECORD_SIZE_V1;
		a.rec.flags = chance(t, 50) ? (uint32_t)below(t, 4) : pick_flags(t);
		a.rec.vm_id = pick_vm_id(t);
		a.rec.capacity = chance(t, 50) ? 0 : pick_count(t);
		count = chance(t, 20) ? 0 : pick_count(t) % 5000;
		a.rec.nr = count;
		a.rec.rec_size = pick_elem_size(t, SHADOWSTAT_SP_RECORD_SIZE_V1);
		a.rec.recs = chance(t, 10) ? 0 : pick_ptr(t, (size_t)count * a.rec.rec_size);
		break;
	default:
		size = SHADOWSTAT_STATUS_SIZE_V1;
		a.st.flags = chance(t, 70) ? 0 : pick_flags(t);
		a.st.reserved = chance(t, 85) ? 0 : (uint32_t)rnd(t);
		count = chance(t, 50) ? SHADOWSTAT_STATUS_MAX :
			pick_count(t) % (2 * SHADOWSTAT_STATUS_MAX);
		a.st.size = count;
		a.st.buf = pick_ptr(t, count);
		break;
	}
	a.v.argsz = pick_argsz(t, size);
	if (chance(t, 5))
		memset(&a, (int)rnd(t), sizeof(a));	/* pure garbage */
	memcpy(arg, &a, size);
	fill_tail(t, arg, size, a.v.argsz);
}

/* A command near the device's ioctl type; never a generic VFS ioctl. */
static unsigned long pick_cmd(struct thread *t, unsigned int *which)
{
	unsigned int type, nr, dir, size, i;
	unsigned long cmd;

	if (chance(t, 75)) {
		*which = below(t, NR_REAL);
		return real_cmds[*which];
	}
	type = chance(t, 60) ? SHADOWSTAT_IOC_TYPE : 0xb8 + below(t, 9);
	nr = chance(t, 60) ? below(t, 8) : below(t, 256);
	dir = chance(t, 50) ? _IOC_NONE : below(t, 4);
	size = dir == _IOC_NONE && chance(t, 50) ? 0 : below(t, 1U << _IOC_SIZEBITS);
	cmd = _IOC(dir, type, nr, size);
	if (chance(t, 3))
		cmd |= (unsigned long)rnd(t) << 32;	/* the high bits of a 64-bit long */
	*which = CMD_OTHER;
	for (i = 0; i < NR_REAL; i++)
		if ((unsigned int)cmd == real_cmds[i])
			*which = i;
	return cmd;
}

static int errno_class(int e)
{
	unsigned int i;

	for (i = 0; i < NR_ERRNOS; i++)
		if (errnos[i] == e)
			return i;
	return ERR_OTHER;
}

static void bad_result(struct thread *t, unsigned long cmd, uint64_t argp, int e,
		       const unsigned char *arg, const char *why)
{
	t->bad++;
	if (atomic_fetch_add(&reports, 1) >= MAX_REPORTS)
		return;
	say(false, "thread %d: ioctl(0x%lx, 0x%llx) -> %s: %s; arg %08x %08x %08x %08x %08x %08x",
	    t->idx, cmd, (unsigned long long)argp, err_name(e), why,
	    ((const uint32_t *)arg)[0], ((const uint32_t *)arg)[1], ((const uint32_t *)arg)[2],
	    ((const uint32_t *)arg)[3], ((const uint32_t *)arg)[4], ((const uint32_t *)arg)[5]);
}

static void one_call(struct thread *t, int fd)
{
	unsigned char *arg = t->scratch;
	unsigned int which, argsel;
	unsigned long cmd;
	uint64_t argp;
	int r, e, c;

	cmd = pick_cmd(t, &which);
	/* what the command's argument looks like, when it has a template */
	build_arg(t, arg, which == CMD_OTHER ? below(t, NR_REAL) : which);
	argsel = below(t, 20);
	if (argsel < 12) {
		argp = ptr(arg);
	} else if (argsel < 14) {
		argp = ptr(arg + 1 + below(t, 7));	/* misaligned */
		memmove(arg + (argp - ptr(arg)), arg, 64);
	} else if (argsel == 14) {
		/* read-only: a valid template, so the write-back faults */
		argp = ptr(ro_page + 256 * below(t, NR_REAL));
	} else {
		argp = pick_ptr(t, 64);
		/* straddling the inaccessible page: write what is accessible */
		if (argp >= ptr(t->scratch) && argp < ptr(t->scratch) + SCRATCH)
			memcpy((void *)(uintptr_t)argp, arg,
			       ptr(t->scratch) + SCRATCH - argp < 64 ?
			       ptr(t->scratch) + SCRATCH - argp : 64);
	}
	r = ioctl(fd, cmd, (unsigned long)argp);
	e = r < 0 ? errno : 0;
	if (r > 0)
		e = -r;		/* no call returns a positive value */
	c = errno_class(e);
	t->counts[which][c]++;
	t->calls++;
	if (c == ERR_OTHER)
		bad_result(t, cmd, argp, e, arg, "not a documented errno");
	else if (which == CMD_OTHER && e != ENOTTY)
		bad_result(t, cmd, argp, e, arg, "an unknown command must be ENOTTY");
}

static void refresh_ids(int fd)
{
	static struct shadowstat_vm_info vms[MAX_IDS];
	struct shadowstat_list_vms l = {
		.argsz = sizeof(l), .nr_vms = MAX_IDS, .vm_size = sizeof(vms[0]),
		.vms = ptr(vms),
	};
	unsigned int i;

	if (ioctl(fd, SHADOWSTAT_IOC_LIST_VMS, &l) == 0) {
		for (i = 0; i < l.nr_vms && i < MAX_IDS; i++)
			vm_ids[i] = vms[i].vm_id;
		atomic_store(&nr_ids, (int)(l.nr_vms < MAX_IDS ? l.nr_vms : MAX_IDS));
	}
}

static void *fuzz_thread(void *p)
{
	struct thread *t = p;
	int fd = dev_fd, own = -1;
	unsigned long n = 0;

	while (!atomic_load(&stop)) {
		/* now and then a file of its own, opened and closed mid-storm */
		if (!(n % 512)) {
			if (own >= 0)
				close(own);
			own = open(dev_path, O_RDONLY | O_CLOEXEC);
			if (own < 0 && atomic_fetch_add(&reports, 1) < MAX_REPORTS)
				say(false, "thread %d: open %s: %s", t->idx, dev_path,
				    strerror(errno));
		}
		one_call(t, own >= 0 && (n & 1) ? own : fd);
		if (!(++n % 64) && now() > deadline)
			break;
	}
	if (own >= 0)
		close(own);
	return NULL;
}

/* Keep changing the pages some pointers point into, and the VM id list. */
static void *racer_thread(void *p)
{
	unsigned long n = 0;

	(void)p;
	while (now() < deadline) {
		unsigned char *pg = flaky + PAGE * (n % FLAKY_PAGES);

		switch (n % 4) {
		case 0:
			mprotect(pg, PAGE, PROT_NONE);
			break;
		case 1:
			mprotect(pg, PAGE, PROT_READ);
			break;
		case 2:
			madvise(pg, PAGE, MADV_DONTNEED);
			mprotect(pg, PAGE, PROT_READ | PROT_WRITE);
			break;
		default:
			mprotect(pg, PAGE, PROT_READ | PROT_WRITE);
			break;
		}
		if (!(++n % 256))
			refresh_ids(dev_fd);
		usleep(50);
	}
	atomic_store(&stop, true);
	return NULL;
}

/* Read-only page: valid arguments, one per command, 256 bytes apart. */
static int make_ro_page(void)
{
	unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct shadowstat_version *v = (void *)p;
	struct shadowstat_schema *s = (void *)(p + 256);
	struct shadowstat_list_vms *l = (void *)(p + 512);
	struct shadowstat_read_stats *r = (void *)(p + 768);
	struct shadowstat_status *st = (void *)(p + 1024);

	if (p == MAP_FAILED)
		return -1;
	v->argsz = sizeof(*v);
	s->argsz = sizeof(*s);
	s->num_stats = 256;
	s->desc_size = sizeof(struct shadowstat_stat_desc);
	s->descs = ptr(p + 2048);		/* read-only too */
	l->argsz = sizeof(*l);
	l->vm_size = sizeof(struct shadowstat_vm_info);
	r->argsz = sizeof(*r);
	r->flags = SHADOWSTAT_READ_ALL;
	r->num_stats = 1;
	st->argsz = sizeof(*st);
	st->size = 16;				/* too small: ENOSPC, then the write-back faults */
	if (mprotect(p, PAGE, PROT_READ))
		return -1;
	ro_page = p;
	return 0;
}

static int setup(void)
{
	struct shadowstat_version v = { .argsz = sizeof(v) };
	int i;

	dev_fd = open(dev_path, O_RDONLY | O_CLOEXEC);
	if (dev_fd < 0) {
		say(false, "open %s: %s", dev_path, strerror(errno));
		return -1;
	}
	if (ioctl(dev_fd, SHADOWSTAT_IOC_GET_VERSION, &v)) {
		say(false, "GET_VERSION before the storm: %s", strerror(errno));
		return -1;
	}
	nr_stats = v.num_stats;
	refresh_ids(dev_fd);
	if (make_ro_page())
		return -1;
	hole = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	flaky = mmap(NULL, FLAKY_PAGES * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hole == MAP_FAILED || flaky == MAP_FAILED || munmap(hole, PAGE))
		return -1;
	for (i = 0; i < nr_threads; i++) {
		struct thread *t = &threads[i];
		unsigned char *s = mmap(NULL, SCRATCH + PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (s == MAP_FAILED || mprotect(s + SCRATCH, PAGE, PROT_NONE))
			return -1;
		t->idx = i;
		t->scratch = s;
		t->rng = (seed + 1) * 0x9e3779b97f4a7c15ULL + (uint64_t)i * 0xbf58476d1ce4e5b9ULL;
		if (!t->rng)
			t->rng = 1;
	}
	return 0;
}

/* After the storm: the device answers a plain call exactly as before. */
static bool still_works(void)
{
	struct shadowstat_version v = { .argsz = sizeof(v) };
	int fd = open(dev_path, O_RDONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0)
		return false;
	ok = !ioctl(fd, SHADOWSTAT_IOC_GET_VERSION, &v) &&
	     v.abi_version == SHADOWSTAT_ABI_VERSION && v.num_stats == nr_stats &&
	     v.argsz == SHADOWSTAT_VERSION_SIZE_V1;
	close(fd);
	return ok;
}

static void summary(void)
{
	unsigned long tot[NR_REAL + 1][NR_ERRNOS + 1] = { { 0 } };
	unsigned long calls = 0, bad = 0, other = 0;
	unsigned int c, e;
	int i;

	for (i = 0; i < nr_threads; i++) {
		calls += threads[i].calls;
		bad += threads[i].bad;
		for (c = 0; c <= NR_REAL; c++)
			for (e = 0; e <= NR_ERRNOS; e++)
				tot[c][e] += threads[i].counts[c][e];
	}
	for (c = 0; c <= NR_REAL; c++) {
		char line[512];
		int len = 0;

		for (e = 0; e <= NR_ERRNOS; e++)
			if (tot[c][e])
				len += snprintf(line + len, sizeof(line) - len, " %s %lu",
						e == ERR_OTHER ? "other" : err_name(errnos[e]),
						tot[c][e]);
		printf("# %s: %s:%s\n", label, cmd_names[c], len ? line : " none");
	}
	for (e = 0; e <= NR_ERRNOS; e++)
		if ((int)e != errno_class(ENOTTY))
			other += tot[CMD_OTHER][e];
	say(bad == 0, "%lu ioctls from %d threads in %.0f s (seed %llu), "
	    "every result 0 or a documented errno%s",
	    calls, nr_threads, seconds, (unsigned long long)seed,
	    bad ? ", but not all" : "");
	say(other == 0, "all %lu unknown commands failed with ENOTTY",
	    tot[CMD_OTHER][errno_class(ENOTTY)] + other);
	say(calls > 1000, "the storm made real progress (%lu calls)", calls);
}

int main(int argc, char **argv)
{
	pthread_t racer;
	int opt, i;
	bool ok;

	setvbuf(stdout, NULL, _IOLBF, 0);
	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
	while ((opt = getopt(argc, argv, "t:s:S:d:l:")) != -1) {
		switch (opt) {
		case 't':
			nr_threads = atoi(optarg);
			break;
		case 's':
			seconds = atof(optarg);
			break;
		case 'S':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'd':
			dev_path = optarg;
			break;
		case 'l':
			label = optarg;
			break;
		default:
			fprintf(stderr,
				"usage: ioctlfuzz [-t threads] [-s seconds] [-S seed] [-d device] [-l label]\n");
			return 2;
		}
	}
	if (nr_threads < 1 || nr_threads > MAX_THREADS || seconds <= 0) {
		fprintf(stderr, "ioctlfuzz: 1..%d threads and a positive time\n", MAX_THREADS);
		return 2;
	}
	tap_label(label);
	printf("# %s: seed %llu, %d threads, %.1f s on %s\n", label, (unsigned long long)seed,
	       nr_threads, seconds, dev_path);
	if (setup()) {
		say(false, "set-up failed: %s", strerror(errno));
		return 1;
	}
	deadline = now() + seconds;
	for (i = 0; i < nr_threads; i++)
		if (pthread_create(&threads[i].tid, NULL, fuzz_thread, &threads[i])) {
			say(false, "pthread_create");
			return 1;
		}
	if (pthread_create(&racer, NULL, racer_thread, NULL)) {
		say(false, "pthread_create");
		return 1;
	}
	pthread_join(racer, NULL);
	for (i = 0; i < nr_threads; i++)
		pthread_join(threads[i].tid, NULL);
	summary();
	ok = still_works();
	say(ok, "%s answers GET_VERSION as before after the storm", dev_path);
	for (i = 0; i < nr_threads; i++)
		if (threads[i].bad)
			ok = false;
	return ok && atomic_load(&reports) == 0 ? 0 : 1;
}
