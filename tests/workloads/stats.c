// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs readers and MMU mode detection.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stats.h"

const char *const kvm_stat_names[K_NR] = {
	[K_mmu_cache_miss] = "mmu_cache_miss",
	[K_mmu_shadow_zapped] = "mmu_shadow_zapped",
	[K_mmu_recycled] = "mmu_recycled",
	[K_mmu_unsync] = "mmu_unsync",
	[K_pages_4k] = "pages_4k",
	[K_pages_2m] = "pages_2m",
	[K_mmu_pte_write] = "mmu_pte_write",
	[K_mmu_flooded] = "mmu_flooded",
};

const char *const ss_stat_names[S_NR] = {
#define SS_STAT(name, kind, unit, source, arg, needs, desc) \
	[S_##name] = #name,
#include "../../module/ss_stat_table.h"
#undef SS_STAT
};

#define SS_IS_RATIO_GAUGE	false
#define SS_IS_RATIO_CUMULATIVE	false
#define SS_IS_RATIO_PEAK	false
#define SS_IS_RATIO_RATIO	true
const bool ss_stat_is_ratio[S_NR] = {
#define SS_STAT(name, kind, unit, source, arg, needs, desc) \
	[S_##name] = SS_IS_RATIO_##kind,
#include "../../module/ss_stat_table.h"
#undef SS_STAT
};

#define SS_IS_PEAK_GAUGE	false
#define SS_IS_PEAK_CUMULATIVE	false
#define SS_IS_PEAK_PEAK		true
#define SS_IS_PEAK_RATIO	false
const bool ss_stat_is_peak[S_NR] = {
#define SS_STAT(name, kind, unit, source, arg, needs, desc) \
	[S_##name] = SS_IS_PEAK_##kind,
#include "../../module/ss_stat_table.h"
#undef SS_STAT
};

/* The start of a small file, NUL-terminated; its length or -errno (-ENODATA if empty). */
static ssize_t read_small(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -ENODATA;
	buf[n] = 0;
	return n;
}

int read_num(const char *path, int64_t *val)
{
	char buf[64], *end;
	ssize_t n = read_small(path, buf, sizeof(buf));

	if (n < 0)
		return n;
	errno = 0;
	*val = strtoll(buf, &end, 10);
	if (errno || end == buf || (*end && *end != '\n'))
		return -EINVAL;
	return 0;
}

bool path_exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

/* With @na_ok, a file that reads ENODATA (unavailable) gives SS_NA. */
static int read_set(const char *dir, const char *const *names, int n, int64_t *vals, bool na_ok,
		    char *err, int errlen)
{
	char path[256];
	int i, r;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		r = read_num(path, &vals[i]);
		if (r == -ENODATA && na_ok) {
			vals[i] = SS_NA;
		} else if (r) {
			snprintf(err, errlen, "%s: %s", path, strerror(-r));
			return r;
		}
	}
	return 0;
}

int kvm_stats_read(const char *name, int64_t vals[K_NR], char *err, int errlen)
{
	char dir[128];

	snprintf(dir, sizeof(dir), "%s/%s", KVM_DEBUGFS, name);
	return read_set(dir, kvm_stat_names, K_NR, vals, false, err, errlen);
}

int kvm_stat_get(const char *name, const char *stat, int64_t *val)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s/%s", KVM_DEBUGFS, name, stat);
	return read_num(path, val);
}

int ss_stats_read(const char *name, int64_t vals[S_NR], char *err, int errlen)
{
	char dir[128];

	if (name)
		snprintf(dir, sizeof(dir), "%s/%s", SS_DEBUGFS, name);
	else
		snprintf(dir, sizeof(dir), "%s", SS_DEBUGFS);
	return read_set(dir, ss_stat_names, S_NR, vals, true, err, errlen);
}

/*
 * SSVMM_NO_SHADOWSTAT=1: act as if shadowstat were not loaded, so that its
 * debugfs files are never opened. The load/unload storm sets it on kernels
 * before 6.13, where an open that races rmmod makes fs/debugfs WARN.
 */
static bool ss_ignored(void)
{
	return getenv("SSVMM_NO_SHADOWSTAT");
}

bool ss_loaded(void)
{
	return !ss_ignored() && path_exists(SS_DEBUGFS);
}

bool ss_vm_present(const char *name)
{
	char dir[128];

	if (ss_ignored())
		return false;
	snprintf(dir, sizeof(dir), "%s/%s", SS_DEBUGFS, name);
	return path_exists(dir);
}

bool kvm_vm_present(const char *name)
{
	char dir[128];

	snprintf(dir, sizeof(dir), "%s/%s", KVM_DEBUGFS, name);
	return path_exists(dir);
}

static int read_bool_param(const char *path, bool *val)
{
	char buf[8] = "";

	if (read_small(path, buf, sizeof(buf)) < 0)
		return -EINVAL;
	*val = buf[0] == 'Y' || buf[0] == 'y' || buf[0] == '1';
	return 0;
}

/* With 5-level paging the kernel honours mmap hints above 47 bits. */
static bool host_la57(void)
{
	void *hint = (void *)(1UL << 52);
	void *p = mmap(hint, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0);

	if (p == MAP_FAILED)
		return false;
	munmap(p, 4096);
	return p == hint;
}

int host_mmu_mode(enum mmu_mode *mode, int *tdp_levels)
{
	bool tdp, tdp_mmu;

	if (read_bool_param("/sys/module/kvm_amd/parameters/npt", &tdp) &&
	    read_bool_param("/sys/module/kvm_intel/parameters/ept", &tdp))
		return -ENOENT;
	if (read_bool_param("/sys/module/kvm/parameters/tdp_mmu", &tdp_mmu))
		tdp_mmu = false;
	if (!tdp)
		*mode = MMU_SHADOW;
	else
		*mode = tdp_mmu ? MMU_TDP : MMU_LEGACY_TDP;
	*tdp_levels = host_la57() ? 5 : 4;
	return 0;
}
