/* SPDX-License-Identifier: GPL-2.0 */
/* The test scenarios of ssvmm; each parses its own options. */
#ifndef SSVMM_SCENARIOS_H
#define SSVMM_SCENARIOS_H

#include "model.h"

struct env {
	enum mmu_mode mode;
	int tdp_levels;
};

int scn_basic(const struct env *env, int argc, char **argv);
int scn_recycle(const struct env *env, int argc, char **argv);
int scn_memslot(const struct env *env, int argc, char **argv);
int scn_multi(const struct env *env, int argc, char **argv);
int scn_hold(const struct env *env, int argc, char **argv);
/* An access pattern under a page limit, for record and simulate (seed 004). */
int scn_evict(const struct env *env, int argc, char **argv);
/* Unsync attempts that can exit early, by guest page-table placement (seed 002). */
int scn_unsyncpt(const struct env *env, int argc, char **argv);
/* Huge page splitting, eager and on fault, over huge-page-backed memory (seed 003). */
int scn_split(const struct env *env, int argc, char **argv);
/* Many shadow pages at once, for the read-path benchmarks (see scn_manypt.c). */
int scn_manypt(const struct env *env, int argc, char **argv);
/* Not a test: no model, no checkpoints (see scn_demo.c). */
int scn_demo(const struct env *env, int argc, char **argv);

/* "name[mode]" label for output lines. */
void scn_label(char *buf, int len, const char *name, const struct env *env);
/* Parse a positive number option; exits with a usage error otherwise. */
unsigned long scn_num(const char *opt, const char *arg, unsigned long min, unsigned long max);

#endif /* SSVMM_SCENARIOS_H */
