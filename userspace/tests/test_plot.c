// SPDX-License-Identifier: GPL-2.0
/* plot: a log read into series, drawn as SVG (and PNG where cairo is built in). */
#include <errno.h>
#include <math.h>
#ifdef SS_TEST_PNG
#include <cairo.h>
#endif

#include "../plot.h"
#include "test.h"

/* Two VMs over 2 s, a totals row, and the header again after a rotation. */
static const char plot_log[] =
	"timestamp_ns,vm,id,pid,fd,guest,mmu,created_ns,mmu_shadow_pages,unsync_shadow_pages,"
	"tdp_mmu_pages,sp_recycled,sp_recycled_per_sec\n"
	"1000000000,10-4,1,10,4,web,shadow,5,60,2,0,100,50.00\n"
	"1000000000,11-4,2,11,4,,tdp,5,0,0,30,0,0.00\n"
	"1000000000,total,,,,,,,60,2,30,100,50.00\n"
	"2000000000,10-4,1,10,4,web,shadow,5,64,,0,150,50.00\n"
	"2000000000,11-4,2,11,4,,tdp,5,0,0,31,0,0.00\n"
	"timestamp_ns,vm,id,pid,fd,guest,mmu,created_ns,mmu_shadow_pages,unsync_shadow_pages,"
	"tdp_mmu_pages,sp_recycled,sp_recycled_per_sec\n"
	"3000000000,10-4,1,10,4,web,shadow,5,64,3,0,300,150.00\n"
	"3000000000,11-4,2,11,4,,tdp,5,0,0,40,0,0.00\n";

static int plot_from(const char *text, struct ss_plot *p, char *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	TEST_ASSERT(f, "fmemopen");
	ret = ss_plot_read(f, p, err, 256);
	fclose(f);
	return ret;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)); s += strlen(what))
		n++;
	return n;
}

TEST(plot_reads_a_log)
{
	struct ss_plot p;
	char err[256];

	TEST_ASSERT_EQ(plot_from(plot_log, &p, err), 0);
	TEST_ASSERT_EQ(p.nr_vms, 2);
	TEST_ASSERT_EQ(p.rows, 6);
	TEST_ASSERT_STREQ(p.vm[0].vm, "10-4");
	TEST_ASSERT_EQ(p.vm[0].n, 3);
	/* time from the first row; an empty cell is no sample */
	TEST_ASSERT_EQ(p.vm[0].t[2], 2);
	TEST_ASSERT_EQ(p.vm[0].y[0][1], 64);
	TEST_ASSERT(isnan(p.vm[0].y[1][1]), "empty unsync cell read as %g", p.vm[0].y[1][1]);
	TEST_ASSERT_EQ(p.vm[1].y[2][2], 40);
	TEST_ASSERT_EQ(p.vm[0].y[3][2], 150);
	ss_plot_free(&p);
}

TEST(plot_refuses_what_is_not_a_log)
{
	struct ss_plot p;
	char err[256];

	TEST_ASSERT_EQ(plot_from("1,2,3\n", &p, err), -EINVAL);
	TEST_ASSERT_STREQ(err, "line 1: not a shadowstat log (no header first)");
	TEST_ASSERT_EQ(plot_from("timestamp_ns,vm,mmu_shadow_pages\n", &p, err), -EINVAL);
	TEST_ASSERT_STREQ(err, "no rows of any VM in the log");
	TEST_ASSERT_EQ(plot_from("timestamp_ns,vm,mmu_shadow_pages\n1,10-4,5\n", &p, err),
		       -EINVAL);
	TEST_ASSERT_STREQ(err, "the log has no column unsync_shadow_pages");
}

TEST(plot_svg)
{
	struct ss_plot p;
	char err[256], *s;

	TEST_ASSERT_EQ(plot_from(plot_log, &p, err), 0);
	CAPTURE(s, TEST_ASSERT_EQ(ss_plot_svg(&p, f, "a title"), 0));
	TEST_ASSERT(strstr(s, "width=\"960\" height=\"720\""), "size: %.200s", s);
	/* a line per VM in each of the four panels, each named for its column and VM */
	TEST_ASSERT_EQ(count(s, "class=\"series\""), 8);
	TEST_ASSERT_EQ(count(s, "data-series=\"mmu_shadow_pages 10-4\""), 1);
	TEST_ASSERT_EQ(count(s, "data-series=\"tdp_mmu_pages 11-4\""), 1);
	TEST_ASSERT(strstr(s, ">shadow pages</text>"), "panel title");
	TEST_ASSERT(strstr(s, ">recycled pages per second</text>"), "panel title");
	TEST_ASSERT(strstr(s, ">seconds</text>"), "time axis label");
	TEST_ASSERT(strstr(s, ">a title</text>"), "title");
	TEST_ASSERT(strstr(s, ">11-4</text>") && strstr(s, ">10-4 web</text>"), "legend");
	/* 64 pages at most: the shadow panel's axis goes to 80 in steps of 20 */
	TEST_ASSERT(strstr(s, ">80</text>") && strstr(s, ">60</text>"), "y axis ticks");
	/* the first sample is on the left edge */
	TEST_ASSERT(strstr(s, "points=\"80.0,"), "series start at the left edge");
	free(s);
	ss_plot_free(&p);
}

#ifdef SS_TEST_PNG
static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len)
{
	return fread(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
						     CAIRO_STATUS_READ_ERROR;
}

static size_t pixels_of(cairo_surface_t *sf, uint32_t rgb)
{
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	int stride = cairo_image_surface_get_stride(sf), x, y;
	const unsigned char *d = cairo_image_surface_get_data(sf);
	size_t n = 0;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			n += (*(const uint32_t *)(d + y * stride + x * 4) & 0xffffff) == rgb;
	return n;
}

TEST(plot_png)
{
	cairo_surface_t *sf;
	struct ss_plot p;
	char err[256], *s;
	size_t len;
	FILE *f;

	TEST_ASSERT_EQ(plot_from(plot_log, &p, err), 0);
	f = open_memstream(&s, &len);
	TEST_ASSERT_EQ(ss_plot_png(&p, f, "a title"), 0);
	fclose(f);
	TEST_ASSERT(len > 8 && !memcmp(s, "\x89PNG\r\n\x1a\n", 8), "PNG signature");
	f = fmemopen(s, len, "r");
	sf = cairo_image_surface_create_from_png_stream(png_read, f);
	fclose(f);
	TEST_ASSERT_EQ(cairo_surface_status(sf), CAIRO_STATUS_SUCCESS);
	TEST_ASSERT_EQ(cairo_image_surface_get_width(sf), 960);
	TEST_ASSERT_EQ(cairo_image_surface_get_height(sf), 720);
	/* each VM's colour is drawn: its lines and its legend swatch */
	TEST_ASSERT(pixels_of(sf, 0x1f77b4) > 100, "first VM's colour: %zu pixels",
		    pixels_of(sf, 0x1f77b4));
	TEST_ASSERT(pixels_of(sf, 0xff7f0e) > 100, "second VM's colour: %zu pixels",
		    pixels_of(sf, 0xff7f0e));
	cairo_surface_destroy(sf);
	free(s);
	ss_plot_free(&p);
}
#endif
