/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * shadowstat: binary interface of the misc device /dev/shadowstat.
 *
 * The device mirrors KVM's x86 shadow-page accounting per VM. It is a
 * read-only interface: no call changes any state of the module or of KVM.
 * The same statistics are in debugfs (/sys/kernel/debug/shadowstat/) for
 * ad-hoc use; this device is the stable interface, and it keeps working
 * where debugfs is locked down.
 *
 * Access: the node is mode 0600 and every ioctl needs CAP_SYS_ADMIN in the
 * initial user namespace (EPERM otherwise). Open it with O_RDONLY|O_CLOEXEC.
 *
 * Calls (all under _IO() numbers, so no size is baked into the command):
 *
 *   SHADOWSTAT_IOC_GET_VERSION  ABI version, feature bits, number of stats
 *   SHADOWSTAT_IOC_GET_SCHEMA   name, kind, unit and description of each stat
 *   SHADOWSTAT_IOC_LIST_VMS     the VMs being tracked
 *   SHADOWSTAT_IOC_READ_STATS   values of one VM or of all VMs, plus totals
 *   SHADOWSTAT_IOC_READ_STATUS  the status report as text
 *   SHADOWSTAT_IOC_RECORD       one VM's shadow-page stream (record/replay)
 *
 * Each call's argument starts with
 *
 *	__u32 argsz;	in: sizeof() of the struct the caller was built with
 *			out: the size this module would write for the call
 *	__u32 flags;	in: behaviour bits; unknown bits are rejected
 *
 * Versioning and extension rules (new and old programs must work with new
 * and old modules, in both directions):
 *
 *  1. Input is strict. argsz below the call's original size
 *     (SHADOWSTAT_*_SIZE_V1) is EINVAL. argsz above the module's size is
 *     accepted only if every byte the module does not know is zero, else
 *     E2BIG; argsz above SHADOWSTAT_ARGSZ_MAX is always E2BIG. Unknown flag
 *     bits, nonzero "reserved" fields and out-of-range sizes are EINVAL.
 *     Fields marked "out" are ignored on input (zero them anyway).
 *  2. Output is lenient. The module writes min(argsz, its size) bytes of
 *     the struct and sets argsz to its own size, so a caller learns whether
 *     an appended output field was filled: valid when
 *     argsz_out >= offsetof(field) + sizeof(field). Array elements follow
 *     the same rule with their own size field (desc_size, vm_size, and
 *     num_stats for value rows): the module writes min(caller's, its own)
 *     per element, zero-fills the rest of each caller element and reports
 *     its own size.
 *  3. A struct only grows at its tail; fields are never moved, resized or
 *     reused. A new field's zero value means the old behaviour. A new
 *     behaviour that zero cannot express gets a flag bit, and a new call
 *     gets a new command number; both are announced by a feature bit in
 *     SHADOWSTAT_IOC_GET_VERSION.
 *  4. SHADOWSTAT_ABI_VERSION changes only for an incompatible break (none
 *     is planned). A program should refuse a module whose abi_version
 *     differs from the one it was built with and use feature bits for the
 *     rest.
 *  5. Statistics are self-describing (as KVM_GET_STATS_FD): adding,
 *     removing or reordering a stat in the module needs no ABI change.
 *     Value arrays are in schema order; programs find stats by name, show
 *     stats they do not know with the schema's text, and treat an unknown
 *     kind as a gauge and an unknown unit as SHADOWSTAT_UNIT_NONE.
 *  6. Buffers that are too small: the call fails with ENOSPC and writes
 *     the header back with the count it needs (nr_vms, num_stats, size).
 *     Nothing is written to the arrays then. VMs may come and go, so retry
 *     with some room to spare.
 *
 * Errors common to all calls: EPERM (no CAP_SYS_ADMIN), ENOTTY (unknown
 * command), EFAULT (bad pointer, including NULL for a nonempty array),
 * EINVAL, E2BIG, ENOSPC (above), ENOMEM. SHADOWSTAT_IOC_RECORD also: EBUSY (the
 * VM, or the file, records already), EOPNOTSUPP (no shadow-page hooks).
 *
 * Pointers are passed as __u64 (userspace: (__u64)(uintptr_t)ptr). There is
 * no implicit padding; the layout is checked at compile time at the end of
 * this file, in the module and in every program that includes it.
 */
#ifndef _UAPI_SHADOWSTAT_H
#define _UAPI_SHADOWSTAT_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define SHADOWSTAT_DEVICE_NAME	"shadowstat"
#define SHADOWSTAT_DEVICE_PATH	"/dev/shadowstat"

#define SHADOWSTAT_ABI_VERSION	1

/* Feature bits reported by SHADOWSTAT_IOC_GET_VERSION. */
#define SHADOWSTAT_FEAT_SCHEMA		(1ULL << 0)	/* GET_SCHEMA */
#define SHADOWSTAT_FEAT_LIST_VMS	(1ULL << 1)	/* LIST_VMS */
#define SHADOWSTAT_FEAT_READ_STATS	(1ULL << 2)	/* READ_STATS, one VM */
#define SHADOWSTAT_FEAT_READ_ALL	(1ULL << 3)	/* SHADOWSTAT_READ_ALL */
#define SHADOWSTAT_FEAT_STATUS		(1ULL << 4)	/* READ_STATUS */
#define SHADOWSTAT_FEAT_STATUS_RECORDS	(1ULL << 5)	/* SHADOWSTAT_STATUS_RECORDS */
#define SHADOWSTAT_FEAT_DEPARTED	(1ULL << 6)	/* SHADOWSTAT_READ_DEPARTED */
#define SHADOWSTAT_FEAT_RECORD		(1ULL << 7)	/* SHADOWSTAT_IOC_RECORD */

/* Limits of this ABI version; a module may report lower ones. */
#define SHADOWSTAT_ARGSZ_MAX	4096	/* largest argsz accepted */
#define SHADOWSTAT_ELEM_MAX	1024	/* largest desc_size / vm_size */
#define SHADOWSTAT_MAX_STATS	256	/* largest num_stats accepted */
#define SHADOWSTAT_MAX_VMS	4096	/* most VMs one call returns */
#define SHADOWSTAT_STATUS_MAX	65536	/* longest status text, with NUL */

#define SHADOWSTAT_NAME_SIZE	64	/* stat name, NUL-terminated */
#define SHADOWSTAT_DESC_SIZE	192	/* stat description, NUL-terminated */
#define SHADOWSTAT_VM_NAME_SIZE	32	/* "<pid>-<fd>", NUL-terminated */
#define SHADOWSTAT_GUEST_NAME_SIZE	64	/* QEMU's -name, NUL-terminated */

/*
 * A value whose source is unavailable on this kernel (a hook that could not
 * be attached, a layout not found) reads as this, never as a made-up
 * number; a total of a stat unavailable for one VM is unavailable too.
 */
#define SHADOWSTAT_VALUE_UNAVAILABLE	(-0x7fffffffffffffffLL - 1)

/* Stat kinds (struct shadowstat_stat_desc.kind). */
#define SHADOWSTAT_KIND_GAUGE		0	/* instant value, may go down */
#define SHADOWSTAT_KIND_CUMULATIVE	1	/* only grows while the VM lives */
#define SHADOWSTAT_KIND_PEAK		2	/* highest value seen */
#define SHADOWSTAT_KIND_RATIO		3	/* of two other stats; it has no total */
#define SHADOWSTAT_KIND_MAX		SHADOWSTAT_KIND_RATIO

/* Stat units (struct shadowstat_stat_desc.unit). */
#define SHADOWSTAT_UNIT_NONE		0
#define SHADOWSTAT_UNIT_PAGES		1	/* 4 KiB page-table pages */
#define SHADOWSTAT_UNIT_PPM		2	/* parts per million */
#define SHADOWSTAT_UNIT_SECONDS		3
#define SHADOWSTAT_UNIT_MAX		SHADOWSTAT_UNIT_SECONDS

/* MMU modes (struct shadowstat_vm_info.mmu_mode). */
#define SHADOWSTAT_MMU_UNKNOWN		0
#define SHADOWSTAT_MMU_SHADOW		1	/* shadow paging (tdp off) */
#define SHADOWSTAT_MMU_TDP		2	/* EPT/NPT with the TDP MMU */
#define SHADOWSTAT_MMU_TDP_LEGACY	3	/* EPT/NPT, tdp_mmu=0 */
#define SHADOWSTAT_MMU_MAX		SHADOWSTAT_MMU_TDP_LEGACY

#define SHADOWSTAT_IOC_TYPE	0xBC	/* free in ioctl-number.rst */

/**
 * struct shadowstat_version - SHADOWSTAT_IOC_GET_VERSION
 * @argsz:	in: sizeof(struct); out: the module's size
 * @flags:	in: must be 0
 * @abi_version: out: SHADOWSTAT_ABI_VERSION of the module
 * @num_stats:	out: number of stats in the schema (values per VM)
 * @features:	out: SHADOWSTAT_FEAT_* bits
 * @max_vms:	out: most VMs one LIST_VMS or READ_STATS call returns
 * @desc_size:	out: the module's sizeof(struct shadowstat_stat_desc)
 * @vm_size:	out: the module's sizeof(struct shadowstat_vm_info)
 * @reserved:	in: must be 0; out: 0
 */
struct shadowstat_version {
	__u32 argsz;
	__u32 flags;
	__u32 abi_version;
	__u32 num_stats;
	__u64 features;
	__u32 max_vms;
	__u32 desc_size;
	__u32 vm_size;
	__u32 reserved;
};

#define SHADOWSTAT_VERSION_SIZE_V1	40

/**
 * struct shadowstat_stat_desc - one stat of the schema (array element)
 * @kind:	SHADOWSTAT_KIND_*
 * @unit:	SHADOWSTAT_UNIT_*
 * @flags:	0 for now
 * @reserved:	0
 * @name:	stable identifier, [a-z0-9_], also the debugfs file name
 * @desc:	one-line description for people
 */
struct shadowstat_stat_desc {
	__u32 kind;
	__u32 unit;
	__u32 flags;
	__u32 reserved;
	char name[SHADOWSTAT_NAME_SIZE];
	char desc[SHADOWSTAT_DESC_SIZE];
};

#define SHADOWSTAT_STAT_DESC_SIZE_V1	272

/**
 * struct shadowstat_schema - SHADOWSTAT_IOC_GET_SCHEMA
 * @argsz:	in: sizeof(struct); out: the module's size
 * @flags:	in: must be 0
 * @num_stats:	in: capacity of @descs in elements; out: number of stats
 *		(on ENOSPC, the capacity needed)
 * @desc_size:	in: size of one element of @descs, at least
 *		SHADOWSTAT_STAT_DESC_SIZE_V1; out: the module's element size
 * @descs:	in: pointer to @num_stats elements of @desc_size bytes
 *
 * Index i of the schema is index i of every value row of READ_STATS.
 */
struct shadowstat_schema {
	__u32 argsz;
	__u32 flags;
	__u32 num_stats;
	__u32 desc_size;
	__u64 descs;
};

#define SHADOWSTAT_SCHEMA_SIZE_V1	24

/**
 * struct shadowstat_vm_info - one tracked VM (array element)
 * @vm_id:	id of the VM for shadowstat's life, never reused; a counter,
 *		not an address
 * @pid:	pid (in the initial pid namespace) of the process that
 *		created the VM
 * @fd:		VM file descriptor in that process, -1 when unknown
 * @mmu_mode:	SHADOWSTAT_MMU_*
 * @flags:	0 for now
 * @created_ns:	CLOCK_REALTIME, ns, when shadowstat first saw the VM
 * @name:	"<pid>-<fd>" as KVM's debugfs directory, NUL-terminated
 * @guest:	(V2) the guest name in the VMM's command line (QEMU's -name), read
 *		from its first 4 KiB when shadowstat first saw the VM, so that a
 *		departed VM keeps it; "" when there is none (or a V1 module)
 */
struct shadowstat_vm_info {
	__u64 vm_id;
	__s32 pid;
	__s32 fd;
	__u32 mmu_mode;
	__u32 flags;
	__u64 created_ns;
	char name[SHADOWSTAT_VM_NAME_SIZE];
	char guest[SHADOWSTAT_GUEST_NAME_SIZE];
};

#define SHADOWSTAT_VM_INFO_SIZE_V1	64
#define SHADOWSTAT_VM_INFO_SIZE_V2	128

/**
 * struct shadowstat_list_vms - SHADOWSTAT_IOC_LIST_VMS
 * @argsz:	in: sizeof(struct); out: the module's size
 * @flags:	in: must be 0
 * @nr_vms:	in: capacity of @vms in elements; out: number of VMs
 *		written (on ENOSPC, the number of VMs there are)
 * @vm_size:	in: size of one element of @vms, at least
 *		SHADOWSTAT_VM_INFO_SIZE_V1; out: the module's element size
 * @vms:	in: pointer to @nr_vms elements of @vm_size bytes
 *
 * Passing nr_vms = 0 and vms = 0 is a cheap way to count the VMs: it
 * returns ENOSPC with the count, or 0 when there is no VM.
 */
struct shadowstat_list_vms {
	__u32 argsz;
	__u32 flags;
	__u32 nr_vms;
	__u32 vm_size;
	__u64 vms;
};

#define SHADOWSTAT_LIST_VMS_SIZE_V1	24

/* struct shadowstat_read_stats.flags */
#define SHADOWSTAT_READ_ALL	(1U << 0)	/* every VM, not @vm_id */
/*
 * With SHADOWSTAT_READ_ALL: the VMs KVM has destroyed since the module
 * loaded (the most recent SHADOWSTAT_MAX_DEPARTED), not the live ones, each
 * row as it stood when kvm_arch_destroy_vm() returned, after KVM's last
 * zap: a shadow or TDP page still counted then is a leak. Stats that need
 * the page walk read as unavailable.
 */
#define SHADOWSTAT_READ_DEPARTED (1U << 1)
#define SHADOWSTAT_MAX_DEPARTED	64

/**
 * struct shadowstat_read_stats - SHADOWSTAT_IOC_READ_STATS
 * @argsz:	in: sizeof(struct); out: the module's size
 * @flags:	in: SHADOWSTAT_READ_ALL or 0
 * @vm_id:	in: the VM to read without SHADOWSTAT_READ_ALL (ENOENT if it
 *		is gone); must be 0 with SHADOWSTAT_READ_ALL
 * @nr_vms:	in: capacity of @vms and of @values in rows (ignored when
 *		both are 0); out: rows taken (on ENOSPC, the rows needed)
 * @num_stats:	in: values per row in @values and number of @totals (1 to
 *		SHADOWSTAT_MAX_STATS); out: the module's number of stats
 * @vm_size:	in: element size of @vms (at least SHADOWSTAT_VM_INFO_SIZE_V1
 *		when @vms is set, else 0 or a valid size); out: the module's
 * @reserved:	in: must be 0; out: 0
 * @vms:	in: optional pointer to @nr_vms elements of @vm_size bytes: the
 *		VM of each row, so one call gives names and values that match
 * @values:	in: optional pointer to @nr_vms rows of @num_stats __s64, in
 *		schema order
 * @totals:	in: optional pointer to @num_stats __s64: each stat summed
 *		over all tracked VMs (with SHADOWSTAT_READ_ALL, over the rows
 *		returned, so rows and totals always add up)
 * @timestamp_ns: out: CLOCK_MONOTONIC, ns, when the snapshot was taken;
 *		use it, not the time of the call, to compute rates
 *
 * Each row is one consistent snapshot of its VM; with SHADOWSTAT_READ_ALL
 * all rows are taken in one call, back to back, before anything is copied
 * out. A VM that goes away while the call runs is left out.
 */
struct shadowstat_read_stats {
	__u32 argsz;
	__u32 flags;
	__u64 vm_id;
	__u32 nr_vms;
	__u32 num_stats;
	__u32 vm_size;
	__u32 reserved;
	__u64 vms;
	__u64 values;
	__u64 totals;
	__u64 timestamp_ns;
};

#define SHADOWSTAT_READ_STATS_SIZE_V1	64

/*
 * struct shadowstat_status.flags: the report as records for programs, not
 * text for people. One record per line; fields are separated by a tab; the
 * first is the record's type, every other one "key=value". A value holds no
 * tab and no newline; booleans are "true" and "false", numbers decimal.
 * Programs skip types and keys they do not know: new ones may be added.
 *   module   version, kernel
 *   kvm      attached, why
 *   layout   found, why, size, and the offset of each member it read
 *   source   of (a stat, or "shadow page owner"), from: how this kernel gives it
 *   call     name, called, why: a KVM function called through a pointer
 *   hook     name, type, symbol, attached, why, missed (probes that did not run)
 *   feature  name, on, stats (space-separated), why
 *   counter  name, value
 *   vm       name, unavailable (a stat), why
 */
#define SHADOWSTAT_STATUS_RECORDS	(1U << 0)

/**
 * struct shadowstat_status - SHADOWSTAT_IOC_READ_STATUS
 * @argsz:	in: sizeof(struct); out: the module's size
 * @flags:	in: SHADOWSTAT_STATUS_RECORDS or 0
 * @size:	in: size of @buf in bytes; out: length of the text plus its
 *		NUL (on ENOSPC, the size needed)
 * @reserved:	in: must be 0; out: 0
 * @buf:	in: pointer to @size bytes; receives a NUL-terminated text
 */
struct shadowstat_status {
	__u32 argsz;
	__u32 flags;
	__u32 size;
	__u32 reserved;
	__u64 buf;
};

#define SHADOWSTAT_STATUS_SIZE_V1	24

/*
 * SHADOWSTAT_IOC_RECORD: the stream of one VM's shadow pages, for replaying
 * it against other eviction policies (docs/record-format.md). A recording
 * belongs to the open file that started it and ends when that file is
 * closed; a VM has at most one (EBUSY). It starts with a snapshot of
 * active_mmu_pages, head (newest) first, taken under mmu_lock together with
 * the start, so that no event falls between the two. The module keeps the
 * records in a ring of @capacity records that KVM's paths fill without
 * blocking; when it is full, records are dropped and counted in @lost.
 */
enum shadowstat_rec_type {
	SHADOWSTAT_REC_SNAP = 1,	/* a page on active_mmu_pages at the start */
	SHADOWSTAT_REC_CREATE = 2,	/* a lookup that created the page */
	SHADOWSTAT_REC_REUSE = 3,	/* a lookup that found it */
	SHADOWSTAT_REC_ZAP = 4,		/* a page zapped, @cause says why */
	SHADOWSTAT_REC_LIMIT = 5,	/* a new limit (@gfn is the goal) */
	SHADOWSTAT_REC_OBSOLETE = 6,	/* every page so far became obsolete (fast zap) */
};

/* Why a page was zapped (SHADOWSTAT_REC_ZAP) */
enum shadowstat_zap_cause {
	SHADOWSTAT_ZAP_OTHER = 0,	/* none of the below could be told */
	SHADOWSTAT_ZAP_RECYCLE = 1,	/* kvm_mmu_zap_oldest_mmu_pages(): the limit */
	SHADOWSTAT_ZAP_OBSOLETE = 2,	/* an obsolete page (memslot change, fast zap) */
	SHADOWSTAT_ZAP_FAULT = 3,	/* from a vCPU: write flood, role mismatch */
	SHADOWSTAT_ZAP_SYNC = 4,	/* from a vCPU, an unsync page: sync failed */
	SHADOWSTAT_ZAP_VM = 5,		/* no vCPU: teardown, memslot, NX recovery */
};

/* SHADOWSTAT_REC_SNAP and _ZAP flags */
#define SHADOWSTAT_RECF_ROOT	(1U << 0)	/* root_count != 0: a vCPU's root */
#define SHADOWSTAT_RECF_UNSYNC	(1U << 1)	/* the page was unsync */
#define SHADOWSTAT_RECF_FIRST	(1U << 2)	/* _ZAP: the first of a recycle call */

/**
 * struct shadowstat_sp_record - one record of the stream
 * @gfn:	the page's gfn (SHADOWSTAT_REC_LIMIT: the goal)
 * @page:	the page's identity while it lives: a keyed hash, not an address
 * @role:	kvm_mmu_page_role.word
 * @type:	enum shadowstat_rec_type
 * @flags:	SHADOWSTAT_RECF_*
 * @cause:	enum shadowstat_zap_cause
 */
struct shadowstat_sp_record {
	__u64 gfn;
	__u64 page;
	__u32 role;
	__u8 type;
	__u8 flags;
	__u16 cause;
};

#define SHADOWSTAT_SP_RECORD_SIZE_V1	24

#define SHADOWSTAT_RECORD_START	(1U << 0)	/* begin: snapshot, then every event */
#define SHADOWSTAT_RECORD_STOP	(1U << 1)	/* end, after this call's records */

/* @state bits */
#define SHADOWSTAT_RECSTATE_VM_GONE	(1U << 0)	/* KVM destroyed the VM */
#define SHADOWSTAT_RECSTATE_STOPPED	(1U << 1)	/* nothing more will come */

#define SHADOWSTAT_RECORD_MIN_CAPACITY	1024
#define SHADOWSTAT_RECORD_MAX_CAPACITY	(1U << 22)

/**
 * struct shadowstat_record - SHADOWSTAT_IOC_RECORD
 * @argsz:	in: sizeof(struct); out: the module's size
 * @flags:	in: SHADOWSTAT_RECORD_START, SHADOWSTAT_RECORD_STOP or 0 (read)
 * @vm_id:	in: the VM (the recording's own after START)
 * @capacity:	in, START: records the ring holds, a power of two within
 *		SHADOWSTAT_RECORD_MIN/MAX_CAPACITY; else 0
 * @nr:		in: room in @recs, in records; out: records written there
 * @rec_size:	in: the caller's sizeof(struct shadowstat_sp_record)
 *		(>= SHADOWSTAT_SP_RECORD_SIZE_V1); out: the module's
 * @state:	out: SHADOWSTAT_RECSTATE_*
 * @recs:	in: pointer to @nr records
 * @lost:	out: records dropped since START because the ring was full
 * @mark:	out: records accepted into the ring (lost ones excluded) when
 *		the KVM counters below were read; the counters match the
 *		stream up to there (0 and the counters unset once the VM is gone)
 * @cache_miss:	out: kvm->stat.mmu_cache_miss at @mark
 * @recycled:	out: kvm->stat.mmu_recycled at @mark
 * @limit:	out: n_max_mmu_pages at @mark
 * @used:	out: n_used_mmu_pages at @mark
 */
struct shadowstat_record {
	__u32 argsz;
	__u32 flags;
	__u64 vm_id;
	__u32 capacity;
	__u32 nr;
	__u32 rec_size;
	__u32 state;
	__u64 recs;
	__u64 lost;
	__u64 mark;
	__u64 cache_miss;
	__u64 recycled;
	__u64 limit;
	__u64 used;
};

#define SHADOWSTAT_RECORD_SIZE_V1	88

#define SHADOWSTAT_IOC_GET_VERSION	_IO(SHADOWSTAT_IOC_TYPE, 0x00)
#define SHADOWSTAT_IOC_GET_SCHEMA	_IO(SHADOWSTAT_IOC_TYPE, 0x01)
#define SHADOWSTAT_IOC_LIST_VMS		_IO(SHADOWSTAT_IOC_TYPE, 0x02)
#define SHADOWSTAT_IOC_READ_STATS	_IO(SHADOWSTAT_IOC_TYPE, 0x03)
#define SHADOWSTAT_IOC_READ_STATUS	_IO(SHADOWSTAT_IOC_TYPE, 0x04)
#define SHADOWSTAT_IOC_RECORD		_IO(SHADOWSTAT_IOC_TYPE, 0x05)

/*
 * Layout gate, checked by every compiler that includes this file (the module
 * and the programs, 64-bit and 32-bit, C and C++): sizes and offsets are the
 * ABI. A failure ("size of array is negative", naming the struct and field)
 * means a change broke the ABI; append fields instead.
 */
#define __SHADOWSTAT_CHECK(name, cond)					\
	extern char __shadowstat_abi_##name[(cond) ? 1 : -1]
#define __SHADOWSTAT_LAYOUT(type, field, off)				\
	__SHADOWSTAT_CHECK(type##__##field,				\
			   __builtin_offsetof(struct type, field) == (off))
#define __SHADOWSTAT_SIZE(type, size)					\
	__SHADOWSTAT_CHECK(type##__size, sizeof(struct type) == (size))

__SHADOWSTAT_SIZE(shadowstat_version, SHADOWSTAT_VERSION_SIZE_V1);
__SHADOWSTAT_LAYOUT(shadowstat_version, flags, 4);
__SHADOWSTAT_LAYOUT(shadowstat_version, abi_version, 8);
__SHADOWSTAT_LAYOUT(shadowstat_version, num_stats, 12);
__SHADOWSTAT_LAYOUT(shadowstat_version, features, 16);
__SHADOWSTAT_LAYOUT(shadowstat_version, max_vms, 24);
__SHADOWSTAT_LAYOUT(shadowstat_version, desc_size, 28);
__SHADOWSTAT_LAYOUT(shadowstat_version, vm_size, 32);
__SHADOWSTAT_LAYOUT(shadowstat_version, reserved, 36);

__SHADOWSTAT_SIZE(shadowstat_stat_desc, SHADOWSTAT_STAT_DESC_SIZE_V1);
__SHADOWSTAT_LAYOUT(shadowstat_stat_desc, unit, 4);
__SHADOWSTAT_LAYOUT(shadowstat_stat_desc, flags, 8);
__SHADOWSTAT_LAYOUT(shadowstat_stat_desc, reserved, 12);
__SHADOWSTAT_LAYOUT(shadowstat_stat_desc, name, 16);
__SHADOWSTAT_LAYOUT(shadowstat_stat_desc, desc, 80);

__SHADOWSTAT_SIZE(shadowstat_schema, SHADOWSTAT_SCHEMA_SIZE_V1);
__SHADOWSTAT_LAYOUT(shadowstat_schema, num_stats, 8);
__SHADOWSTAT_LAYOUT(shadowstat_schema, desc_size, 12);
__SHADOWSTAT_LAYOUT(shadowstat_schema, descs, 16);

__SHADOWSTAT_SIZE(shadowstat_vm_info, SHADOWSTAT_VM_INFO_SIZE_V2);
__SHADOWSTAT_LAYOUT(shadowstat_vm_info, pid, 8);
__SHADOWSTAT_LAYOUT(shadowstat_vm_info, fd, 12);
__SHADOWSTAT_LAYOUT(shadowstat_vm_info, mmu_mode, 16);
__SHADOWSTAT_LAYOUT(shadowstat_vm_info, flags, 20);
__SHADOWSTAT_LAYOUT(shadowstat_vm_info, created_ns, 24);
__SHADOWSTAT_LAYOUT(shadowstat_vm_info, name, 32);
__SHADOWSTAT_LAYOUT(shadowstat_vm_info, guest, 64);

__SHADOWSTAT_SIZE(shadowstat_list_vms, SHADOWSTAT_LIST_VMS_SIZE_V1);
__SHADOWSTAT_LAYOUT(shadowstat_list_vms, nr_vms, 8);
__SHADOWSTAT_LAYOUT(shadowstat_list_vms, vm_size, 12);
__SHADOWSTAT_LAYOUT(shadowstat_list_vms, vms, 16);

__SHADOWSTAT_SIZE(shadowstat_read_stats, SHADOWSTAT_READ_STATS_SIZE_V1);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, vm_id, 8);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, nr_vms, 16);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, num_stats, 20);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, vm_size, 24);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, reserved, 28);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, vms, 32);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, values, 40);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, totals, 48);
__SHADOWSTAT_LAYOUT(shadowstat_read_stats, timestamp_ns, 56);

__SHADOWSTAT_SIZE(shadowstat_status, SHADOWSTAT_STATUS_SIZE_V1);
__SHADOWSTAT_LAYOUT(shadowstat_status, size, 8);
__SHADOWSTAT_LAYOUT(shadowstat_status, reserved, 12);
__SHADOWSTAT_LAYOUT(shadowstat_status, buf, 16);

__SHADOWSTAT_SIZE(shadowstat_sp_record, SHADOWSTAT_SP_RECORD_SIZE_V1);
__SHADOWSTAT_LAYOUT(shadowstat_sp_record, page, 8);
__SHADOWSTAT_LAYOUT(shadowstat_sp_record, role, 16);
__SHADOWSTAT_LAYOUT(shadowstat_sp_record, type, 20);
__SHADOWSTAT_LAYOUT(shadowstat_sp_record, flags, 21);
__SHADOWSTAT_LAYOUT(shadowstat_sp_record, cause, 22);

__SHADOWSTAT_SIZE(shadowstat_record, SHADOWSTAT_RECORD_SIZE_V1);
__SHADOWSTAT_LAYOUT(shadowstat_record, vm_id, 8);
__SHADOWSTAT_LAYOUT(shadowstat_record, capacity, 16);
__SHADOWSTAT_LAYOUT(shadowstat_record, nr, 20);
__SHADOWSTAT_LAYOUT(shadowstat_record, rec_size, 24);
__SHADOWSTAT_LAYOUT(shadowstat_record, state, 28);
__SHADOWSTAT_LAYOUT(shadowstat_record, recs, 32);
__SHADOWSTAT_LAYOUT(shadowstat_record, lost, 40);
__SHADOWSTAT_LAYOUT(shadowstat_record, mark, 48);
__SHADOWSTAT_LAYOUT(shadowstat_record, used, 80);

#undef __SHADOWSTAT_CHECK
#undef __SHADOWSTAT_LAYOUT
#undef __SHADOWSTAT_SIZE

#endif /* _UAPI_SHADOWSTAT_H */
