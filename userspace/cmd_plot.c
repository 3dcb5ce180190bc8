// SPDX-License-Identifier: GPL-2.0
/*
 * `shadowstat plot LOG [-o OUT.svg|OUT.png]`: shadowstat log's CSV drawn as
 * shadow, unsync and TDP pages and recycles a second over time, a line per
 * VM. Needs no device: a log is plotted wherever it was copied to.
 */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "plot.h"

static bool ss_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcasecmp(s + n - m, tail);
}

int ss_cmd_plot(struct ss_ctx *ctx)
{
	const struct ss_args *args = ctx->args;
	bool png = args->output && ss_ends_with(args->output, ".png");
	char err[256], title[160], *copy;
	struct ss_plot p;
	double secs = 0;
	size_t i;
	FILE *f;
	int ret;

	if (png && *ss_plot_png_missing()) {
		ss_err("%s", ss_plot_png_missing());
		return SS_EXIT_FAIL;
	}
	f = fopen(args->arg, "r");
	if (!f) {
		ss_err("%s: %s", args->arg, strerror(errno));
		return SS_EXIT_FAIL;
	}
	ret = ss_plot_read(f, &p, err, sizeof(err));
	fclose(f);
	if (ret) {
		ss_err("%s: %s", args->arg, ret == -ENOMEM ? "out of memory" : err);
		return SS_EXIT_FAIL;
	}
	for (i = 0; i < p.nr_vms; i++)
		if (p.vm[i].n && p.vm[i].t[p.vm[i].n - 1] > secs)
			secs = p.vm[i].t[p.vm[i].n - 1];
	copy = strdup(args->arg);
	snprintf(title, sizeof(title), "shadowstat log %s: %zu VM%s over %.0f s",
		 copy ? basename(copy) : args->arg, p.nr_vms, p.nr_vms == 1 ? "" : "s", secs);
	free(copy);
	ret = png ? ss_plot_png(&p, ctx->out, title) : ss_plot_svg(&p, ctx->out, title);
	ss_plot_free(&p);
	if (ret) {
		ss_err("drawing the plot: %s", strerror(-ret));
		return SS_EXIT_FAIL;
	}
	return SS_EXIT_OK;
}
