#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run every test suite (style gates, host unit tests, QEMU guest tests), then
# print one summary line over all of them. With --kernels, also the QEMU guest
# suite on the rest of the kernel matrix (tests/kernels/run.sh; the default
# kernel is the vm suite's already).
set -u
with_kernels=
[ "${1:-}" = --kernels ] && with_kernels=1
top=$(cd "$(dirname "$0")/.." && pwd)
log=$top/build/test-logs
mkdir -p "$log"
pass=0
fail=0
skip=0

suite() {
	name=$1
	shift
	echo "==== $name: $*"
	"$@" >"$log/$name.log" 2>&1
	rc=$?
	cat "$log/$name.log"
	# a suite may run several programs, each ending on its own summary line
	lines=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log/$name.log")
	if [ -z "$lines" ]; then
		echo "==== $name: no summary line (exit $rc): counted as 1 failure"
		fail=$((fail + 1))
		return
	fi
	p=$(echo "$lines" | sed -E 's/.*\b([0-9]+) passed.*/\1/' | awk '{ s += $1 } END { print s + 0 }')
	f=$(echo "$lines" | sed -E 's/.*\b([0-9]+) failed.*/\1/' | awk '{ s += $1 } END { print s + 0 }')
	s=$(echo "$lines" | sed -nE 's/.*\b([0-9]+) skipped.*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + ${s:-0}))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "==== $name: exit $rc with no failed test: counted as 1 failure"
		fail=$((fail + 1))
	fi
}

suite lint sh "$top/scripts/lint.sh"
suite unit make -s -C "$top" unit
suite vm "$top/tests/vm/run.sh"
# the guest's Prometheus export through Debian's promtool and node_exporter (t_83_prom)
suite prom sh "$top/tests/prom/check-prom.sh"
# DKMS and .deb round trips on this machine (files only; nothing is loaded)
suite pkg make -s -C "$top" pkg-check
if [ -n "$with_kernels" ]; then
	SKIP_KERNELS=$(sh "$top/scripts/kver.sh")
	export SKIP_KERNELS
	suite kernels "$top/tests/kernels/run.sh"
fi
echo
echo "all suites: $pass passed, $fail failed, $skip skipped"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
