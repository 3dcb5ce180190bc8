// SPDX-License-Identifier: GPL-2.0
/* `shadowstat show VM`: every stat of one VM, with its description. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "resolve.h"

int ss_cmd_show(struct ss_ctx *ctx)
{
	struct ss_listing l = { .schema = &ctx->schema };
	struct ss_snapshot snap;
	size_t row = 0;
	struct ss_vm vm;
	char msg[256];
	int err;

	err = ss_find_vm(ctx, &vm);
	if (err)
		return err;
	err = shadowstat_read_vm(ctx->dev, vm.id, ctx->schema.nr, &snap);
	if (err == -ENOENT) {
		ss_err("VM %s went away", vm.name);
		return SS_EXIT_FAIL;
	}
	if (err) {
		ss_err("reading stats of %s: %s", vm.name,
		       shadowstat_strerror(err, ctx->args->device, msg,
					   sizeof(msg)));
		return SS_EXIT_FAIL;
	}
	if (snap.nr_vms == 1)
		memcpy(snap.vms[0].guest, vm.guest, sizeof(vm.guest));
	l.snap = &snap;
	l.rows = &row;
	l.nr_rows = snap.nr_vms ? 1 : 0;
	ss_print_listing(ctx, &l, ss_format_table_show);
	ss_snapshot_free(&snap);
	return SS_EXIT_OK;
}
