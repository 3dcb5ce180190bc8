/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libshadowstat: the ioctl layer of the shadowstat CLI.
 *
 * Conventions (as libbpf 1.0 and drgn): a function that can fail returns 0
 * or a negative errno and hands its result back through out parameters named
 * *_ret; nothing is written to them on failure. shadowstat_strerror() turns
 * an error of shadowstat_open() into a sentence that says what to do.
 */
#ifndef LIBSHADOWSTAT_H
#define LIBSHADOWSTAT_H

#include <stddef.h>
#include <stdint.h>

#include "../model.h"

struct shadowstat;

struct shadowstat_info {
	uint32_t abi_version;
	uint32_t num_stats;
	uint64_t features;
	uint32_t max_vms;
};

/*
 * Open the device (@path NULL: SHADOWSTAT_DEVICE_PATH) and check that it
 * speaks SHADOWSTAT_ABI_VERSION. Errors: -ENOENT (no device: module not
 * loaded), -ENXIO/-ENODEV (a stale node), -EACCES/-EPERM (not root),
 * -ENOTTY (not a shadowstat device), -EPROTO (other ABI version).
 */
int shadowstat_open(const char *path, struct shadowstat **ss_ret);
void shadowstat_close(struct shadowstat *ss);
const struct shadowstat_info *shadowstat_get_info(const struct shadowstat *ss);

/* Read the schema; free it with ss_schema_free(). */
int shadowstat_read_schema(struct shadowstat *ss, struct ss_schema *schema_ret);

/* List the VMs; free *vms_ret with free(). Guest names are left empty. */
int shadowstat_list_vms(struct shadowstat *ss, struct ss_vm **vms_ret,
			size_t *nr_ret);

/*
 * Snapshot all VMs, or one by id (-ENOENT if it is gone), with @nr_stats
 * values per VM (the schema's count); free with ss_snapshot_free().
 */
int shadowstat_read_all(struct shadowstat *ss, size_t nr_stats,
			struct ss_snapshot *snap_ret);
int shadowstat_read_vm(struct shadowstat *ss, uint64_t vm_id, size_t nr_stats,
		       struct ss_snapshot *snap_ret);
/*
 * The VMs KVM destroyed since the module loaded (the last
 * SHADOWSTAT_MAX_DEPARTED), oldest first, each as it stood after KVM's last
 * zap; -EOPNOTSUPP on an older module.
 */
int shadowstat_read_departed(struct shadowstat *ss, size_t nr_stats,
			     struct ss_snapshot *snap_ret);

/* The module's status text; free it with free(). */
int shadowstat_read_status(struct shadowstat *ss, char **text_ret);
/* The same as records (SHADOWSTAT_STATUS_RECORDS); -EOPNOTSUPP on an older module. */
int shadowstat_read_status_records(struct shadowstat *ss, char **records_ret);

struct shadowstat_record;
/*
 * One SHADOWSTAT_IOC_RECORD call (start, read or stop a recording, see the
 * uapi header); argsz and rec_size are set here. -EOPNOTSUPP on an older
 * module.
 */
int shadowstat_record(struct shadowstat *ss, struct shadowstat_record *arg);

/* A one-line explanation of @err from shadowstat_open() of @path. */
const char *shadowstat_strerror(int err, const char *path, char *buf,
				size_t size);

#endif /* LIBSHADOWSTAT_H */
