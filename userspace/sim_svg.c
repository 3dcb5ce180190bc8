// SPDX-License-Identifier: GPL-2.0
/*
 * The curve of simulate --svg, written by hand as plot_svg.c does: linear
 * axes from 0, five ticks each, a polyline and dots per policy, a legend.
 */
#include <errno.h>
#include <stdio.h>

#include "sim_svg.h"

#define W 720
#define H 480
#define L 80	/* left margin */
#define R 130	/* right margin, for the legend */
#define T 40
#define B 60

static const char *const ss_sim_colours[SS_SIM_NR_POLICIES] = { "#d62728", "#1f77b4" };

static void ss_axes(FILE *f, unsigned long long xmax, unsigned long long ymax)
{
	int i;

	fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>\n", L, H - B, W - R,
		H - B);
	fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>\n", L, T, L,
		H - B);
	for (i = 0; i <= 5; i++) {
		int x = L + (W - L - R) * i / 5, y = H - B - (H - T - B) * i / 5;

		fprintf(f, "<text x='%d' y='%d' font-size='11' text-anchor='middle'>%llu</text>\n",
			x, H - B + 16, xmax * i / 5);
		fprintf(f, "<text x='%d' y='%d' font-size='11' text-anchor='end'>%llu</text>\n",
			L - 6, y + 4, ymax * i / 5);
	}
	fprintf(f, "<text x='%d' y='%d' font-size='13' text-anchor='middle'>page limit "
		"(KVM_SET_NR_MMU_PAGES)</text>\n", (L + W - R) / 2, H - 20);
	fprintf(f, "<text x='18' y='%d' font-size='13' text-anchor='middle' "
		"transform='rotate(-90 18 %d)'>misses (shadow pages created)</text>\n",
		(T + H - B) / 2, (T + H - B) / 2);
}

/* The point of @r on the plot */
static double ss_px(const struct ss_recfile *rf, const struct ss_sim_result *r,
		    unsigned long long xmax)
{
	return L + (double)(W - L - R) * ss_sim_limit_of(rf, r) / xmax;
}

static double ss_py(const struct ss_sim_result *r, unsigned long long ymax)
{
	return H - B - (double)(H - T - B) * r->misses / ymax;
}

int ss_sim_svg(const char *path, const struct ss_recfile *rf,
	       const struct ss_sim_result *res, int n)
{
	unsigned long long xmax = 1, ymax = 1;
	int i, p, legend = 0;
	FILE *f;

	for (i = 0; i < n; i++) {
		if (ss_sim_limit_of(rf, &res[i]) > xmax)
			xmax = ss_sim_limit_of(rf, &res[i]);
		if (res[i].misses > ymax)
			ymax = res[i].misses;
	}
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
		"font-family='sans-serif'>\n<rect width='100%%' height='100%%' fill='white'/>\n",
		W, H);
	fprintf(f, "<text x='%d' y='24' font-size='15' text-anchor='middle'>shadow-page misses "
		"against the limit: %s on %s</text>\n", W / 2, rf->vm, rf->kernel);
	ss_axes(f, xmax, ymax);
	for (p = 0; p < SS_SIM_NR_POLICIES; p++) {
		bool any = false;

		for (i = 0; i < n; i++)
			any |= res[i].policy == (enum ss_sim_policy)p;
		if (!any)
			continue;
		fprintf(f, "<polyline fill='none' stroke='%s' stroke-width='2' points='",
			ss_sim_colours[p]);
		for (i = 0; i < n; i++)
			if (res[i].policy == (enum ss_sim_policy)p)
				fprintf(f, "%.1f,%.1f ", ss_px(rf, &res[i], xmax),
					ss_py(&res[i], ymax));
		fprintf(f, "'/>\n");
		for (i = 0; i < n; i++)
			if (res[i].policy == (enum ss_sim_policy)p)
				fprintf(f, "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>\n",
					ss_px(rf, &res[i], xmax), ss_py(&res[i], ymax),
					ss_sim_colours[p]);
		fprintf(f, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='%s' stroke-width='2'/>"
			"<text x='%d' y='%d' font-size='13'>%s</text>\n", W - R + 15,
			T + 10 + legend * 20, W - R + 40, T + 10 + legend * 20, ss_sim_colours[p],
			W - R + 46, T + 14 + legend * 20, ss_sim_policy_name(p));
		legend++;
	}
	fprintf(f, "</svg>\n");
	if (ferror(f)) {
		fclose(f);
		errno = EIO;
		return -1;
	}
	return fclose(f);
}
