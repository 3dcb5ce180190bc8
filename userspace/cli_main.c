// SPDX-License-Identifier: GPL-2.0
/*
 * shadowstat: show KVM's x86 shadow-page accounting per VM, as mirrored by
 * the shadowstat module, from /dev/shadowstat.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

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

static int ss_version(struct ss_ctx *ctx)
{
	const struct shadowstat_info *info;
	char msg[256];
	int err;

	printf("shadowstat %s (ABI %d)\n", SS_CLI_VERSION,
	       SHADOWSTAT_ABI_VERSION);
	err = shadowstat_open(ctx->args->device, &ctx->dev);
	if (err) {
		shadowstat_strerror(err, ctx->args->device, msg, sizeof(msg));
		printf("module: %s\n", msg);
		return SS_EXIT_OK;
	}
	info = shadowstat_get_info(ctx->dev);
	printf("module: ABI %u, %u stats, features 0x%llx, up to %u VMs\n",
	       info->abi_version, info->num_stats,
	       (unsigned long long)info->features, info->max_vms);
	return SS_EXIT_OK;
}

static int ss_run(struct ss_ctx *ctx)
{
	const struct ss_args *args = ctx->args;
	int ret;

	if (args->help) {
		if (args->cmd == SS_CMD_LIST && args->has_cmd)
			ss_usage_list(stdout);
		else
			ss_usage(stdout, args->cmd);
		return SS_EXIT_OK;
	}
	switch (args->cmd) {
	case SS_CMD_HELP:
		if (args->topic == SS_CMD_HELP)
			ss_usage(stdout, SS_CMD_LIST);	/* the general help */
		else if (args->topic == SS_CMD_LIST)
			ss_usage_list(stdout);
		else
			ss_usage(stdout, args->topic);
		return SS_EXIT_OK;
	case SS_CMD_VERSION:
		return ss_version(ctx);
	default:
		break;
	}

	ret = ss_open(ctx);
	if (ret)
		return ret;
	switch (args->cmd) {
	case SS_CMD_SHOW:
		return ss_cmd_show(ctx);
	case SS_CMD_STATUS:
		return ss_cmd_status(ctx);
	case SS_CMD_TOP:
		return ss_cmd_top(ctx);
	default:
		return ss_cmd_list(ctx);
	}
}

int main(int argc, char **argv)
{
	struct ss_ctx ctx = { .out = stdout };
	struct ss_args args;
	char err[512];
	int ret;

	if (ss_args_parse(argc, argv, &args, err, sizeof(err))) {
		ss_err("%s", err);
		return SS_EXIT_USAGE;
	}
	ctx.args = &args;
	ret = ss_run(&ctx);
	ss_schema_free(&ctx.schema);
	shadowstat_close(ctx.dev);
	if (fflush(stdout) || ferror(stdout)) {
		ss_err("writing output: %s", strerror(errno));
		ret = SS_EXIT_FAIL;
	}
	return ret;
}
