// SPDX-License-Identifier: GPL-2.0
/* `shadowstat show VM`: every stat of one VM, with its description. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "resolve.h"

/* Find the VM the user named; reports its own errors. */
static int ss_show_resolve(struct ss_ctx *ctx, struct ss_vm *vm_ret)
{
	char msg[512];
	struct ss_vm *vms;
	size_t nr, i, index;
	int err;

	err = shadowstat_list_vms(ctx->dev, &vms, &nr);
	if (err) {
		ss_err("listing VMs: %s",
		       shadowstat_strerror(err, ctx->args->device, msg,
					   sizeof(msg)));
		return SS_EXIT_FAIL;
	}
	for (i = 0; i < nr; i++)
		ss_fill_guest(&vms[i]);
	err = ss_resolve_vm(vms, nr, ctx->args->arg, &index, msg, sizeof(msg));
	if (!err)
		*vm_ret = vms[index];
	else
		ss_err("%s", msg);
	free(vms);
	return err ? SS_EXIT_FAIL : SS_EXIT_OK;
}

int ss_cmd_show(struct ss_ctx *ctx)
{
	struct ss_listing l = { .schema = &ctx->schema };
	struct ss_snapshot snap;
	size_t row = 0;
	struct ss_vm vm;
	char msg[256];
	int err;

	err = ss_show_resolve(ctx, &vm);
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
