# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# The load/unload storm of t_90_storm_*.sh (busybox sh; source it after lib.sh, then
# "storm MODE CYCLES"): shadowstat loaded and unloaded CYCLES times (or until STORM_MAX_SECS
# have passed) while a background VMM creates, runs and destroys VMs one after the other
# and a reader keeps reading its debugfs files and /dev/shadowstat. Every insmod and rmmod
# must work, with no kernel warning, no directory left behind, the churning VMMs' own KVM
# checks passing, and a VM that recycled shadow pages through the whole storm exact
# afterwards (ssvmm's checks against its model).
#
# Settings from /bin/ss-knobs (tests/long/long.mk): STORM_CYCLES, STORM_CYCLES_TDP (the
# modes other than shadow), STORM_MAX_SECS. make check: short; make check-long: long.
# shellcheck disable=SC2034 # used by t_9*_storm_*.sh
STORM_CYCLES=12
# shellcheck disable=SC2034
STORM_CYCLES_TDP=4
STORM_MAX_SECS=170
command -v ss-knobs >/dev/null 2>&1 && eval "$(ss-knobs)"

# Before 6.13 shadowstat's debugfs files are full fops: an open that falls between rmmod
# dropping the module's last reference and marking it GOING makes fs/debugfs WARN ("debugfs
# file owner did not clean up at exit"), a kernel race for any module (README,
# Troubleshooting). There the churn and the reader leave debugfs alone and read through
# /dev/shadowstat only; from 6.13 (short fops, no module reference) they read both.
storm_debugfs_safe() {
	# shellcheck disable=SC2046 # two numbers
	set -- $(uname -r | sed 's/^\([0-9]*\)\.\([0-9]*\).*/\1 \2/')
	[ "$1" -gt 6 ] || { [ "$1" -eq 6 ] && [ "$2" -ge 13 ]; }
}
if storm_debugfs_safe; then
	STORM_SSVMM_ENV=
else
	STORM_SSVMM_ENV=SSVMM_NO_SHADOWSTAT=1
fi

# churn DIR MODE: run ssvmm scenarios in turn (basic, recycle or multi, memslot) until
# DIR/stop exists; DIR/runs counts the runs, DIR/crashes collects runs that did not exit 0
# or 1, DIR/kvmfails the failed checks that do not involve shadowstat (its own checks may
# fail while it is being (un)loaded under them; KVM's must not)
churn() {
	_runs=0
	while [ ! -e "$1/stop" ]; do
		case $((_runs % 3)).$2 in
		0.*) _args="basic -r 4 -p 2 -u 2" ;;
		1.tdp) _args="multi -n 2" ;;
		1.*) _args="recycle -r 50 -R 50 -n 64" ;;
		*) _args="memslot -a 4 -b 4 -p 1" ;;
		esac
		# shellcheck disable=SC2086 # split into arguments
		env $STORM_SSVMM_ENV ssvmm $_args >"$1/last" 2>&1
		_rc=$?
		_runs=$((_runs + 1))
		echo $_runs >"$1/runs"
		if [ $_rc -gt 1 ]; then
			echo "ssvmm $_args exit status $_rc: $(tail -3 "$1/last" | tr '\n' ' ')" >>"$1/crashes"
		fi
		grep '^not ok' "$1/last" | grep -v shadowstat >>"$1/kvmfails"
	done
}

# reader DIR: read shadowstat's files and list VMs with the CLI until DIR/stop
reader() {
	_n=0
	while [ ! -e "$1/stop" ]; do
		usleep 20000
		[ -n "$STORM_SSVMM_ENV" ] ||
			cat "$SS_DIR"/status "$SS_DIR"/*/mmu_shadow_pages "$SS_DIR"/*/shadow_pages_l1 \
				"$SS_DIR"/*/sp_created >/dev/null 2>&1
		shadowstat >/dev/null 2>&1
		_n=$((_n + 1))
		echo $_n >"$1/runs"
	done
}

bg_start() { # bg_start DIR FUNCTION ARGS...: FUNCTION DIR ARGS... in the background
	_bd=$1
	_bf=$2
	shift 2
	rm -rf "$_bd"
	mkdir -p "$_bd"
	"$_bf" "$_bd" "$@" &
	echo $! >"$_bd/pid"
	echo $! >>/run/bg.pids
}

bg_stop() { # bg_stop DIR...
	for _d in "$@"; do
		touch "$_d/stop"
	done
	for _d in "$@"; do
		wait "$(cat "$_d/pid")"
	done
}

# rmmod, retrying while a reader holds one of its files open (EAGAIN)
ss_rmmod_retry() {
	_t=0
	while ! rmmod shadowstat 2>/tmp/rmmod.err; do
		_t=$((_t + 1))
		rmmod_retries=$((rmmod_retries + 1))
		[ $_t -ge 200 ] && return 1
		usleep 10000
	done
	return 0
}

uptime_s() { cut -d. -f1 /proc/uptime; }

# storm MODE CYCLES
storm() {
	mode=$1
	cycles=$2
	if ! ss_available; then
		skip "$TEST: no $SS_KO (module not built)"
		return 0
	fi
	kvm_mode "$mode" || return 1
	if [ -n "$STORM_SSVMM_ENV" ]; then
		note "$TEST: $(uname -r): the churn and the reader read through /dev/shadowstat only, not debugfs (kernel race before 6.13)"
	else
		note "$TEST: $(uname -r): the churn and the reader read debugfs and /dev/shadowstat"
	fi
	dmesg_mark
	ss_unload
	# the survivor: starts before shadowstat, recycles all the time (limit 64)
	hold_start /tmp/storm-hold -b -r 100 -n 64 -t 3000 || return 1
	survivor=$HOLD_VM
	bg_start /tmp/churn churn "$mode"
	bg_start /tmp/reader reader
	t0=$(uptime_s)
	i=0 bad_ins=0 bad_rm=0 rmmod_retries=0 unattributed=0 unknown_root=0
	while [ $i -lt "$cycles" ] && [ $(($(uptime_s) - t0)) -lt "$STORM_MAX_SECS" ]; do
		if ! insmod "$SS_KO" 2>/tmp/insmod.err; then
			bad_ins=$((bad_ins + 1))
			note "cycle $i: insmod: $(cat /tmp/insmod.err)"
		fi
		# shellcheck disable=SC3028 # busybox sh has RANDOM
		usleep $((RANDOM % 150000))
		_u=$(ss_counter unattributed_events 2>/dev/null)
		unattributed=$((unattributed + ${_u:-0}))
		_u=$(ss_counter tdp_frees_under_unknown_roots 2>/dev/null)
		unknown_root=$((unknown_root + ${_u:-0}))
		if ! ss_rmmod_retry; then
			bad_rm=$((bad_rm + 1))
			note "cycle $i: rmmod: $(cat /tmp/rmmod.err)"
		fi
		# shellcheck disable=SC3028
		usleep $((RANDOM % 50000))
		i=$((i + 1))
	done
	secs=$(($(uptime_s) - t0))
	if [ $i -lt "$cycles" ]; then
		not_ok "$TEST: $mode: only $i of $cycles load/unload cycles in ${secs}s (STORM_MAX_SECS)"
	else
		ok "$TEST: $mode: $i load/unload cycles under load in ${secs}s"
	fi
	check_eq "$TEST: $mode: insmod failures in $i cycles" 0 $bad_ins
	check_eq "$TEST: $mode: rmmod failures in $i cycles ($rmmod_retries EAGAIN retries)" 0 $bad_rm
	check_eq "$TEST: $mode: events not tied to a VM in $i cycles" 0 $unattributed
	# VMs that die before shadowstat adopts them are not counted, nor are their TDP frees
	note "$TEST: $mode: TDP frees under roots of untracked VMs in $i cycles: $unknown_root"
	# end loaded, with everything still running, then stop the churn
	check "$TEST: $mode: insmod after the storm" insmod "$SS_KO"
	bg_stop /tmp/churn /tmp/reader
	runs=$(cat /tmp/churn/runs 2>/dev/null)
	if [ -s /tmp/churn/crashes ]; then
		not_ok "$TEST: $mode: churning VMMs: $(head -3 /tmp/churn/crashes | tr '\n' ' ')"
	else
		ok "$TEST: $mode: ${runs:-0} churning VMM runs, none crashed"
	fi
	if [ -s /tmp/churn/kvmfails ]; then
		not_ok "$TEST: $mode: churning VMMs' KVM checks: $(head -3 /tmp/churn/kvmfails | tr '\n' ' ')"
	else
		ok "$TEST: $mode: churning VMMs: KVM's own numbers matched the model in every run"
	fi
	note "reader rounds: $(cat /tmp/reader/runs 2>/dev/null)"
	[ "${runs:-0}" -gt 0 ] || not_ok "$TEST: $mode: the churn made no progress"
	# only the survivor is left, in shadowstat and in KVM
	check_eq "$TEST: $mode: shadowstat's VM directories after the churn" "$survivor" \
		"$(cd "$SS_DIR" && ls -d [0-9]*-[0-9]* 2>/dev/null | tr '\n' ' ' | sed 's/ $//')"
	check_eq "$TEST: $mode: mirror_drift of the survivor" 0 "$(ss_stat "$survivor/mirror_drift")"
	# the survivor's checks: its first checkpoint with shadowstat takes the base...
	hold_check /tmp/storm-hold
	sleep 1
	# ...and this one checks the growth since then against the model
	hold_check /tmp/storm-hold
	hold_stop /tmp/storm-hold
	check_eq "$TEST: $mode: total mmu_shadow_pages with no VM left" 0 "$(ss_stat mmu_shadow_pages)"
	check "$TEST: $mode: rmmod at the end" rmmod shadowstat
	dmesg_check "$TEST: load/unload storm in $mode mode"
}
