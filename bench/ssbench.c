// SPDX-License-Identifier: GPL-2.0
/*
 * ssbench: the guest side of make bench (bench/run.sh, bench/guest/bench.sh).
 *
 *   ssbench run recycle|unsync|tdp|dirtylog|vm [-r regions] [-p pages] [-n limit] [-u writes]
 *		[-i iters] [-s settle_s]
 *	One VM (tests/workloads/vmm.c, no model and no checks) running a
 *	shadow-page-heavy workload, timed with CLOCK_MONOTONIC from VM creation
 *	to the end of the work (under QEMU -icount shift=0 that is the guest's
 *	instruction count); then, untimed, KVM's and shadowstat's event counts
 *	for the VM are read and the VM destroyed. -s: sleep first, so that work
 *	the kernel deferred (after insmod, rmmod, a tracer attaching) is done
 *	before the clock starts.
 *	  recycle  KVM_SET_NR_MMU_PAGES(limit), then touch the regions, i times:
 *		   under shadow paging every pass recreates (recycles) the pages
 *	  unsync   touch the regions, then i times: write u guest page tables
 *		   (unsync) and reload CR3 (sync)
 *	  tdp      data in a memslot of its own; i times: touch the regions,
 *		   delete the memslot, add it again (TDP MMU faults and frees)
 *	  dirtylog data in a dirty-logged memslot of its own; i times: touch
 *		   the regions, KVM_GET_DIRTY_LOG (KVM write-protects them again,
 *		   64 pages per kvm_arch_mmu_enable_log_dirty_pt_masked call, which
 *		   shadowstat hooks); work_ns is the time in KVM_GET_DIRTY_LOG alone
 *	  vm       i times: create a VM with one vCPU, touch the regions,
 *		   destroy it (the per-VM cost; the counts are of the last VM)
 *	Prints "RESULT kind=run w=... ns=... work_ns=... kvm_cache_miss=...
 *	ss_events=..." (ss_events=-1 without shadowstat): ns from before the VM
 *	is created, work_ns from once it exists and shadowstat (if loaded) has
 *	adopted it, i.e. the page-fault work alone (0 for vm).
 *   ssbench snap VM [-k reps]
 *	Times one snapshot of VM: READ_STATS on /dev/shadowstat, and a read of
 *	its debugfs files mmu_shadow_pages (no page walk) and shadow_pages_l1
 *	(page walk), k times each: "RESULT kind=snap ... ioctl_med_ns=..."
 *   ssbench time [-k reps] CMD [ARGS...]
 *	Runs CMD k times (stdout to /dev/null): "RESULT kind=time ... med_ns=..."
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../include/uapi/shadowstat.h"
#include "layout.h"
#include "stats.h"
#include "vmm.h"
#include "vmm_huge.h"

#define MAX_REPS	1000
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (*end || end == s) {
		fprintf(stderr, "ssbench: not a number: %s\n", s);
		exit(2);
	}
	return v;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* min, median, max of @n samples (sorted in place) */
static void stats3(uint64_t *v, int n, uint64_t out[3])
{
	qsort(v, n, sizeof(*v), cmp_u64);
	out[0] = v[0];
	out[1] = v[n / 2];
	out[2] = v[n - 1];
}

/* ---- run ---- */

static const char *const ss_events[] = {
	"sp_created", "sp_reused", "sp_zapped", "sp_root_zaps", "sp_unsynced", "sp_synced",
	"tdp_sp_created", "tdp_sp_freed", "huge_pages_split",
};

static int64_t ss_event_sum(const char *vm)
{
	char path[256];
	int64_t sum = 0, v;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ss_events); i++) {
		snprintf(path, sizeof(path), SS_DEBUGFS "/%s/%s", vm, ss_events[i]);
		if (read_num(path, &v))
			return -1;
		sum += v;
	}
	return sum;
}

/*
 * Once the VM exists, and shadowstat, if loaded, has adopted it (its worker
 * does that after KVM_CREATE_VM returns): the page-fault work starts here.
 */
static uint64_t work_start(const struct vmm *vm)
{
	int tries;

	for (tries = 0; tries < 2000 && !access("/sys/module/shadowstat", F_OK) &&
	     !ss_vm_present(vm->name); tries++)
		usleep(1000);
	return now_ns();
}

/*
 * The dirtylog workload; *tw is set so that the caller's t1 - *tw is the
 * time spent in KVM_GET_DIRTY_LOG.
 */
static int dirtylog_run(struct vmm *vm, unsigned long regions, unsigned long pages,
			unsigned long iters, uint64_t *tw)
{
	static uint64_t bitmap[255 * 512 / 64];
	uint64_t in_ioctl = 0, t;
	unsigned long i;
	int r;

	r = vmm_create(vm, (regions + 1) * SZ_2M, SZ_2M);
	r = r ? r : vmm_set_slot_flags(vm, 1, SZ_2M, regions * SZ_2M, KVM_MEM_LOG_DIRTY_PAGES);
	if (!r)
		work_start(vm);
	for (i = 0; !r && i < iters; i++) {
		r = vmm_touch(vm, REGION_GPA(1), regions, pages, SZ_2M);
		t = now_ns();
		r = r ? r : vmm_get_dirty_log(vm, 1, bitmap);
		in_ioctl += now_ns() - t;
	}
	*tw = now_ns() - in_ioctl;
	return r;
}

static int cmd_run(int argc, char **argv)
{
	unsigned long regions = 100, pages = 1, limit = 64, writes = 8, iters = 10, settle = 0;
	unsigned long i, k;
	const char *w;
	struct vmm vm;
	uint64_t t0, t1, tw = 0;
	int64_t kvm[K_NR] = { 0 }, ss;
	char err[256];
	int opt, r = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: ssbench run recycle|unsync|tdp|dirtylog|vm "
			"[-r R] [-p P] [-n N] [-u U] [-i I] [-s S]\n");
		return 2;
	}
	w = argv[1];
	optind = 2;
	while ((opt = getopt(argc, argv, "r:p:n:u:i:s:")) != -1) {
		switch (opt) {
		case 'r':
			regions = num(optarg);
			break;
		case 'p':
			pages = num(optarg);
			break;
		case 'n':
			limit = num(optarg);
			break;
		case 'u':
			writes = num(optarg);
			break;
		case 'i':
			iters = num(optarg);
			break;
		case 's':
			settle = num(optarg);
			break;
		default:
			return 2;
		}
	}
	if (!regions || regions > 255 || !pages || pages > 512 ||
	    (!strcmp(w, "unsync") && writes > regions)) {
		fprintf(stderr, "ssbench: 1..255 regions, 1..512 pages, writes <= regions\n");
		return 2;
	}
	sleep(settle);
	t0 = now_ns();
	if (!strcmp(w, "vm")) {
		r = vmm_create(&vm, (regions + 1) * SZ_2M, (regions + 1) * SZ_2M);
		r = r ? r : vmm_touch(&vm, REGION_GPA(1), regions, pages, SZ_2M);
		for (i = 1; !r && i < iters; i++) {
			vmm_destroy(&vm);
			r = vmm_create(&vm, (regions + 1) * SZ_2M, (regions + 1) * SZ_2M);
			r = r ? r : vmm_touch(&vm, REGION_GPA(1), regions, pages, SZ_2M);
		}
	} else if (!strcmp(w, "tdp")) {
		r = vmm_create(&vm, (regions + 1) * SZ_2M, SZ_2M);
		tw = r ? 0 : work_start(&vm);
		for (i = 0; !r && i < iters; i++) {
			r = vmm_set_slot(&vm, 1, SZ_2M, regions * SZ_2M);
			r = r ? r : vmm_touch(&vm, REGION_GPA(1), regions, pages, SZ_2M);
			r = r ? r : vmm_delete_slot(&vm, 1);
		}
		/* end with the data mapped, so that the VM's numbers are not all zero */
		r = r ? r : vmm_set_slot(&vm, 1, SZ_2M, regions * SZ_2M);
		r = r ? r : vmm_touch(&vm, REGION_GPA(1), regions, pages, SZ_2M);
	} else if (!strcmp(w, "dirtylog")) {
		r = dirtylog_run(&vm, regions, pages, iters, &tw);
	} else if (!strcmp(w, "recycle")) {
		r = vmm_create(&vm, (regions + 1) * SZ_2M, (regions + 1) * SZ_2M);
		r = r ? r : vmm_set_nr_mmu_pages(&vm, limit);
		tw = r ? 0 : work_start(&vm);
		for (i = 0; !r && i < iters; i++)
			r = vmm_touch(&vm, REGION_GPA(1), regions, pages, SZ_2M);
	} else if (!strcmp(w, "unsync")) {
		r = vmm_create(&vm, (regions + 1) * SZ_2M, (regions + 1) * SZ_2M);
		tw = r ? 0 : work_start(&vm);
		r = r ? r : vmm_touch(&vm, REGION_GPA(1), regions, pages, SZ_2M);
		for (i = 0; !r && i < iters; i++) {
			for (k = 1; !r && k <= writes; k++)
				r = vmm_ptwrite(&vm, PT_GPA(k) + 511 * 8,
						vmm_gpte(&vm, REGION_GPA(k) + 511 * SZ_4K));
			r = r ? r : vmm_cr3_reload(&vm);
		}
	} else {
		fprintf(stderr, "ssbench: unknown workload %s\n", w);
		return 2;
	}
	t1 = now_ns();
	if (r) {
		fprintf(stderr, "ssbench: %s failed: %d\n", w, r);
		vmm_destroy(&vm);
		return 1;
	}
	if (kvm_stats_read(vm.name, kvm, err, sizeof(err)))
		fprintf(stderr, "ssbench: %s\n", err);
	ss = ss_vm_present(vm.name) ? ss_event_sum(vm.name) : -1;
	printf("RESULT kind=run w=%s ns=%llu work_ns=%llu kvm_cache_miss=%lld kvm_zapped=%lld "
	       "kvm_recycled=%lld kvm_pages_4k=%lld ss_events=%lld\n",
	       w, (unsigned long long)(t1 - t0),
	       (unsigned long long)(tw ? t1 - tw : 0), (long long)kvm[K_mmu_cache_miss],
	       (long long)kvm[K_mmu_shadow_zapped], (long long)kvm[K_mmu_recycled],
	       (long long)kvm[K_pages_4k], (long long)ss);
	vmm_destroy(&vm);
	return 0;
}

/* ---- snap ---- */

static uint64_t ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static int find_vm(int fd, const char *name, uint64_t *id)
{
	static struct shadowstat_vm_info vms[SHADOWSTAT_MAX_VMS];
	struct shadowstat_list_vms l = {
		.argsz = sizeof(l), .nr_vms = SHADOWSTAT_MAX_VMS, .vm_size = sizeof(vms[0]),
		.vms = ptr(vms),
	};
	uint32_t i;

	if (ioctl(fd, SHADOWSTAT_IOC_LIST_VMS, &l))
		return -errno;
	for (i = 0; i < l.nr_vms; i++)
		if (!strcmp(vms[i].name, name)) {
			*id = vms[i].vm_id;
			return 0;
		}
	return -ENOENT;
}

static int stat_index(int fd, const char *stat)
{
	static struct shadowstat_stat_desc d[SHADOWSTAT_MAX_STATS];
	struct shadowstat_schema s = {
		.argsz = sizeof(s), .num_stats = SHADOWSTAT_MAX_STATS, .desc_size = sizeof(d[0]),
		.descs = ptr(d),
	};
	uint32_t i;

	if (ioctl(fd, SHADOWSTAT_IOC_GET_SCHEMA, &s))
		return -1;
	for (i = 0; i < s.num_stats; i++)
		if (!strcmp(d[i].name, stat))
			return i;
	return -1;
}

/* time reads of one debugfs file; *val gets the last value, or -errno */
static void time_file(const char *vm, const char *stat, int reps, uint64_t out[3], int64_t *val)
{
	uint64_t t[MAX_REPS], t0;
	char path[256];
	int i, r;

	snprintf(path, sizeof(path), SS_DEBUGFS "/%s/%s", vm, stat);
	for (i = 0; i < reps; i++) {
		t0 = now_ns();
		r = read_num(path, val);
		t[i] = now_ns() - t0;
		if (r)
			*val = r;
	}
	stats3(t, reps, out);
}

static int cmd_snap(int argc, char **argv)
{
	static int64_t values[SHADOWSTAT_MAX_STATS];
	uint64_t t[MAX_REPS], io[3], f1[3], f2[3], id = 0, t0;
	int64_t pages = -1, l1 = -1;
	int reps = 5, fd, i, ipages, il1, opt;
	const char *vm;

	optind = 1;
	while ((opt = getopt(argc, argv, "k:")) != -1) {
		if (opt != 'k')
			return 2;
		reps = num(optarg);
	}
	if (optind >= argc || reps < 1 || reps > MAX_REPS) {
		fprintf(stderr, "usage: ssbench snap [-k reps] VM\n");
		return 2;
	}
	vm = argv[optind];
	fd = open(SHADOWSTAT_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || find_vm(fd, vm, &id)) {
		fprintf(stderr, "ssbench: VM %s not on %s\n", vm, SHADOWSTAT_DEVICE_PATH);
		return 1;
	}
	ipages = stat_index(fd, "mmu_shadow_pages");
	il1 = stat_index(fd, "shadow_pages_l1");
	for (i = 0; i < reps; i++) {
		struct shadowstat_read_stats r = {
			.argsz = sizeof(r), .vm_id = id, .nr_vms = 1,
			.num_stats = SHADOWSTAT_MAX_STATS, .values = ptr(values),
		};

		t0 = now_ns();
		if (ioctl(fd, SHADOWSTAT_IOC_READ_STATS, &r)) {
			fprintf(stderr, "ssbench: READ_STATS: %s\n", strerror(errno));
			return 1;
		}
		t[i] = now_ns() - t0;
	}
	stats3(t, reps, io);
	if (ipages >= 0)
		pages = values[ipages];
	if (il1 >= 0)
		l1 = values[il1];
	time_file(vm, "mmu_shadow_pages", reps, f1, &pages);
	time_file(vm, "shadow_pages_l1", reps, f2, &l1);
	printf("RESULT kind=snap vm=%s reps=%d pages=%lld l1=%lld ioctl_min_ns=%llu "
	       "ioctl_med_ns=%llu ioctl_max_ns=%llu nowalk_med_ns=%llu walk_med_ns=%llu "
	       "walk_max_ns=%llu\n",
	       vm, reps, (long long)pages, (long long)l1, (unsigned long long)io[0],
	       (unsigned long long)io[1], (unsigned long long)io[2], (unsigned long long)f1[1],
	       (unsigned long long)f2[1], (unsigned long long)f2[2]);
	close(fd);
	return 0;
}

/* ---- time ---- */

static int cmd_time(int argc, char **argv)
{
	uint64_t t[MAX_REPS], out[3], t0;
	int reps = 5, i, opt, status, fails = 0;
	pid_t pid;

	optind = 1;
	while ((opt = getopt(argc, argv, "+k:")) != -1) {
		if (opt != 'k')
			return 2;
		reps = num(optarg);
	}
	if (optind >= argc || reps < 1 || reps > MAX_REPS) {
		fprintf(stderr, "usage: ssbench time [-k reps] CMD [ARGS...]\n");
		return 2;
	}
	for (i = 0; i < reps; i++) {
		t0 = now_ns();
		pid = fork();
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			if (null >= 0)
				dup2(null, 1);
			execvp(argv[optind], argv + optind);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			return 1;
		t[i] = now_ns() - t0;
		fails += !WIFEXITED(status) || WEXITSTATUS(status);
	}
	stats3(t, reps, out);
	printf("RESULT kind=time cmd=%s reps=%d fails=%d min_ns=%llu med_ns=%llu max_ns=%llu\n",
	       argv[optind], reps, fails, (unsigned long long)out[0], (unsigned long long)out[1],
	       (unsigned long long)out[2]);
	return fails ? 1 : 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "snap"))
		return cmd_snap(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "time"))
		return cmd_time(argc - 1, argv + 1);
	fprintf(stderr, "usage: ssbench run|snap|time ... (see the top of ssbench.c)\n");
	return 2;
}
