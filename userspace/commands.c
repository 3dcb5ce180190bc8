// SPDX-License-Identifier: GPL-2.0
/*
 * The command table, the help built from it, and the two commands that need
 * no device (help, version). The man page shadowstat.8 says the same at
 * length.
 */
#include <string.h>

#include "args.h"
#include "cli.h"
#include "commands.h"

static int ss_cmd_help(struct ss_ctx *ctx);
static int ss_cmd_version(struct ss_ctx *ctx);

const struct ss_command ss_commands[] = {
	{
		.name = "list", .run = ss_cmd_list,
		.synopsis = "list (default)",
		.summary = "one line per VM and the totals",
		.help = "One line per VM: VM (<pid>-<fd>), guest name, MMU mode, shadow pages,\n"
			"their limit, unsync pages and their share, TDP MMU pages and the mirror\n"
			"drift; then the totals of the VMs shown. --json, --csv and --prometheus\n"
			"give every stat of the schema, for scripts and node_exporter's textfile\n"
			"collector.\n",
		.options = SS_OPTS_FORMATS | SS_OPTS_FILTERS | SS_OPT(OPT_DEVICE) |
			   SS_OPT(OPT_OUTPUT),
		.needs_device = true,
	},
	{
		.name = "show", .run = ss_cmd_show,
		.synopsis = "show VM",
		.summary = "every stat of one VM, with descriptions",
		.help = "Every stat of one VM, grouped into gauges, cumulative counts and the\n"
			"mirror check, with the module's description of each. VM is\n"
			"<pid>-<fd>, a pid that has one VM, or a QEMU guest name.\n",
		.options = SS_OPTS_FORMATS | SS_OPT(OPT_DEVICE) | SS_OPT(OPT_OUTPUT),
		.arg = SS_ARG_REQUIRED,
		.arg_missing = "'show' needs a VM: <pid>-<fd>, a pid or a guest name",
		.needs_device = true,
	},
	{
		.name = "status", .run = ss_cmd_status,
		.synopsis = "status",
		.summary = "the module's status report",
		.help = "The module's status report: kernel, where each stat comes from, the\n"
			"layout of KVM's structures, hooks (with missed kretprobe returns),\n"
			"features and counters of what could not be attributed.\n",
		.options = SS_OPT(OPT_JSON) | SS_OPT(OPT_DEVICE) | SS_OPT(OPT_OUTPUT),
		.needs_device = true,
	},
	{
		.name = "top", .run = ss_cmd_top,
		.synopsis = "top",
		.summary = "refresh every interval, with rates",
		.help = "Refresh every interval: values of gauges, per second rates of\n"
			"cumulative stats. On a terminal the screen is redrawn (q or Ctrl-C\n"
			"quits); otherwise, and with another format, a record is appended per\n"
			"refresh. -s sorts by mmu_shadow_pages by default, by rate for\n"
			"cumulative stats.\n",
		.options = SS_OPTS_FORMATS | SS_OPTS_FILTERS | SS_OPT(OPT_DEVICE) |
			   SS_OPT(OPT_INTERVAL) | SS_OPT(OPT_ONCE) | SS_OPT(OPT_ITERATIONS),
		.needs_device = true,
	},
	{
		.name = "doctor", .run = ss_cmd_doctor,
		.synopsis = "doctor [VM]",
		.summary = "what is wrong, the evidence, and what to do",
		.help = "Two snapshots a window apart (-i/--window, default 2 s) and the\n"
			"module's status, judged by rules: kvm not attached; instrumentation\n"
			"gaps (features off, missed kretprobe returns, events tied to no VM,\n"
			"mirror_drift != 0), which say how far to trust the rest; an unsync\n"
			"leak (most shadow pages unsync, and growing); a sync storm (100+\n"
			"syncs a second); thrash (at the page limit while recycling, with a\n"
			"limit to try); obsolete pages that\n"
			"stay (a zapped root a vCPU still holds). Each finding gives its\n"
			"numbers at both ends of the window and a next step. Exit status: 0\n"
			"healthy, 1 findings, 2 doctor could not look.\n",
		.options = SS_OPT(OPT_JSON) | SS_OPT(OPT_DEVICE) | SS_OPT(OPT_INTERVAL) |
			   SS_OPT(OPT_WINDOW) | SS_OPT(OPT_OUTPUT),
		.arg = SS_ARG_OPTIONAL,
		.needs_device = true,
		.exit_fail = 2,
	},
	{
		.name = "history", .run = ss_cmd_history,
		.synopsis = "history",
		.summary = "VMs KVM destroyed, and what their teardown left",
		.help = "The VMs KVM destroyed since the module loaded (the last 64), oldest\n"
			"first, each as it stood when kvm_arch_destroy_vm() returned: how long\n"
			"shadowstat saw it live, its peak shadow and TDP pages, the pages it\n"
			"created and zapped, and the pages still counted after KVM's last zap\n"
			"(LEFT, LEFT-TDP). TEARDOWN says LEAK when one of those is not 0.\n"
			"Stats that need the page walk read n/a: there is nothing left to walk.\n"
			"--prometheus: their final values as shadowstat_departed_* gauges, for\n"
			"a textfile collector directory beside the live VMs' export.\n",
		.options = SS_OPT(OPT_JSON) | SS_OPT(OPT_CSV) | SS_OPT(OPT_PROM) |
			   SS_OPT(OPT_DEVICE) | SS_OPT(OPT_OUTPUT),
		.needs_device = true,
	},
	{
		.name = "log", .run = ss_cmd_log,
		.synopsis = "log",
		.summary = "a CSV row per VM every interval, appended to a file",
		.help = "Every interval (-i, default 1 s) one CSV row per VM: the columns of\n"
			"--csv, every stat and the per second rate of each counter (like\n"
			"kvm_stat -L, per VM). With -o FILE the rows are appended, the header is\n"
			"written once per file, and SIGHUP reopens FILE (for logrotate); a FILE\n"
			"whose header is another schema's is refused. SIGINT or SIGTERM end it\n"
			"between intervals: every interval's rows are written whole.\n",
		.options = SS_OPTS_FILTERS_NO_SORT | SS_OPT(OPT_DEVICE) | SS_OPT(OPT_INTERVAL) |
			   SS_OPT(OPT_ITERATIONS) | SS_OPT(OPT_APPEND),
		.needs_device = true,
	},
	{
		.name = "record", .run = ss_cmd_record,
		.synopsis = "record VM -o FILE",
		.summary = "record one VM's shadow-page stream, for simulate",
		.help = "Record one VM's shadow-page stream into FILE: a snapshot of KVM's\n"
			"active_mmu_pages (newest first), then every lookup (created or\n"
			"reused), every zap with its cause, every limit change and fast zap,\n"
			"with KVM's mmu_cache_miss and mmu_recycled counters marked along the\n"
			"way. Stops on Ctrl-C/SIGTERM, after --duration, or when the VM exits.\n"
			"Records the module's ring could not hold are counted in the file\n"
			"and in status (records_lost). docs/record-format.md has the format.\n",
		.options = SS_OPT(OPT_DEVICE) | SS_OPT(OPT_OUTPUT) | SS_OPT(OPT_DURATION),
		.arg = SS_ARG_REQUIRED,
		.arg_missing = "'record' needs a VM: <pid>-<fd>, a pid or a guest name",
		.needs_device = true,
	},
	{
		.name = "simulate", .run = ss_cmd_simulate,
		.synopsis = "simulate FILE",
		.summary = "replay a recording under FIFO or LRU eviction and other limits",
		.help = "Replay a file of `shadowstat record` against KVM's recycling rules\n"
			"(evict from the tail, skip roots, refill to 25 free pages when fewer\n"
			"than 5 are left) with each --policy (fifo: KVM's; lru: a lookup that\n"
			"finds a page moves it to the head, seed 004) and each --limit (default:\n"
			"the recorded limits). Prints policy,limit,lookups,hits,misses,\n"
			"evictions,hit_ratio; --svg draws misses against the limit. --check\n"
			"replays fifo at the recorded limits and compares creations and\n"
			"recycles with the recording and KVM's counters, explaining each\n"
			"difference (exit 1 if any). Needs no module.\n",
		.options = SS_OPT(OPT_JSON) | SS_OPT(OPT_CSV) | SS_OPT(OPT_OUTPUT) |
			   SS_OPT(OPT_POLICY) | SS_OPT(OPT_LIMIT) | SS_OPT(OPT_SVG) |
			   SS_OPT(OPT_CHECK),
		.arg = SS_ARG_REQUIRED,
		.arg_missing = "'simulate' needs a record file (of `shadowstat record VM -o FILE`)",
	},
	{
		.name = "plot", .run = ss_cmd_plot,
		.synopsis = "plot LOG",
		.summary = "draw a log: pages and recycles over time, per VM",
		.help = "Draw a file of `shadowstat log` as four panels over time, a line per VM\n"
			"(up to 12): shadow pages, unsync shadow pages, TDP MMU pages and pages\n"
			"recycled a second. -o OUT.svg writes SVG (also the default, to standard\n"
			"output); -o OUT.png writes PNG, which needs a build with cairo. Needs no\n"
			"module: a log is plotted wherever it was copied to.\n",
		.options = SS_OPT(OPT_OUTPUT),
		.arg = SS_ARG_REQUIRED,
		.arg_missing = "'plot' needs a log file (written by `shadowstat log -o FILE`)",
	},
	{
		.name = "help", .run = ss_cmd_help,
		.synopsis = "help [COMMAND]",
		.summary = "this help, or a command's",
		.help = "",
		.arg = SS_ARG_OPTIONAL,
	},
	{
		.name = "version", .run = ss_cmd_version,
		.synopsis = "version",
		.summary = "versions of this program and of the module",
		.help = "The version of this program and the ABI it speaks, and the module's\n"
			"ABI version, stats and features when the module is loaded.\n",
		.options = SS_OPT(OPT_DEVICE),
	},
	{ NULL }
};

const struct ss_command *ss_command_find(const char *name)
{
	const struct ss_command *c;

	for (c = ss_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void ss_command_names(char *buf, size_t size)
{
	const struct ss_command *c;
	size_t len = 0;

	buf[0] = '\0';
	for (c = ss_commands; c->name && len < size; c++)
		len += snprintf(buf + len, size - len, "%s%s",
				c == ss_commands ? "" : ", ", c->name);
}

static const char ss_help_intro[] =
	"Per-VM mirror of KVM's x86 shadow-page accounting, read from\n"
	"/dev/shadowstat (load the module with `modprobe shadowstat`; run as root).\n";

static const char ss_help_vm[] =
	"VM: <pid>-<fd> (as /sys/kernel/debug/kvm), a pid with one VM, or the\n"
	"QEMU guest name (-name).\n";

void ss_usage(FILE *f, const struct ss_command *cmd)
{
	const struct ss_command *c;
	unsigned int all = 0;

	if (cmd) {
		fprintf(f, "Usage: shadowstat %s%s\n\n%s", cmd->synopsis,
			cmd->options & ~SS_OPTS_ALWAYS ? " [OPTIONS]" : "", cmd->help);
		if (cmd->options & ~SS_OPTS_ALWAYS) {
			fputs(*cmd->help ? "\nOptions:\n" : "Options:\n", f);
			ss_options_help(f, cmd->options);
		}
		return;
	}
	fprintf(f, "Usage: shadowstat [COMMAND] [OPTIONS]\n\n%s\nCommands:\n",
		ss_help_intro);
	for (c = ss_commands; c->name; c++) {
		fprintf(f, "  %-16s %s\n", c->synopsis, c->summary);
		all |= c->options;
	}
	fprintf(f, "\n%s\nOptions:\n", ss_help_vm);
	ss_options_help(f, all | SS_OPTS_ALWAYS);
}

static int ss_cmd_help(struct ss_ctx *ctx)
{
	ss_usage(ctx->out, ctx->args->arg ? ss_command_find(ctx->args->arg) : NULL);
	return SS_EXIT_OK;
}

static int ss_cmd_version(struct ss_ctx *ctx)
{
	const struct shadowstat_info *info;
	char msg[256];
	int err;

	fprintf(ctx->out, "shadowstat %s (ABI %d)\n", SS_CLI_VERSION,
		SHADOWSTAT_ABI_VERSION);
	err = shadowstat_open(ctx->args->device, &ctx->dev);
	if (err) {
		shadowstat_strerror(err, ctx->args->device, msg, sizeof(msg));
		fprintf(ctx->out, "module: %s\n", msg);
		return SS_EXIT_OK;
	}
	info = shadowstat_get_info(ctx->dev);
	fprintf(ctx->out, "module: ABI %u, %u stats, features 0x%llx, up to %u VMs\n",
		info->abi_version, info->num_stats,
		(unsigned long long)info->features, info->max_vms);
	return SS_EXIT_OK;
}
