// SPDX-License-Identifier: GPL-2.0
/*
 * shadowstat: show KVM's x86 shadow-page accounting per VM, as mirrored by
 * the shadowstat module, from /dev/shadowstat.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "outfile.h"

static int ss_open(struct ss_ctx *ctx)
{
	char msg[256];
	int err;

	err = shadowstat_open(ctx->args->device, &ctx->dev);
	if (err) {
		ss_err("%s", shadowstat_strerror(err, ctx->args->device, msg,
						 sizeof(msg)));
		return SS_EXIT_FAIL;
	}
	err = shadowstat_read_schema(ctx->dev, &ctx->schema);
	if (err) {
		ss_err("reading the schema: %s",
		       shadowstat_strerror(err, ctx->args->device, msg,
					   sizeof(msg)));
		return SS_EXIT_FAIL;
	}
	return SS_EXIT_OK;
}

static int ss_run(struct ss_ctx *ctx)
{
	const struct ss_args *args = ctx->args;
	int ret;

	if (args->help) {
		ss_usage(ctx->out, args->has_cmd ? args->cmd : NULL);
		return SS_EXIT_OK;
	}
	if (args->cmd->needs_device) {
		ret = ss_open(ctx);
		if (ret)
			return args->cmd->exit_fail ? args->cmd->exit_fail : ret;
	}
	return args->cmd->run(ctx);
}

int main(int argc, char **argv)
{
	struct ss_ctx ctx = { .out = stdout };
	struct ss_outfile out;
	struct ss_args args;
	char err[512];
	int ret, err_no;

	/* under --json, errors are JSON too, even one about the command line */
	ss_err_json(ss_args_want_json(argc, argv));
	if (ss_args_parse(argc, argv, &args, err, sizeof(err))) {
		ss_err("%s", err);
		return SS_EXIT_USAGE;
	}
	ctx.args = &args;
	if (args.output) {
		err_no = ss_outfile_open(&out, args.output);
		if (err_no) {
			ss_err("%s: %s", args.output, strerror(-err_no));
			return args.cmd->exit_fail ? args.cmd->exit_fail : SS_EXIT_FAIL;
		}
		ctx.out = out.f;
	}
	ret = ss_run(&ctx);
	ss_schema_free(&ctx.schema);
	shadowstat_close(ctx.dev);
	if (args.output) {
		/* the command's output is whole unless it failed (doctor's 1 is findings) */
		if (ret == SS_EXIT_OK || (args.cmd->exit_fail && ret != args.cmd->exit_fail)) {
			err_no = ss_outfile_commit(&out);
			if (err_no) {
				ss_err("writing %s: %s", args.output, strerror(-err_no));
				ret = args.cmd->exit_fail ? args.cmd->exit_fail : SS_EXIT_FAIL;
			}
		} else {
			ss_outfile_abort(&out);
		}
	}
	if (fflush(stdout) || ferror(stdout)) {
		ss_err("writing output: %s", strerror(errno));
		ret = SS_EXIT_FAIL;
	}
	return ret;
}
