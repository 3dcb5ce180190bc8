/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `shadowstat plot`: a log (shadowstat log's CSV) read into series per VM,
 * and drawn as four panels (shadow, unsync and TDP pages, recycles a
 * second) on a canvas: SVG written here, PNG through cairo where the build
 * has it (plot_png_*.c).
 */
#ifndef SS_PLOT_H
#define SS_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SS_PLOT_MAX_VMS		12
#define SS_PLOT_PANELS		4
#define SS_PLOT_WIDTH		960
#define SS_PLOT_HEIGHT		720

struct ss_plot_series {
	char vm[32];
	char guest[32];				/* "" when the VMM has no name */
	size_t n, cap;
	double *t;				/* seconds since the first row */
	double *y[SS_PLOT_PANELS];		/* NAN: not in that row */
};

struct ss_plot {
	struct ss_plot_series vm[SS_PLOT_MAX_VMS];
	size_t nr_vms;
	size_t vms_left_out;			/* VMs beyond SS_PLOT_MAX_VMS */
	size_t rows;
};

/* The panels: a log column each, with its title. */
extern const char *const ss_plot_columns[SS_PLOT_PANELS];
extern const char *const ss_plot_titles[SS_PLOT_PANELS];

/*
 * Read a log from @f. Returns 0, or -EINVAL with a one-line reason in @err
 * (not a log, no rows, a missing column), -ENOMEM.
 */
int ss_plot_read(FILE *f, struct ss_plot *p, char *err, size_t errsz);
void ss_plot_free(struct ss_plot *p);

/* What a backend draws with; coordinates in pixels from the top left. */
struct ss_canvas {
	void *priv;
	void (*line)(void *priv, const double *x, const double *y, size_t n,
		     uint32_t rgb, double width, const char *series);
	void (*rect)(void *priv, double x, double y, double w, double h,
		     uint32_t rgb, bool fill);
	/* @anchor: 0 left, 1 centre, 2 right; @vertical: rotated to read upwards */
	void (*text)(void *priv, double x, double y, const char *s, double size,
		     int anchor, bool vertical);
};

void ss_plot_draw(const struct ss_plot *p, const struct ss_canvas *c, const char *title);

/* The whole picture as SVG, to @out. */
int ss_plot_svg(const struct ss_plot *p, FILE *out, const char *title);
/* As PNG; -ENOTSUP when built without cairo. */
int ss_plot_png(const struct ss_plot *p, FILE *out, const char *title);
/* "" when PNG works, else what the build lacks. */
const char *ss_plot_png_missing(void);

#endif /* SS_PLOT_H */
