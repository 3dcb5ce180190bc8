// SPDX-License-Identifier: GPL-2.0
/*
 * `shadowstat history`: the VMs KVM destroyed since the module loaded, each
 * as it stood after KVM's last zap. A page still counted then was never
 * freed, so this is where a teardown leak shows after the VM is gone.
 */
#include <errno.h>
#include <stdlib.h>

#include "cli.h"

int ss_cmd_history(struct ss_ctx *ctx)
{
	struct ss_listing l = { .schema = &ctx->schema, .departed = true };
	struct ss_snapshot snap;
	char msg[256];
	size_t *rows, i;
	int err;

	err = shadowstat_read_departed(ctx->dev, ctx->schema.nr, &snap);
	if (err == -EOPNOTSUPP) {
		ss_err("this module keeps no history of departed VMs (it predates SHADOWSTAT_READ_DEPARTED)");
		return SS_EXIT_FAIL;
	}
	if (err) {
		ss_err("reading departed VMs: %s",
		       shadowstat_strerror(err, ctx->args->device, msg, sizeof(msg)));
		return SS_EXIT_FAIL;
	}
	rows = calloc(snap.nr_vms + 1, sizeof(*rows));
	if (!rows) {
		ss_err("out of memory");
		ss_snapshot_free(&snap);
		return SS_EXIT_FAIL;
	}
	/* oldest first, as the module keeps them; their processes may be gone */
	for (i = 0; i < snap.nr_vms; i++)
		rows[i] = i;
	l.snap = &snap;
	l.rows = rows;
	l.nr_rows = snap.nr_vms;
	ss_print_listing(ctx, &l, ss_format_table_history);
	free(rows);
	ss_snapshot_free(&snap);
	return SS_EXIT_OK;
}
