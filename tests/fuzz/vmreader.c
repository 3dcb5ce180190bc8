// SPDX-License-Identifier: GPL-2.0
/*
 * vmreader: read one VM's shadowstat stats in a tight loop until the VM is
 * gone, as a monitoring agent would while the VMM is killed
 * (tests/vm/guest/t_91_kill.sh).
 *
 * usage: vmreader -v <pid>-<fd> [-m files|open|ioctl] [-t timeout_s] [-l label]
 *   files  open, read and close /sys/kernel/debug/shadowstat/VM/<stat> for
 *          every stat, over and over (as cat would)
 *   open   every stat file opened once and re-read with pread(fd, 0) (a
 *          reader that keeps its files open)
 *   ioctl  SHADOWSTAT_IOC_READ_STATS of the VM's id on /dev/shadowstat
 *
 * It writes "<dir>/started" (dir = -r DIR) once it has read the VM a first
 * time, and stops when the VM has been gone for a short while: its debugfs
 * directory no longer exists, or READ_STATS says ENOENT. Results:
 *   - a read gives a number, ENODATA (stat unavailable) or, once the VM is
 *     going, ENOENT; a file that is open when the VM's directory is removed
 *     gets EIO, debugfs's answer for a removed file (always in "open" mode,
 *     and in "files" mode when the removal falls between open and read),
 *     counted apart; any other errno is a failure;
 *   - the VM disappears within the timeout, and after that every read fails
 *     (no value of a dead VM).
 * Prints "ok - ..." / "not ok - ..." lines and a "#" line with the counts.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../include/uapi/shadowstat.h"
#include "../lib/tap.h"

#define SS_DIR		"/sys/kernel/debug/shadowstat"
#define MAX_FILES	64
#define GONE_READS	200	/* reads after the VM is gone, all of which must fail */

enum mode { M_FILES, M_OPEN, M_IOCTL };

static const char *label = "vmreader";
static const char *vm;
static const char *ready_dir;
static enum mode mode = M_FILES;
static double timeout = 30;
static char names[MAX_FILES][SHADOWSTAT_NAME_SIZE];
static int nr_names;
static unsigned long n_values, n_enoent, n_enodata, n_eio, n_other, n_after_gone_values;
static int first_other;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#define say tap_result

/* SS_DIR/VM/NAME (or SS_DIR/VM when NAME is NULL) into @buf; the VM name was checked */
static void vm_path(char *buf, size_t size, const char *name)
{
	if (snprintf(buf, size, SS_DIR "/%s%s%s", vm, name ? "/" : "", name ? name : "") >=
	    (int)size)
		buf[0] = '\0';
}

static bool vm_dir_exists(void)
{
	char path[256];
	struct stat st;

	vm_path(path, sizeof(path), NULL);
	return stat(path, &st) == 0;
}

/* Count the result of one read: 0 or a positive errno. */
static void count(int e, bool gone)
{
	switch (e) {
	case 0:
		n_values++;
		n_after_gone_values += gone;
		break;
	case ENOENT:
		n_enoent++;
		break;
	case ENODATA:
		n_enodata++;
		break;
	case EIO:
		n_eio++;
		break;
	default:
		if (!n_other++)
			first_other = e;
	}
}

static bool is_number(const char *buf, ssize_t n)
{
	ssize_t i = 0;

	if (n >= 1 && buf[0] == '-')
		i++;
	if (i >= n - 1 || buf[n - 1] != '\n')
		return false;
	for (; i < n - 1; i++)
		if (buf[i] < '0' || buf[i] > '9')
			return false;
	return true;
}

static int read_open_fd(int fd, bool use_pread)
{
	char buf[64];
	ssize_t n = use_pread ? pread(fd, buf, sizeof(buf), 0) : read(fd, buf, sizeof(buf));

	if (n < 0)
		return errno;
	/* a value must be a whole number, never a torn or empty read */
	return is_number(buf, n) ? 0 : EBADMSG;
}

static int read_file(const char *name)
{
	char path[256];
	int fd, e;

	vm_path(path, sizeof(path), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	e = read_open_fd(fd, false);
	close(fd);
	return e;
}

static int list_names(void)
{
	char path[256];
	struct dirent *d;
	DIR *dir;

	vm_path(path, sizeof(path), NULL);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((d = readdir(dir)) && nr_names < MAX_FILES) {
		if (d->d_name[0] == '.' || strlen(d->d_name) >= SHADOWSTAT_NAME_SIZE)
			continue;
		strcpy(names[nr_names++], d->d_name);
	}
	closedir(dir);
	return nr_names ? 0 : -1;
}

static int find_vm_id(int fd, uint64_t *id)
{
	static struct shadowstat_vm_info vms[SHADOWSTAT_MAX_VMS];
	struct shadowstat_list_vms l = {
		.argsz = sizeof(l), .nr_vms = SHADOWSTAT_MAX_VMS, .vm_size = sizeof(vms[0]),
		.vms = (uint64_t)(uintptr_t)vms,
	};
	uint32_t i;

	if (ioctl(fd, SHADOWSTAT_IOC_LIST_VMS, &l))
		return -1;
	for (i = 0; i < l.nr_vms; i++)
		if (!strcmp(vms[i].name, vm)) {
			*id = vms[i].vm_id;
			return 0;
		}
	return -1;
}

static int read_ioctl(int fd, uint64_t id)
{
	static int64_t values[SHADOWSTAT_MAX_STATS], totals[SHADOWSTAT_MAX_STATS];
	struct shadowstat_read_stats r = {
		.argsz = sizeof(r), .vm_id = id, .nr_vms = 1, .num_stats = SHADOWSTAT_MAX_STATS,
		.values = (uint64_t)(uintptr_t)values, .totals = (uint64_t)(uintptr_t)totals,
	};

	if (ioctl(fd, SHADOWSTAT_IOC_READ_STATS, &r))
		return errno;
	return r.nr_vms == 1 ? 0 : EBADMSG;
}

static void mark_started(void)
{
	char path[300];
	int fd;

	if (!ready_dir)
		return;
	if (snprintf(path, sizeof(path), "%s/started", ready_dir) >= (int)sizeof(path))
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	static const char *const mode_names[] = { "files", "open", "ioctl" };
	int fds[MAX_FILES], opt, i, dev = -1, e = 0;
	unsigned long rounds = 0, gone_reads = 0;
	double t0, t_gone = 0;
	bool gone = false, started = false;
	uint64_t id = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "v:m:t:l:r:")) != -1) {
		switch (opt) {
		case 'v':
			vm = optarg;
			break;
		case 'm':
			mode = !strcmp(optarg, "open") ? M_OPEN :
			       !strcmp(optarg, "ioctl") ? M_IOCTL : M_FILES;
			break;
		case 't':
			timeout = atof(optarg);
			break;
		case 'l':
			label = optarg;
			break;
		case 'r':
			ready_dir = optarg;
			break;
		default:
			vm = NULL;
		}
	}
	if (!vm || strlen(vm) >= SHADOWSTAT_VM_NAME_SIZE) {
		fprintf(stderr, "usage: vmreader -v <pid>-<fd> [-m files|open|ioctl] "
			"[-t timeout_s] [-l label] [-r dir]\n");
		return 2;
	}
	tap_label(label);
	if (list_names()) {
		say(false, "%s/%s: no stat files", SS_DIR, vm);
		return 1;
	}
	if (mode == M_OPEN) {
		for (i = 0; i < nr_names; i++) {
			char path[256];

			vm_path(path, sizeof(path), names[i]);
			fds[i] = open(path, O_RDONLY | O_CLOEXEC);
			if (fds[i] < 0) {
				say(false, "open %s: %s", path, strerror(errno));
				return 1;
			}
		}
	} else if (mode == M_IOCTL) {
		dev = open(SHADOWSTAT_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
		if (dev < 0 || find_vm_id(dev, &id)) {
			say(false, "VM %s not on %s", vm, SHADOWSTAT_DEVICE_PATH);
			return 1;
		}
	}
	t0 = now();
	for (;;) {
		bool got_value = false;

		for (i = 0; i < (mode == M_IOCTL ? 1 : nr_names); i++) {
			if (mode == M_FILES)
				e = read_file(names[i]);
			else if (mode == M_OPEN)
				e = read_open_fd(fds[i], true);
			else
				e = read_ioctl(dev, id);
			count(e, gone);
			got_value |= !e;
			if (gone && ++gone_reads >= GONE_READS)
				break;
		}
		rounds++;
		if (!started && got_value) {
			started = true;
			mark_started();
		}
		if (!gone) {
			if (mode == M_IOCTL ? e == ENOENT : !vm_dir_exists()) {
				gone = true;
				t_gone = now();
			}
		} else if (gone_reads >= GONE_READS) {
			break;
		}
		if (now() - t0 > timeout)
			break;
	}
	printf("# %s: %s mode, %lu rounds over %d stats: "
	       "%lu values, %lu ENOENT, %lu ENODATA, %lu EIO, %lu other\n",
	       label, mode_names[mode], rounds, mode == M_IOCTL ? 1 : nr_names, n_values,
	       n_enoent, n_enodata, n_eio, n_other);
	if (n_other)
		printf("# %s: first unexpected result: %s\n", label, strerror(first_other));
	say(started, "read VM %s while it ran (%lu values)", vm, n_values);
	say(gone, "VM %s gone within %.0f s (after %.2f s of reading)", vm, timeout,
	    gone ? t_gone - t0 : now() - t0);
	say(!n_other, "every read gave a number, ENOENT, ENODATA%s (%lu other)",
	    mode == M_IOCTL ? "" : " or EIO (file removed while open)", n_other);
	if (mode == M_IOCTL)
		say(!n_eio, "no EIO from the device (%lu)", n_eio);
	say(gone && !n_after_gone_values, "no value read once the VM was gone (%lu reads after)",
	    gone_reads);
	if (mode == M_OPEN)
		for (i = 0; i < nr_names; i++)
			close(fds[i]);
	if (dev >= 0)
		close(dev);
	return n_other || !gone || !started || n_after_gone_values ||
	       (mode == M_IOCTL && n_eio) ? 1 : 0;
}
