// SPDX-License-Identifier: GPL-2.0
/*
 * ssvmm: small VMMs on /dev/kvm that check KVM's shadow-page accounting, and
 * shadowstat's mirror of it, against exact expectations.
 *
 * usage: ssvmm [-v] [-m shadow|tdp|legacytdp] [-l 4|5] <scenario> [options] [-name GUEST]
 * scenarios: basic, recycle, memslot, multi, hold, manypt, unsyncpt, split (see scn_*.c),
 * and demo, which runs no model: it is the long-running VMs of `make demo` (scn_demo.c)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenarios.h"
#include "stats.h"
#include "../lib/tap.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *name;
	int (*run)(const struct env *env, int argc, char **argv);
} scenarios[] = {
	{ "basic", scn_basic },
	{ "recycle", scn_recycle },
	{ "memslot", scn_memslot },
	{ "multi", scn_multi },
	{ "hold", scn_hold },
	{ "evict", scn_evict },
	{ "manypt", scn_manypt },
	{ "unsyncpt", scn_unsyncpt },
	{ "split", scn_split },
	{ "demo", scn_demo },
};

static void usage(void)
{
	fprintf(stderr, "usage: ssvmm [-v] [-m shadow|tdp|legacytdp] [-l 4|5] "
			"<scenario> [options]\n"
			"scenarios: basic recycle memslot multi hold manypt unsyncpt split demo "
			"(ssvmm <scenario> -h)\n");
	exit(2);
}

void scn_label(char *buf, int len, const char *name, const struct env *env)
{
	snprintf(buf, len, "%s[%s]", name, model_mode_name(env->mode));
}

unsigned long scn_num(const char *opt, const char *arg, unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 0);

	if (*end || end == arg || v < min || v > max) {
		fprintf(stderr, "ssvmm: %s wants a number in [%lu, %lu], got '%s'\n", opt, min, max,
			arg);
		exit(2);
	}
	return v;
}

/*
 * "-name VALUE" anywhere names the guest, as QEMU's does: ssvmm ignores it,
 * the tools read it from /proc/<pid>/cmdline. Returns the new argc.
 */
static int drop_name_args(int argc, char **argv)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		if ((!strcmp(argv[i], "-name") || !strcmp(argv[i], "--name")) && i + 1 < argc) {
			i++;
			continue;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

int main(int argc, char **argv)
{
	const char *mode = NULL;
	struct env env;
	unsigned int i;
	int opt, levels = 0, r;

	setvbuf(stdout, NULL, _IOLBF, 0);
	argc = drop_name_args(argc, argv);
	while ((opt = getopt(argc, argv, "+vm:l:h")) != -1) {
		switch (opt) {
		case 'v':
			tap_verbose = true;
			break;
		case 'm':
			mode = optarg;
			break;
		case 'l':
			levels = scn_num("-l", optarg, 4, 5);
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	if (host_mmu_mode(&env.mode, &env.tdp_levels)) {
		tap_fail("ssvmm %s: KVM MMU mode: no kvm_amd/kvm_intel parameters (no KVM?)",
			 argv[optind]);
		return 1;
	}
	if (mode) {
		if (!strcmp(mode, "shadow"))
			env.mode = MMU_SHADOW;
		else if (!strcmp(mode, "tdp"))
			env.mode = MMU_TDP;
		else if (!strcmp(mode, "legacytdp"))
			env.mode = MMU_LEGACY_TDP;
		else
			usage();
	}
	if (levels)
		env.tdp_levels = levels;
	for (i = 0; i < ARRAY_SIZE(scenarios); i++) {
		if (strcmp(argv[optind], scenarios[i].name))
			continue;
		argc -= optind;
		argv += optind;
		optind = 1;
		tap_note("ssvmm %s: KVM MMU mode %s, %d-level TDP", scenarios[i].name,
			 model_mode_name(env.mode), env.tdp_levels);
		r = scenarios[i].run(&env, argc, argv);
		if (r)
			return r;
		return tap_failures() ? 1 : 0;
	}
	usage();
	return 2;
}
