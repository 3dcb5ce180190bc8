// SPDX-License-Identifier: GPL-2.0
/* `shadowstat status`: the module's own report (hooks, features, layout). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "escape.h"

int ss_cmd_status(struct ss_ctx *ctx)
{
	char *text, msg[256];
	size_t len;
	int err;

	err = shadowstat_read_status(ctx->dev, &text);
	if (err) {
		ss_err("reading status: %s",
		       shadowstat_strerror(err, ctx->args->device, msg,
					   sizeof(msg)));
		return SS_EXIT_FAIL;
	}
	if (ctx->args->format == SS_FMT_JSON) {
		fputs("{\"status\":", ctx->out);
		ss_json_str(ctx->out, text);
		fputs("}\n", ctx->out);
	} else {
		len = strlen(text);
		fputs(text, ctx->out);
		if (len && text[len - 1] != '\n')
			fputc('\n', ctx->out);
	}
	free(text);
	return SS_EXIT_OK;
}
