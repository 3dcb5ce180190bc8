# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Helpers of the demo's guest script (busybox sh), sourced after /tests/lib.sh: the demo VMs
# (ssvmm demo, one process each, named by kind so that the CLI's GUEST column shows it),
# captions, and the summary that holds shadowstat against KVM's own stats.

DEMO_DIR=/tmp/demo
DEMO_T0=$(cut -d. -f1 /proc/uptime)
demo_fails=0

# ---- output ----

# section TEXT: a phase of the demo
section() {
	echo
	echo "==== $*"
}

# caption TEXT: what the user is looking at, set apart and wrapped to a terminal's width
caption() {
	echo
	echo "$*" | fold -s -w 86 | sed 's/^/  > /; s/ *$//'
}

# run CMD...: show a command, then its output; a command that fails fails the demo
run() {
	echo
	echo "\$ $*   (t=$(($(cut -d. -f1 /proc/uptime) - DEMO_T0))s)"
	"$@" || demo_fail "$*: exit status $?"
}

demo_fail() {
	echo "demo: FAILED: $*"
	demo_fails=$((demo_fails + 1))
}

# ---- the VMs ----

# demo_start KIND [OPTIONS]: start "ssvmm demo -k KIND" in the background
demo_start() {
	_k=$1
	shift
	rm -rf "${DEMO_DIR:?}/$_k"
	mkdir -p "$DEMO_DIR/$_k"
	ssvmm demo -k "$_k" -d "$DEMO_DIR/$_k" --name "$_k" "$@" >"$DEMO_DIR/$_k/out" 2>&1 &
	echo $! >"$DEMO_DIR/$_k/pid"
	# init.sh kills what is left of these if the demo dies
	echo $! >>/run/bg.pids
}

# demo_ready KIND...: wait until each VM is set up; fails if one is not
demo_ready() {
	for _k in "$@"; do
		if ! wait_file "$DEMO_DIR/$_k/ready" 60; then
			demo_fail "VM $_k did not start: $(cat "$DEMO_DIR/$_k/out")"
			return 1
		fi
	done
	return 0
}

demo_vm() { cat "$DEMO_DIR/$1/ready"; } # demo_vm KIND: its VM name <pid>-<fd>

# demo_pause KIND...: stop their vCPUs, so that the numbers stay put for the summary
demo_pause() {
	for _k in "$@"; do
		touch "$DEMO_DIR/$_k/pause"
	done
	for _k in "$@"; do
		wait_file "$DEMO_DIR/$_k/paused" 30 || demo_fail "VM $_k did not pause"
	done
}

# demo_stop KIND...: let them exit; a VMM that failed fails the demo
demo_stop() {
	for _k in "$@"; do
		touch "$DEMO_DIR/$_k/stop"
	done
	for _k in "$@"; do
		wait "$(cat "$DEMO_DIR/$_k/pid")" || demo_fail "VM $_k: $(grep -v '^#' "$DEMO_DIR/$_k/out")"
	done
}

# ---- numbers ----

ssv() { cat "$SS_DIR/$(demo_vm "$1")/$2" 2>/dev/null || echo '?'; } # ssv KIND STAT
kvv() { cat "$KVM_DIR/$(demo_vm "$1")/$2" 2>/dev/null || echo '?'; } # kvv KIND STAT

# demo_delta KIND STAT: growth of shadowstat's STAT since the last demo_delta of it
demo_delta() {
	_f=$DEMO_DIR/$1/prev.$2
	_v=$(ssv "$1" "$2")
	_p=$(cat "$_f" 2>/dev/null || echo 0)
	echo "$_v" >"$_f"
	# an unreadable stat must not end the script in an arithmetic error
	case "$_v$_p" in
	*[!0-9-]*) echo '?' ;;
	*) echo $((_v - _p)) ;;
	esac
}

# moves_shadow SECS, moves_tdp SECS: one line on what each VM did since the last one
moves_shadow() {
	echo "  > last ${1}s: steady +$(demo_delta steady sp_created) created;" \
		"churn +$(demo_delta churn sp_created) created, +$(demo_delta churn sp_recycled) recycled;" \
		"storm +$(demo_delta storm sp_unsynced) unsynced, +$(demo_delta storm sp_synced) synced"
}
moves_tdp() {
	echo "  > last ${1}s: TDP page tables linked (tdp_sp_created): steady" \
		"+$(demo_delta steady tdp_sp_created), churn +$(demo_delta churn tdp_sp_created)," \
		"storm +$(demo_delta storm tdp_sp_created)"
}

# demo_watch N SECS MOVES: the VM list N times, SECS apart, each followed by "MOVES SECS"
demo_watch() {
	_i=0
	while [ $_i -lt "$1" ]; do
		sleep "$2"
		run shadowstat
		"$3" "$2"
		_i=$((_i + 1))
	done
}

# demo_summary KIND...: final numbers of the (paused) VMs, shadowstat next to KVM's own
# stats of the same VM (/sys/kernel/debug/kvm/<vm>/): sp_created counts what KVM counts as
# mmu_cache_miss, sp_recycled what it counts as mmu_recycled, and the mirror drifts by 0
demo_summary() {
	printf '  %-7s %-9s %6s %5s %8s %6s %8s %6s %8s %6s %5s %5s  %s\n' guest vm shadow limit \
		created "(kvm)" recycled "(kvm)" unsynced synced tdp drift check
	for _k in "$@"; do
		_c=$(ssv "$_k" sp_created) _kc=$(kvv "$_k" mmu_cache_miss)
		_r=$(ssv "$_k" sp_recycled) _kr=$(kvv "$_k" mmu_recycled)
		_d=$(ssv "$_k" mirror_drift)
		_check=ok
		[ "$_c" = "$_kc" ] || _check="sp_created != mmu_cache_miss"
		[ "$_r" = "$_kr" ] || _check="sp_recycled != mmu_recycled"
		[ "$_d" = 0 ] || _check="mirror_drift $_d"
		printf '  %-7s %-9s %6s %5s %8s %6s %8s %6s %8s %6s %5s %5s  %s\n' "$_k" \
			"$(demo_vm "$_k")" "$(ssv "$_k" mmu_shadow_pages)" \
			"$(ssv "$_k" mmu_pages_limit)" "$_c" "$_kc" "$_r" "$_kr" \
			"$(ssv "$_k" sp_unsynced)" "$(ssv "$_k" sp_synced)" \
			"$(ssv "$_k" tdp_mmu_pages)" "$_d" "$_check"
		[ "$_check" = ok ] || demo_fail "$_k: $_check"
	done
}
