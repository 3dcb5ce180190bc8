#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: what shadowstat costs, measured in QEMU/TCG guests that boot this machine's
# Debian kernel (nothing is loaded into the host kernel). Two boots of the same initramfs:
#   icount  -icount shift=0,sleep=off: the guest clock advances 1 ns per guest instruction,
#           so a workload's elapsed guest time is its instruction count, the same from run
#           to run whatever the host does. Overhead workloads without and with shadowstat
#           (and with perf stat / bpftrace counting kvmmmu events when they are available
#           on the host: their binaries and libraries are copied into the initramfs), the
#           read path (one snapshot of a VM with 10k and 100k shadow pages, the longest
#           mmu_lock hold, the CLI listing 100 VMs) and memory (MemFree/Slab deltas).
#   wall    no icount: the same overhead workloads and read path in emulated wall-clock
#           time (noisy: medians of more rounds).
# Prints a table (bench/report.awk) and keeps it with the raw RESULT lines in
# bench/results/<date>-<kernel>.txt.
#
# Environment: KVER (kernel to boot; KIMG, MODDIR and SS_KO, a shadowstat.ko built for it,
# for a kernel not installed here: bench/kernels.sh sets them), ROUNDS_ICOUNT (default 5), ROUNDS_WALL (10), TOOLS
# (rounds with perf/bpftrace, default 2; 0 for none), BOOTS ("icount wall"), BENCH_TIMEOUT
# (seconds per boot, default 7200), BENCH_MEM (guest RAM, default 4G), BENCH_APPEND (more
# ssbench.*= settings, see bench/guest/bench.sh), BENCH_RESULTS (directory of the results).
set -u

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$REPO/build/bench
LOGDIR=$WORK/logs
RESULTS=${BENCH_RESULTS:-$REPO/bench/results}
ROUNDS_ICOUNT=${ROUNDS_ICOUNT:-5}
ROUNDS_WALL=${ROUNDS_WALL:-10}
TOOLS=${TOOLS:-2}
BOOTS=${BOOTS:-icount wall}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-7200}
BENCH_MEM=${BENCH_MEM:-4G}
BENCH_APPEND=${BENCH_APPEND:-}

msg() { echo "bench: $*" >&2; }
die() {
	msg "$*"
	exit 1
}
# shellcheck source=tests/vm/lib-qemu.sh
. "$REPO/tests/vm/lib-qemu.sh"
# shellcheck source=tests/vm/lib-initramfs.sh
. "$REPO/tests/vm/lib-initramfs.sh"

vm_check_tools
vm_pick_kernel
rm -rf "$WORK"
mkdir -p "$WORK" "$LOGDIR" "$RESULTS" || die "cannot create $WORK or $RESULTS"
t_start=$(date +%s)

if [ -n "${SS_KO:-}" ]; then
	ko=$SS_KO
	echo "SS_KO=$SS_KO, not built here" >"$LOGDIR/module-build.log"
else
	make -C "$REPO" modules KDIR="$MODDIR/build" >"$LOGDIR/module-build.log" 2>&1 ||
		die "module build failed (see $LOGDIR/module-build.log)"
	ko=$REPO/module/shadowstat.ko
fi
make -C "$REPO" guest-bins bench-bins GUEST_BIN="$WORK/bin" >"$LOGDIR/guest-bins.log" 2>&1 ||
	die "guest programs failed to build (see $LOGDIR/guest-bins.log)"

# ---- initramfs: the test one, our /init, and perf and bpftrace if the host has them ----
ROOT=$WORK/root
initramfs_root "$ROOT" "$ko" "$WORK/bin"
cp "$REPO/bench/guest/init.sh" "$ROOT/init"
cp "$REPO/bench/guest/bench.sh" "$ROOT/bench.sh"
chmod +x "$ROOT/init"

# add_dynamic PROGRAM: the program and the shared libraries it loads, at their host paths
add_dynamic() {
	local prog=$1 lib
	mkdir -p "$ROOT/usr/bin"
	cp -L "$prog" "$ROOT/usr/bin/" || return 1
	for lib in $(ldd "$prog" | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }'); do
		mkdir -p "$ROOT$(dirname "$lib")"
		[ -e "$ROOT$lib" ] || cp -L "$lib" "$ROOT$lib" || return 1
	done
}
tools_note=
for tool in perf bpftrace; do
	path=$(command -v $tool)
	if [ "$TOOLS" = 0 ]; then
		tools_note="$tools_note $tool: not run (TOOLS=0);"
	elif [ -z "$path" ] || ! "$path" --version >/dev/null 2>&1; then
		tools_note="$tools_note $tool: not on the host (apt-get install linux-perf bpftrace), column skipped;"
	elif add_dynamic "$path"; then
		tools_note="$tools_note $tool: $("$path" --version 2>&1 | head -1) from the host;"
	else
		tools_note="$tools_note $tool: could not copy it and its libraries, column skipped;"
	fi
done
msg "tools:$tools_note"
# uncompressed: with perf and bpftrace (LLVM) it is large, and gzip costs more than it saves
(cd "$ROOT" && find . -print0 | cpio --null -o -H newc --quiet) >"$WORK/initramfs.cpio" ||
	die "cannot pack the initramfs"
msg "initramfs ready ($(du -h "$WORK/initramfs.cpio" | cut -f1)), kernel $KVER"

# ---- boots ----
# boot NAME APPEND: one boot with the QEMU options in ACCEL; its RESULT lines go to
# $WORK/NAME.results
boot() {
	local name=$1 append=$2 t0 rc
	local qemu=(qemu-system-x86_64 "${ACCEL[@]}" -cpu max -smp 1 -m "$BENCH_MEM"
		-display none -monitor none -no-reboot
		-serial "file:$LOGDIR/$name-console.log" -serial "file:$LOGDIR/$name-data.log"
		-kernel "$KIMG" -initrd "$WORK/initramfs.cpio"
		-append "console=ttyS0 panic=-1 oops=panic softlockup_panic=1 loglevel=4 $append")
	echo "timeout $BENCH_TIMEOUT ${qemu[*]}" >"$LOGDIR/$name-qemu.cmd"
	msg "boot $name: $append"
	t0=$(date +%s)
	timeout "$BENCH_TIMEOUT" "${qemu[@]}" </dev/null >"$LOGDIR/$name-qemu.out" 2>&1
	rc=$?
	msg "boot $name: qemu exit $rc after $(($(date +%s) - t0)) s"
	tr -d '\r' <"$LOGDIR/$name-data.log" >"$LOGDIR/$name-data.txt"
	grep -a '^RESULT ' "$LOGDIR/$name-data.txt" >"$WORK/$name.results"
	grep -aE '^(not ok|#) ' "$LOGDIR/$name-data.txt" | sed "s/^/$name: /" >>"$WORK/notes.txt"
	if ! grep -aq '^=====ALL DONE' "$LOGDIR/$name-data.txt"; then
		echo "$name: boot did not finish (qemu exit $rc; see $LOGDIR/$name-console.log)" >>"$WORK/notes.txt"
	fi
	if grep -aEq 'WARNING:|BUG:|Oops|Call Trace|lockdep|soft lockup|Kernel panic' \
		"$LOGDIR/$name-data.txt" "$LOGDIR/$name-console.log"; then
		echo "$name: kernel warnings in the guest log" >>"$WORK/notes.txt"
	fi
}

: >"$WORK/notes.txt"
for b in $BOOTS; do
	case $b in
	icount)
		# shellcheck disable=SC2054 # a comma inside one option
		ACCEL=(-accel tcg -icount shift=0,sleep=off)
		boot icount "ssbench.boot=icount ssbench.rounds=$ROUNDS_ICOUNT ssbench.tools=$TOOLS ssbench.phases=overhead,read,cli,mem $BENCH_APPEND"
		;;
	wall)
		ACCEL=(-accel tcg)
		boot wall "ssbench.boot=wall ssbench.rounds=$ROUNDS_WALL ssbench.tools=0 ssbench.phases=overhead,read,cli $BENCH_APPEND"
		;;
	*) die "unknown boot $b (icount, wall)" ;;
	esac
done

# ---- report ----
out=$RESULTS/$(date +%Y-%m-%d)-$KVER.txt
{
	echo "# make bench, $(date -u '+%Y-%m-%d %H:%M UTC'), guest kernel $KVER"
	echo "# host: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(qemu-system-x86_64 --version | head -1)"
	echo "# guest: -accel tcg -cpu max -smp 1 -m $BENCH_MEM; boots: $BOOTS; rounds icount $ROUNDS_ICOUNT, wall $ROUNDS_WALL, tools $TOOLS"
	echo "# tools:$tools_note"
	echo
	cat "$WORK"/*.results | awk -f "$REPO/bench/report.awk"
	if [ -s "$WORK/notes.txt" ]; then
		echo
		echo "Notes from the guests:"
		sed 's/^/  /' "$WORK/notes.txt"
	fi
	echo
	echo "Raw results:"
	cat "$WORK"/*.results
} >"$out.tmp"
mv "$out.tmp" "$out"
sed '/^Raw results:/,$d' "$out"
msg "results in ${out#"$REPO"/} (total $(($(date +%s) - t_start)) s; logs in $LOGDIR)"
