/* SPDX-License-Identifier: GPL-2.0 */
/* Command line of the shadowstat CLI. */
#ifndef SS_ARGS_H
#define SS_ARGS_H

#include <stdbool.h>
#include <stdio.h>

enum ss_format { SS_FMT_TABLE, SS_FMT_JSON, SS_FMT_CSV, SS_FMT_PROM };

/* The options, as bits of struct ss_command.options. */
enum ss_optid {
	OPT_HELP, OPT_VERSION, OPT_JSON, OPT_CSV, OPT_PROM, OPT_DEVICE,
	OPT_PID, OPT_GUEST, OPT_SORT, OPT_INTERVAL, OPT_ONCE, OPT_ITERATIONS,
	OPT_WINDOW, OPT_OUTPUT, OPT_APPEND, OPT_DURATION, OPT_POLICY, OPT_LIMIT,
	OPT_SVG, OPT_CHECK, OPT_NR
};

#define SS_OPT(id)		(1U << (id))
#define SS_OPTS_ALWAYS		(SS_OPT(OPT_HELP) | SS_OPT(OPT_VERSION))
#define SS_OPTS_FORMATS		(SS_OPT(OPT_JSON) | SS_OPT(OPT_CSV) | SS_OPT(OPT_PROM))
#define SS_OPTS_FILTERS		(SS_OPT(OPT_PID) | SS_OPT(OPT_GUEST) | SS_OPT(OPT_SORT))
#define SS_OPTS_FILTERS_NO_SORT	(SS_OPT(OPT_PID) | SS_OPT(OPT_GUEST))

#define SS_INTERVAL_MS_DEFAULT	1000
#define SS_INTERVAL_MS_MIN	100
#define SS_INTERVAL_MS_MAX	3600000

struct ss_command;

struct ss_args {
	const struct ss_command *cmd;
	bool has_cmd;		/* named on the command line */
	enum ss_format format;
	bool help;		/* --help: print the command's help */
	const char *arg;	/* the command's argument (show's VM, help's topic) */
	const char *device;	/* NULL: /dev/shadowstat */
	const char *output;	/* -o FILE, NULL: standard output */
	const char *append;	/* log's -o FILE: appended to, reopened on SIGHUP */
	const char *sort;	/* -s STAT */
	const char *guest;	/* -g NAME, NULL: any */
	long pid;		/* -p PID, -1: any */
	unsigned int interval_ms;
	bool interval_set;	/* -i or --window given */
	bool once;
	long iterations;	/* 0: until stopped */
	long duration_s;	/* record's --duration, 0: until stopped */
	const char *policy;	/* simulate's --policy LIST, NULL: fifo,lru */
	const char *limit;	/* simulate's --limit N[,N...], NULL: the recorded one */
	const char *svg;	/* simulate's --svg FILE */
	bool check;		/* simulate's --check */
};

/*
 * Parse @argv into *args_ret. Returns 0, or -EINVAL with a one-line reason in
 * @err (@errsz bytes).
 */
int ss_args_parse(int argc, char **argv, struct ss_args *args_ret, char *err,
		  size_t errsz);

/* Did the command line ask for JSON (so that errors come as JSON too)? */
bool ss_args_want_json(int argc, char **argv);

/* The help of the options that apply to @options, one per line. */
void ss_options_help(FILE *f, unsigned int options);

#endif /* SS_ARGS_H */
