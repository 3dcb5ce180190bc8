#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-kernels: the whole QEMU guest suite (tests/vm/run.sh) on each kernel Debian
# ships, none of them installed here. For every kernel it fetches the packages into a
# cache outside the tree (lib-fetch.sh), builds shadowstat.ko for it with W=1 from the
# DKMS file set (lib-build.sh; Debian 13's kernels with gcc-14 in a trixie root), checks the
# IBT safety of the module's calls against that kernel's kvm.ko (ibt-check.sh) and boots it.
#
#   tests/kernels/run.sh
#
# Environment:
#   KERNELS  which kernels (lib-index.sh: suites, lines such as 7.1, versions such as
#            6.17.13, sets default, pool, all); default "default": Debian 12's and Debian
#            13's kernels, bookworm-backports' and the trixie-backports lines in the index
#   SKIP_KERNELS  releases to leave out (make test skips the one make check just ran)
#   JOBS     kernels tested at once (default 2: one QEMU per core)
#   SS_KERNEL_CACHE  the cache (default /var/cache/shadowstat/kernels)
#   TESTS, TIMEOUT   passed to tests/vm/run.sh
#   BUILD_ONLY=1     only fetch and build (a quick check that every kernel compiles it)
#
# Prints the kernels it runs, one "kernel X: N passed, N failed" line per kernel and a total
# "N passed, N failed"; logs in build/kernels/<kver>/. Exits non-zero on any failure.
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
KC_REPO=$REPO
OUT=$REPO/build/kernels
JOBS=${JOBS:-2}
msg() { echo "check-kernels: $*" >&2; }
die() {
	msg "$*"
	echo "not ok - check-kernels: $*"
	echo "0 passed, 1 failed"
	exit 1
}
# shellcheck source=scripts/lib-kernel-ns.sh
. "$REPO/scripts/lib-kernel-ns.sh"
# shellcheck source=tests/kernels/lib-index.sh
. "$REPO/tests/kernels/lib-index.sh"
# shellcheck source=tests/kernels/lib-fetch.sh
. "$REPO/tests/kernels/lib-fetch.sh"
# shellcheck source=tests/kernels/lib-build.sh
. "$REPO/tests/kernels/lib-build.sh"

[ "$(id -u)" = 0 ] || die "run as root (a private mount namespace and chroot build the module)"
for t in curl xz dpkg-deb depmod unshare readelf od; do
	command -v "$t" >/dev/null || die "missing $t (make deps)"
done

kc_index_update
kernels=
for tok in ${KERNELS:-default}; do
	r=$(kc_resolve "$tok") || die "unknown kernel '$tok' (a suite, a line such as 7.1, a version, default, pool or all)"
	[ -n "$r" ] || die "no kernel in the indices matches '$tok'"
	for k in $r; do
		case " $kernels ${SKIP_KERNELS:-} " in *" $k "*) continue ;; esac
		kernels="$kernels $k"
	done
done
kernels=${kernels# }
[ -n "$kernels" ] || { echo "check-kernels: no kernel left to run"; echo "0 passed, 0 failed"; exit 0; }
msg "kernels: $kernels"
echo "check-kernels: kernels: $kernels"

mkdir -p "$OUT" || die "cannot create $OUT"
# the guest programs, once for all kernels (they run on any of them)
GUEST_BIN=$OUT/guest-bin
rm -rf "$GUEST_BIN"
make -s -C "$REPO" -k guest-bins GUEST_BIN="$GUEST_BIN" >"$OUT/guest-bins.log" 2>&1 ||
	die "make guest-bins failed (see $OUT/guest-bins.log)"
make -s -C "$REPO" build/unit/test_btf >>"$OUT/guest-bins.log" 2>&1 ||
	die "make build/unit/test_btf failed (see $OUT/guest-bins.log)"

# kernel_steps KVER DIR: fetch, build, check and boot KVER, printing each step's results
kernel_steps() {
	local kver=$1 dir=$2 cfg ko t0
	t0=$(date +%s)
	if ! kc_fetch "$kver"; then
		echo "not ok - fetch $kver: $KC_WHY"
		echo "0 passed, 1 failed"
		return
	fi
	echo "ok - fetched $kver ($KC_DEBVER) into $KC_ROOT"
	if ! kc_build "$kver" "$dir"; then
		echo "not ok - build shadowstat.ko for $kver: $KC_WHY"
		head -5 "$dir/build-warnings.txt" 2>/dev/null
		grep -m5 -E 'error' "$dir/module-build.log"
		echo "1 passed, 1 failed"
		return
	fi
	echo "ok - built shadowstat.ko for $kver with W=1, no warning ($KC_BUILDER compiler)"
	echo "2 passed, 0 failed"
	[ "${BUILD_ONLY:-0}" = 1 ] && return
	# the headers always carry the kernel's .config
	cfg=$KC_KDIR/.config
	ko=$(ls "$KC_MODDIR"/kernel/arch/x86/kvm/kvm.ko* 2>/dev/null | head -1)
	bash "$REPO/tests/kernels/ibt-check.sh" "$ko" "$cfg"
	# the BTF reader on this kernel's own vmlinux and kvm.ko BTF
	if KVER=$kver KIMG=$KC_KIMG MODDIR=$KC_MODDIR \
		bash "$REPO/tests/unit/extract-btf.sh" "$dir/btf" >"$dir/btf.log" 2>&1; then
		SS_BTF_DIR=$dir/btf "$REPO/build/unit/test_btf"
	else
		echo "not ok - extract the BTF of $kver: $(tail -1 "$dir/btf.log")"
		echo "0 passed, 1 failed"
	fi
	KVER=$kver KIMG=$KC_KIMG MODDIR=$KC_MODDIR SS_KO=$KC_KO SS_GUEST_BIN=$GUEST_BIN \
		VM_WORK=$dir/vm LOGDIR=$dir/vm-logs "$REPO/tests/vm/run.sh" 2>"$dir/vm.err"
	echo "# $kver: $(($(date +%s) - t0))s"
}

# one_kernel KVER: kernel_steps into OUT/KVER/out.log, and one total in OUT/KVER/result
one_kernel() {
	local dir=$OUT/$1
	rm -rf "$dir"
	mkdir -p "$dir"
	kernel_steps "$1" "$dir" >"$dir/out.log" 2>&1
	awk '/^[0-9]+ passed, [0-9]+ failed/ { p += $1; f += $3 } END { printf "%d passed, %d failed\n", p, f }' \
		"$dir/out.log" >"$dir/result"
}

# JOBS lanes over the kernels
running=0
for k in $kernels; do
	one_kernel "$k" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait -n
		running=$((running - 1))
	fi
done
wait

pass=0
fail=0
for k in $kernels; do
	grep -E '(^|: )not ok - ' "$OUT/$k/out.log" | sed "s/^/$k: /" | head -40
	r=$(cat "$OUT/$k/result")
	echo "kernel $k: $r"
	pass=$((pass + $(echo "$r" | awk '{ print $1 }')))
	fail=$((fail + $(echo "$r" | awk '{ print $3 }')))
done
echo "check-kernels: ran $kernels"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
