#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the benchmark initramfs (bench/run.sh): runs /bench.sh with the settings of the
# kernel command line (ssbench.*=...), its output on the second serial port (ttyS1) between
# =====BEGIN bench===== and =====END bench rc=<rc>=====, then the kernel log, then powers
# off. No time limit here: bench/run.sh runs QEMU under timeout.
export PATH=/bin:/sbin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mkdir -p /sys/fs/bpf && mount -t bpf bpf /sys/fs/bpf 2>/dev/null
stty -F /dev/ttyS1 raw -echo 2>/dev/null
DATA=/dev/ttyS1
# shellcheck disable=SC3045 # busybox sh has it; bpftrace needs locked memory
ulimit -l unlimited 2>/dev/null
: >/run/bg.pids
echo "=====BEGIN bench=====" >$DATA
(cd /tmp && exec sh /bench.sh) >$DATA 2>&1
echo "=====END bench rc=$?=====" >$DATA
echo "=====BEGIN dmesg=====" >$DATA
dmesg >$DATA
echo "=====END dmesg=====" >$DATA
echo "=====ALL DONE=====" >$DATA
sync
poweroff -f
