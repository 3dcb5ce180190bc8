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
#include "commands.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct ss_opt {
	char short_name;
	const char *long_name;
	enum ss_optid id;
	const char *metavar;	/* NULL: takes no value */
	const char *help;
};

static const struct ss_opt ss_opts[] = {
	{ 0, "json", OPT_JSON, NULL, "output as JSON (errors too)" },
	{ 0, "csv", OPT_CSV, NULL, "output as CSV" },
	{ 0, "prometheus", OPT_PROM, NULL, "node_exporter textfile format" },
	{ 'p', "pid", OPT_PID, "PID", "only the VMs of this process" },
	{ 'g', "guest", OPT_GUEST, "NAME", "only the VMs of this guest" },
	{ 's', "sort", OPT_SORT, "STAT", "sort by a stat (largest first), or vm, pid, guest" },
	{ 'i', "interval", OPT_INTERVAL, "SEC", "seconds between refreshes (default 1, from 0.1)" },
	{ '1', "once", OPT_ONCE, NULL, "print once, after one interval, and exit" },
	{ 'n', "iterations", OPT_ITERATIONS, "N", "stop after N refreshes" },
	{ 0, "window", OPT_WINDOW, "SEC", "seconds between the two samples (default 2; as -i)" },
	{ 'o', "output", OPT_OUTPUT, "FILE", "write to FILE at once (a temporary file, renamed)" },
	/* the same spelling for log, which appends (ss_opt_for() picks the one that applies) */
	{ 'o', "output", OPT_APPEND, "FILE", "append to FILE, reopened on SIGHUP (logrotate)" },
	{ 0, "duration", OPT_DURATION, "SEC", "stop after SEC seconds" },
	{ 0, "policy", OPT_POLICY, "LIST", "eviction policies to replay: fifo,lru (default both)" },
	{ 0, "limit", OPT_LIMIT, "N[,N...]", "page limits to replay (default: the recorded ones)" },
	{ 0, "svg", OPT_SVG, "FILE", "draw misses against the limit, a curve per policy" },
	{ 0, "check", OPT_CHECK, NULL, "replay fifo at the recorded limits, against KVM" },
	{ 0, "device", OPT_DEVICE, "PATH", "device node (default /dev/shadowstat)" },
	{ 'h', "help", OPT_HELP, NULL, "help; `shadowstat COMMAND --help` for a command" },
	{ 'V', "version", OPT_VERSION, NULL, "print versions" },
};

void ss_options_help(FILE *f, unsigned int options)
{
	char spell[48];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ss_opts); i++) {
		const struct ss_opt *o = &ss_opts[i];

		if (!(options & SS_OPT(o->id)))
			continue;
		if (o->short_name)
			snprintf(spell, sizeof(spell), "-%c, --%s%s%s", o->short_name,
				 o->long_name, o->metavar ? " " : "",
				 o->metavar ? o->metavar : "");
		else
			snprintf(spell, sizeof(spell), "    --%s%s%s", o->long_name,
				 o->metavar ? " " : "", o->metavar ? o->metavar : "");
		fprintf(f, "  %-22s %s\n", spell, o->help);
	}
}

bool ss_args_want_json(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json"))
			return true;
	return false;
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
		args->cmd = ss_command_find("version");
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
	case OPT_OUTPUT:
		args->output = v;
		break;
	case OPT_APPEND:
		args->append = v;
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
	case OPT_WINDOW:
		if (ss_parse_interval(v, &args->interval_ms))
			return ss_fail(err, errsz,
				       "invalid interval '%s': give seconds from 0.1 to 3600",
				       v);
		args->interval_set = true;
		break;
	case OPT_ONCE:
		args->once = true;
		break;
	case OPT_ITERATIONS:
		if (ss_parse_long(v, 1, &args->iterations))
			return ss_fail(err, errsz,
				       "invalid iteration count '%s'", v);
		break;
	case OPT_DURATION:
		if (ss_parse_long(v, 1, &args->duration_s))
			return ss_fail(err, errsz, "invalid duration '%s': give whole seconds", v);
		break;
	case OPT_POLICY:
		args->policy = v;
		break;
	case OPT_LIMIT:
		args->limit = v;
		break;
	case OPT_SVG:
		args->svg = v;
		break;
	case OPT_CHECK:
		args->check = true;
		break;
	case OPT_NR:
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

/* @opt, or the entry of the same long name that the command's @options allow */
static const struct ss_opt *ss_opt_for(const struct ss_opt *opt, unsigned int options)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ss_opts); i++)
		if ((options & SS_OPT(ss_opts[i].id)) &&
		    !strcmp(ss_opts[i].long_name, opt->long_name))
			return &ss_opts[i];
	return opt;
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
	if (value && !opt->metavar)
		return ss_fail(err, errsz, "option '%s' takes no value", arg);
	if (!value && opt->metavar) {
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
		.cmd = &ss_commands[0],
		.pid = -1,
		.interval_ms = SS_INTERVAL_MS_DEFAULT,
	};
	struct ss_seen *seen;
	const char *positional[1] = { NULL };
	int nr_seen = 0, nr_pos = 0, i, ret = -EINVAL;
	bool has_cmd = false, options_done = false;
	char names[128];

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
			args.cmd = ss_command_find(arg);
			if (!args.cmd) {
				ss_command_names(names, sizeof(names));
				ss_fail(err, errsz, "unknown command '%s' (commands: %s)",
					arg, names);
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
		seen[i].opt = ss_opt_for(seen[i].opt, args.cmd->options | SS_OPTS_ALWAYS);
		if (!((args.cmd->options | SS_OPTS_ALWAYS) & SS_OPT(seen[i].opt->id))) {
			ss_fail(err, errsz, "option '%s' does not apply to '%s'",
				seen[i].spelling, args.cmd->name);
			goto out;
		}
		if (ss_apply(&seen[i], &args, err, errsz))
			goto out;
	}

	if (args.help || !strcmp(args.cmd->name, "version")) {
		/* nothing else is needed */
	} else if (nr_pos && args.cmd->arg == SS_ARG_NONE) {
		ss_fail(err, errsz, "'%s' takes no argument '%s'", args.cmd->name,
			positional[0]);
		goto out;
	} else if (!nr_pos && args.cmd->arg == SS_ARG_REQUIRED) {
		ss_fail(err, errsz, "%s", args.cmd->arg_missing);
		goto out;
	}
	args.arg = positional[0];
	/* help's argument is a command */
	if (!strcmp(args.cmd->name, "help") && args.arg && !ss_command_find(args.arg)) {
		ss_fail(err, errsz, "no help for '%s'", args.arg);
		goto out;
	}
	args.has_cmd = has_cmd;
	*args_ret = args;
	ret = 0;
out:
	free(seen);
	return ret;
}
