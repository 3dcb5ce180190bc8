#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the test initramfs (built by tests/vm/run.sh). Runs every /tests/t_*.sh in name
# order; their output goes to the second serial port (ttyS1, the data channel) between
# =====BEGIN <name>===== and =====END <name> rc=<rc> secs=<s>===== lines, then the full
# dmesg, then =====ALL DONE=====, and powers off.
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
stty -F /dev/ttyS1 raw -echo 2>/dev/null
DATA=/dev/ttyS1
TEST_TIMEOUT=240

uptime_s() { cut -d. -f1 /proc/uptime; }
echo "init: kernel $(uname -r), tests: $(cd /tests && ls t_*.sh | tr '\n' ' ')"

for t in /tests/t_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	echo "init: $name"
	echo "=====BEGIN $name=====" >$DATA
	t0=$(uptime_s)
	: >/run/bg.pids
	(cd /tmp && exec timeout "$TEST_TIMEOUT" sh "$t") >$DATA 2>&1
	rc=$?
	# background processes a test left behind
	for p in $(cat /run/bg.pids); do
		kill -9 "$p" 2>/dev/null && echo "not ok - $name: left process $p running" >$DATA
	done
	echo "=====END $name rc=$rc secs=$(($(uptime_s) - t0))=====" >$DATA
done

echo "=====BEGIN dmesg=====" >$DATA
dmesg >$DATA
echo "=====END dmesg=====" >$DATA
echo "=====ALL DONE=====" >$DATA
sync
poweroff -f
