#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run shadowstat's kernel-side tests in a QEMU/TCG guest that boots this machine's installed
# Debian kernel. Nothing is ever loaded into the host kernel.
#
#   tests/vm/run.sh
#
# Environment:
#   KVER     kernel release to boot (default: newest /lib/modules/* with a /boot/vmlinuz-*)
#   TIMEOUT  seconds for the whole QEMU run (default 600)
#   TESTS    only run guest tests whose name contains one of these words (space or comma
#            separated), e.g. TESTS="basic memslot"
#   LOGDIR   where logs go (default build/vm-logs)
#   NO_MODULE=1  do not build or include shadowstat.ko (its checks skip)
#   SS_KO    path of a prebuilt shadowstat.ko to use instead of make modules (make dkms-check
#            passes the one DKMS built); its vermagic must name KVER
#   KIMG, MODDIR  the kernel image and its modules directory, for a kernel that is not
#            installed (make check-kernels); default /boot/vmlinuz-KVER, /lib/modules/KVER
#   SS_GUEST_BIN  a directory of guest programs already built (make guest-bins) to use
#   VM_WORK  the scratch directory (default build/vm)
#
# Builds the module (make modules; a failed build fails the run), the guest
# programs (make guest-bins) and an initramfs (busybox, KVM modules, shadowstat.ko, guest
# programs, tests/vm/guest/*), boots it, runs every tests/vm/guest/t_*.sh in name order, and
# ends with "N passed, N failed[, N skipped]". Exits non-zero on any failure.
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$REPO/tests/vm
LOGDIR=${LOGDIR:-$REPO/build/vm-logs}
WORK=${VM_WORK:-$REPO/build/vm}
TIMEOUT=${TIMEOUT:-600}
TESTS=${TESTS:-}
# shellcheck source=tests/vm/lib-qemu.sh
. "$HERE/lib-qemu.sh"
# shellcheck source=tests/vm/lib-initramfs.sh
. "$HERE/lib-initramfs.sh"
# shellcheck source=tests/vm/lib-kvm-stat.sh
. "$HERE/lib-kvm-stat.sh"
# shellcheck source=tests/vm/lib-l2.sh
. "$HERE/lib-l2.sh"

harness_pass=0
harness_fail=0
harness_lines=()

hok() { harness_pass=$((harness_pass + 1)); harness_lines+=("ok - harness: $*"); }
hfail() { harness_fail=$((harness_fail + 1)); harness_lines+=("not ok - harness: $*"); }
msg() { echo "run.sh: $*" >&2; }
die() {
	msg "$*"
	echo "not ok - harness: $*"
	echo "0 passed, 1 failed"
	exit 1
}
elapsed() { echo $(($(date +%s) - $1)); }

# ---- tools and kernel ----
vm_check_tools
vm_pick_kernel

mkdir -p "$LOGDIR" || die "cannot create $LOGDIR"
rm -f "$LOGDIR"/*.log "$LOGDIR"/*.txt "$LOGDIR"/qemu.*
rm -rf "$WORK"
mkdir -p "$WORK" || die "cannot create $WORK"
t_start=$(date +%s)
msg "kernel $KVER, logs in $LOGDIR"

# build_scratch_module: the module with one stat added in one line of a copy of its
# table, fed by a source that exists (t_79_scratch_stat checks that debugfs, the ioctl
# schema and the CLI all show it); SCRATCH_KO is left empty if it does not build
SCRATCH_LINE='SS_STAT(scratch_limit_copy, GAUGE, PAGES, KVM, arch.n_max_mmu_pages, 0, "The page limit again: a stat added in one line (t_79)")'
build_scratch_module() {
	local dir=$WORK/scratch src
	SCRATCH_KO=
	rm -rf "$dir"
	make -s -C "$REPO" dkms-source DESTDIR="$dir" >"$LOGDIR/scratch-build.log" 2>&1 || return
	src=$(echo "$dir"/usr/src/shadowstat-*)
	echo "$SCRATCH_LINE" >>"$src/module/ss_stat_table.h"
	if make -C "$src" modules KDIR="$MODDIR/build" >>"$LOGDIR/scratch-build.log" 2>&1; then
		SCRATCH_KO=$src/module/shadowstat.ko
		hok "module with a stat added in one line of its table built"
	else
		hfail "the module with one line added to its stat table does not build (see $LOGDIR/scratch-build.log)"
	fi
}

# ---- module ----
SCRATCH_KO=
SS_KO_PREBUILT=${SS_KO:-}
SS_KO=
if [ "${NO_MODULE:-0}" = 1 ]; then
	echo "NO_MODULE=1" >"$LOGDIR/module-build.log"
	msg "NO_MODULE=1: shadowstat checks will skip"
elif [ -n "$SS_KO_PREBUILT" ]; then
	# a module built elsewhere (e.g. by DKMS), used as is: it must be for the kernel we boot
	ko_kver=$(modinfo -F vermagic "$SS_KO_PREBUILT" 2>/dev/null | awk '{ print $1 }')
	echo "SS_KO=$SS_KO_PREBUILT (vermagic ${ko_kver:-?}), not built here" >"$LOGDIR/module-build.log"
	if [ ! -f "$SS_KO_PREBUILT" ]; then
		hfail "SS_KO=$SS_KO_PREBUILT: no such file"
	elif [ "$ko_kver" != "$KVER" ]; then
		hfail "SS_KO=$SS_KO_PREBUILT is built for '${ko_kver:-?}', not $KVER"
	else
		SS_KO=$(readlink -f "$SS_KO_PREBUILT")
		hok "prebuilt module $SS_KO_PREBUILT for $KVER"
	fi
elif [ -d "$MODDIR/build" ]; then
	if make -C "$REPO" modules KDIR="$MODDIR/build" >"$LOGDIR/module-build.log" 2>&1 &&
		[ -f "$REPO/module/shadowstat.ko" ]; then
		SS_KO=$REPO/module/shadowstat.ko
		hok "module built for $KVER"
		build_scratch_module
	else
		# a module that does not build must fail the run, not skip its checks
		tail -n 30 "$LOGDIR/module-build.log" >&2
		hfail "module build failed (see $LOGDIR/module-build.log)"
	fi
else
	echo "no $MODDIR/build (linux-headers-$KVER missing)" >"$LOGDIR/module-build.log"
	hfail "no kernel headers for $KVER (apt-get install linux-headers-amd64)"
fi

# ---- guest programs ----
GUEST_BIN=$WORK/bin
if [ -n "${SS_GUEST_BIN:-}" ]; then
	GUEST_BIN=$SS_GUEST_BIN
	echo "SS_GUEST_BIN=$SS_GUEST_BIN, not built here" >"$LOGDIR/guest-bins.log"
elif make -C "$REPO" -k guest-bins GUEST_BIN="$GUEST_BIN" >"$LOGDIR/guest-bins.log" 2>&1; then
	hok "make guest-bins"
else
	hfail "make guest-bins failed (see $LOGDIR/guest-bins.log)"
	tail -20 "$LOGDIR/guest-bins.log" >&2
fi
[ -x "$GUEST_BIN/ssvmm" ] || die "no ssvmm built (see $LOGDIR/guest-bins.log)"

# ---- tests to run ----
selected=()
for t in "$HERE"/guest/t_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	if [ -n "$TESTS" ]; then
		hit=
		for w in ${TESTS//,/ }; do
			case "$name" in *"$w"*) hit=1 ;; esac
		done
		[ -n "$hit" ] || continue
	fi
	selected+=("$name")
done
[ ${#selected[@]} -gt 0 ] || die "no guest test matches TESTS='$TESTS'"

# ---- initramfs ----
ROOT=$WORK/root
initramfs_root "$ROOT" "$SS_KO" "$GUEST_BIN"
[ -n "$SCRATCH_KO" ] && cp "$SCRATCH_KO" "$ROOT/lib/modules/$KVER/extra/shadowstat-scratch.ko"
for name in "${selected[@]}"; do
	cp "$HERE/guest/$name.sh" "$ROOT/tests/"
	# python3 and kvm_stat only for the test that runs them (~10 MB more)
	[ "$name" = t_84_kvm_stat ] && initramfs_add_kvm_stat "$ROOT"
	# QEMU and a Linux guest (~40 MB more) only when asked: SS_L2=1 (tests/vm/lib-l2.sh)
	[ "$name" = t_88_linux_guest ] && [ "${SS_L2:-0}" = 1 ] && initramfs_add_l2 "$ROOT"
done
initramfs_pack "$ROOT" "$WORK/initramfs.cpio.gz"
msg "initramfs ready ($(du -h "$WORK/initramfs.cpio.gz" | cut -f1), tests: ${selected[*]})"

# ---- boot ----
CONSOLE=$LOGDIR/console.log
DATA=$LOGDIR/data.log
t_qemu=$(date +%s)
vm_boot "$TIMEOUT" "$WORK/initramfs.cpio.gz" "$CONSOLE" "$DATA" "$LOGDIR/qemu.cmd" "$LOGDIR/qemu.out"
qrc=$?
qemu_secs=$(elapsed "$t_qemu")
msg "qemu exited rc=$qrc after ${qemu_secs}s"
if [ "$qrc" = 124 ]; then
	hfail "qemu timed out after ${TIMEOUT}s"
elif [ "$qrc" != 0 ]; then
	hfail "qemu exit status $qrc (see $LOGDIR/qemu.out)"
fi

# ---- results ----
tr -d '\r' <"$DATA" 2>/dev/null >"$LOGDIR/data.txt"
tr -d '\r' <"$CONSOLE" 2>/dev/null >"$LOGDIR/console.txt"
awk -v dir="$LOGDIR" '
	/^=====BEGIN [^ ]+=====$/ { name = substr($0, 12, length($0) - 16); f = dir "/" name ".log"; printf "" >f; next }
	/^=====END / { if (f != "") { print >>f; close(f) } f = ""; next }
	f != "" { print >>f }' "$LOGDIR/data.txt"

if grep -q '^=====ALL DONE=====' "$LOGDIR/data.txt"; then
	hok "guest ran to the end"
else
	hfail "guest did not run to the end (see $LOGDIR/console.txt)"
fi

pass=0 fail=0 skip=0
for name in "${selected[@]}"; do
	log=$LOGDIR/$name.log
	if [ ! -f "$log" ]; then
		hfail "$name did not run"
		continue
	fi
	while IFS= read -r line; do
		case "$line" in
		"ok - "*) pass=$((pass + 1)); echo "$name: $line" ;;
		"not ok - "*) fail=$((fail + 1)); echo "$name: $line" ;;
		"skip - "*) skip=$((skip + 1)); echo "$name: $line" ;;
		esac
	done <"$log"
	end=$(grep '^=====END ' "$log" | tail -1)
	if [ -z "$end" ]; then
		hfail "$name did not finish"
	else
		rc=$(echo "$end" | sed -n 's/.* rc=\([0-9]*\).*/\1/p')
		secs=$(echo "$end" | sed -n 's/.* secs=\([0-9]*\).*/\1/p')
		if [ "$rc" = 0 ]; then
			hok "$name finished (${secs}s)"
		else
			hfail "$name exit status $rc"
		fi
	fi
done

# kernel log: the full dmesg the guest dumped, and the console (for panics)
awk '/^=====BEGIN dmesg=====$/ { on = 1; next } /^=====END dmesg/ { on = 0 } on' \
	"$LOGDIR/data.txt" >"$LOGDIR/dmesg.txt"
# WARNING: and BUG: also cover a debug kernel's reports (lockdep's "WARNING: possible
# recursive locking detected", "WARNING: suspicious RCU usage", "BUG: sleeping function
# called from invalid context", "BUG: KASAN: ..."); RCU stalls and hung tasks have neither
pattern='WARNING:|BUG:|Oops|Call Trace|lockdep|possible recursive locking|soft lockup|KASAN|Kernel panic'
pattern="$pattern|detected stall|detected expedited stall|blocked for more than|kernel BUG at|general protection fault"
# lines that match and are no problem: the boot banner of a PROVE_RCU kernel
benign='RCU lockdep checking is enabled'
if grep -En "$pattern" "$LOGDIR/dmesg.txt" "$LOGDIR/console.txt" | grep -Ev "$benign" \
	>"$LOGDIR/kernel-problems.txt"; then
	hfail "kernel log has warnings/oopses (see $LOGDIR/kernel-problems.txt):"
	head -20 "$LOGDIR/kernel-problems.txt" >&2
else
	hok "kernel log clean (no WARNING/BUG/Oops/lockdep/soft lockup/KASAN/RCU stall/hung task)"
fi
[ -s "$LOGDIR/dmesg.txt" ] || hfail "no guest dmesg dump"

for l in "${harness_lines[@]}"; do
	echo "$l"
done
pass=$((pass + harness_pass))
fail=$((fail + harness_fail))
msg "qemu ${qemu_secs}s, total $(elapsed "$t_start")s; logs in $LOGDIR"
summary="$pass passed, $fail failed"
[ "$skip" -gt 0 ] && summary="$summary, $skip skipped"
echo "$summary"
[ "$fail" -eq 0 ]
