/* SPDX-License-Identifier: GPL-2.0 */
/* simulate --svg: misses against the page limit, a curve per policy. */
#ifndef SS_SIM_SVG_H
#define SS_SIM_SVG_H

#include "recfile.h"
#include "sim.h"

/* Write @path; 0, or -1 with errno set. */
int ss_sim_svg(const char *path, const struct ss_recfile *rf,
	       const struct ss_sim_result *res, int n);

#endif /* SS_SIM_SVG_H */
