/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the shadowstat CLI's commands. */
#ifndef SS_CLI_H
#define SS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "args.h"
#include "format.h"
#include "lib/libshadowstat.h"

#define SS_CLI_VERSION "0.1.0"

/* Exit codes */
enum { SS_EXIT_OK = 0, SS_EXIT_FAIL = 1, SS_EXIT_USAGE = 2 };

struct ss_ctx {
	const struct ss_args *args;
	struct shadowstat *dev;
	struct ss_schema schema;
	FILE *out;
};

/*
 * "shadowstat: <message>" on stderr, one line; after ss_err_json(true),
 * {"error":"<message>"} on stdout instead, as bpftool's p_err() does.
 */
void ss_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ss_err_json(bool on);

/* Snapshot all VMs and find their guest names; reports its own errors. */
int ss_read_snapshot(struct ss_ctx *ctx, struct ss_snapshot *snap_ret);
/* Fill in vm->guest, when the module did not, from the VMM's command line. */
void ss_fill_guest(struct ss_vm *vm);
/* The VM the command's argument names (ss_resolve_vm); reports its own errors. */
int ss_find_vm(struct ss_ctx *ctx, struct ss_vm *vm_ret);
/* Print a listing in the format asked for (the table is @table's). */
void ss_print_listing(struct ss_ctx *ctx, const struct ss_listing *l,
		      void (*table)(FILE *f, const struct ss_listing *l));

int ss_cmd_list(struct ss_ctx *ctx);
int ss_cmd_show(struct ss_ctx *ctx);
int ss_cmd_status(struct ss_ctx *ctx);
int ss_cmd_top(struct ss_ctx *ctx);
int ss_cmd_doctor(struct ss_ctx *ctx);
int ss_cmd_history(struct ss_ctx *ctx);
int ss_cmd_log(struct ss_ctx *ctx);
int ss_cmd_plot(struct ss_ctx *ctx);
int ss_cmd_record(struct ss_ctx *ctx);
int ss_cmd_simulate(struct ss_ctx *ctx);

#endif /* SS_CLI_H */
