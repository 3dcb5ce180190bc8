// SPDX-License-Identifier: GPL-2.0
/*
 * libshadowstat: the only code that issues ioctls on /dev/shadowstat. It
 * follows the rules of include/uapi/shadowstat.h: zeroed structs, argsz set
 * before each call, and a retry with more room on ENOSPC.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libshadowstat.h"

#define SS_LIB_TRIES 8		/* ENOSPC retries: VMs come and go */
#define SS_LIB_SLACK 8		/* extra room asked for on a retry */

struct shadowstat {
	int fd;
	struct shadowstat_info info;
	size_t vms_hint;	/* VMs seen last time, to size buffers */
};

static inline uint64_t ss_ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static int ss_ioctl(struct shadowstat *ss, unsigned long cmd, void *arg)
{
	if (ioctl(ss->fd, cmd, arg) < 0)
		return -errno;
	return 0;
}

static int ss_get_version(struct shadowstat *ss)
{
	struct shadowstat_version ver;
	int err;

	memset(&ver, 0, sizeof(ver));
	ver.argsz = sizeof(ver);
	err = ss_ioctl(ss, SHADOWSTAT_IOC_GET_VERSION, &ver);
	if (err)
		return err == -EINVAL ? -ENOTTY : err;
	if (ver.abi_version != SHADOWSTAT_ABI_VERSION) {
		ss->info.abi_version = ver.abi_version;
		return -EPROTO;
	}
	ss->info.abi_version = ver.abi_version;
	ss->info.num_stats = ver.num_stats;
	ss->info.features = ver.features;
	ss->info.max_vms = ver.max_vms;
	return 0;
}

int shadowstat_open(const char *path, struct shadowstat **ss_ret)
{
	struct shadowstat *ss;
	int err;

	ss = calloc(1, sizeof(*ss));
	if (!ss)
		return -ENOMEM;
	ss->fd = open(path ? path : SHADOWSTAT_DEVICE_PATH,
		      O_RDONLY | O_CLOEXEC);
	if (ss->fd < 0) {
		err = -errno;
		free(ss);
		return err;
	}
	err = ss_get_version(ss);
	if (err) {
		shadowstat_close(ss);
		return err;
	}
	*ss_ret = ss;
	return 0;
}

void shadowstat_close(struct shadowstat *ss)
{
	if (!ss)
		return;
	close(ss->fd);
	free(ss);
}

const struct shadowstat_info *shadowstat_get_info(const struct shadowstat *ss)
{
	return &ss->info;
}

static void ss_copy_str(char *dst, size_t size, const char *src, size_t max)
{
	size_t len = strnlen(src, max);

	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

int shadowstat_read_schema(struct shadowstat *ss, struct ss_schema *schema_ret)
{
	struct shadowstat_stat_desc *descs = NULL;
	struct shadowstat_schema arg;
	size_t cap = ss->info.num_stats, alloc = 0, i;
	struct ss_stat *stats;
	int err = -ENOSPC, try;

	for (try = 0; try < SS_LIB_TRIES && err == -ENOSPC; try++) {
		free(descs);
		alloc = cap ? cap : 1;
		descs = calloc(alloc, sizeof(*descs));
		if (!descs)
			return -ENOMEM;
		memset(&arg, 0, sizeof(arg));
		arg.argsz = sizeof(arg);
		arg.num_stats = cap;
		arg.desc_size = sizeof(*descs);
		arg.descs = ss_ptr(descs);
		err = ss_ioctl(ss, SHADOWSTAT_IOC_GET_SCHEMA, &arg);
		cap = arg.num_stats;
	}
	if (err)
		goto out;
	if (arg.num_stats > alloc) {
		err = -EPROTO;
		goto out;
	}

	stats = calloc(arg.num_stats ? arg.num_stats : 1, sizeof(*stats));
	if (!stats) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < arg.num_stats; i++) {
		ss_copy_str(stats[i].name, sizeof(stats[i].name),
			    descs[i].name, sizeof(descs[i].name));
		ss_copy_str(stats[i].desc, sizeof(stats[i].desc),
			    descs[i].desc, sizeof(descs[i].desc));
		stats[i].kind = descs[i].kind;
		stats[i].unit = descs[i].unit;
	}
	schema_ret->nr = arg.num_stats;
	schema_ret->stats = stats;
out:
	free(descs);
	return err;
}

static void ss_vm_from_info(struct ss_vm *vm,
			    const struct shadowstat_vm_info *info)
{
	memset(vm, 0, sizeof(*vm));
	vm->id = info->vm_id;
	vm->pid = info->pid;
	vm->fd = info->fd;
	vm->mmu_mode = info->mmu_mode;
	vm->created_ns = info->created_ns;
	ss_copy_str(vm->name, sizeof(vm->name), info->name, sizeof(info->name));
	/* "" from a V1 module: the element's tail is zeroed */
	ss_copy_str(vm->guest, sizeof(vm->guest), info->guest, sizeof(info->guest));
}

static int ss_vms_from_infos(const struct shadowstat_vm_info *infos,
			     size_t nr, struct ss_vm **vms_ret)
{
	struct ss_vm *vms;
	size_t i;

	vms = calloc(nr ? nr : 1, sizeof(*vms));
	if (!vms)
		return -ENOMEM;
	for (i = 0; i < nr; i++)
		ss_vm_from_info(&vms[i], &infos[i]);
	*vms_ret = vms;
	return 0;
}

int shadowstat_list_vms(struct shadowstat *ss, struct ss_vm **vms_ret,
			size_t *nr_ret)
{
	struct shadowstat_vm_info *infos = NULL;
	struct shadowstat_list_vms arg;
	size_t cap = ss->vms_hint + SS_LIB_SLACK, alloc = 0;
	int err = -ENOSPC, try;

	for (try = 0; try < SS_LIB_TRIES && err == -ENOSPC; try++) {
		free(infos);
		alloc = cap;
		infos = calloc(alloc, sizeof(*infos));
		if (!infos)
			return -ENOMEM;
		memset(&arg, 0, sizeof(arg));
		arg.argsz = sizeof(arg);
		arg.nr_vms = alloc;
		arg.vm_size = sizeof(*infos);
		arg.vms = ss_ptr(infos);
		err = ss_ioctl(ss, SHADOWSTAT_IOC_LIST_VMS, &arg);
		cap = (size_t)arg.nr_vms + SS_LIB_SLACK;
	}
	if (!err && arg.nr_vms > alloc)
		err = -EPROTO;
	if (!err) {
		err = ss_vms_from_infos(infos, arg.nr_vms, vms_ret);
		if (!err) {
			*nr_ret = arg.nr_vms;
			ss->vms_hint = arg.nr_vms;
		}
	}
	free(infos);
	return err;
}

static int ss_read(struct shadowstat *ss, uint32_t flags, uint64_t vm_id,
		   size_t nr_stats, struct ss_snapshot *snap_ret)
{
	struct shadowstat_vm_info *infos = NULL;
	struct shadowstat_read_stats arg;
	size_t cap = flags ? ss->vms_hint + SS_LIB_SLACK : 1, alloc = 0;
	int64_t *values = NULL;
	int err = -ENOSPC, try;

	if (!nr_stats || nr_stats > SHADOWSTAT_MAX_STATS)
		return -EINVAL;
	for (try = 0; try < SS_LIB_TRIES && err == -ENOSPC; try++) {
		free(infos);
		free(values);
		alloc = cap;
		infos = calloc(alloc, sizeof(*infos));
		values = calloc(alloc * nr_stats, sizeof(*values));
		if (!infos || !values) {
			err = -ENOMEM;
			goto fail;
		}
		memset(&arg, 0, sizeof(arg));
		arg.argsz = sizeof(arg);
		arg.flags = flags;
		arg.vm_id = vm_id;
		arg.nr_vms = alloc;
		arg.num_stats = nr_stats;
		arg.vm_size = sizeof(*infos);
		arg.vms = ss_ptr(infos);
		arg.values = ss_ptr(values);
		err = ss_ioctl(ss, SHADOWSTAT_IOC_READ_STATS, &arg);
		cap = (size_t)arg.nr_vms + SS_LIB_SLACK;
	}
	if (err)
		goto fail;
	if (arg.nr_vms > alloc) {
		err = -EPROTO;
		goto fail;
	}
	/* The schema is per module, and an open fd pins the module. */
	if (arg.num_stats != nr_stats) {
		err = -ESTALE;
		goto fail;
	}

	memset(snap_ret, 0, sizeof(*snap_ret));
	err = ss_vms_from_infos(infos, arg.nr_vms, &snap_ret->vms);
	if (err)
		goto fail;
	snap_ret->timestamp_ns = arg.timestamp_ns;
	snap_ret->nr_vms = arg.nr_vms;
	snap_ret->nr_stats = nr_stats;
	snap_ret->values = values;
	if (flags == SHADOWSTAT_READ_ALL)
		ss->vms_hint = arg.nr_vms;
	free(infos);
	return 0;
fail:
	free(infos);
	free(values);
	return err;
}

int shadowstat_read_all(struct shadowstat *ss, size_t nr_stats,
			struct ss_snapshot *snap_ret)
{
	return ss_read(ss, SHADOWSTAT_READ_ALL, 0, nr_stats, snap_ret);
}

int shadowstat_read_departed(struct shadowstat *ss, size_t nr_stats,
			     struct ss_snapshot *snap_ret)
{
	if (!(ss->info.features & SHADOWSTAT_FEAT_DEPARTED))
		return -EOPNOTSUPP;
	return ss_read(ss, SHADOWSTAT_READ_ALL | SHADOWSTAT_READ_DEPARTED, 0,
		       nr_stats, snap_ret);
}

int shadowstat_read_vm(struct shadowstat *ss, uint64_t vm_id, size_t nr_stats,
		       struct ss_snapshot *snap_ret)
{
	return ss_read(ss, 0, vm_id, nr_stats, snap_ret);
}

static int ss_read_status(struct shadowstat *ss, __u32 flags, char **text_ret)
{
	struct shadowstat_status arg;
	size_t size = 4096, alloc = 0;
	char *text = NULL;
	int err = -ENOSPC, try;

	for (try = 0; try < SS_LIB_TRIES && err == -ENOSPC; try++) {
		free(text);
		alloc = size ? size : 1;
		text = calloc(1, alloc);
		if (!text)
			return -ENOMEM;
		memset(&arg, 0, sizeof(arg));
		arg.argsz = sizeof(arg);
		arg.flags = flags;
		arg.size = alloc;
		arg.buf = ss_ptr(text);
		err = ss_ioctl(ss, SHADOWSTAT_IOC_READ_STATUS, &arg);
		size = arg.size;
	}
	if (err) {
		free(text);
		return err;
	}
	text[alloc - 1] = '\0';
	*text_ret = text;
	return 0;
}

int shadowstat_read_status(struct shadowstat *ss, char **text_ret)
{
	return ss_read_status(ss, 0, text_ret);
}

int shadowstat_record(struct shadowstat *ss, struct shadowstat_record *arg)
{
	if (!(ss->info.features & SHADOWSTAT_FEAT_RECORD))
		return -EOPNOTSUPP;
	arg->argsz = sizeof(*arg);
	arg->rec_size = sizeof(struct shadowstat_sp_record);
	return ss_ioctl(ss, SHADOWSTAT_IOC_RECORD, arg);
}

int shadowstat_read_status_records(struct shadowstat *ss, char **records_ret)
{
	if (!(ss->info.features & SHADOWSTAT_FEAT_STATUS_RECORDS))
		return -EOPNOTSUPP;
	return ss_read_status(ss, SHADOWSTAT_STATUS_RECORDS, records_ret);
}

static int ss_module_loaded(void)
{
	struct stat st;

	return stat("/sys/module/shadowstat", &st) == 0;
}

const char *shadowstat_strerror(int err, const char *path, char *buf,
				size_t size)
{
	if (!path)
		path = SHADOWSTAT_DEVICE_PATH;
	switch (err) {
	case -ENOENT:
		if (ss_module_loaded())
			snprintf(buf, size,
				 "%s not found although the module is loaded: is devtmpfs mounted on /dev?",
				 path);
		else
			snprintf(buf, size,
				 "%s not found: load the module with `modprobe shadowstat`",
				 path);
		break;
	case -ENXIO:
	case -ENODEV:
		snprintf(buf, size,
			 "%s has no driver: load the module with `modprobe shadowstat`",
			 path);
		break;
	case -EACCES:
	case -EPERM:
		snprintf(buf, size,
			 "%s: permission denied: run shadowstat as root (it needs CAP_SYS_ADMIN)",
			 path);
		break;
	case -ENOTTY:
		snprintf(buf, size, "%s is not a shadowstat device", path);
		break;
	case -EPROTO:
		snprintf(buf, size,
			 "the shadowstat module speaks another ABI version than this program (%d): install matching versions",
			 SHADOWSTAT_ABI_VERSION);
		break;
	case -ESTALE:
		snprintf(buf, size, "the module's schema changed: run again");
		break;
	default:
		snprintf(buf, size, "%s: %s", path, strerror(-err));
		break;
	}
	return buf;
}
