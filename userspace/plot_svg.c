// SPDX-License-Identifier: GPL-2.0
/* The picture as SVG text: no library, so every build has it. */
#include <errno.h>

#include "escape.h"
#include "plot.h"

static void ss_svg_line(void *priv, const double *x, const double *y, size_t n,
			uint32_t rgb, double width, const char *series)
{
	FILE *f = priv;
	size_t i;

	fputs("<polyline", f);
	if (series) {
		fputs(" class=\"series\" data-series=\"", f);
		ss_xml_text(f, series);
		fputc('"', f);
	}
	fprintf(f, " fill=\"none\" stroke=\"#%06x\" stroke-width=\"%g\" points=\"", rgb, width);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%.1f,%.1f", i ? " " : "", x[i], y[i]);
	fputs("\"/>\n", f);
}

static void ss_svg_rect(void *priv, double x, double y, double w, double h,
			uint32_t rgb, bool fill)
{
	fprintf(priv, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" ", x, y, w, h);
	fprintf(priv, "%s=\"#%06x\"%s/>\n", fill ? "fill" : "stroke", rgb,
		fill ? "" : " fill=\"none\"");
}

static void ss_svg_text(void *priv, double x, double y, const char *s, double size,
			int anchor, bool vertical)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	FILE *f = priv;

	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" ", x, y);
	fprintf(f, "font-size=\"%g\" text-anchor=\"%s\"", size, anchors[anchor]);
	if (vertical)
		fprintf(f, " transform=\"rotate(-90 %.1f %.1f)\"", x, y);
	fputc('>', f);
	ss_xml_text(f, s);
	fputs("</text>\n", f);
}

int ss_plot_svg(const struct ss_plot *p, FILE *out, const char *title)
{
	struct ss_canvas c = {
		.priv = out, .line = ss_svg_line, .rect = ss_svg_rect, .text = ss_svg_text,
	};

	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		SS_PLOT_WIDTH, SS_PLOT_HEIGHT, SS_PLOT_WIDTH, SS_PLOT_HEIGHT);
	ss_plot_draw(p, &c, title);
	fputs("</svg>\n", out);
	return ferror(out) ? -EIO : 0;
}
