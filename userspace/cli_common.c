// SPDX-License-Identifier: GPL-2.0
/* Helpers every command of the CLI uses. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "resolve.h"
#include "guestname.h"
#include "jsonw.h"

static bool ss_errors_json;

void ss_err_json(bool on)
{
	ss_errors_json = on;
}

void ss_err(const char *fmt, ...)
{
	struct ss_jw w;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!ss_errors_json) {
		fprintf(stderr, "shadowstat: %s\n", msg);
		return;
	}
	jw_init(&w, stdout);
	jw_obj_begin(&w);
	jw_kv_str(&w, "error", msg);
	jw_obj_end(&w);
	jw_end(&w);
}

void ss_fill_guest(struct ss_vm *vm)
{
	/* the module's, read when the VM was new, cannot be a reused pid's */
	if (vm->guest[0])
		return;
	if (ss_guest_of_pid(NULL, vm->pid, vm->guest, sizeof(vm->guest)))
		vm->guest[0] = '\0';
}

int ss_read_snapshot(struct ss_ctx *ctx, struct ss_snapshot *snap_ret)
{
	char msg[256];
	size_t i;
	int err;

	err = shadowstat_read_all(ctx->dev, ctx->schema.nr, snap_ret);
	if (err) {
		ss_err("reading stats: %s",
		       shadowstat_strerror(err, ctx->args->device, msg,
					   sizeof(msg)));
		return err;
	}
	for (i = 0; i < snap_ret->nr_vms; i++)
		ss_fill_guest(&snap_ret->vms[i]);
	return 0;
}

void ss_print_listing(struct ss_ctx *ctx, const struct ss_listing *l,
		      void (*table)(FILE *f, const struct ss_listing *l))
{
	switch (ctx->args->format) {
	case SS_FMT_JSON:
		ss_format_json(ctx->out, l);
		break;
	case SS_FMT_CSV:
		ss_format_csv(ctx->out, l, true);
		break;
	case SS_FMT_PROM:
		ss_format_prom(ctx->out, l);
		break;
	case SS_FMT_TABLE:
		table(ctx->out, l);
		break;
	}
}

int ss_find_vm(struct ss_ctx *ctx, struct ss_vm *vm_ret)
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
