// SPDX-License-Identifier: GPL-2.0
/*
 * `shadowstat status`: the module's own report (sources, layout, hooks,
 * features, counters); with --json, its records as one object.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "status_json.h"

int ss_cmd_status(struct ss_ctx *ctx)
{
	bool json = ctx->args->format == SS_FMT_JSON;
	char *text, msg[256];
	size_t len;
	int err;

	if (json)
		err = shadowstat_read_status_records(ctx->dev, &text);
	else
		err = shadowstat_read_status(ctx->dev, &text);
	if (err) {
		ss_err("reading status: %s",
		       shadowstat_strerror(err, ctx->args->device, msg,
					   sizeof(msg)));
		return SS_EXIT_FAIL;
	}
	if (json) {
		err = ss_status_json(ctx->out, text);
		if (err)
			ss_err("the module's status records are malformed");
	} else {
		len = strlen(text);
		fputs(text, ctx->out);
		if (len && text[len - 1] != '\n')
			fputc('\n', ctx->out);
	}
	free(text);
	return err ? SS_EXIT_FAIL : SS_EXIT_OK;
}
