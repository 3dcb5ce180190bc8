// SPDX-License-Identifier: GPL-2.0
/*
 * Command line parsing, without getopt so it has no global state and can be
 * tested: options may come before or after the command, as "--opt value",
 * "--opt=value", "-o value" or "-ovalue"; "--" ends the options.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

enum ss_optid {
	OPT_HELP, OPT_VERSION, OPT_JSON, OPT_CSV, OPT_PROM, OPT_DEVICE,
	OPT_PID, OPT_GUEST, OPT_SORT, OPT_INTERVAL, OPT_ONCE, OPT_ITERATIONS,
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define CMD(c)		(1U << (c))
#define CMDS_ALL	(CMD(SS_CMD_NR) - 1)
#define CMDS_DEV	(CMD(SS_CMD_LIST) | CMD(SS_CMD_SHOW) |		\
			 CMD(SS_CMD_STATUS) | CMD(SS_CMD_TOP))
#define CMDS_LISTING	(CMD(SS_CMD_LIST) | CMD(SS_CMD_SHOW) | CMD(SS_CMD_TOP))

struct ss_opt {
	char short_name;
	const char *long_name;
	enum ss_optid id;
	bool has_arg;
	unsigned int cmds;	/* commands it applies to */
};

static const struct ss_opt ss_opts[] = {
	{ 'h', "help", OPT_HELP, false, CMDS_ALL },
	{ 'V', "version", OPT_VERSION, false, CMDS_ALL },
	{ 0, "json", OPT_JSON, false, CMDS_LISTING | CMD(SS_CMD_STATUS) },
	{ 0, "csv", OPT_CSV, false, CMDS_LISTING },
	{ 0, "prometheus", OPT_PROM, false, CMDS_LISTING },
	{ 0, "device", OPT_DEVICE, true, CMDS_DEV },
	{ 'p', "pid", OPT_PID, true, CMD(SS_CMD_LIST) | CMD(SS_CMD_TOP) },
	{ 'g', "guest", OPT_GUEST, true, CMD(SS_CMD_LIST) | CMD(SS_CMD_TOP) },
	{ 's', "sort", OPT_SORT, true, CMD(SS_CMD_LIST) | CMD(SS_CMD_TOP) },
	{ 'i', "interval", OPT_INTERVAL, true, CMD(SS_CMD_TOP) },
	{ '1', "once", OPT_ONCE, false, CMD(SS_CMD_TOP) },
	{ 'n', "iterations", OPT_ITERATIONS, true, CMD(SS_CMD_TOP) },
};

static const char *const ss_cmd_names[SS_CMD_NR] = {
	[SS_CMD_LIST] = "list",
	[SS_CMD_SHOW] = "show",
	[SS_CMD_STATUS] = "status",
	[SS_CMD_TOP] = "top",
	[SS_CMD_HELP] = "help",
	[SS_CMD_VERSION] = "version",
};

const char *ss_cmd_name(enum ss_cmd cmd)
{
	return cmd < SS_CMD_NR ? ss_cmd_names[cmd] : "?";
}

static int ss_cmd_lookup(const char *name, enum ss_cmd *cmd_ret)
{
	int i;

	for (i = 0; i < SS_CMD_NR; i++) {
		if (!strcmp(name, ss_cmd_names[i])) {
			*cmd_ret = i;
			return 0;
		}
	}
	return -ENOENT;
}

/* An option seen on the command line, checked once the command is known. */
struct ss_seen {
	const struct ss_opt *opt;
	const char *spelling;	/* as typed, for messages */
	const char *value;
};

static int __attribute__((format(printf, 3, 4)))
ss_fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* Seconds, possibly with a fraction, into milliseconds. */
static int ss_parse_interval(const char *s, unsigned int *ms_ret)
{
	char *end;
	double sec;

	errno = 0;
	sec = strtod(s, &end);
	if (errno || end == s || *end || !(sec * 1000 >= SS_INTERVAL_MS_MIN) ||
	    sec * 1000 > SS_INTERVAL_MS_MAX)
		return -EINVAL;
	*ms_ret = (unsigned int)(sec * 1000 + 0.5);
	return 0;
}

static int ss_parse_long(const char *s, long min, long *val_ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > INT_MAX)
		return -EINVAL;
	*val_ret = v;
	return 0;
}

static int ss_apply(const struct ss_seen *seen, struct ss_args *args,
		    char *err, size_t errsz)
{
	const char *v = seen->value;

	switch (seen->opt->id) {
	case OPT_HELP:
		args->help = true;
		break;
	case OPT_VERSION:
		args->cmd = SS_CMD_VERSION;
		break;
	case OPT_JSON:
		args->format = SS_FMT_JSON;
		break;
	case OPT_CSV:
		args->format = SS_FMT_CSV;
		break;
	case OPT_PROM:
		args->format = SS_FMT_PROM;
		break;
	case OPT_DEVICE:
		args->device = v;
		break;
	case OPT_PID:
		if (ss_parse_long(v, 0, &args->pid))
			return ss_fail(err, errsz, "invalid pid '%s'", v);
		break;
	case OPT_GUEST:
		args->guest = v;
		break;
	case OPT_SORT:
		args->sort = v;
		break;
	case OPT_INTERVAL:
		if (ss_parse_interval(v, &args->interval_ms))
			return ss_fail(err, errsz,
				       "invalid interval '%s': give seconds from 0.1 to 3600",
				       v);
		break;
	case OPT_ONCE:
		args->once = true;
		break;
	case OPT_ITERATIONS:
		if (ss_parse_long(v, 1, &args->iterations))
			return ss_fail(err, errsz,
				       "invalid iteration count '%s'", v);
		break;
	}
	return 0;
}

static const struct ss_opt *ss_find_long(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ss_opts); i++)
		if (strlen(ss_opts[i].long_name) == len &&
		    !strncmp(ss_opts[i].long_name, name, len))
			return &ss_opts[i];
	return NULL;
}

static const struct ss_opt *ss_find_short(char c)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ss_opts); i++)
		if (ss_opts[i].short_name && ss_opts[i].short_name == c)
			return &ss_opts[i];
	return NULL;
}

/* Parse the option at argv[*i] into @seen, consuming its value. */
static int ss_parse_opt(int argc, char **argv, int *i, struct ss_seen *seen,
			char *err, size_t errsz)
{
	const char *arg = argv[*i], *value = NULL;
	const struct ss_opt *opt;

	if (arg[1] == '-') {
		const char *eq = strchr(arg + 2, '=');
		size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);

		opt = ss_find_long(arg + 2, len);
		if (eq)
			value = eq + 1;
	} else {
		opt = ss_find_short(arg[1]);
		if (arg[2])
			value = arg + 2;
	}
	if (!opt)
		return ss_fail(err, errsz,
			       "unknown option '%s' (see `shadowstat --help`)",
			       arg);
	if (value && !opt->has_arg)
		return ss_fail(err, errsz, "option '%s' takes no value", arg);
	if (!value && opt->has_arg) {
		if (*i + 1 >= argc)
			return ss_fail(err, errsz, "option '%s' needs a value",
				       arg);
		value = argv[++*i];
	}
	seen->opt = opt;
	seen->spelling = arg;
	seen->value = value;
	return 0;
}

int ss_args_parse(int argc, char **argv, struct ss_args *args_ret, char *err,
		  size_t errsz)
{
	struct ss_args args = {
		.cmd = SS_CMD_LIST,
		.topic = SS_CMD_HELP,
		.pid = -1,
		.interval_ms = SS_INTERVAL_MS_DEFAULT,
	};
	struct ss_seen *seen;
	const char *positional[1] = { NULL };
	int nr_seen = 0, nr_pos = 0, i, ret = -EINVAL;
	bool has_cmd = false, options_done = false;

	seen = calloc(argc > 0 ? argc : 1, sizeof(*seen));
	if (!seen)
		return ss_fail(err, errsz, "out of memory");

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!options_done && !strcmp(arg, "--")) {
			options_done = true;
		} else if (!options_done && arg[0] == '-' && arg[1]) {
			if (ss_parse_opt(argc, argv, &i, &seen[nr_seen], err,
					 errsz))
				goto out;
			nr_seen++;
		} else if (!has_cmd) {
			if (ss_cmd_lookup(arg, &args.cmd)) {
				ss_fail(err, errsz,
					"unknown command '%s' (commands: list, show, status, top, help, version)",
					arg);
				goto out;
			}
			has_cmd = true;
		} else if (nr_pos < 1) {
			positional[nr_pos++] = arg;
		} else {
			ss_fail(err, errsz, "too many arguments: '%s'", arg);
			goto out;
		}
	}

	for (i = 0; i < nr_seen; i++) {
		if (!(seen[i].opt->cmds & CMD(args.cmd))) {
			ss_fail(err, errsz, "option '%s' does not apply to '%s'",
				seen[i].spelling, ss_cmd_name(args.cmd));
			goto out;
		}
		if (ss_apply(&seen[i], &args, err, errsz))
			goto out;
	}

	if (args.help || args.cmd == SS_CMD_VERSION) {
		/* nothing else is needed */
	} else if (args.cmd == SS_CMD_SHOW) {
		if (!nr_pos) {
			ss_fail(err, errsz,
				"'show' needs a VM: <pid>-<fd>, a pid or a guest name");
			goto out;
		}
		args.vm = positional[0];
	} else if (args.cmd == SS_CMD_HELP) {
		if (nr_pos && ss_cmd_lookup(positional[0], &args.topic)) {
			ss_fail(err, errsz, "no help for '%s'", positional[0]);
			goto out;
		}
	} else if (nr_pos) {
		ss_fail(err, errsz, "'%s' takes no argument '%s'",
			ss_cmd_name(args.cmd), positional[0]);
		goto out;
	}
	args.has_cmd = has_cmd;
	*args_ret = args;
	ret = 0;
out:
	free(seen);
	return ret;
}
