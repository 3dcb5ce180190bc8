#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The shadowstat CLI against the real module: its --csv and --json numbers equal the debugfs
# files of the same VM (and the totals those of /sys/kernel/debug/shadowstat/), show, status,
# top and --prometheus work, and every user error gives one line and a non-zero exit
# (unknown command, option or VM, bad interval, module not loaded, not root).
. /tests/lib.sh
require_shadowstat
fails=0
fail() { not_ok "$@"; fails=$((fails + 1)); }

# expect_fail WHAT RC PATTERN CMD...: exit status RC, one stderr line matching PATTERN,
# nothing on stdout
expect_fail() {
	_what=$1 _rc=$2 _pat=$3
	shift 3
	"$@" >/tmp/cli.out 2>/tmp/cli.err
	_got=$?
	_n=$(wc -l </tmp/cli.err)
	if [ "$_got" = "$_rc" ] && [ "$_n" = 1 ] && grep -q -- "$_pat" /tmp/cli.err &&
		[ ! -s /tmp/cli.out ]; then
		ok "$TEST: $_what: exit $_got, $(cat /tmp/cli.err)"
	else
		fail "$TEST: $_what: expected exit $_rc and one line matching '$_pat', got exit $_got: $(cat /tmp/cli.err) $(head -3 /tmp/cli.out)"
	fi
}

# expect_ok WHAT CMD...: exit status 0, output in /tmp/cli.out
expect_ok() {
	_what=$1
	shift
	if "$@" >/tmp/cli.out 2>/tmp/cli.err; then
		ok "$TEST: $_what"
		return 0
	fi
	fail "$TEST: $_what: exit $?: $(cat /tmp/cli.err)"
	return 1
}

# compare WHAT DIR PAIRS: each "stat value" line of file PAIRS equals the file DIR/stat
# (null or empty on the CLI side for a stat debugfs cannot read)
compare() {
	_bad=
	_n=0
	while read -r _s _v; do
		[ -n "$_s" ] || continue
		[ "$_v" = null ] && _v=
		_d=$(cat "$2/$_s" 2>/dev/null)
		_n=$((_n + 1))
		[ "$_d" = "$_v" ] || _bad="$_bad $_s: cli '$_v' debugfs '$_d';"
	done <"$3"
	_files=0
	for _f in "$2"/*; do
		[ -f "$_f" ] && [ "${_f##*/}" != status ] && _files=$((_files + 1))
	done
	if [ "$_n" != "$_files" ]; then
		fail "$TEST: $1: the CLI gave $_n stats, debugfs has $_files"
	elif [ -z "$_bad" ]; then
		ok "$TEST: $1: $_n stats equal debugfs"
	else
		fail "$TEST: $1:$_bad"
	fi
}

# csv_pairs FILE FIELD2: "stat value" of the row whose 2nd field (vm) is FIELD2
csv_pairs() {
	awk -F, -v vm="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) { h[i] = $i; if ($i == "created_ns") first = i + 1 } next }
		$2 == vm { for (i = first; i <= NF; i++) print h[i], $i }' "$1"
}

# json_pairs FILE ANCHOR OBJECT: "stat value" of the object "OBJECT":{...} after ANCHOR
json_pairs() {
	awk -v anchor="$2" -v obj="\"$3\":{" '{
		i = index($0, anchor)
		if (!i) exit 1
		s = substr($0, i)
		j = index(s, obj)
		if (!j) exit 1
		s = substr(s, j + length(obj))
		s = substr(s, 1, index(s, "}") - 1)
		n = split(s, kv, ",")
		for (k = 1; k <= n; k++) {
			split(kv[k], p, ":")
			gsub(/"/, "", p[1])
			print p[1], p[2]
		}
	}' "$1"
}

# ---- user errors that need no module ----
kvm_mode shadow || exit 1
ss_unload
expect_fail "module not loaded" 1 "load the module with .modprobe shadowstat." shadowstat
expect_fail "unknown command" 2 "unknown command 'frob'" shadowstat frob
expect_fail "unknown option" 2 "unknown option '--frob'" shadowstat --frob
expect_fail "bad interval" 2 "invalid interval" shadowstat top -i 0
expect_fail "option for another command" 2 "does not apply to 'status'" shadowstat status -1
expect_fail "show without a VM" 2 "'show' needs a VM" shadowstat show
for c in "" list show status top help version; do
	if shadowstat $c --help >/tmp/cli.out 2>&1 && grep -q '^Usage: shadowstat' /tmp/cli.out; then
		ok "$TEST: shadowstat ${c:+$c }--help"
	else
		fail "$TEST: shadowstat ${c:+$c }--help: $(head -2 /tmp/cli.out)"
	fi
done

ss_load || exit 1
dmesg_mark

# not root: the node is 0600 root
grep -q '^nobody:' /etc/passwd 2>/dev/null || echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
grep -q '^nogroup:' /etc/group 2>/dev/null || echo 'nogroup:x:65534:' >>/etc/group
expect_fail "not root" 1 "permission denied: run shadowstat as root" \
	su -s /bin/sh nobody -c "shadowstat"

# ---- no VM ----
expect_ok "list with no VM" shadowstat &&
	check_eq "$TEST: list with no VM ends with the totals" "total 0 VMs" \
		"$(tail -1 /tmp/cli.out | awk '{ print $1, $2, $3 }')"
expect_fail "show an unknown VM" 1 "no VM 'nosuchvm'" shadowstat show nosuchvm
expect_ok "status" shadowstat status &&
	check_eq "$TEST: status starts as debugfs status" "$(head -1 "$SS_DIR/status")" \
		"$(head -1 /tmp/cli.out)"
expect_ok "status --json" shadowstat status --json &&
	check_eq "$TEST: status --json is one line" 1 "$(wc -l </tmp/cli.out)"
check "$TEST: status --json gives the module, hooks and features as objects" \
	grep -qE '^\{"module":\{"version":"[0-9.]+","kernel":".*"hooks":\[\{"name":"vm_destroy","type":"kretprobe",.*"features":\[\{"name":"vm_tracking","on":true' /tmp/cli.out
check "$TEST: status --json counters are numbers" grep -q '"counters":{"unattributed_events":0,' /tmp/cli.out
check "$TEST: status --json reports missed kretprobe returns" \
	grep -qE '"name":"vm_destroy","type":"kretprobe","symbol":"kvm_arch_destroy_vm","attached":true,"why":"","missed":0' /tmp/cli.out
# under --json an error is JSON too, on stdout (as bpftool -j)
shadowstat show nosuchvm --json >/tmp/cli.out 2>/tmp/cli.err
check_eq "$TEST: show nosuchvm --json: exit 1" 1 "$?"
check "$TEST: show nosuchvm --json: the error is one JSON object" \
	grep -qx '{"error":"no VM .nosuchvm.*"}' /tmp/cli.out
check_eq "$TEST: show nosuchvm --json: nothing on stderr" 0 "$(wc -c </tmp/cli.err)"
expect_ok "version" shadowstat version &&
	check "$TEST: version shows the module ABI" grep -q '^module: ABI 1,' /tmp/cli.out

for mode in shadow tdp; do
	kvm_mode $mode || continue
	ss_load || continue
	hold_start /tmp/cli-a -r 8 -p 2 || continue
	A=$HOLD_VM
	hold_start /tmp/cli-b -r 3 -p 1 || { hold_stop /tmp/cli-a >/dev/null; continue; }
	B=$HOLD_VM
	note "$mode: idle VMs $A and $B"

	expect_ok "$mode: list" shadowstat &&
		check "$TEST: $mode: list has $A" grep -q "^$A " /tmp/cli.out &&
		check_eq "$TEST: $mode: list totals line" "total 2 VMs" \
			"$(tail -1 /tmp/cli.out | awk '{ print $1, $2, $3 }')"

	if expect_ok "$mode: --csv" shadowstat --csv; then
		for vm in $A $B; do
			csv_pairs /tmp/cli.out "$vm" >/tmp/pairs
			compare "$mode: --csv $vm" "$SS_DIR/$vm" /tmp/pairs
		done
		csv_pairs /tmp/cli.out total >/tmp/pairs
		compare "$mode: --csv totals" "$SS_DIR" /tmp/pairs
	fi
	if expect_ok "$mode: --json" shadowstat --json; then
		for vm in $A $B; do
			json_pairs /tmp/cli.out "\"vm\":\"$vm\"" values >/tmp/pairs
			compare "$mode: --json $vm" "$SS_DIR/$vm" /tmp/pairs
		done
		json_pairs /tmp/cli.out '"totals":' totals >/tmp/pairs
		compare "$mode: --json totals" "$SS_DIR" /tmp/pairs
		check_eq "$TEST: $mode: --json MMU mode of $A" "$mode" \
			"$(sed -n "s/.*\"vm\":\"$A\"[^}]*\"mmu\":\"\([a-z-]*\)\".*/\1/p" /tmp/cli.out)"
	fi
	if expect_ok "$mode: show $A --csv" shadowstat show "$A" --csv; then
		csv_pairs /tmp/cli.out "$A" >/tmp/pairs
		compare "$mode: show $A --csv" "$SS_DIR/$A" /tmp/pairs
	fi
	# show by pid: the holder has one VM
	if expect_ok "$mode: show ${A%-*} (by pid)" shadowstat show "${A%-*}"; then
		check "$TEST: $mode: show by pid names $A" grep -q "^VM $A " /tmp/cli.out
		v=$(awk '$1 == "mmu_shadow_pages" { print $2 }' /tmp/cli.out)
		check_eq "$TEST: $mode: show mmu_shadow_pages" "$(cat "$SS_DIR/$A/mmu_shadow_pages")" "$v"
		check "$TEST: $mode: show groups" grep -q '^Cumulative$' /tmp/cli.out
	fi
	if expect_ok "$mode: --prometheus" shadowstat --prometheus; then
		check "$TEST: $mode: prometheus counter type" \
			grep -q '^# TYPE shadowstat_sp_created_total counter$' /tmp/cli.out
		check_eq "$TEST: $mode: prometheus mmu_shadow_pages of $A" \
			"$(cat "$SS_DIR/$A/mmu_shadow_pages")" \
			"$(grep "^shadowstat_mmu_shadow_pages{vm=\"$A\"," /tmp/cli.out | awk '{ print $2 }')"
	fi
	# -o: the textfile collector's file is replaced whole (no temporary file stays)
	mkdir -p /tmp/textfile
	if expect_ok "$mode: --prometheus -o FILE" shadowstat --prometheus -o /tmp/textfile/ss.prom; then
		check_eq "$TEST: $mode: -o FILE holds what stdout had" "$(cat /tmp/textfile/ss.prom)" \
			"$(shadowstat --prometheus)"
		check_eq "$TEST: $mode: -o leaves only the file" "ss.prom" "$(ls -A /tmp/textfile)"
	fi
	expect_fail "$mode: -o into a missing directory" 1 "/nope/x.prom: No such file" \
		shadowstat --prometheus -o /nope/x.prom
	expect_ok "$mode: -p ${B%-*}" shadowstat -p "${B%-*}" --csv &&
		check_eq "$TEST: $mode: -p keeps one VM and the total" 3 "$(wc -l </tmp/cli.out)"
	expect_ok "$mode: top -1" shadowstat top -1 -i 0.2 &&
		check "$TEST: $mode: top -1 shows $A" grep -q "^$A " /tmp/cli.out
	if expect_ok "$mode: top --csv -n 2" shadowstat top --csv -n 2 -i 0.2 -s sp_created; then
		# header + 2 x (2 VMs + total)
		check_eq "$TEST: $mode: top --csv lines" 7 "$(wc -l </tmp/cli.out)"
		check "$TEST: $mode: top --csv has rates" grep -q 'sp_created_per_sec' /tmp/cli.out
	fi
	expect_fail "$mode: top with an unknown sort key" 2 "unknown sort key 'nope'" \
		shadowstat top -1 -s nope

	hold_stop /tmp/cli-b >/tmp/cli-b.out || fails=$((fails + 1))
	grep '^not ok' /tmp/cli-b.out
	hold_stop /tmp/cli-a >/tmp/cli-a.out || fails=$((fails + 1))
	grep '^not ok' /tmp/cli-a.out
	expect_fail "$mode: show a VM that is gone" 1 "no VM '$A'" shadowstat show "$A"
done

dmesg_check "$TEST: CLI"
[ $fails = 0 ]
