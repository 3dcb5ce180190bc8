// SPDX-License-Identifier: GPL-2.0
/*
 * The misc device /dev/shadowstat: the binary interface of
 * include/uapi/shadowstat.h on top of the query layer (ss_query.h).
 *
 * Every call only reads. The caller's struct is read whole and checked
 * before anything is computed or written back. Nothing copied out holds an
 * uninitialised byte or a kernel address: each struct and element is built
 * zeroed, and the VM id is the core's counter.
 *
 * Caveats: the sizes this file writes are the uapi header's, whose layout
 * gate is compiled in here; SHADOWSTAT_*_SIZE_V1 are the minimum sizes and
 * must never change.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/build_bug.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "../include/uapi/shadowstat.h"
#include "ss_chardev.h"
#include "ss_query.h"
#include "ss_recording.h"
#include "ss_stat_defs.h"
#include "ss_status.h"

#define SS_CDEV_FEATURES (SHADOWSTAT_FEAT_SCHEMA | SHADOWSTAT_FEAT_LIST_VMS | \
			  SHADOWSTAT_FEAT_READ_STATS |			      \
			  SHADOWSTAT_FEAT_READ_ALL | SHADOWSTAT_FEAT_STATUS | \
			  SHADOWSTAT_FEAT_STATUS_RECORDS | SHADOWSTAT_FEAT_DEPARTED | \
			  SHADOWSTAT_FEAT_RECORD)

/* First guess of the number of VMs, so a large capacity costs nothing. */
#define SS_CDEV_LIST_FIRST	64
#define SS_CDEV_LIST_SLACK	16
#define SS_CDEV_LIST_TRIES	4

/* Does not compile if a stat's name or description is too long for the uapi */
#define SS_STAT(name, kind, unit, source, arg, needs, desc)		\
	BUILD_BUG_ON_ZERO(sizeof(#name) > SHADOWSTAT_NAME_SIZE ||	\
			  sizeof(desc) > SHADOWSTAT_DESC_SIZE),
static const int ss_cdev_fits[] __maybe_unused = {
#include "ss_stat_table.h"
};

#undef SS_STAT

static_assert(SS_VALUE_UNAVAILABLE == SHADOWSTAT_VALUE_UNAVAILABLE);

static_assert(SS_NR_STATS <= SHADOWSTAT_MAX_STATS);
static_assert(SS_STATUS_SIZE <= SHADOWSTAT_STATUS_MAX);
static_assert(sizeof(((struct ss_vm_info *)0)->name) <= SHADOWSTAT_VM_NAME_SIZE);

/*
 * Read the caller's struct, strictly: argsz below the call's first size is
 * -EINVAL, a tail this module does not know must be zero (-E2BIG), and argsz
 * is bounded so that checking the tail stays cheap.
 */
static int ss_cdev_read_arg(void *karg, size_t ksize, size_t minsz,
			    const void __user *uarg, u32 *usize_ret)
{
	u32 usize;
	int ret;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize < minsz)
		return -EINVAL;
	if (usize > SHADOWSTAT_ARGSZ_MAX)
		return -E2BIG;
	ret = copy_struct_from_user(karg, ksize, uarg, usize);
	if (ret)
		return ret;
	*usize_ret = usize;
	return 0;
}

/*
 * Write back a struct or an array element, leniently: as much of it as the
 * caller's size holds, with the rest of a larger caller element zeroed.
 * @zero_tail is false for a call's own struct, whose tail was checked to be
 * zero on input.
 */
static int ss_cdev_write(void __user *dst, size_t usize, const void *src,
			 size_t ksize, bool zero_tail)
{
	size_t size = min(usize, ksize);

	if (copy_to_user(dst, src, size))
		return -EFAULT;
	if (zero_tail && usize > size && clear_user(dst + size, usize - size))
		return -EFAULT;
	return 0;
}

static bool ss_cdev_elem_size_ok(u32 size, u32 min_size)
{
	return size >= min_size && size <= SHADOWSTAT_ELEM_MAX;
}

static void ss_cdev_fill_vm(struct shadowstat_vm_info *out,
			    const struct ss_vm_info *in)
{
	memset(out, 0, sizeof(*out));
	out->vm_id = in->id;
	out->pid = in->pid;
	out->fd = in->fd;
	out->mmu_mode = in->mmu_mode;
	out->created_ns = in->created_ns;
	strscpy(out->name, in->name, sizeof(out->name));
	strscpy(out->guest, in->guest, sizeof(out->guest));
}

/*
 * List up to @cap VMs (at most SHADOWSTAT_MAX_VMS) into a buffer sized for
 * the VMs there are, not for @cap. Return the number of VMs there are, which
 * is more than *nr_ret (the number listed) when @cap or the limit is too
 * small, or a negative errno. The caller kvfree()s *infos_ret.
 */
static int ss_cdev_list(u32 cap, struct ss_vm_info **infos_ret, u32 *nr_ret)
{
	u32 limit = min_t(u32, cap, SHADOWSTAT_MAX_VMS);
	u32 room = min_t(u32, limit, SS_CDEV_LIST_FIRST);
	struct ss_vm_info *infos;
	int tries, n;

	for (tries = 1; ; tries++) {
		infos = kvcalloc(max_t(u32, room, 1), sizeof(*infos), GFP_KERNEL);
		if (!infos)
			return -ENOMEM;
		n = ss_query_list(infos, room);
		if (n < 0) {
			kvfree(infos);
			return n;
		}
		if (n <= room || room == limit || tries == SS_CDEV_LIST_TRIES)
			break;
		/* More VMs than the first guess: retry with room to spare. */
		kvfree(infos);
		room = min_t(u32, limit, (u32)n + SS_CDEV_LIST_SLACK);
	}
	*infos_ret = infos;
	*nr_ret = min_t(u32, n, room);
	return n;
}

static long ss_cdev_get_version(void __user *uarg)
{
	struct shadowstat_version arg = {};
	u32 usize;
	int ret;

	ret = ss_cdev_read_arg(&arg, sizeof(arg), SHADOWSTAT_VERSION_SIZE_V1,
			       uarg, &usize);
	if (ret)
		return ret;
	if (arg.flags || arg.reserved)
		return -EINVAL;

	memset(&arg, 0, sizeof(arg));
	arg.argsz = sizeof(arg);
	arg.abi_version = SHADOWSTAT_ABI_VERSION;
	arg.num_stats = SS_NR_STATS;
	arg.features = SS_CDEV_FEATURES;
	arg.max_vms = SHADOWSTAT_MAX_VMS;
	arg.desc_size = sizeof(struct shadowstat_stat_desc);
	arg.vm_size = sizeof(struct shadowstat_vm_info);
	return ss_cdev_write(uarg, usize, &arg, sizeof(arg), false);
}

static long ss_cdev_get_schema(void __user *uarg)
{
	struct shadowstat_schema arg = {};
	struct shadowstat_stat_desc desc;
	void __user *descs;
	u32 usize, i;
	long ret;

	ret = ss_cdev_read_arg(&arg, sizeof(arg), SHADOWSTAT_SCHEMA_SIZE_V1,
			       uarg, &usize);
	if (ret)
		return ret;
	if (arg.flags)
		return -EINVAL;
	if (!ss_cdev_elem_size_ok(arg.desc_size, SHADOWSTAT_STAT_DESC_SIZE_V1))
		return -EINVAL;
	if (arg.num_stats && !arg.descs)
		return -EFAULT;

	descs = u64_to_user_ptr(arg.descs);
	ret = 0;
	if (arg.num_stats < SS_NR_STATS) {
		ret = -ENOSPC;
	} else {
		for (i = 0; i < SS_NR_STATS; i++) {
			const struct ss_stat_def *def = &ss_stat_defs[i];

			memset(&desc, 0, sizeof(desc));
			desc.kind = def->kind;
			desc.unit = def->unit;
			strscpy(desc.name, def->name, sizeof(desc.name));
			strscpy(desc.desc, def->desc, sizeof(desc.desc));
			if (ss_cdev_write(descs + (size_t)i * arg.desc_size,
					  arg.desc_size, &desc, sizeof(desc),
					  true))
				return -EFAULT;
		}
	}

	memset(&arg, 0, sizeof(arg));
	arg.argsz = sizeof(arg);
	arg.num_stats = SS_NR_STATS;
	arg.desc_size = sizeof(desc);
	if (ss_cdev_write(uarg, usize, &arg, sizeof(arg), false))
		return -EFAULT;
	return ret;
}

static long ss_cdev_list_vms(void __user *uarg)
{
	struct shadowstat_list_vms arg = {};
	struct shadowstat_vm_info vm;
	struct ss_vm_info *infos;
	u32 usize, cap, size, nr, i;
	void __user *vms;
	int n;
	long ret;

	ret = ss_cdev_read_arg(&arg, sizeof(arg), SHADOWSTAT_LIST_VMS_SIZE_V1,
			       uarg, &usize);
	if (ret)
		return ret;
	if (arg.flags)
		return -EINVAL;
	if (!ss_cdev_elem_size_ok(arg.vm_size, SHADOWSTAT_VM_INFO_SIZE_V1))
		return -EINVAL;
	if (arg.nr_vms && !arg.vms)
		return -EFAULT;

	cap = arg.nr_vms;
	size = arg.vm_size;
	vms = u64_to_user_ptr(arg.vms);

	n = ss_cdev_list(cap, &infos, &nr);
	if (n < 0)
		return n;

	ret = 0;
	if (n > nr) {
		ret = -ENOSPC;
	} else {
		for (i = 0; i < nr; i++) {
			ss_cdev_fill_vm(&vm, &infos[i]);
			if (ss_cdev_write(vms + (size_t)i * size, size, &vm,
					  sizeof(vm), true)) {
				ret = -EFAULT;
				goto out;
			}
		}
	}

	memset(&arg, 0, sizeof(arg));
	arg.argsz = sizeof(arg);
	arg.nr_vms = n;
	arg.vm_size = sizeof(vm);
	if (ss_cdev_write(uarg, usize, &arg, sizeof(arg), false))
		ret = -EFAULT;
out:
	kvfree(infos);
	return ret;
}

/* A consistent snapshot of the VMs asked for, before any copy to the user. */
struct ss_cdev_snap {
	struct ss_vm_info *infos;	/* the VM of each row */
	s64 *values;			/* rows of SS_NR_STATS */
	s64 totals[SS_NR_STATS];
	u32 rows;
	u64 timestamp_ns;
};

static void ss_cdev_snap_free(struct ss_cdev_snap *snap)
{
	kvfree(snap->infos);
	kvfree(snap->values);
}

/* Snapshot every VM; totals are the sum of the rows, so they add up. */
static int ss_cdev_snap_all(struct ss_cdev_snap *snap, u32 cap, u32 *need_ret)
{
	u32 nr, i;
	int n, ret;

	n = ss_cdev_list(cap, &snap->infos, &nr);
	if (n < 0)
		return n;
	if (n > nr) {
		*need_ret = n;
		return -ENOSPC;
	}
	snap->values = kvcalloc(max_t(u32, nr, 1), sizeof(s64) * SS_NR_STATS,
				GFP_KERNEL);
	if (!snap->values)
		return -ENOMEM;

	snap->timestamp_ns = ktime_get_ns();
	for (i = 0; i < nr; i++) {
		s64 *row = &snap->values[(size_t)snap->rows * SS_NR_STATS];

		memset(row, 0, sizeof(s64) * SS_NR_STATS);
		ret = ss_query_vm_id(snap->infos[i].id, row, 0);
		if (ret == -ENOENT)
			continue;	/* gone since the list: leave it out */
		if (ret < 0)
			return ret;
		snap->infos[snap->rows++] = snap->infos[i];
	}

	/* over the rows returned, so rows and totals always add up */
	for (i = 0; i < snap->rows; i++)
		ss_query_totals_add(snap->totals, &snap->values[(size_t)i * SS_NR_STATS]);
	return 0;
}

/* The departed VMs' final rows, as the history keeps them; they add up too. */
static int ss_cdev_snap_departed(struct ss_cdev_snap *snap, u32 cap, u32 *need_ret)
{
	int n, i;

	snap->infos = kvcalloc(SHADOWSTAT_MAX_DEPARTED, sizeof(*snap->infos), GFP_KERNEL);
	snap->values = kvcalloc(SHADOWSTAT_MAX_DEPARTED, sizeof(s64) * SS_NR_STATS,
				GFP_KERNEL);
	if (!snap->infos || !snap->values)
		return -ENOMEM;
	snap->timestamp_ns = ktime_get_ns();
	n = ss_query_departed(snap->infos, snap->values, SHADOWSTAT_MAX_DEPARTED);
	if ((u32)n > cap) {
		*need_ret = n;
		return -ENOSPC;
	}
	snap->rows = n;
	for (i = 0; i < n; i++)
		ss_query_totals_add(snap->totals, &snap->values[(size_t)i * SS_NR_STATS]);
	return 0;
}

/* Snapshot one VM by id; its info is needed only when @want_info. */
static int ss_cdev_snap_one(struct ss_cdev_snap *snap, u64 vm_id,
			    bool want_info, bool want_totals)
{
	struct ss_vm_info *infos;
	u32 nr, i;
	int n, ret;

	snap->infos = kvcalloc(1, sizeof(*snap->infos), GFP_KERNEL);
	snap->values = kvcalloc(1, sizeof(s64) * SS_NR_STATS, GFP_KERNEL);
	if (!snap->infos || !snap->values)
		return -ENOMEM;

	if (want_info) {
		n = ss_cdev_list(SHADOWSTAT_MAX_VMS, &infos, &nr);
		if (n < 0)
			return n;
		ret = -ENOENT;
		for (i = 0; i < nr; i++) {
			if (infos[i].id == vm_id) {
				snap->infos[0] = infos[i];
				ret = 0;
				break;
			}
		}
		kvfree(infos);
		if (ret)
			return ret;
	}

	snap->timestamp_ns = ktime_get_ns();
	ret = ss_query_vm_id(vm_id, snap->values, 0);
	if (ret < 0)
		return ret;
	/* totals walk every VM: only when the caller asked for them */
	if (want_totals) {
		ret = ss_query_totals(snap->totals, 0);
		if (ret < 0)
			return ret;
	}
	snap->rows = 1;
	return 0;
}

/* Copy @count values into a caller row of @stride values, zero-filling it. */
static int ss_cdev_write_row(s64 __user *dst, u32 stride, const s64 *src,
			     u32 count)
{
	return ss_cdev_write(dst, (size_t)stride * sizeof(s64), src,
			     (size_t)count * sizeof(s64), true);
}

static long ss_cdev_read_stats(void __user *uarg)
{
	struct shadowstat_read_stats arg = {};
	struct ss_cdev_snap snap = {};
	struct shadowstat_vm_info vm;
	s64 __user *values, *totals;
	bool all, departed, want_rows;
	void __user *vms;
	u32 usize, cap, stride, size, need = 0, i;
	u64 vm_id;
	long ret;

	ret = ss_cdev_read_arg(&arg, sizeof(arg), SHADOWSTAT_READ_STATS_SIZE_V1,
			       uarg, &usize);
	if (ret)
		return ret;
	if ((arg.flags & ~(SHADOWSTAT_READ_ALL | SHADOWSTAT_READ_DEPARTED)) ||
	    arg.reserved)
		return -EINVAL;
	all = arg.flags & SHADOWSTAT_READ_ALL;
	departed = arg.flags & SHADOWSTAT_READ_DEPARTED;
	if (departed && !all)
		return -EINVAL;
	if (all && arg.vm_id)
		return -EINVAL;
	if (!arg.num_stats || arg.num_stats > SHADOWSTAT_MAX_STATS)
		return -EINVAL;
	if ((arg.vms || arg.vm_size) &&
	    !ss_cdev_elem_size_ok(arg.vm_size, SHADOWSTAT_VM_INFO_SIZE_V1))
		return -EINVAL;
	want_rows = arg.vms || arg.values;
	if (want_rows && arg.nr_vms == 0 && !all) {
		need = 1;
		ret = -ENOSPC;
		goto write_header;
	}

	vm_id = arg.vm_id;
	cap = want_rows ? arg.nr_vms : SHADOWSTAT_MAX_VMS;
	stride = arg.num_stats;
	size = arg.vm_size;
	vms = u64_to_user_ptr(arg.vms);
	values = u64_to_user_ptr(arg.values);
	totals = u64_to_user_ptr(arg.totals);

	if (departed)
		ret = ss_cdev_snap_departed(&snap, cap, &need);
	else if (all)
		ret = ss_cdev_snap_all(&snap, cap, &need);
	else
		ret = ss_cdev_snap_one(&snap, vm_id, arg.vms, arg.totals);
	if (ret == -ENOSPC)
		goto write_header;
	if (ret)
		goto out;

	for (i = 0; i < snap.rows; i++) {
		if (vms) {
			ss_cdev_fill_vm(&vm, &snap.infos[i]);
			if (ss_cdev_write(vms + (size_t)i * size, size, &vm,
					  sizeof(vm), true))
				goto fault;
		}
		if (values &&
		    ss_cdev_write_row(values + (size_t)i * stride, stride,
				      &snap.values[(size_t)i * SS_NR_STATS],
				      min_t(u32, stride, SS_NR_STATS)))
			goto fault;
	}
	if (totals && ss_cdev_write_row(totals, stride, snap.totals,
					min_t(u32, stride, SS_NR_STATS)))
		goto fault;
	need = snap.rows;

write_header:
	memset(&arg, 0, sizeof(arg));
	arg.argsz = sizeof(arg);
	arg.nr_vms = need;
	arg.num_stats = SS_NR_STATS;
	arg.vm_size = sizeof(vm);
	arg.timestamp_ns = snap.timestamp_ns;
	if (ss_cdev_write(uarg, usize, &arg, sizeof(arg), false))
		goto fault;
	goto out;
fault:
	ret = -EFAULT;
out:
	ss_cdev_snap_free(&snap);
	return ret;
}

static long ss_cdev_read_status(void __user *uarg)
{
	struct shadowstat_status arg = {};
	ssize_t len;
	u32 usize, need;
	char *text;
	long ret;

	ret = ss_cdev_read_arg(&arg, sizeof(arg), SHADOWSTAT_STATUS_SIZE_V1,
			       uarg, &usize);
	if (ret)
		return ret;
	if ((arg.flags & ~SHADOWSTAT_STATUS_RECORDS) || arg.reserved)
		return -EINVAL;
	if (arg.size && !arg.buf)
		return -EFAULT;

	text = kvzalloc(SS_STATUS_SIZE, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	if (arg.flags & SHADOWSTAT_STATUS_RECORDS)
		len = ss_status_records(text, SS_STATUS_SIZE);
	else
		len = ss_status_text(text, SS_STATUS_SIZE);
	len = min_t(ssize_t, len, SS_STATUS_SIZE - 1);
	text[len] = '\0';
	need = len + 1;

	ret = 0;
	if (arg.size < need)
		ret = -ENOSPC;
	else if (copy_to_user(u64_to_user_ptr(arg.buf), text, need))
		ret = -EFAULT;
	if (ret == -EFAULT)
		goto out;

	memset(&arg, 0, sizeof(arg));
	arg.argsz = sizeof(arg);
	arg.size = need;
	if (ss_cdev_write(uarg, usize, &arg, sizeof(arg), false))
		ret = -EFAULT;
out:
	kvfree(text);
	return ret;
}

/* An open file of the device: the recording it started, if any. */
struct ss_cdev_file {
	struct mutex lock;	/* one call at a time works on the recording */
	struct ss_recording *rec;
};

/* Records copied out per call at most: the buffer is the kernel's own. */
#define SS_CDEV_RECORD_CHUNK	4096

static long ss_cdev_record_start(struct ss_cdev_file *f,
				 const struct shadowstat_record *arg,
				 struct ss_rec_status *st)
{
	if (f->rec)
		return -EBUSY;
	if (arg->capacity < SHADOWSTAT_RECORD_MIN_CAPACITY ||
	    arg->capacity > SHADOWSTAT_RECORD_MAX_CAPACITY ||
	    !is_power_of_2(arg->capacity))
		return -EINVAL;
	return ss_rec_start(&f->rec, arg->vm_id, arg->capacity, st);
}

static long ss_cdev_record_locked(struct ss_cdev_file *f,
				  struct shadowstat_record *arg)
{
	struct shadowstat_sp_record *buf;
	struct ss_rec_status st = {};
	u32 room, n, done = 0;
	size_t esz;
	long ret;

	if (arg->flags & SHADOWSTAT_RECORD_START) {
		ret = ss_cdev_record_start(f, arg, &st);
		if (ret)
			return ret;
	} else if (arg->capacity) {
		return -EINVAL;
	}
	if (!f->rec || f->rec->vm_id != arg->vm_id)
		return f->rec ? -EINVAL : -ENOENT;
	if (arg->flags & SHADOWSTAT_RECORD_STOP)
		ss_rec_stop(f->rec);

	esz = min_t(size_t, arg->rec_size, sizeof(*buf));
	buf = kvmalloc_array(SS_CDEV_RECORD_CHUNK, sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = 0;
	do {
		room = min_t(u32, arg->nr - done, SS_CDEV_RECORD_CHUNK);
		n = ss_rec_read(f->rec, buf, room, &st);
		for (u32 i = 0; i < n && !ret; i++) {
			void __user *dst = u64_to_user_ptr(arg->recs) +
					   (size_t)(done + i) * arg->rec_size;

			/* a record popped is gone: a bad buffer loses it */
			if (ss_cdev_write(dst, arg->rec_size, &buf[i], esz, true))
				ret = -EFAULT;
		}
		done += n;
	} while (!ret && n == room && done < arg->nr);
	kvfree(buf);
	if (ret)
		return ret;
	arg->nr = done;
	arg->state = st.state;
	arg->lost = st.lost;
	arg->mark = st.mark;
	arg->cache_miss = st.cache_miss;
	arg->recycled = st.recycled;
	arg->limit = st.limit;
	arg->used = st.used;
	return 0;
}

static long ss_cdev_record(struct file *file, void __user *uarg)
{
	struct ss_cdev_file *f = file->private_data;
	struct shadowstat_record arg = {};
	u32 usize;
	long ret;

	ret = ss_cdev_read_arg(&arg, sizeof(arg), SHADOWSTAT_RECORD_SIZE_V1,
			       uarg, &usize);
	if (ret)
		return ret;
	if ((arg.flags & ~(SHADOWSTAT_RECORD_START | SHADOWSTAT_RECORD_STOP)) ||
	    (arg.flags & SHADOWSTAT_RECORD_START && arg.flags & SHADOWSTAT_RECORD_STOP) ||
	    !ss_cdev_elem_size_ok(arg.rec_size, SHADOWSTAT_SP_RECORD_SIZE_V1))
		return -EINVAL;
	if (arg.nr && !arg.recs)
		return -EFAULT;
	if (arg.nr > SHADOWSTAT_RECORD_MAX_CAPACITY)
		return -EINVAL;

	mutex_lock(&f->lock);
	ret = ss_cdev_record_locked(f, &arg);
	mutex_unlock(&f->lock);
	if (ret)
		return ret;
	arg.argsz = sizeof(arg);
	arg.rec_size = sizeof(struct shadowstat_sp_record);
	arg.capacity = 0;
	if (ss_cdev_write(uarg, usize, &arg, sizeof(arg), false))
		return -EFAULT;
	return 0;
}

static long ss_cdev_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;

	switch (cmd) {
	case SHADOWSTAT_IOC_GET_VERSION:
		return ss_cdev_get_version(uarg);
	case SHADOWSTAT_IOC_GET_SCHEMA:
		return ss_cdev_get_schema(uarg);
	case SHADOWSTAT_IOC_LIST_VMS:
		return ss_cdev_list_vms(uarg);
	case SHADOWSTAT_IOC_READ_STATS:
		return ss_cdev_read_stats(uarg);
	case SHADOWSTAT_IOC_READ_STATUS:
		return ss_cdev_read_status(uarg);
	case SHADOWSTAT_IOC_RECORD:
		return ss_cdev_record(file, uarg);
	}
	return -ENOTTY;
}

static int ss_cdev_open(struct inode *inode, struct file *file)
{
	struct ss_cdev_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

/* A recording ends with the file that started it, however the CLI ends. */
static int ss_cdev_release(struct inode *inode, struct file *file)
{
	struct ss_cdev_file *f = file->private_data;

	ss_rec_free(f->rec);
	mutex_destroy(&f->lock);
	kfree(f);
	return 0;
}

static const struct file_operations ss_cdev_fops = {
	.owner		= THIS_MODULE,
	.open		= ss_cdev_open,
	.release	= ss_cdev_release,
	.unlocked_ioctl	= ss_cdev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

static struct miscdevice ss_cdev_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= SHADOWSTAT_DEVICE_NAME,
	.fops	= &ss_cdev_fops,
	.mode	= 0600,
};

int ss_chardev_init(void)
{
	int ret;

	ret = misc_register(&ss_cdev_misc);
	if (ret)
		pr_err("cannot register /dev/%s: %d\n", SHADOWSTAT_DEVICE_NAME,
		       ret);
	return ret;
}

void ss_chardev_exit(void)
{
	misc_deregister(&ss_cdev_misc);
}
