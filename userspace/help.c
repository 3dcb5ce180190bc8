// SPDX-License-Identifier: GPL-2.0
/* --help of each command. The man page shadowstat.8 says the same at length. */
#include "args.h"

static const char ss_help_main[] =
	"Usage: shadowstat [COMMAND] [OPTIONS]\n"
	"\n"
	"Per-VM mirror of KVM's x86 shadow-page accounting, read from\n"
	"/dev/shadowstat (load the module with `modprobe shadowstat`; run as root).\n"
	"\n"
	"Commands:\n"
	"  list (default)   one line per VM and the totals\n"
	"  show VM          every stat of one VM, with descriptions\n"
	"  status           the module's status report\n"
	"  top              refresh every interval, with rates\n"
	"  help [COMMAND]   this help, or a command's\n"
	"  version          versions of this program and of the module\n"
	"\n"
	"VM: <pid>-<fd> (as /sys/kernel/debug/kvm), a pid with one VM, or the\n"
	"QEMU guest name (-name).\n"
	"\n"
	"Options:\n"
	"  --json, --csv, --prometheus   output format (default: a table)\n"
	"  -p, --pid PID     only the VMs of this process (list, top)\n"
	"  -g, --guest NAME  only the VMs of this guest (list, top)\n"
	"  -s, --sort STAT   sort by a stat, or vm, pid, guest (list, top)\n"
	"  --device PATH     device node (default /dev/shadowstat)\n"
	"  -h, --help        help; `shadowstat COMMAND --help` for a command\n"
	"  -V, --version     print versions\n";

static const char ss_help_list[] =
	"Usage: shadowstat [list] [-p PID] [-g NAME] [-s STAT] [--json|--csv|--prometheus]\n"
	"\n"
	"One line per VM: VM (<pid>-<fd>), guest name, MMU mode, shadow pages,\n"
	"their limit, unsync pages and their share, TDP MMU pages and the mirror\n"
	"drift; then the totals of the VMs shown. --json, --csv and --prometheus\n"
	"give every stat of the schema, for scripts and node_exporter's textfile\n"
	"collector.\n"
	"\n"
	"  -p, --pid PID     only the VMs of this process\n"
	"  -g, --guest NAME  only the VMs of this guest\n"
	"  -s, --sort STAT   sort by a stat (largest first), or vm, pid, guest\n";

static const char ss_help_show[] =
	"Usage: shadowstat show VM [--json|--csv|--prometheus]\n"
	"\n"
	"Every stat of one VM, grouped into gauges, cumulative counts and the\n"
	"mirror check, with the module's description of each. VM is\n"
	"<pid>-<fd>, a pid that has one VM, or a QEMU guest name.\n";

static const char ss_help_status[] =
	"Usage: shadowstat status [--json]\n"
	"\n"
	"The module's status report: kernel, hooks, features and the layout of\n"
	"KVM's structures it found.\n";

static const char ss_help_top[] =
	"Usage: shadowstat top [-i SEC] [-1] [-n N] [-s STAT] [-p PID] [-g NAME]\n"
	"                      [--json|--csv|--prometheus]\n"
	"\n"
	"Refresh every interval: values of gauges, per second rates of\n"
	"cumulative stats. On a terminal the screen is redrawn (q or Ctrl-C\n"
	"quits); otherwise, and with another format, a record is appended per\n"
	"refresh.\n"
	"\n"
	"  -i, --interval SEC  seconds between refreshes (default 1, from 0.1)\n"
	"  -1, --once          print once, after one interval, and exit\n"
	"  -n, --iterations N  stop after N refreshes\n"
	"  -s, --sort STAT     sort by a stat (default mmu_shadow_pages; rate\n"
	"                      for cumulative stats), or vm, pid, guest\n"
	"  -p, --pid PID       only the VMs of this process\n"
	"  -g, --guest NAME    only the VMs of this guest\n";

static const char ss_help_help[] =
	"Usage: shadowstat help [COMMAND]\n";

static const char ss_help_version[] =
	"Usage: shadowstat version\n"
	"\n"
	"The version of this program and the ABI it speaks, and the module's\n"
	"ABI version, stats and features when the module is loaded.\n";

void ss_usage(FILE *f, enum ss_cmd cmd)
{
	static const char *const texts[SS_CMD_NR] = {
		[SS_CMD_LIST] = ss_help_main,
		[SS_CMD_SHOW] = ss_help_show,
		[SS_CMD_STATUS] = ss_help_status,
		[SS_CMD_TOP] = ss_help_top,
		[SS_CMD_HELP] = ss_help_help,
		[SS_CMD_VERSION] = ss_help_version,
	};

	fputs(cmd < SS_CMD_NR ? texts[cmd] : ss_help_main, f);
}

void ss_usage_list(FILE *f)
{
	fputs(ss_help_list, f);
}
