#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `shadowstat log`: a CSV row per VM every interval, appended to a file with its header once,
# reopened on SIGHUP (a rotated file starts again with the header), and a file with another
# header refused. Against two idle VMs whose pages the model knows: each row's
# mmu_shadow_pages equals debugfs, and an idle VM's rates are 0.
. /tests/lib.sh
require_shadowstat
kvm_mode shadow || exit 1
ss_load || exit 1
dmesg_mark
hold_start /tmp/log-a -r 5 -p 2 || exit 1
A=$HOLD_VM
hold_start /tmp/log-b -r 2 -p 1 || exit 1
B=$HOLD_VM
L=/tmp/ss.log
rm -f $L $L.1

# col FILE VM STAT: STAT of each row of VM, one per line
col() {
	awk -F, -v vm="$2" -v st="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == st) c = i; next }
		$2 == vm && c { print $c }' "$1"
}

check "$TEST: log -n 2 -o FILE" shadowstat log -i 0.3 -n 2 -o $L
check "$TEST: a second run appends" shadowstat log -i 0.3 -n 1 -o $L
check_eq "$TEST: one header for both runs" 1 "$(grep -c '^timestamp_ns,vm,' $L)"
check_eq "$TEST: 3 rows per VM" "3 3" "$(col $L "$A" vm | wc -l) $(col $L "$B" vm | wc -l)"
check_eq "$TEST: no totals row" 0 "$(awk -F, '$2 == "total"' $L | wc -l)"
check_eq "$TEST: $A's mmu_shadow_pages in every row" \
	"$(ss_stat "$A/mmu_shadow_pages") $(ss_stat "$A/mmu_shadow_pages") $(ss_stat "$A/mmu_shadow_pages")" \
	"$(col $L "$A" mmu_shadow_pages | tr '\n' ' ' | sed 's/ $//')"
check_eq "$TEST: an idle VM's sp_created rate" "0.00 0.00 0.00" \
	"$(col $L "$B" sp_created_per_sec | tr '\n' ' ' | sed 's/ $//')"
check "$TEST: the header is --csv's, with rates" \
	sh -c "head -1 $L | grep -q '^timestamp_ns,vm,id,pid,fd,guest,mmu,created_ns,mmu_shadow_pages,.*,sp_created_per_sec'"

# SIGHUP after logrotate's move: the old file keeps its rows, the new one gets a header
shadowstat log -i 0.3 -o $L 2>/tmp/log.err &
pid=$!
sleep 1
mv $L $L.1
kill -HUP $pid
sleep 1
kill -TERM $pid
wait $pid
check_eq "$TEST: log exits 0 on SIGTERM" 0 "$?"
check_eq "$TEST: after SIGHUP the new file has one header" 1 "$(grep -c '^timestamp_ns,vm,' $L)"
n_new=$(col $L "$A" vm | wc -l)
if [ "$n_new" -ge 1 ]; then ok "$TEST: rows go to the new file ($n_new)"; else not_ok "$TEST: no rows in the new file"; fi
check_eq "$TEST: the rotated file still has one header" 1 "$(grep -c '^timestamp_ns,vm,' $L.1)"

echo "timestamp_ns,vm,something_else" >/tmp/other.log
shadowstat log -n 1 -o /tmp/other.log >/tmp/log.out 2>&1
check_eq "$TEST: a file with another header: exit 1" 1 "$?"
check "$TEST: ... with the reason" grep -q "its header is not this module's" /tmp/log.out
check_eq "$TEST: ... and left as it was" 1 "$(wc -l </tmp/other.log)"
shadowstat log -o /nonexistent/dir/x.log >/tmp/log.out 2>&1
check_eq "$TEST: an unwritable path: exit 1" 1 "$?"
check "$TEST: ... says why" grep -q "No such file or directory" /tmp/log.out
hold_stop /tmp/log-a >/dev/null
hold_stop /tmp/log-b >/dev/null
dmesg_check "$TEST: log"
