# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Helpers for the guest test scripts (busybox sh); source it: . /tests/lib.sh
#
# Output convention: "ok - <what>", "not ok - <what>: <expected vs got>", "skip - <what>: <why>".

KVER=$(uname -r)
SS_KO=/lib/modules/$KVER/extra/shadowstat.ko
SS_DIR=/sys/kernel/debug/shadowstat
KVM_DIR=/sys/kernel/debug/kvm
TEST=$(basename "$0" .sh)

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
skip() { echo "skip - $*"; }
note() { echo "# $*"; }

# check_eq WHAT EXPECTED GOT
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1 ($3)"; else not_ok "$1: expected $2, got $3"; fi
}

# check WHAT COMMAND...: ok if the command succeeds
check() {
	_what=$1
	shift
	if "$@" >/tmp/check.out 2>&1; then
		ok "$_what"
	else
		not_ok "$_what: '$*' failed: $(tr '\n' ' ' </tmp/check.out)"
	fi
}

# ---- KVM ----

kvm_unload() {
	for _m in kvm_amd kvm_intel kvm; do
		if [ -d /sys/module/$_m ]; then
			rmmod $_m || return 1
		fi
	done
	return 0
}

# kvm_mode shadow|tdp|legacytdp: (re)load kvm and kvm_amd for that MMU mode.
# Unloads shadowstat first if it is loaded (it may pin kvm).
kvm_mode() {
	case "$1" in
	shadow) _kvmp="tdp_mmu=1" _amdp="npt=0" ;;
	tdp) _kvmp="tdp_mmu=1" _amdp="npt=1" ;;
	legacytdp) _kvmp="tdp_mmu=0" _amdp="npt=1" ;;
	*) not_ok "kvm_mode: unknown mode $1"; return 1 ;;
	esac
	ss_loaded && ss_unload
	if ! kvm_unload; then
		not_ok "$TEST: unload kvm for mode $1: $(lsmod | grep kvm | tr '\n' ' ')"
		return 1
	fi
	if ! modprobe kvm $_kvmp || ! modprobe kvm_amd $_amdp; then
		not_ok "$TEST: modprobe kvm $_kvmp; modprobe kvm_amd $_amdp"
		return 1
	fi
	if [ ! -c /dev/kvm ]; then
		not_ok "$TEST: /dev/kvm after loading kvm_amd $_amdp"
		return 1
	fi
	note "kvm mode $1: kvm $_kvmp, kvm_amd $_amdp"
	return 0
}

kvm_stat() { cat "$KVM_DIR/$1/$2" 2>/dev/null; } # kvm_stat VM STAT

# ---- shadowstat ----

ss_available() { [ -f "$SS_KO" ]; }

# require_shadowstat: end the test here, with a skip line, when the module was not built
require_shadowstat() {
	ss_available && return 0
	skip "$TEST: no $SS_KO (module not built)"
	exit 0
}
ss_loaded() { [ -d /sys/module/shadowstat ]; }

# ss_load [PARAM=VALUE...]: insmod shadowstat unless loaded; returns 1 (after a skip line) if
# it is not available
ss_load() {
	if ss_loaded; then
		return 0
	fi
	if ! ss_available; then
		skip "$TEST: load shadowstat: no $SS_KO (module not built)"
		return 1
	fi
	if ! insmod "$SS_KO" "$@" 2>/tmp/insmod.err; then
		not_ok "$TEST: insmod shadowstat: $(cat /tmp/insmod.err)"
		return 1
	fi
	if [ ! -d "$SS_DIR" ]; then
		not_ok "$TEST: $SS_DIR after insmod"
		return 1
	fi
	return 0
}

# ss_unload: first checks that every event since the load found its VM (a test that leaves
# hooks off on purpose sets SS_ALLOW_UNATTRIBUTED=1)
ss_unload() {
	ss_loaded || return 0
	note "status at unload: $(sed -n '/^sources:/,$p' "$SS_DIR/status" | tr -s ' ' | tr '\n' ';')"
	if [ -z "${SS_ALLOW_UNATTRIBUTED:-}" ]; then
		check_eq "$TEST: every event was tied to its VM (unattributed_events)" 0 \
			"$(ss_counter unattributed_events)"
		check_eq "$TEST: every TDP free was under a known root" 0 \
			"$(ss_counter tdp_frees_under_unknown_roots)"
	fi
	rmmod shadowstat
}

ss_stat() { cat "$SS_DIR/$1" 2>/dev/null; } # ss_stat [VM/]STAT

# ss_counter NAME: a counter of status's "counters:" section
ss_counter() { sed -n "/^counters:/,/^[a-z]/s/^  $1  *\([0-9-]*\)$/\1/p" "$SS_DIR/status"; }
# ss_source WHAT: how this kernel gives WHAT (status's "sources:" section)
ss_source() { sed -n "/^sources:/,/^[a-z]/s/^  $1  *//p" "$SS_DIR/status"; }

# ss_sum STAT VM...: sum of a per-VM stat over VMs
ss_sum() {
	_stat=$1
	shift
	_sum=0
	for _vm in "$@"; do
		_v=$(ss_stat "$_vm/$_stat")
		_sum=$((_sum + ${_v:-0}))
	done
	echo $_sum
}

# ---- kernel log ----

KLOG_PATTERN='WARNING:|BUG:|Oops|Call Trace|lockdep|possible recursive locking|soft lockup|KASAN'
dmesg_mark() { _dmesg_mark=$(dmesg | wc -l); }
# dmesg_check WHAT: no kernel warnings since dmesg_mark
dmesg_check() {
	_new=$(dmesg | tail -n +$((${_dmesg_mark:-0} + 1)) | grep -E "$KLOG_PATTERN" | head -3)
	if [ -z "$_new" ]; then ok "$1: no kernel warnings"; else not_ok "$1: kernel log: $_new"; fi
}

# ---- VMMs ----

# run_vmm ARGS...: run ssvmm in the foreground; its own ok/not ok lines go to stdout
run_vmm() {
	ssvmm "$@"
	_rc=$?
	# 1 = some checks failed (already reported); anything else is a crash or usage error
	if [ $_rc -gt 1 ]; then
		not_ok "$TEST: ssvmm $* exit status $_rc"
	fi
	return $_rc
}

# wait_file PATH SECONDS
wait_file() {
	_i=0
	while [ ! -e "$1" ]; do
		_i=$((_i + 1))
		[ $_i -gt $(($2 * 20)) ] && return 1
		sleep 0.05
	done
	return 0
}

# vmm_bg DIR SCENARIO ARGS...: start "ssvmm SCENARIO -d DIR ARGS" in the background (hold,
# demo), wait until DIR/ready. Sets BG_VM to its VM name (<pid>-<fd>); hold_stop ends it.
vmm_bg() {
	_d=$1
	shift
	rm -rf "$_d"
	mkdir -p "$_d"
	_scn=$1
	shift
	ssvmm "$_scn" -d "$_d" "$@" >"$_d/out" 2>&1 &
	echo $! >"$_d/pid"
	echo $! >>/run/bg.pids
	if ! wait_file "$_d/ready" 60; then
		not_ok "$TEST: ssvmm $_scn $* ready: $(cat "$_d/out")"
		BG_VM=
		return 1
	fi
	BG_VM=$(cat "$_d/ready")
	return 0
}

# hold_start DIR ARGS...: vmm_bg DIR hold ARGS; sets HOLD_VM
# shellcheck disable=SC2034 # HOLD_VM is for the test scripts
hold_start() {
	_hd=$1
	shift
	vmm_bg "$_hd" hold "$@" || {
		HOLD_VM=
		return 1
	}
	HOLD_VM=$BG_VM
}

# hold_check DIR: ask the holding VMM to run its checks now, wait for them
hold_check() {
	rm -f "$1/checked"
	touch "$1/check"
	wait_file "$1/checked" 60 || not_ok "$TEST: hold $1 did not answer a check"
}

# hold_stop DIR: let it finish; prints its output; returns its exit status
hold_stop() {
	touch "$1/stop"
	wait "$(cat "$1/pid")"
	_rc=$?
	cat "$1/out"
	if [ $_rc -gt 1 ]; then
		not_ok "$TEST: ssvmm hold in $1 exit status $_rc"
	fi
	return $_rc
}
