#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: shadowstat at work, in a few minutes, on a fresh machine. Installs what is
# missing (demo/deps.sh), builds the module, ssvmm and the CLI, boots Debian's stock kernel
# in QEMU/TCG with the initramfs of the tests (tests/vm/lib-initramfs.sh, lib-qemu.sh), and
# runs demo/guest/demo.sh there: three VMs with different behaviour at once, watched with the
# shadowstat CLI, under the shadow MMU and then the TDP MMU. The guest's output is streamed
# here as it comes; nothing is ever loaded into this machine's kernel.
#
#   demo/run.sh
#
# Environment: KVER (kernel to boot, default the newest installed), TIMEOUT (seconds for the
# QEMU run, default 300). Logs go to build/demo/.
# Exits non-zero if anything failed: build, boot, a VM, or a check in the guest.
set -u

REPO=$(cd "$(dirname "$0")/.." && pwd)
LOGDIR=$REPO/build/demo
WORK=$LOGDIR/vm
TIMEOUT=${TIMEOUT:-300}
# shellcheck source=tests/vm/lib-qemu.sh
. "$REPO/tests/vm/lib-qemu.sh"
# shellcheck source=tests/vm/lib-initramfs.sh
. "$REPO/tests/vm/lib-initramfs.sh"

msg() { echo "demo: $*" >&2; }
die() {
	msg "FAILED: $*"
	exit 1
}
elapsed() { echo $(($(date +%s) - $1)); }

# the guest's output, as the user sees it: the demo script's lines only, without init.sh's
# markers and without the kernel log that follows them (kept in build/demo/dmesg.txt). A
# shell loop, line by line: awk (mawk) would hold the live stream in its input buffer.
guest_filter() {
	local line infile=
	while IFS= read -r line; do
		line=${line%$'\r'}
		case "$line" in
		"=====END t_demo "*) return 0 ;;
		"=====BEGIN file "*) infile=1 ;;
		"=====END file"*) infile= ;;
		=====*) ;;
		*) [ -n "$infile" ] || printf '%s\n' "$line" ;;
		esac
	done
}

# Ctrl-C: timeout(1) runs QEMU in a process group of its own, which the terminal's SIGINT
# does not reach; without this QEMU would run on until TIMEOUT. So TERM the children of the
# boot's subshell (timeout, which passes it on to QEMU), found by their parent in /proc/*/stat.
stop_qemu() {
	local f s
	for f in /proc/[0-9]*/stat; do
		s=$(cat "$f" 2>/dev/null) || continue
		# after the command name in parentheses: state, then the parent's pid
		s=${s##*) }
		# shellcheck disable=SC2086 # split into fields on purpose
		set -- $s
		[ "${2:-}" = "$qpid" ] && kill -TERM "${f//[!0-9]/}" 2>/dev/null
	done
	echo
	msg "interrupted; logs in build/demo/"
	exit 130
}

t_start=$(date +%s)
mkdir -p "$LOGDIR" || die "cannot create $LOGDIR"
# what this run writes, and nothing else kept there
rm -f "$LOGDIR"/*.log "$LOGDIR"/{data,console,demo,dmesg,kernel-problems}.txt "$LOGDIR"/qemu.* \
	"$LOGDIR"/demo-shadow.*
rm -rf "$WORK"
mkdir -p "$WORK" || die "cannot create $WORK"

# ---- what it needs ----
bash "$REPO/demo/deps.sh" "$LOGDIR/install-deps.log" || die "dependencies missing"
vm_check_tools
vm_pick_kernel
[ -d "$MODDIR/build" ] || die "no headers for kernel $KVER (apt-get install linux-headers-amd64)"

# ---- build ----
msg "building shadowstat.ko for $KVER, ssvmm and the shadowstat CLI (logs in build/demo/)"
if ! make -C "$REPO" modules KDIR="$MODDIR/build" >"$LOGDIR/module-build.log" 2>&1 ||
	[ ! -f "$REPO/module/shadowstat.ko" ]; then
	tail -n 20 "$LOGDIR/module-build.log" >&2
	die "module build failed (see $LOGDIR/module-build.log)"
fi
# only the two guest programs the demo runs, static, for the initramfs
if ! make -C "$REPO" GUEST_BIN="$WORK/bin" "$WORK/bin/ssvmm" "$WORK/bin/shadowstat" \
	>"$LOGDIR/guest-bins.log" 2>&1; then
	tail -n 20 "$LOGDIR/guest-bins.log" >&2
	die "building ssvmm and the CLI failed (see $LOGDIR/guest-bins.log)"
fi

# ---- initramfs: the tests' /init runs the demo as its one test ----
ROOT=$WORK/root
initramfs_root "$ROOT" "$REPO/module/shadowstat.ko" "$WORK/bin"
cp "$REPO/demo/guest/demo-lib.sh" "$ROOT/tests/"
cp "$REPO/demo/guest/demo.sh" "$ROOT/tests/t_demo.sh"
initramfs_pack "$ROOT" "$WORK/initramfs.cpio.gz"

# ---- boot, streaming the guest's output ----
CONSOLE=$LOGDIR/console.log
DATA=$LOGDIR/data.log
msg "booting Debian's $KVER in QEMU (TCG), built in $(elapsed "$t_start")s; the guest's output follows"
t_qemu=$(date +%s)
: >"$DATA"
vm_boot "$TIMEOUT" "$WORK/initramfs.cpio.gz" "$CONSOLE" "$DATA" "$LOGDIR/qemu.cmd" \
	"$LOGDIR/qemu.out" &
qpid=$!
trap stop_qemu INT TERM
# tail ends with QEMU (--pid) or, before that, when the filter has seen the demo's end
tail -n +1 -F --pid="$qpid" "$DATA" 2>/dev/null | guest_filter
wait "$qpid"
qrc=$?
qemu_secs=$(elapsed "$t_qemu")

# ---- results ----
# (QEMU may not have started: then there is no log, and the guest did not finish)
tr -d '\r' 2>/dev/null <"$DATA" >"$LOGDIR/data.txt" || : >"$LOGDIR/data.txt"
tr -d '\r' 2>/dev/null <"$CONSOLE" >"$LOGDIR/console.txt" || : >"$LOGDIR/console.txt"
guest_filter <"$LOGDIR/data.txt" >"$LOGDIR/demo.txt"
awk '/^=====BEGIN dmesg=====$/ { on = 1; next } /^=====END dmesg/ { on = 0 } on' \
	"$LOGDIR/data.txt" >"$LOGDIR/dmesg.txt"
# files the guest sent between "=====BEGIN file NAME=====" and "=====END file====="
awk '/^=====BEGIN file / { f = $3; sub(/=+$/, "", f); next } /^=====END file/ { f = ""; next }
	f { print > (dir "/" f) }' dir="$LOGDIR" "$LOGDIR/data.txt"
fails=()
if [ -s "$LOGDIR/demo-shadow.csv" ]; then
	# the host's CLI, with cairo for the PNG where the build found it
	if make -s -C "$REPO" cli >"$LOGDIR/cli-build.log" 2>&1 &&
		"$REPO/build/shadowstat" plot "$LOGDIR/demo-shadow.csv" -o "$LOGDIR/demo-shadow.svg"; then
		"$REPO/build/shadowstat" plot "$LOGDIR/demo-shadow.csv" -o "$LOGDIR/demo-shadow.png" ||
			msg "no PNG (see above); the SVG is $LOGDIR/demo-shadow.svg"
	else
		fails+=("plotting the demo's log failed (see $LOGDIR/cli-build.log)")
	fi
fi
[ "$qrc" = 124 ] && fails+=("QEMU timed out after ${TIMEOUT}s")
[ "$qrc" != 0 ] && [ "$qrc" != 124 ] && fails+=("QEMU exit status $qrc (see $LOGDIR/qemu.out)")
end=$(grep '^=====END t_demo ' "$LOGDIR/data.txt")
case "$end" in
"") fails+=("the guest did not finish the demo (see $LOGDIR/console.txt)") ;;
*" rc=0 "*) ;;
*) fails+=("the demo failed in the guest (exit status $(echo "$end" | sed -n 's/.* rc=\([0-9]*\).*/\1/p'))") ;;
esac
pattern='WARNING:|BUG:|Oops|Call Trace|lockdep|possible recursive locking|soft lockup|KASAN|Kernel panic'
if grep -En "$pattern" "$LOGDIR/dmesg.txt" "$LOGDIR/console.txt" >"$LOGDIR/kernel-problems.txt"; then
	head -n 20 "$LOGDIR/kernel-problems.txt" >&2
	fails+=("the guest kernel log has warnings (see $LOGDIR/kernel-problems.txt)")
fi

echo
if [ ${#fails[@]} -gt 0 ]; then
	for f in "${fails[@]}"; do
		msg "FAILED: $f"
	done
	exit 1
fi
msg "done in $(elapsed "$t_start")s (guest ${qemu_secs}s); output in build/demo/demo.txt, the plot in build/demo/demo-shadow.{svg,png}, logs in build/demo/"
