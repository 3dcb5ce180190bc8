/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scenarios' options as tables: each scenario lists what it takes, and
 * scn_parse() parses them and writes the usage line, so no scenario has a
 * getopt loop of its own.
 */
#ifndef SSVMM_SCN_OPTS_H
#define SSVMM_SCN_OPTS_H

#include <stdbool.h>

enum scn_opt_type { SCN_NUM, SCN_STR, SCN_FLAG };

struct scn_opt {
	char letter;
	const char *long_name;		/* NULL: -letter only; else --long_name only */
	enum scn_opt_type type;
	void *val;			/* unsigned long *, const char **, bool * */
	unsigned long min, max;		/* SCN_NUM */
	const char *metavar;		/* for the usage line */
	bool required;
};

/* Entries of an option table, which ends with SCN_OPT_END. */
#define SCN_OPT_NUM(l, v, lo, hi, mv) \
	{ .letter = (l), .type = SCN_NUM, .val = (v), .min = (lo), .max = (hi), .metavar = (mv) }
#define SCN_OPT_STR(l, v, mv, req) \
	{ .letter = (l), .type = SCN_STR, .val = (v), .metavar = (mv), .required = (req) }
#define SCN_OPT_LONG_STR(l, name, v, mv) \
	{ .letter = (l), .long_name = (name), .type = SCN_STR, .val = (v), .metavar = (mv) }
#define SCN_OPT_FLAG(l, v) { .letter = (l), .type = SCN_FLAG, .val = (v) }
#define SCN_OPT_END { .letter = 0 }

/*
 * Parse @argv (argv[0] is the scenario's name) with @opts, which ends with a
 * zero entry. Returns 0, or 2 after a usage line on stderr; a number out of
 * its range exits with status 2.
 */
int scn_parse(int argc, char **argv, const struct scn_opt *opts);
/* The usage line of scenario @name; returns 2, the exit status for it. */
int scn_usage(const char *name, const struct scn_opt *opts);

#endif /* SSVMM_SCN_OPTS_H */
