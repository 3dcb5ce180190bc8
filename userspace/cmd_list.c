// SPDX-License-Identifier: GPL-2.0
/* `shadowstat [list]`: one line per VM, then the totals. */
#include <stdlib.h>

#include "cli.h"
#include "view.h"

int ss_cmd_list(struct ss_ctx *ctx)
{
	const struct ss_args *args = ctx->args;
	struct ss_listing l = { .schema = &ctx->schema, .totals = true };
	struct ss_snapshot snap;
	int key = SS_SORT_NONE;
	size_t *rows;

	if (args->sort && ss_sort_key_parse(&ctx->schema, args->sort, &key)) {
		ss_err("unknown sort key '%s': give vm, pid, guest or a stat (`shadowstat show VM` lists them)",
		       args->sort);
		return SS_EXIT_USAGE;
	}
	if (ss_read_snapshot(ctx, &snap))
		return SS_EXIT_FAIL;
	rows = calloc(snap.nr_vms + 1, sizeof(*rows));
	if (!rows) {
		ss_err("out of memory");
		ss_snapshot_free(&snap);
		return SS_EXIT_FAIL;
	}
	l.snap = &snap;
	l.rows = rows;
	l.nr_rows = ss_select_rows(&snap, args->pid, args->guest, rows);
	ss_sort_rows(&l, rows, key);
	ss_print_listing(ctx, &l, ss_format_table_list);
	free(rows);
	ss_snapshot_free(&snap);
	return SS_EXIT_OK;
}
