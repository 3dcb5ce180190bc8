#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-debug-kernel: the QEMU guest tests (tests/vm/run.sh) on a debug build of
# Debian's 6.1 (linux-source-6.1): generic KASAN, lockdep (PROVE_LOCKING, PROVE_RCU),
# DEBUG_ATOMIC_SLEEP, DEBUG_LIST, debug objects, full preemption. Debian's own kernel cannot
# tell us that shadowstat used freed memory, took locks in an order that can deadlock, read
# an RCU pointer unprotected or slept under a spinlock; this one reports each of them in the
# guest's kernel log, and run.sh fails on any report. KVM runs instrumented too, with the
# BTF shadowstat reads its layouts from. The first build takes about 20 minutes on 2 idle
# cores (more on a loaded machine), the guest tests about 8: not part of make check or CI.
#
#   scripts/check-debug-kernel.sh [build]     (build: the kernel only, no tests)
#
# The source and the build are cached outside the tree, in $SS_DEBUG_KERNEL_CACHE (default
# /var/cache/shadowstat/debug-kernel): src/ the unpacked tarball, obj/ the O= build, root/
# boot/vmlinuz-KVER and lib/modules/KVER (with build -> obj) as a package would install
# them. A second run builds nothing unless the source package or the configuration below
# changed. Nothing is installed on this machine and nothing is loaded into its kernel:
# run.sh runs in a private mount namespace in which /boot and /lib/modules also show root/
# (scripts/lib-kernel-ns.sh). It runs on a copy of the working tree (tree/ in the cache),
# so that a make check meanwhile in this tree shares neither build/vm nor the module's
# objects with this long run.
#
# Environment: TESTS (default: every guest test) and TIMEOUT (default 3600 s for the whole
# QEMU run, 8 times what all tests take) go to run.sh; MEM guest memory (default 4G:
# KASAN's shadow takes an eighth of it); APPEND more guest kernel parameters
# (kasan_multi_shot is always there, so that every KASAN report is printed, not only the
# first); JOBS parallel make jobs (default 2, under nice -n 19). Logs: build/debug-kernel/
# (kernel build, configuration, run.sh's output) and build/vm-logs-<kver>/. Ends with
# run.sh's summary line; exits non-zero if a step or a test failed.
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SS_DEBUG_KERNEL_CACHE:-/var/cache/shadowstat/debug-kernel}
TARBALL=/usr/src/linux-source-6.1.tar.xz
SRC=$CACHE/src/linux-source-6.1
OBJ=$CACHE/obj
ROOT=$CACHE/root
LOGS=$REPO/build/debug-kernel
LOCALVERSION=-ssdebug
JOBS=${JOBS:-2}
MEM=${MEM:-4G}
APPEND="kasan_multi_shot${APPEND:+ $APPEND}"
unset CPU
export TIMEOUT=${TIMEOUT:-3600}
what=${1:-all}
# when make runs this, its flags and command-line variables (V=, -j, ...) are not the kernel
# build's (TESTS, TIMEOUT and the like still come through the environment)
unset MAKEFLAGS MFLAGS MAKELEVEL

msg() { echo "check-debug-kernel: $*" >&2; }
die() {
	msg "$*"
	echo "0 passed, 1 failed"
	exit 1
}
# shellcheck source=scripts/lib-kernel-ns.sh
. "$REPO/scripts/lib-kernel-ns.sh"

case $what in
build | all) ;;
*) die "usage: $0 [build]" ;;
esac
case $CACHE in
"$REPO" | "$REPO"/*) die "SS_DEBUG_KERNEL_CACHE=$CACHE is inside the tree; keep the build out of it" ;;
esac

# The configuration: x86_64_defconfig and kvm_guest.config, then these. Every line of NEED
# is checked after olddefconfig (a dependency it lacks makes olddefconfig drop it quietly).
# First what the guest tests need: KVM as modules as on Debian, the BTF of vmlinux and of
# kvm.ko (/sys/kernel/btf/{vmlinux,kvm}: shadowstat's struct layouts), kprobes, kretprobes
# and tracepoints (its hooks), debugfs, kallsyms, module unload, the lockdown LSM
# (t_99_lockdown), transparent huge pages and HZ as on Debian (ssvmm madvises its memory;
# KVM maps and splits huge pages), and the serial console, devtmpfs and gzip initramfs
# run.sh boots with. Then the debug options, and a 2 MiB kernel log: run.sh reads the
# reports (lockdep's are below the console's loglevel) from the dmesg the guest dumps.
NEED='
LOCALVERSION_AUTO=n
MODULES=y
MODULE_UNLOAD=y
VIRTUALIZATION=y
KVM=m
KVM_AMD=m
KVM_INTEL=m
BPF_SYSCALL=y
DEBUG_INFO_NONE=n
DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT=y
DEBUG_INFO_REDUCED=n
DEBUG_INFO_SPLIT=n
DEBUG_INFO_BTF=y
DEBUG_INFO_BTF_MODULES=y
KPROBES=y
KRETPROBES=y
FTRACE=y
FUNCTION_TRACER=y
DYNAMIC_FTRACE=y
KPROBE_EVENTS=y
TRACEPOINTS=y
DEBUG_FS=y
DEBUG_FS_ALLOW_ALL=y
KALLSYMS=y
KALLSYMS_ALL=y
SECURITY=y
SECURITYFS=y
SECURITY_LOCKDOWN_LSM=y
SECURITY_LOCKDOWN_LSM_EARLY=y
TRANSPARENT_HUGEPAGE=y
TRANSPARENT_HUGEPAGE_ALWAYS=y
HZ_1000=n
HZ_250=y
SERIAL_8250=y
SERIAL_8250_CONSOLE=y
DEVTMPFS=y
TMPFS=y
BINFMT_SCRIPT=y
BLK_DEV_INITRD=y
RD_GZIP=y
DEBUG_KERNEL=y
KASAN=y
KASAN_GENERIC=y
KASAN_INLINE=y
KASAN_OUTLINE=n
KASAN_VMALLOC=y
KFENCE=n
PROVE_LOCKING=y
LOCKDEP=y
PROVE_RCU=y
DEBUG_ATOMIC_SLEEP=y
PREEMPT_NONE=n
PREEMPT_VOLUNTARY=n
PREEMPT=y
DEBUG_PREEMPT=y
DEBUG_LIST=y
DEBUG_OBJECTS=y
DEBUG_OBJECTS_FREE=y
DEBUG_OBJECTS_TIMERS=y
DEBUG_OBJECTS_WORK=y
DEBUG_OBJECTS_RCU_HEAD=y
SOFTLOCKUP_DETECTOR=y
DETECT_HUNG_TASK=y
LOG_BUF_SHIFT=21
'
# Off to keep the build short (the guest has no disk, network, display or USB); not checked
TRIM='
DRM=n
SOUND=n
USB_SUPPORT=n
WLAN=n
WIRELESS=n
CFG80211=n
ETHERNET=n
NETWORK_FILESYSTEMS=n
NET_9P=n
'

# ---- packages (as scripts/install-deps.sh: apt-get, only what is missing) ----
need_pkgs() {
	local p miss=
	for p in linux-source-6.1 dwarves bc bison flex libelf-dev libssl-dev gcc make perl \
		cpio kmod xz-utils util-linux; do
		dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' ||
			miss="$miss $p"
	done
	[ -z "$miss" ] && return 0
	[ "$(id -u)" = 0 ] || die "missing packages:$miss (apt-get install them as root)"
	msg "installing$miss"
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086 # one word per package
	apt-get install -y --no-install-recommends $miss >"$LOGS/apt.log" 2>&1 ||
		{ apt-get update >>"$LOGS/apt.log" 2>&1 &&
			apt-get install -y --no-install-recommends $miss >>"$LOGS/apt.log" 2>&1; } ||
		die "apt-get install$miss failed (see $LOGS/apt.log)"
}

kmake() { make -C "$SRC" O="$OBJ" "$@"; }

# ---- source: the tarball unpacked once per version of linux-source-6.1 ----
unpack_source() {
	local stamp
	stamp="linux-source-6.1 $(dpkg-query -W -f '${Version}' linux-source-6.1) $(stat -c '%s %Y' "$TARBALL")"
	if [ "$(cat "$CACHE/src/.ss-stamp" 2>/dev/null)" = "$stamp" ] && [ -f "$SRC/Makefile" ]; then
		SRC_STAMP=$stamp
		return 0
	fi
	msg "unpacking $TARBALL into $CACHE/src"
	# a new source: the old build goes with it
	rm -rf "$CACHE/src" "$CACHE/src.new" "$OBJ" "$ROOT"
	mkdir -p "$CACHE/src.new" || die "cannot create $CACHE/src.new"
	tar -C "$CACHE/src.new" -xf "$TARBALL" || die "cannot unpack $TARBALL"
	echo "$stamp" >"$CACHE/src.new/.ss-stamp"
	mv "$CACHE/src.new" "$CACHE/src" || die "cannot move $CACHE/src.new"
	SRC_STAMP=$stamp
}

# set_options LIST: LIST's SYMBOL=y|m|n|<number> lines (else: a string) into obj/.config
set_options() {
	local args=() l sym val
	for l in $1; do
		sym=${l%%=*} val=${l#*=}
		case $val in
		y) args+=(--enable "$sym") ;;
		m) args+=(--module "$sym") ;;
		n) args+=(--disable "$sym") ;;
		[0-9]*) args+=(--set-val "$sym" "$val") ;;
		*) args+=(--set-str "$sym" "$val") ;;
		esac
	done
	"$SRC/scripts/config" --file "$OBJ/.config" "${args[@]}"
}

# ---- configuration: regenerated every run, the build reused while it comes out the same ----
configure() {
	local l sym val bad=
	mkdir -p "$OBJ"
	{
		kmake x86_64_defconfig && kmake kvm_guest.config &&
			set_options "$NEED" && set_options "$TRIM" &&
			"$SRC/scripts/config" --file "$OBJ/.config" --set-str LOCALVERSION "$LOCALVERSION" &&
			kmake olddefconfig
	} >"$LOGS/config.log" 2>&1 || die "configuration failed (see $LOGS/config.log)"
	for l in $NEED; do
		sym=${l%%=*} val=${l#*=}
		case $val in
		n) grep -q "^CONFIG_$sym=[ym]" "$OBJ/.config" && bad="$bad $sym(want n)" ;;
		*) grep -qx "CONFIG_$sym=$val" "$OBJ/.config" ||
			bad="$bad $sym(want $val, got $(sed -n "s/^CONFIG_$sym=//p" "$OBJ/.config"))" ;;
		esac
	done
	grep -qx "CONFIG_LOCALVERSION=\"$LOCALVERSION\"" "$OBJ/.config" || bad="$bad LOCALVERSION"
	[ -z "$bad" ] || die "olddefconfig dropped:$bad (a dependency is missing; see $OBJ/.config, $LOGS/config.log)"
	# make kernelrelease would not see LOCALVERSION before the build's syncconfig
	KVER=$(kmake -s --no-print-directory kernelversion 2>/dev/null)$LOCALVERSION ||
		die "make kernelversion failed"
	WANT_STAMP="$SRC_STAMP config $(sha256sum <"$OBJ/.config" | cut -d' ' -f1)"
	msg "configuration checked (${KVER}: every NEED option set)"
}

# ---- build and install into root/ ----
build() {
	local t0 secs
	if [ "$(cat "$ROOT/.ss-stamp" 2>/dev/null)" = "$WANT_STAMP" ] &&
		[ -f "$ROOT/boot/vmlinuz-$KVER" ] && [ -f "$ROOT/lib/modules/$KVER/modules.dep" ]; then
		msg "$KVER: cached build in $CACHE is up to date (nothing to build)"
		return 0
	fi
	msg "building $KVER in $OBJ (nice -n 19 make -j$JOBS; log $LOGS/build.log)"
	t0=$(date +%s)
	nice -n 19 make -C "$SRC" O="$OBJ" -j"$JOBS" >"$LOGS/build.log" 2>&1 || {
		tail -n 40 "$LOGS/build.log" >&2
		die "kernel build failed (see $LOGS/build.log)"
	}
	secs=$(($(date +%s) - t0))
	[ "$(cat "$OBJ/include/config/kernel.release")" = "$KVER" ] ||
		die "built $(cat "$OBJ/include/config/kernel.release"), not $KVER"
	msg "kernel built in ${secs}s"
	echo "$KVER built in ${secs}s" >"$LOGS/build-time.txt"
	rm -rf "$ROOT" "$ROOT.new"
	mkdir -p "$ROOT.new/boot" || die "cannot create $ROOT.new"
	if ! cp "$OBJ/arch/x86/boot/bzImage" "$ROOT.new/boot/vmlinuz-$KVER" ||
		! cp "$OBJ/System.map" "$ROOT.new/boot/System.map-$KVER" ||
		! cp "$OBJ/.config" "$ROOT.new/boot/config-$KVER"; then
		die "cannot copy the kernel image"
	fi
	# stripped of DWARF (not of .BTF): the initramfs carries kvm*.ko uncompressed
	nice -n 19 make -C "$SRC" O="$OBJ" INSTALL_MOD_PATH="$ROOT.new" INSTALL_MOD_STRIP=1 \
		modules_install >>"$LOGS/build.log" 2>&1 || die "modules_install failed (see $LOGS/build.log)"
	# what run.sh builds shadowstat.ko against
	ln -sfn "$OBJ" "$ROOT.new/lib/modules/$KVER/build"
	echo "$WANT_STAMP" >"$ROOT.new/.ss-stamp"
	mv "$ROOT.new" "$ROOT" || die "cannot move $ROOT.new"
}

# ---- the guest tests ----
run_tests() {
	local tree=$CACHE/tree logdir=$REPO/build/vm-logs-$KVER shim t0 rc
	msg "copying the working tree to $tree"
	rm -rf "$tree"
	mkdir -p "$tree" || die "cannot create $tree"
	# tracked and untracked files, not the ignored ones (objects, build/), nor deleted ones
	(cd "$REPO" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"
	done | tar --null -T - -cf -) | tar -C "$tree" -xf - || die "cannot copy the tree to $tree"
	shim=$(mktemp -d)
	# shellcheck disable=SC2064 # the path is known now
	trap "rm -rf '$shim'" EXIT
	kns_qemu_shim "$shim" || die "cannot write the qemu wrapper"
	msg "$KVER: guest tests ${TESTS:+($TESTS) }with TIMEOUT=${TIMEOUT}s, -m $MEM, append '$APPEND'; logs in $logdir"
	t0=$(date +%s)
	PATH=$shim:$PATH LOGDIR=$logdir KVER=$KVER kns_run_vm "$ROOT" "$tree" >"$LOGS/run.out" 2>&1
	rc=$?
	grep -E '^not ok|^run.sh:' "$LOGS/run.out" >&2
	msg "guest tests took $(($(date +%s) - t0))s (exit $rc; output in $LOGS/run.out)"
	tail -n 1 "$LOGS/run.out"
	return $rc
}

mkdir -p "$LOGS" "$CACHE" || die "cannot create $LOGS or $CACHE"
need_pkgs
unpack_source
configure
build
if [ "$what" = build ]; then
	msg "$KVER ready in $ROOT"
	exit 0
fi
run_tests
