#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The fleet export checked by the real tools, on this machine (nothing of it runs in a guest):
#  - Debian's promtool: `check metrics` on the exports the guest wrote (t_83_prom: its VMs,
#    and a departed one), and
#    `check rules` and `test rules` on contrib/prometheus/shadowstat.rules.yml;
#  - Debian's node_exporter: started on a loopback port with its textfile collector on that
#    export, scraped, and every value the guest read from debugfs found in what it serves.
# Neither package is installed: their .debs are fetched (apt-get download) and unpacked into
# a cache outside the tree, so no service is set up on this machine.
#
#   tests/prom/check-prom.sh [VM_LOGDIR]   (default build/vm-logs, as make check leaves it)
#
# Prints "ok - ..." / "not ok - ..." and "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
logdir=${1:-$top/build/vm-logs}
cache=${SS_PROM_CACHE:-/var/cache/shadowstat/prom}
work=$top/build/prom
pass=0 fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
nok() { echo "not ok - $*"; fail=$((fail + 1)); }
finish() {
	[ -n "${ne_pid:-}" ] && kill "$ne_pid" 2>/dev/null && wait "$ne_pid" 2>/dev/null
	echo "$pass passed, $fail failed"
	[ "$fail" = 0 ]
	exit
}

# ---- the tools, unpacked ----
mkdir -p "$cache" "$work"
if [ ! -x "$cache/root/usr/bin/promtool" ] || [ ! -x "$cache/root/usr/bin/prometheus-node-exporter" ]; then
	rm -rf "$cache/root" "$cache"/*.deb
	if ! (cd "$cache" && apt-get download prometheus prometheus-node-exporter) >"$work/download.log" 2>&1; then
		nok "apt-get download prometheus prometheus-node-exporter (see $work/download.log)"
		finish
	fi
	for d in "$cache"/*.deb; do
		dpkg-deb -x "$d" "$cache/root" || { nok "dpkg-deb -x $d"; finish; }
	done
fi
promtool=$cache/root/usr/bin/promtool
node_exporter=$cache/root/usr/bin/prometheus-node-exporter
ok "promtool $("$promtool" --version 2>&1 | sed -n 's/^promtool, version \([^ ]*\).*/\1/p'), node_exporter $("$node_exporter" --version 2>&1 | sed -n 's/^node_exporter, version \([^ ]*\).*/\1/p')"

# ---- alert rules: valid, and their unit tests ----
rules=$top/contrib/prometheus/shadowstat.rules.yml
if "$promtool" check rules "$rules" >"$work/check-rules.log" 2>&1; then
	ok "promtool check rules $(basename "$rules"): $(grep -o 'SUCCESS: [0-9]* rules found' "$work/check-rules.log")"
else
	nok "promtool check rules: $(tr '\n' ' ' <"$work/check-rules.log")"
fi
if (cd "$top/tests/prom" && "$promtool" test rules rules-test.yml) >"$work/test-rules.log" 2>&1; then
	ok "promtool test rules: every alert fires where a doctor rule would, and only there"
else
	nok "promtool test rules: $(tail -n 20 "$work/test-rules.log" | tr '\n' ' ')"
fi

# ---- the guest's export ----
log=$logdir/t_83_prom.log
if [ ! -s "$log" ]; then
	nok "no $log: the guest suite did not run t_83_prom"
	finish
fi
rm -rf "$work/textfile"
mkdir -p "$work/textfile"
# the files between "-----BEGIN FILE NAME-----" and "-----END FILE-----"
awk -v dir="$work/textfile" '/^-----BEGIN FILE / { f = $3; sub(/-+$/, "", f); next }
	/^-----END FILE/ { f = ""; next } f { print > (dir "/" f) }' "$log"
# the live VMs' export and the departed VMs' (history), with what each must serve
exp=$work/expected.txt
cat "$work/textfile/expected.txt" "$work/textfile/expected-departed.txt" >"$exp" 2>/dev/null
rm -f "$work/textfile"/expected*.txt
for f in shadowstat.prom shadowstat-departed.prom; do
	prom=$work/textfile/$f
	if [ ! -s "$prom" ]; then
		nok "the guest's $f is in $log"
		continue
	fi
	if "$promtool" check metrics <"$prom" >"$work/check-metrics.log" 2>&1; then
		ok "promtool check metrics: $f, $(grep -c '^shadowstat_\(departed_\)\?vm_info{' "$prom") VMs, $(grep -c '^# TYPE' "$prom") metrics, no problem"
	else
		nok "promtool check metrics $f: $(head -n 10 "$work/check-metrics.log" | tr '\n' ' ')"
	fi
done
if [ ! -s "$exp" ]; then
	nok "the values the guest's exports must serve are in $log"
	finish
fi

# ---- node_exporter serves it ----
port=$((20000 + $$ % 20000))
"$node_exporter" --web.listen-address="127.0.0.1:$port" --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$work/textfile" \
	>"$work/node-exporter.log" 2>&1 &
ne_pid=$!
i=0
while ! curl -sf "http://127.0.0.1:$port/metrics" >"$work/scrape.txt" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 50 ] || ! kill -0 "$ne_pid" 2>/dev/null; then
		nok "node_exporter on 127.0.0.1:$port answered no scrape (see $work/node-exporter.log)"
		finish
	fi
	sleep 0.2
done
ok "node_exporter scraped on 127.0.0.1:$port"
if grep -q '^node_textfile_scrape_error 0$' "$work/scrape.txt"; then
	ok "node_exporter read the export without error (node_textfile_scrape_error 0)"
else
	nok "node_textfile_scrape_error: $(grep '^node_textfile_scrape_error' "$work/scrape.txt") (see $work/node-exporter.log)"
fi
while read -r metric vm want; do
	got=$(grep "^$metric{" "$work/scrape.txt" | grep "vm=\"$vm\"" | awk '{ print $NF }')
	if [ -n "$want" ] && [ "$got" = "$want" ]; then
		ok "node_exporter serves $metric{vm=\"$vm\"} $got, as the guest's debugfs said"
	else
		nok "node_exporter serves $metric{vm=\"$vm\"} '$got', the guest's debugfs said '$want'"
	fi
done <"$exp"
finish
