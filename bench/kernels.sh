#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: bench/run.sh on each kernel of KERNELS (default: Debian 12's and the newest
# trixie-backports kernel), fetched and built for as the kernel matrix does
# (tests/kernels/lib-*.sh), none of them installed here. One results file per kernel in
# bench/results/.
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
KC_REPO=$REPO
msg() { echo "bench: $*" >&2; }
die() {
	msg "$*"
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

[ "$(id -u)" = 0 ] || die "run as root (the module is built in a private mount namespace)"
kc_index_update
rc=0
for tok in ${KERNELS:-bookworm trixie-backports}; do
	for kver in $(kc_resolve "$tok") ; do
		dir=$REPO/build/bench-kernels/$kver
		kc_fetch "$kver" || die "fetch $kver: $KC_WHY"
		kc_build "$kver" "$dir" || die "build for $kver: $KC_WHY"
		msg "$kver: module built, benchmarking"
		KVER=$kver KIMG=$KC_KIMG MODDIR=$KC_MODDIR SS_KO=$KC_KO "$REPO/bench/run.sh" || rc=1
	done
done
exit $rc
