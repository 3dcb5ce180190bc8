// SPDX-License-Identifier: GPL-2.0
/* The picture as PNG, drawn with cairo (built when pkg-config finds it). */
#include <cairo.h>
#include <math.h>
#include <errno.h>

#include "plot.h"

static void ss_cairo_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0,
			     (rgb & 0xff) / 255.0);
}

static void ss_cairo_line(void *priv, const double *x, const double *y, size_t n,
			  uint32_t rgb, double width, const char *series)
{
	cairo_t *cr = priv;
	size_t i;

	(void)series;
	if (!n)
		return;
	ss_cairo_rgb(cr, rgb);
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, x[0], y[0]);
	for (i = 1; i < n; i++)
		cairo_line_to(cr, x[i], y[i]);
	if (n == 1)	/* one sample: a dot */
		cairo_line_to(cr, x[0] + 0.5, y[0]);
	cairo_stroke(cr);
}

static void ss_cairo_rect(void *priv, double x, double y, double w, double h,
			  uint32_t rgb, bool fill)
{
	cairo_t *cr = priv;

	ss_cairo_rgb(cr, rgb);
	cairo_rectangle(cr, x, y, w, h);
	if (fill) {
		cairo_fill(cr);
	} else {
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	}
}

static void ss_cairo_text(void *priv, double x, double y, const char *s, double size,
			  int anchor, bool vertical)
{
	cairo_t *cr = priv;
	cairo_text_extents_t ext;

	ss_cairo_rgb(cr, 0x000000);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, s, &ext);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	if (vertical)
		cairo_rotate(cr, -M_PI / 2);
	cairo_move_to(cr, -ext.x_advance * anchor / 2.0, 0);
	cairo_show_text(cr, s);
	cairo_restore(cr);
}

static cairo_status_t ss_cairo_write(void *closure, const unsigned char *data,
				     unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
						      CAIRO_STATUS_WRITE_ERROR;
}

int ss_plot_png(const struct ss_plot *p, FILE *out, const char *title)
{
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, SS_PLOT_WIDTH,
							 SS_PLOT_HEIGHT);
	cairo_t *cr = cairo_create(sf);
	struct ss_canvas c = {
		.priv = cr, .line = ss_cairo_line, .rect = ss_cairo_rect, .text = ss_cairo_text,
	};
	cairo_status_t st;

	ss_plot_draw(p, &c, title);
	cairo_destroy(cr);
	st = cairo_surface_write_to_png_stream(sf, ss_cairo_write, out);
	cairo_surface_destroy(sf);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -EIO;
}

const char *ss_plot_png_missing(void)
{
	return "";
}
