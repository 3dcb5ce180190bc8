#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# record and simulate (seed 004): three access patterns under KVM_SET_NR_MMU_PAGES(64), each
# recorded while it runs. simulate --check must replay KVM's own recycling exactly: FIFO at
# the recorded limit makes the creations and recycles of the stream, which equal KVM's
# mmu_cache_miss and mmu_recycled growth. Then what the patterns are for: LRU wins on
# hot/cold, makes no difference on random, cannot win on a cyclic scan just over the limit,
# and without pressure every policy finds every page.
. /tests/lib.sh
require_shadowstat
kvm_mode shadow || exit 1
ss_load || exit 1
dmesg_mark

# col CSV POLICY COLUMN: simulate --csv's COLUMN for POLICY
col() {
	awk -F, -v p="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
		$1 == p { print $k }' "$1"
}

# record_pattern PATTERN: run ssvmm evict -P PATTERN while recording it into /tmp/PATTERN.rec
record_pattern() {
	_p=$1
	_d=/tmp/evict-$_p
	vmm_bg $_d evict -P "$_p" -n 64 || return 1
	shadowstat record "$BG_VM" -o /tmp/$_p.rec 2>/tmp/$_p.rec.err &
	_rec=$!
	# the recording has started once its file's header is written (a temporary file until then)
	sleep 1
	touch $_d/go
	if ! wait_file $_d/done 600; then
		not_ok "$TEST: $_p: the pattern did not finish"
	fi
	sleep 0.5
	kill -INT $_rec
	wait $_rec
	check_eq "$TEST: $_p: record exits 0 on SIGINT" 0 "$?"
	hold_stop $_d
	cat /tmp/$_p.rec.err
	return 0
}

for p in hotcold random cyclic; do
	record_pattern $p || continue
	f=/tmp/$p.rec
	check "$TEST: $p: the file names the kernel" grep -qx "kernel $(uname -r)" $f
	check_eq "$TEST: $p: no record lost" 0 "$(sed -n 's/^end .* lost=\([0-9]*\) .*/\1/p' $f)"
	check "$TEST: $p: the file has marks of KVM's counters" grep -q '^M ' $f
	shadowstat simulate --check $f >/tmp/$p.check 2>&1
	rc=$?
	cat /tmp/$p.check
	check_eq "$TEST: $p: simulate --check: fifo at the recorded limit is exact" 0 "$rc"
	shadowstat simulate --csv --limit 64,96,128,1000 $f >/tmp/$p.csv
	check_eq "$TEST: $p: simulate --csv exits 0" 0 "$?"
	cat /tmp/$p.csv
	check_eq "$TEST: $p: the CSV header" "policy,limit,lookups,hits,misses,evictions,hit_ratio" \
		"$(head -1 /tmp/$p.csv)"
	shadowstat simulate --limit 64,96,128,1000 --svg /tmp/$p.svg $f >/dev/null
	check "$TEST: $p: --svg draws a curve per policy" \
		sh -c "[ \$(grep -c '<polyline' /tmp/$p.svg) = 2 ]"
done

# misses at the limit of 64, by policy
m() { col /tmp/$1.csv "$2" misses | head -1; }
# shellcheck disable=SC2046
set -- $(m hotcold fifo) $(m hotcold lru) $(m random fifo) $(m random lru) $(m cyclic fifo) $(m cyclic lru)
if [ $# = 6 ]; then
	if [ "$2" -lt "$1" ]; then ok "$TEST: hotcold: lru misses less ($2 < $1)"
	else not_ok "$TEST: hotcold: lru misses $2, fifo $1"; fi
	d=$(($3 - $4)); d=${d#-}
	if [ $((d * 10)) -le "$3" ]; then ok "$TEST: random: lru and fifo within 10% ($4, $3)"
	else not_ok "$TEST: random: lru misses $4, fifo $3"; fi
	if [ "$6" -ge "$5" ]; then ok "$TEST: cyclic: lru misses no less ($6 >= $5)"
	else not_ok "$TEST: cyclic: lru misses $6, fifo $5"; fi
	# 5 passes over 64 + 8 page tables at a limit of 64: after the first pass every
	# region's page table is gone again when the scan comes back to it, whatever the
	# policy; the first pass misses every distinct page (the no-pressure row)
	distinct=$(col /tmp/cyclic.csv fifo misses | tail -1)
	floor=$((distinct + 4 * (64 + 8)))
	if [ "$5" -ge $floor ] && [ "$6" -ge $floor ]; then
		ok "$TEST: cyclic: every pass misses every region ($5, $6 >= $distinct + 4 * 72)"
	else not_ok "$TEST: cyclic: misses fifo $5, lru $6, below $distinct + 4 * 72"; fi
else
	not_ok "$TEST: simulate gave no figures: $*"
fi
for p in hotcold random cyclic; do
	check_eq "$TEST: $p: no pressure (limit 1000): lru and fifo miss the same" \
		"$(col /tmp/$p.csv fifo misses | tail -1)" "$(col /tmp/$p.csv lru misses | tail -1)"
	check_eq "$TEST: $p: no pressure: no eviction" "0 0" \
		"$(col /tmp/$p.csv fifo evictions | tail -1) $(col /tmp/$p.csv lru evictions | tail -1)"
done
check_eq "$TEST: status counts no lost record" 0 "$(ss_counter records_lost)"
check_eq "$TEST: no recording is left running" 0 "$(ss_counter recordings_active)"

# bad input: a clear reason, a non-zero exit
shadowstat record 999999-1 -o /tmp/none.rec >/tmp/bad.out 2>&1
check_eq "$TEST: record of no VM: exit 1" 1 "$?"
check "$TEST: ... says why" grep -q "no VM" /tmp/bad.out
echo "hello" >/tmp/bad.rec
shadowstat simulate /tmp/bad.rec >/tmp/bad.out 2>&1
check_eq "$TEST: simulate of a file that is not a recording: exit 1" 1 "$?"
check "$TEST: ... says why" grep -q "not a shadowstat record file" /tmp/bad.out
shadowstat simulate --policy mru /tmp/hotcold.rec >/tmp/bad.out 2>&1
check_eq "$TEST: simulate --policy mru: exit 2" 2 "$?"
check "$TEST: ... says why" grep -q "unknown policy 'mru'" /tmp/bad.out
hold_start /tmp/evict-busy -r 4 || exit 1
shadowstat record "$HOLD_VM" -o /tmp/busy1.rec 2>/dev/null &
r1=$!
sleep 1
shadowstat record "$HOLD_VM" -o /tmp/busy2.rec >/tmp/bad.out 2>&1
check_eq "$TEST: a second recording of one VM: exit 1" 1 "$?"
check "$TEST: ... says why" grep -q "being recorded already" /tmp/bad.out
kill -INT $r1
wait $r1
hold_stop /tmp/evict-busy >/dev/null
check "$TEST: a recording of an idle VM holds its snapshot" grep -q '^S ' /tmp/busy1.rec
dmesg_check "$TEST: record"
