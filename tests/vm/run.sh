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
#
# Builds the module (make modules; a failed build fails the run), the guest
# programs (make guest-bins) and an initramfs (busybox, KVM modules, shadowstat.ko, guest
# programs, tests/vm/guest/*), boots it, runs every tests/vm/guest/t_*.sh in name order, and
# ends with "N passed, N failed[, N skipped]". Exits non-zero on any failure.
set -u

REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$REPO/tests/vm
LOGDIR=${LOGDIR:-$REPO/build/vm-logs}
WORK=$REPO/build/vm
TIMEOUT=${TIMEOUT:-600}
TESTS=${TESTS:-}

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

# ---- tools ----
missing=()
for t in qemu-system-x86_64 busybox cpio gzip depmod make cc timeout awk readelf; do
	command -v "$t" >/dev/null 2>&1 || missing+=("$t")
done
[ ${#missing[@]} -eq 0 ] || die "missing tools: ${missing[*]} (Debian: apt-get install qemu-system-x86 busybox-static cpio kmod gcc make binutils)"
BUSYBOX=$(command -v busybox)
if readelf -l "$BUSYBOX" 2>/dev/null | grep -q 'program interpreter'; then
	die "$BUSYBOX is dynamically linked; install busybox-static"
fi

# ---- kernel ----
if [ -z "${KVER:-}" ]; then
	KVER=$(for d in /lib/modules/*/; do
		k=$(basename "$d")
		[ -f "/boot/vmlinuz-$k" ] && [ -f "$d/modules.dep" ] && echo "$k"
	done | sort -V | tail -1)
fi
[ -n "$KVER" ] || die "no kernel found: need /lib/modules/<kver>/modules.dep and /boot/vmlinuz-<kver> (Debian: apt-get install linux-image-amd64)"
KIMG=/boot/vmlinuz-$KVER
MODDIR=/lib/modules/$KVER
[ -r "$KIMG" ] || die "cannot read $KIMG"
[ -f "$MODDIR/kernel/arch/x86/kvm/kvm.ko" ] || [ -f "$MODDIR/kernel/arch/x86/kvm/kvm.ko.xz" ] ||
	[ -f "$MODDIR/kernel/arch/x86/kvm/kvm.ko.zst" ] || die "no kvm.ko in $MODDIR"

mkdir -p "$LOGDIR" || die "cannot create $LOGDIR"
rm -f "$LOGDIR"/*.log "$LOGDIR"/*.txt "$LOGDIR"/qemu.*
rm -rf "$WORK"
mkdir -p "$WORK" || die "cannot create $WORK"
t_start=$(date +%s)
msg "kernel $KVER, logs in $LOGDIR"

# ---- module ----
SS_KO=
if [ "${NO_MODULE:-0}" = 1 ]; then
	echo "NO_MODULE=1" >"$LOGDIR/module-build.log"
	msg "NO_MODULE=1: shadowstat checks will skip"
elif [ -d "$MODDIR/build" ]; then
	if make -C "$REPO" modules KDIR="$MODDIR/build" >"$LOGDIR/module-build.log" 2>&1 &&
		[ -f "$REPO/module/shadowstat.ko" ]; then
		SS_KO=$REPO/module/shadowstat.ko
		hok "module built for $KVER"
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
if make -C "$REPO" -k guest-bins GUEST_BIN="$GUEST_BIN" >"$LOGDIR/guest-bins.log" 2>&1; then
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
mkdir -p "$ROOT"/{bin,sbin,dev,proc,sys,tmp,run,etc,tests,"lib/modules/$KVER/extra"}
cp "$BUSYBOX" "$ROOT/bin/busybox"
for a in $("$BUSYBOX" --list); do
	[ "$a" = busybox ] || ln -sf busybox "$ROOT/bin/$a"
done
closure=" "
add_mod() {
	local m=$1 d
	case "$closure" in *" $m "*) return ;; esac
	closure="$closure$m "
	for d in $(awk -v m="$m:" '$1 == m { for (i = 2; i <= NF; i++) print $i }' "$MODDIR/modules.dep"); do
		add_mod "$d"
	done
}
for m in kvm kvm-amd kvm-intel; do
	p=$(awk -v re="/${m}[.]ko([.](xz|zst|gz))?:" '$1 ~ re { sub(":", "", $1); print $1; exit }' "$MODDIR/modules.dep")
	[ -n "$p" ] && add_mod "$p"
done
for m in $closure; do
	dst=$ROOT/lib/modules/$KVER/$m
	mkdir -p "$(dirname "$dst")"
	case "$m" in
	*.ko.xz) xz -dc "$MODDIR/$m" >"${dst%.xz}" ;;
	*.ko.zst) zstd -qdc "$MODDIR/$m" >"${dst%.zst}" ;;
	*.ko.gz) gzip -dc "$MODDIR/$m" >"${dst%.gz}" ;;
	*) cp "$MODDIR/$m" "$dst" ;;
	esac || die "cannot copy module $m"
done
for f in modules.builtin modules.builtin.modinfo modules.order; do
	[ -f "$MODDIR/$f" ] && cp "$MODDIR/$f" "$ROOT/lib/modules/$KVER/"
done
[ -n "$SS_KO" ] && cp "$SS_KO" "$ROOT/lib/modules/$KVER/extra/shadowstat.ko"
depmod -b "$ROOT" "$KVER" || die "depmod -b $ROOT $KVER failed"
cp "$GUEST_BIN"/* "$ROOT/bin/"
# every helper file of tests/vm/guest/, and the selected tests
for f in "$HERE"/guest/*; do
	case "${f##*/}" in t_*.sh | init.sh) continue ;; esac
	cp -r "$f" "$ROOT/tests/"
done
for name in "${selected[@]}"; do
	cp "$HERE/guest/$name.sh" "$ROOT/tests/"
done
cp "$HERE/guest/init.sh" "$ROOT/init"
chmod +x "$ROOT/init"
(cd "$ROOT" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$WORK/initramfs.cpio.gz" ||
	die "cannot pack the initramfs"
msg "initramfs ready ($(du -h "$WORK/initramfs.cpio.gz" | cut -f1), tests: ${selected[*]})"

# ---- boot ----
CONSOLE=$LOGDIR/console.log
DATA=$LOGDIR/data.log
qemu=(qemu-system-x86_64 -accel tcg -cpu max -smp 1 -m 2G -display none -monitor none
	-no-reboot -serial "file:$CONSOLE" -serial "file:$DATA"
	-kernel "$KIMG" -initrd "$WORK/initramfs.cpio.gz"
	-append "console=ttyS0 panic=-1 oops=panic softlockup_panic=1 loglevel=4")
echo "timeout $TIMEOUT ${qemu[*]}" >"$LOGDIR/qemu.cmd"
t_qemu=$(date +%s)
timeout "$TIMEOUT" "${qemu[@]}" </dev/null >"$LOGDIR/qemu.out" 2>&1
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
pattern='WARNING:|BUG:|Oops|Call Trace|lockdep|possible recursive locking|soft lockup|KASAN|Kernel panic'
if grep -En "$pattern" "$LOGDIR/dmesg.txt" "$LOGDIR/console.txt" >"$LOGDIR/kernel-problems.txt"; then
	hfail "kernel log has warnings/oopses (see $LOGDIR/kernel-problems.txt):"
	head -20 "$LOGDIR/kernel-problems.txt" >&2
else
	hok "kernel log clean (no WARNING/BUG/Oops/lockdep/soft lockup/KASAN)"
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
