#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The guest side of make bench (busybox sh, run by bench/guest/init.sh). Settings come from
# the kernel command line, ssbench.NAME=VALUE:
#   boot      icount or wall (a label for the results)
#   phases    comma-separated: overhead, read, cli, mem
#   rounds    rounds of the overhead workloads (each: without and with shadowstat, the
#             order alternating)
#   tools     rounds with perf stat and bpftrace counting kvmmmu events (0: none)
#   sizes     shadow pages of the read-path VMs (comma-separated)
#   vms       VMs for the CLI listing and the memory phase
#   workloads comma-separated overhead workloads: recycle, unsync, tdp, dirtylog, vm; their
#             ssbench arguments in ssbench.recycle=..., ssbench.unsync=..., ssbench.tdp=... with
#             '_' for spaces
# Every result is a "RESULT key=value ..." line; bench/report.awk makes the table.
. /tests/lib.sh

arg() { # arg NAME DEFAULT
	_v=$(tr ' ' '\n' </proc/cmdline | sed -n "s/^ssbench\.$1=//p" | tail -1)
	echo "${_v:-$2}"
}
BOOT=$(arg boot wall)
PHASES=$(arg phases overhead,read,cli,mem)
ROUNDS=$(arg rounds 5)
TOOLS=$(arg tools 0)
SIZES=$(arg sizes 10000,100000)
VMS=$(arg vms 100)
has_phase() { case ",$PHASES," in *",$1,"*) return 0 ;; esac; return 1; }
result() { echo "RESULT boot=$BOOT $*"; }

# The overhead workloads: KVM mode and ssbench arguments of each.
WORKLOADS=$(arg workloads recycle,unsync,tdp,dirtylog,vm)
wl_mode() { case $1 in tdp | dirtylog) echo tdp ;; *) echo shadow ;; esac; }
# every run first sleeps 2 s (guest time), for the work insmod/rmmod/tracers deferred
wl_args() {
	case $1 in
	recycle) echo "$(arg recycle "-r_200_-p_1_-n_64_-i_20")_-s_2" ;;
	unsync) echo "$(arg unsync "-r_64_-p_1_-u_32_-i_200")_-s_2" ;;
	tdp) echo "$(arg tdp "-r_64_-p_16_-i_20")_-s_2" ;;
	dirtylog) echo "$(arg dirtylog "-r_16_-p_512_-i_10")_-s_2" ;;
	vm) echo "$(arg vm "-r_4_-p_1_-i_20")_-s_2" ;;
	esac | tr '_' ' '
}
# diagnosis: shadowstat without one of its hooks (skip_hooks=), as one more variant "skip"
# of a workload: ssbench.skip_<workload>=<hook>[,<hook>]; ssbench.params_<workload>=P=V
# gives that variant one more module parameter (e.g. kvm_debugfs=0)
wl_skip() {
	case $1 in
	tdp) arg skip_tdp tdp_link ;;
	recycle) arg skip_recycle sp_zap ;;
	unsync) arg skip_unsync sp_get ;;
	dirtylog) arg skip_dirtylog split_ctx_range ;;
	vm) arg skip_vm none ;;
	*) arg "skip_$1" "" ;;
	esac
}
wl_params() {
	case $1 in
	vm) arg params_vm kvm_debugfs=0 ;;
	*) arg "params_$1" "" ;;
	esac
}

note "boot $BOOT, phases $PHASES, rounds $ROUNDS, tools $TOOLS, kernel $(uname -r)"
note "cmdline: $(cat /proc/cmdline)"
have_perf=''
have_bpftrace=''
if [ "$TOOLS" -gt 0 ]; then
	perf --version >/dev/null 2>&1 && have_perf=1
	bpftrace --version >/dev/null 2>&1 && have_bpftrace=1
	note "perf: $(perf --version 2>&1 | head -1), bpftrace: $(bpftrace --version 2>&1 | head -1)"
	result "kind=tools perf=${have_perf:-0} bpftrace=${have_bpftrace:-0}"
fi

# one_run W V R ARGS...: ssbench run W ARGS as variant V (bare, ss, perf, bpftrace) of round R
one_run() {
	_w=$1 _v=$2 _r=$3
	shift 3
	case $_v in
	ss) ss_load >/dev/null || return 1 ;;
	skip)
		ss_unload
		# shellcheck disable=SC2046 # no parameter or one
		insmod "$SS_KO" skip_hooks="$(wl_skip "$_w")" $(wl_params "$_w") || return 1
		;;
	*) ss_unload ;;
	esac
	# The first run after insmod or rmmod costs ~1% more than the next ones (seen under
	# icount, whatever the sleep before it): an untimed run first, then the timed one.
	ssbench run "$_w" "$@" >/dev/null 2>&1
	case $_v in
	perf)
		perf stat -a -x, -o /tmp/perf.out -e 'kvmmmu:*' -- ssbench run "$_w" "$@" >/tmp/run.out 2>&1
		_tp=$(awk -F, '$1 ~ /^[0-9]+$/ { s += $1 } END { print s + 0 }' /tmp/perf.out)
		;;
	bpftrace)
		# shellcheck disable=SC2145 # one string for -c
		bpftrace -e 'tracepoint:kvmmmu:* { @[probe] = count(); }' -c "/bin/ssbench run $_w $*" \
			>/tmp/bt.out 2>&1
		grep RESULT /tmp/bt.out >/tmp/run.out
		_tp=$(awk -F': ' '/^@\[/ { s += $2 } END { print s + 0 }' /tmp/bt.out)
		[ -s /tmp/run.out ] || head -5 /tmp/bt.out
		;;
	*)
		ssbench run "$_w" "$@" >/tmp/run.out 2>&1
		_tp=
		;;
	esac
	if ! grep -q '^RESULT ' /tmp/run.out; then
		note "ssbench run $_w ($_v) failed: $(tr '\n' ' ' </tmp/run.out | cut -c1-300)"
		return 1
	fi
	sed -n "s/^RESULT /RESULT boot=$BOOT v=$_v round=$_r ${_tp:+tp_events=$_tp }/p" /tmp/run.out
	ss_unload
	return 0
}

overhead() {
	for w in $(echo "$WORKLOADS" | tr ',' ' '); do
		args=$(wl_args "$w")
		result "kind=workload w=$w mode=$(wl_mode "$w") args=$(echo "$args" | tr ' ' '_') skip=$(wl_skip "$w") params=$(wl_params "$w")"
		kvm_mode "$(wl_mode "$w")" >/dev/null || continue
		r=1
		while [ $r -le "$ROUNDS" ]; do
			if [ $((r % 2)) = 1 ]; then order="bare ss"; else order="ss bare"; fi
			[ -n "$(wl_skip "$w")" ] && order="$order skip"
			if [ "$r" -le "$TOOLS" ]; then
				[ -n "$have_perf" ] && order="$order perf"
				[ -n "$have_bpftrace" ] && order="$order bpftrace"
			fi
			for v in $order; do
				# shellcheck disable=SC2086
				one_run "$w" "$v" "$r" $args
			done
			r=$((r + 1))
		done
	done
}

# walk_line N BUDGET: shadowstat's longest mmu_lock hold since it was loaded
walk_line() {
	_l=$(grep '^page walks:' "$SS_DIR/status")
	_ns=$(echo "$_l" | sed -n 's/.*longest mmu_lock hold \([0-9]*\) ns.*/\1/p')
	_tr=$(echo "$_l" | sed -n 's/.*ns, \([0-9]*\) stopped.*/\1/p')
	result "kind=hold n=$1 budget=$2 max_hold_ns=${_ns:-0} truncated=${_tr:-0}"
}

read_path() {
	kvm_mode shadow >/dev/null || return 1
	for n in $(echo "$SIZES" | tr ',' ' '); do
		ss_unload
		ss_load || return 1
		rm -rf /tmp/mp
		mkdir -p /tmp/mp
		ssvmm manypt -n "$n" -d /tmp/mp >/tmp/mp.out 2>&1 &
		mp=$!
		echo $mp >>/run/bg.pids
		if ! wait_file /tmp/mp/ready 3000; then
			note "manypt -n $n: $(tr '\n' ' ' </tmp/mp.out)"
			kill $mp
			continue
		fi
		grep -E '^(not ok|#)' /tmp/mp.out
		vm=$(cat /tmp/mp/ready)
		# the default walk budget, then none (as good as: 60 s)
		ssbench snap -k 5 "$vm" | sed "s/^RESULT /RESULT boot=$BOOT n=$n budget=default /"
		walk_line "$n" default
		ss_unload
		insmod "$SS_KO" walk_budget_us=60000000
		ssbench snap -k 5 "$vm" | sed "s/^RESULT /RESULT boot=$BOOT n=$n budget=60s /"
		walk_line "$n" 60s
		touch /tmp/mp/stop
		wait $mp
		ss_unload
	done
}

# start_vms N: N idle VMs, one process each; stop_vms
# (not _i: wait_file uses it)
start_vms() {
	_k=1
	while [ $_k -le "$1" ]; do
		mkdir -p /tmp/h$_k
		rm -f /tmp/h$_k/*
		ssvmm hold -d /tmp/h$_k -r 1 -p 1 -t 3600 >/dev/null 2>&1 &
		echo $! >/tmp/h$_k/pid
		echo $! >>/run/bg.pids
		_k=$((_k + 1))
	done
	_k=1
	while [ $_k -le "$1" ]; do
		wait_file /tmp/h$_k/ready 600 || note "VM $_k not ready"
		_k=$((_k + 1))
	done
}
stop_vms() {
	for _d in /tmp/h[0-9]*; do
		[ -d "$_d" ] || continue
		touch "$_d/stop"
		wait "$(cat "$_d/pid")"
		rm -rf "$_d"
	done
}

cli() {
	kvm_mode shadow >/dev/null || return 1
	ss_load || return 1
	start_vms "$VMS"
	note "shadowstat lists $(shadowstat 2>/dev/null | grep -c -- '-[0-9]') VM lines"
	# the idle VMMs poll their control files every 10 ms: stopped, so that they leave
	# the CPU to the CLI (their VMs stay)
	for _d in /tmp/h[0-9]*; do kill -STOP "$(cat "$_d/pid")"; done
	ssbench time -k 5 shadowstat | sed "s/^RESULT /RESULT boot=$BOOT vms=$VMS /"
	ssbench time -k 5 shadowstat --json | sed "s/^RESULT /RESULT boot=$BOOT vms=$VMS fmt=json /"
	for _d in /tmp/h[0-9]*; do kill -CONT "$(cat "$_d/pid")"; done
}

# mem_delta LABEL: free memory and slab before and after insmod (3 times), and after
# rmmod. Free = MemFree + the pages on the per-CPU lists (which MemFree leaves out), kB.
meminfo() {
	_pcp=$(awk '$1 == "count:" { s += $2 } END { print s * 4 }' /proc/zoneinfo)
	awk -v pcp="$_pcp" '/^MemFree:/ { printf "Free=%d ", $2 + pcp }
		/^(Slab|SReclaimable|SUnreclaim|VmallocUsed|Percpu):/ { printf "%s=%s ", $1, $2 }' \
		/proc/meminfo | tr -d ':'
}
mem_delta() {
	for _rep in 1 2 3; do
		ss_unload
		sync
		echo 3 >/proc/sys/vm/drop_caches
		sleep 1
		_before=$(meminfo)
		ss_load || return 1
		cat "$SS_DIR"/*/mmu_shadow_pages >/dev/null 2>&1
		sleep 1
		_loaded=$(meminfo)
		ss_unload
		sync
		echo 3 >/proc/sys/vm/drop_caches
		sleep 1
		_after=$(meminfo)
		result "kind=mem label=$1 rep=$_rep $(echo "$_before" | sed 's/\([A-Za-z]*\)=/b_\1=/g')" \
			"$(echo "$_loaded" | sed 's/\([A-Za-z]*\)=/l_\1=/g')" \
			"$(echo "$_after" | sed 's/\([A-Za-z]*\)=/a_\1=/g')"
	done
}

memory() {
	kvm_mode shadow >/dev/null || return 1
	ss_unload
	stop_vms
	mem_delta 0vms
	start_vms "$VMS"
	mem_delta "${VMS}vms"
	stop_vms
	for n in $(echo "$SIZES" | tr ',' ' '); do
		rm -rf /tmp/mp
		mkdir -p /tmp/mp
		ssvmm manypt -n "$n" -d /tmp/mp >/tmp/mp.out 2>&1 &
		mp=$!
		echo $mp >>/run/bg.pids
		wait_file /tmp/mp/ready 3000 || continue
		mem_delta "1vm_${n}pages"
		touch /tmp/mp/stop
		wait $mp
	done
}

dmesg_mark
has_phase overhead && overhead
has_phase read && read_path
has_phase cli && cli
stop_vms
has_phase mem && memory
ss_unload
dmesg_check "bench"
