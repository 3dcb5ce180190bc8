// SPDX-License-Identifier: GPL-2.0
/* The scenarios' option tables (scn_opts.h). */
#include <getopt.h>
#include <stdio.h>

#include "scenarios.h"
#include "scn_opts.h"

#define SCN_MAX_OPTS 16

int scn_usage(const char *name, const struct scn_opt *opts)
{
	const struct scn_opt *o;

	fprintf(stderr, "usage: ssvmm %s", name);
	for (o = opts; o->letter; o++) {
		fputs(o->required ? " " : " [", stderr);
		if (o->long_name)
			fprintf(stderr, "--%s", o->long_name);
		else
			fprintf(stderr, "-%c", o->letter);
		if (o->type != SCN_FLAG)
			fprintf(stderr, " %s", o->metavar);
		fputs(o->required ? "" : "]", stderr);
	}
	fputc('\n', stderr);
	return 2;
}

int scn_parse(int argc, char **argv, const struct scn_opt *opts)
{
	struct option longopts[SCN_MAX_OPTS + 1] = { { NULL } };
	char shortopts[2 * SCN_MAX_OPTS + 1] = "", spell[3] = "-?";
	bool seen[SCN_MAX_OPTS] = { false };
	const struct scn_opt *o;
	int nl = 0, opt, i;

	int ns = 0;

	for (o = opts, i = 0; o->letter && i < SCN_MAX_OPTS; o++, i++) {
		if (o->long_name) {
			longopts[nl].name = o->long_name;
			longopts[nl].has_arg = o->type == SCN_FLAG ? no_argument :
					       required_argument;
			longopts[nl++].val = o->letter;
			continue;
		}
		shortopts[ns++] = o->letter;
		if (o->type != SCN_FLAG)
			shortopts[ns++] = ':';
	}
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		for (o = opts, i = 0; o->letter && o->letter != opt; o++, i++)
			;
		if (!o->letter) {
			scn_usage(argv[0], opts);
			return 2;
		}
		seen[i] = true;
		spell[1] = o->letter;
		if (o->type == SCN_NUM)
			*(unsigned long *)o->val = scn_num(spell, optarg, o->min, o->max);
		else if (o->type == SCN_STR)
			*(const char **)o->val = optarg;
		else
			*(bool *)o->val = true;
	}
	for (o = opts, i = 0; o->letter; o++, i++) {
		if (o->required && !seen[i]) {
			scn_usage(argv[0], opts);
			return 2;
		}
	}
	return 0;
}
