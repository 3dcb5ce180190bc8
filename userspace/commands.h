/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CLI's commands, one table (as bpftool's struct cmd): each entry names
 * its handler, its help, the options that apply and its argument, so adding
 * a command is one entry here and its cmd_*.c.
 */
#ifndef SS_COMMANDS_H
#define SS_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

struct ss_ctx;

enum ss_cmd_arg { SS_ARG_NONE, SS_ARG_OPTIONAL, SS_ARG_REQUIRED };

struct ss_command {
	const char *name;
	int (*run)(struct ss_ctx *ctx);
	/* "NAME ARG" and one line for the list of commands */
	const char *synopsis;
	const char *summary;
	/* the rest of `shadowstat NAME --help` */
	const char *help;
	unsigned int options;		/* SS_OPT() bits */
	enum ss_cmd_arg arg;
	const char *arg_missing;	/* why a required argument is needed */
	bool needs_device;		/* opens /dev/shadowstat first */
	/* exit status when it cannot run (0: SS_EXIT_FAIL); doctor's 1 means findings */
	int exit_fail;
};

/* Ends with an entry whose name is NULL; the first is the default. */
extern const struct ss_command ss_commands[];

const struct ss_command *ss_command_find(const char *name);
/* "list, show, ..." */
void ss_command_names(char *buf, size_t size);
/* The general help (@cmd NULL) or a command's. */
void ss_usage(FILE *f, const struct ss_command *cmd);

#endif /* SS_COMMANDS_H */
