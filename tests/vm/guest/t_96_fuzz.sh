#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ioctl fuzzing of /dev/shadowstat (tests/fuzz/ioctlfuzz.c): FUZZ_THREADS threads for
# FUZZ_SECS seconds (from ss-knobs) of random commands, sizes, flags, reserved fields and
# pointers, while short-lived VMs come and go. Every result must be a documented errno; the
# kernel log stays clean; an idle VM's stats and the status text (less the page-walk timing
# line) are the same before and after; the idle VM passes its own checks; rmmod works (no
# reference leaked).
. /tests/lib.sh
FUZZ_SECS=5
FUZZ_THREADS=8
command -v ss-knobs >/dev/null 2>&1 && eval "$(ss-knobs)"
require_shadowstat

# snapshot VM OUT: every stat of VM (name=value or name=<errno>) and the status text
snapshot() {
	: >"$2"
	for f in "$SS_DIR/$1"/*; do
		echo "${f##*/}=$(cat "$f" 2>&1)" >>"$2"
	done
	grep -vE '^  walk(s)?_' "$SS_DIR/status" >>"$2"
}

# churn DIR: short VMs, one after the other, until DIR/stop
churn() {
	while [ ! -e "$1/stop" ]; do
		ssvmm basic -r 2 -p 1 -u 1 >/dev/null 2>&1
		echo x >>"$1/runs"
	done
}

kvm_mode shadow || exit 1
ss_load || exit 1
dmesg_mark
hold_start /tmp/fuzz-idle -r 6 -p 3 || exit 1
idle=$HOLD_VM
snapshot "$idle" /tmp/fuzz-before
rm -rf /tmp/fuzz-churn
mkdir -p /tmp/fuzz-churn
churn /tmp/fuzz-churn &
churn_pid=$!
echo $churn_pid >>/run/bg.pids

ioctlfuzz -t "$FUZZ_THREADS" -s "$FUZZ_SECS" -l "$TEST"
rc=$?
[ $rc -le 1 ] || not_ok "$TEST: ioctlfuzz exit status $rc (crashed?)"

touch /tmp/fuzz-churn/stop
wait $churn_pid
note "VMs created and destroyed during the fuzzing: $(wc -l </tmp/fuzz-churn/runs 2>/dev/null)"
snapshot "$idle" /tmp/fuzz-after
if cmp -s /tmp/fuzz-before /tmp/fuzz-after; then
	ok "$TEST: idle VM's $(grep -c '^[a-z_0-9]*=' /tmp/fuzz-after) stats and the status text unchanged by the fuzzing"
else
	not_ok "$TEST: idle VM's stats or status changed: $(diff /tmp/fuzz-before /tmp/fuzz-after | grep '^[-+][^-+]' | head -6 | tr '\n' ' ')"
fi
hold_check /tmp/fuzz-idle
hold_stop /tmp/fuzz-idle
check "$TEST: rmmod after the fuzzing (no reference left)" ss_unload
dmesg_check "$TEST: ioctl fuzzing"
