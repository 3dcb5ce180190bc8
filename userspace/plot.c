// SPDX-License-Identifier: GPL-2.0
/*
 * The log read into per-VM series, and the layout of the picture: four
 * panels stacked, a shared time axis, a legend. Backends only draw lines,
 * rectangles and text, so SVG and PNG are the same picture.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"

const char *const ss_plot_columns[SS_PLOT_PANELS] = {
	"mmu_shadow_pages", "unsync_shadow_pages", "tdp_mmu_pages", "sp_recycled_per_sec",
};

const char *const ss_plot_titles[SS_PLOT_PANELS] = {
	"shadow pages", "unsync shadow pages", "TDP MMU pages", "recycled pages per second",
};

/* Tableau-like colours, one per VM */
static const uint32_t ss_plot_colours[SS_PLOT_MAX_VMS] = {
	0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b,
	0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf, 0x393b79, 0x637939,
};

static int __attribute__((format(printf, 3, 4)))
ss_plot_fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Split @line at commas in place (no quoted field holds one in a log's columns we read). */
static size_t ss_split(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		fields[n++] = p;
		p = strchr(p, ',');
		if (!p)
			break;
		*p++ = '\0';
	}
	return n;
}

static struct ss_plot_series *ss_series_of(struct ss_plot *p, const char *vm,
					   const char *guest)
{
	struct ss_plot_series *s;
	size_t i;

	for (i = 0; i < p->nr_vms; i++)
		if (!strcmp(p->vm[i].vm, vm))
			return &p->vm[i];
	if (p->nr_vms == SS_PLOT_MAX_VMS)
		return NULL;
	s = &p->vm[p->nr_vms++];
	snprintf(s->vm, sizeof(s->vm), "%s", vm);
	snprintf(s->guest, sizeof(s->guest), "%s", guest);
	return s;
}

static int ss_series_add(struct ss_plot_series *s, double t, const double *y)
{
	int k;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		double *nt = realloc(s->t, cap * sizeof(*nt));

		if (!nt)
			return -ENOMEM;
		s->t = nt;
		for (k = 0; k < SS_PLOT_PANELS; k++) {
			double *ny = realloc(s->y[k], cap * sizeof(*ny));

			if (!ny)
				return -ENOMEM;
			s->y[k] = ny;
		}
		s->cap = cap;
	}
	s->t[s->n] = t;
	for (k = 0; k < SS_PLOT_PANELS; k++)
		s->y[k][s->n] = y[k];
	s->n++;
	return 0;
}

static double ss_num(const char *s)
{
	char *end;
	double v;

	if (!*s)
		return NAN;
	v = strtod(s, &end);
	return *end ? NAN : v;
}

#define SS_PLOT_MAX_FIELDS 1024

int ss_plot_read(FILE *f, struct ss_plot *p, char *err, size_t errsz)
{
	int col_t = -1, col_vm = -1, col_guest = -1, col[SS_PLOT_PANELS], k, ret = 0;
	char **fields = calloc(SS_PLOT_MAX_FIELDS, sizeof(*fields));
	char *line = NULL;
	size_t cap = 0, n, i, lineno = 0;
	double t0 = NAN;

	memset(p, 0, sizeof(*p));
	if (!fields)
		return -ENOMEM;
	for (k = 0; k < SS_PLOT_PANELS; k++)
		col[k] = -1;
	while (getline(&line, &cap, f) > 0) {
		double y[SS_PLOT_PANELS], t;
		struct ss_plot_series *s;

		lineno++;
		n = ss_split(line, fields, SS_PLOT_MAX_FIELDS);
		if (!strcmp(fields[0], "timestamp_ns")) {
			/* a header: the first, or the same one again after a rotation */
			for (i = 0; i < n; i++) {
				if (!strcmp(fields[i], "vm"))
					col_vm = i;
				if (!strcmp(fields[i], "guest"))
					col_guest = i;
				for (k = 0; k < SS_PLOT_PANELS; k++)
					if (!strcmp(fields[i], ss_plot_columns[k]))
						col[k] = i;
			}
			col_t = 0;
			continue;
		}
		if (col_t < 0 || col_vm < 0) {
			ret = ss_plot_fail(err, errsz, "line %zu: %s", lineno,
					   "not a shadowstat log (no header first)");
			goto out;
		}
		if ((size_t)col_vm >= n || !strcmp(fields[col_vm], "total"))
			continue;
		t = ss_num(fields[col_t]) / 1e9;
		if (isnan(t)) {
			ret = ss_plot_fail(err, errsz, "line %zu: no timestamp", lineno);
			goto out;
		}
		if (isnan(t0))
			t0 = t;
		for (k = 0; k < SS_PLOT_PANELS; k++)
			y[k] = col[k] >= 0 && (size_t)col[k] < n ? ss_num(fields[col[k]]) : NAN;
		s = ss_series_of(p, fields[col_vm],
				 col_guest >= 0 && (size_t)col_guest < n ? fields[col_guest] : "");
		if (!s) {
			p->vms_left_out++;
			continue;
		}
		if (ss_series_add(s, t - t0, y)) {
			ret = -ENOMEM;
			goto out;
		}
		p->rows++;
	}
	if (!p->rows)
		ret = ss_plot_fail(err, errsz, "no rows of any VM in the log");
	for (k = 0; !ret && k < SS_PLOT_PANELS; k++)
		if (col[k] < 0)
			ret = ss_plot_fail(err, errsz, "the log has no column %s",
					   ss_plot_columns[k]);
out:
	free(line);
	free(fields);
	if (ret)
		ss_plot_free(p);
	return ret;
}

void ss_plot_free(struct ss_plot *p)
{
	size_t i;
	int k;

	for (i = 0; i < p->nr_vms; i++) {
		free(p->vm[i].t);
		for (k = 0; k < SS_PLOT_PANELS; k++)
			free(p->vm[i].y[k]);
	}
	memset(p, 0, sizeof(*p));
}

/* A round step for about @n ticks over [0, max]. */
static double ss_tick_step(double max, int n)
{
	double raw = max / n, mag = pow(10, floor(log10(raw))), r = raw / mag;

	return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
}

#define L_MARGIN 80.0
#define R_MARGIN 170.0
#define T_MARGIN 40.0
#define B_MARGIN 50.0
#define GAP 26.0

static void ss_fmt_tick(char *buf, size_t size, double v)
{
	if (v == floor(v))
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%g", v);
}

static void ss_draw_panel(const struct ss_plot *p, const struct ss_canvas *c, int k,
			  double top, double h, double tmax, bool last)
{
	double w = SS_PLOT_WIDTH - L_MARGIN - R_MARGIN, ymax = 0, step, v;
	double *x, *y;
	char buf[32], name[64];
	size_t i, j, m;

	for (i = 0; i < p->nr_vms; i++)
		for (j = 0; j < p->vm[i].n; j++)
			if (!isnan(p->vm[i].y[k][j]) && p->vm[i].y[k][j] > ymax)
				ymax = p->vm[i].y[k][j];
	if (ymax <= 0)
		ymax = 1;
	step = ss_tick_step(ymax, 4);
	ymax = ceil(ymax / step) * step;

	c->rect(c->priv, L_MARGIN, top, w, h, 0x000000, false);
	c->text(c->priv, L_MARGIN, top - 6, ss_plot_titles[k], 13, 0, false);
	for (v = 0; v <= ymax + step / 2; v += step) {
		double py = top + h - v / ymax * h;
		double gx[2] = { L_MARGIN, L_MARGIN + w }, gy[2] = { py, py };

		if (v > 0)
			c->line(c->priv, gx, gy, 2, 0xdddddd, 1, NULL);
		ss_fmt_tick(buf, sizeof(buf), v);
		c->text(c->priv, L_MARGIN - 6, py + 4, buf, 11, 2, false);
	}
	if (last) {
		step = ss_tick_step(tmax, 8);
		for (v = 0; v <= tmax + step / 2; v += step) {
			ss_fmt_tick(buf, sizeof(buf), v);
			c->text(c->priv, L_MARGIN + v / tmax * w, top + h + 16, buf, 11, 1, false);
		}
		c->text(c->priv, L_MARGIN + w / 2, top + h + 36, "seconds", 12, 1, false);
	}
	for (i = 0; i < p->nr_vms; i++) {
		const struct ss_plot_series *s = &p->vm[i];

		x = calloc(s->n + 1, sizeof(*x));
		y = calloc(s->n + 1, sizeof(*y));
		if (!x || !y) {
			free(x);
			free(y);
			return;
		}
		for (j = 0, m = 0; j < s->n; j++) {
			if (isnan(s->y[k][j]))
				continue;
			x[m] = L_MARGIN + s->t[j] / tmax * w;
			y[m] = top + h - s->y[k][j] / ymax * h;
			m++;
		}
		snprintf(name, sizeof(name), "%s %s", ss_plot_columns[k], s->vm);
		if (m)
			c->line(c->priv, x, y, m, ss_plot_colours[i], 2, name);
		free(x);
		free(y);
	}
}

void ss_plot_draw(const struct ss_plot *p, const struct ss_canvas *c, const char *title)
{
	double h = (SS_PLOT_HEIGHT - T_MARGIN - B_MARGIN - GAP * (SS_PLOT_PANELS - 1)) /
		   SS_PLOT_PANELS, tmax = 0, lx = SS_PLOT_WIDTH - R_MARGIN + 16;
	char buf[64];
	size_t i;
	int k;

	c->rect(c->priv, 0, 0, SS_PLOT_WIDTH, SS_PLOT_HEIGHT, 0xffffff, true);
	c->text(c->priv, SS_PLOT_WIDTH / 2.0, 20, title, 15, 1, false);
	for (i = 0; i < p->nr_vms; i++)
		if (p->vm[i].n && p->vm[i].t[p->vm[i].n - 1] > tmax)
			tmax = p->vm[i].t[p->vm[i].n - 1];
	if (tmax <= 0)
		tmax = 1;
	for (k = 0; k < SS_PLOT_PANELS; k++)
		ss_draw_panel(p, c, k, T_MARGIN + 14 + k * (h + GAP), h - 14, tmax,
			      k == SS_PLOT_PANELS - 1);
	c->text(c->priv, lx, T_MARGIN + 14, "VM", 12, 0, false);
	for (i = 0; i < p->nr_vms; i++) {
		double y = T_MARGIN + 34 + i * 20;
		double sx[2] = { lx, lx + 24 }, sy[2] = { y - 4, y - 4 };

		c->line(c->priv, sx, sy, 2, ss_plot_colours[i], 3, NULL);
		snprintf(buf, sizeof(buf), "%s%s%s", p->vm[i].vm, p->vm[i].guest[0] ? " " : "",
			 p->vm[i].guest);
		c->text(c->priv, lx + 30, y, buf, 12, 0, false);
	}
	if (p->vms_left_out) {
		snprintf(buf, sizeof(buf), "(+%zu rows of more VMs)", p->vms_left_out);
		c->text(c->priv, lx, T_MARGIN + 34 + p->nr_vms * 20, buf, 11, 0, false);
	}
}
