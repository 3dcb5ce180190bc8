// SPDX-License-Identifier: GPL-2.0
/* A build without cairo (the static guest binary, or no libcairo2-dev): SVG only. */
#include <errno.h>

#include "plot.h"

int ss_plot_png(const struct ss_plot *p, FILE *out, const char *title)
{
	(void)p;
	(void)out;
	(void)title;
	return -ENOTSUP;
}

const char *ss_plot_png_missing(void)
{
	return "PNG needs cairo, and this shadowstat was built without it "
	       "(install libcairo2-dev and rebuild; SVG works as it is)";
}
