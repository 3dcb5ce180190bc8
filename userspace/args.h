/* SPDX-License-Identifier: GPL-2.0 */
/* Command line of the shadowstat CLI. */
#ifndef SS_ARGS_H
#define SS_ARGS_H

#include <stdbool.h>
#include <stdio.h>

enum ss_cmd {
	SS_CMD_LIST,
	SS_CMD_SHOW,
	SS_CMD_STATUS,
	SS_CMD_TOP,
	SS_CMD_HELP,
	SS_CMD_VERSION,
	SS_CMD_NR
};

enum ss_format { SS_FMT_TABLE, SS_FMT_JSON, SS_FMT_CSV, SS_FMT_PROM };

#define SS_INTERVAL_MS_DEFAULT	1000
#define SS_INTERVAL_MS_MIN	100
#define SS_INTERVAL_MS_MAX	3600000

struct ss_args {
	enum ss_cmd cmd;
	bool has_cmd;		/* named on the command line */
	enum ss_format format;
	bool help;		/* --help: print the command's help */
	enum ss_cmd topic;	/* "help CMD"; SS_CMD_HELP: no CMD */
	const char *device;	/* NULL: /dev/shadowstat */
	const char *vm;		/* show VM */
	const char *sort;	/* -s STAT */
	const char *guest;	/* -g NAME, NULL: any */
	long pid;		/* -p PID, -1: any */
	unsigned int interval_ms;
	bool once;
	long iterations;	/* 0: until stopped */
};

/*
 * Parse @argv into *args_ret. Returns 0, or -EINVAL with a one-line reason in
 * @err (@errsz bytes).
 */
int ss_args_parse(int argc, char **argv, struct ss_args *args_ret, char *err,
		  size_t errsz);

const char *ss_cmd_name(enum ss_cmd cmd);

/* Print the help of @cmd (SS_CMD_LIST: the general help). */
void ss_usage(FILE *f, enum ss_cmd cmd);
/* Print the help of the list command itself. */
void ss_usage_list(FILE *f);

#endif /* SS_ARGS_H */
