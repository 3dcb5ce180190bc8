# SPDX-License-Identifier: GPL-2.0
# The table of make bench from the guests' "RESULT key=value ..." lines (bench/run.sh).
# POSIX awk (mawk is enough).

function med(list,    n, a, i, j, t) {
	n = split(list, a, " ")
	if (n == 0)
		return ""
	for (i = 2; i <= n; i++) {
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
	return n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}

function minv(list,    n, a, i, m) {
	n = split(list, a, " ")
	m = a[1] + 0
	for (i = 2; i <= n; i++)
		if (a[i] + 0 < m)
			m = a[i] + 0
	return m
}

function maxv(list,    n, a, i, m) {
	n = split(list, a, " ")
	m = a[1] + 0
	for (i = 2; i <= n; i++)
		if (a[i] + 0 > m)
			m = a[i] + 0
	return m
}

function add(arr, key, v) {
	arr[key] = (key in arr) ? arr[key] " " v : v
}

# one timed run (of the "RESULT kind=run" line in f) as workload w, boot b
function run_add(b, w, t,    key, r) {
	key = b SUBSEP w SUBSEP f["v"]
	add(ns, key, t)
	r = b SUBSEP w SUBSEP f["round"]
	rns[r SUBSEP f["v"]] = t
	rounds[b SUBSEP w] = (b SUBSEP w in rounds) ? rounds[b SUBSEP w] " " f["round"] : f["round"]
	if (f["v"] == "ss")
		add(sse, b SUBSEP w, f["ss_events"])
	if (f["tp_events"] != "")
		add(tpe, b SUBSEP w SUBSEP f["v"], f["tp_events"])
}

# ns as "1.234 G" instructions (icount) or "1.234 s" (wall)
function big(ns, boot) {
	if (ns == "")
		return "-"
	ns += 0
	if (boot == "icount")
		return sprintf("%.4f G", ns / 1e9)
	return sprintf("%.3f s", ns / 1e9)
}

function short(ns) {
	if (ns == "")
		return "-"
	ns += 0
	if (ns >= 1e9)
		return sprintf("%.2f s", ns / 1e9)
	if (ns >= 1e6)
		return sprintf("%.2f ms", ns / 1e6)
	if (ns >= 1e3)
		return sprintf("%.1f us", ns / 1e3)
	return sprintf("%d ns", ns)
}

/^RESULT / {
	delete f
	for (i = 2; i <= NF; i++) {
		eq = index($i, "=")
		if (eq)
			f[substr($i, 1, eq - 1)] = substr($i, eq + 1)
	}
	b = f["boot"]
	k = f["kind"]
	if (k == "workload") {
		wargs[f["w"]] = f["mode"] ": " f["args"]
		wskip[f["w"]] = "skip_hooks=" f["skip"] (f["params"] == "" ? "" : " " f["params"])
		wi = f["args"]
		if (match(wi, /-i_[0-9]+/))
			witers[f["w"]] = substr(wi, RSTART + 3, RLENGTH - 3) + 0
		if (!(f["w"] in wseen)) {
			wseen[f["w"]] = 1
			worder[++nw] = f["w"]
			# the same runs timed from once the VM exists: the fault work alone
			if (f["w"] != "vm") {
				worder[++nw] = f["w"] ":work"
				wargs[f["w"] ":work"] = "the runs of " f["w"] " from VM created (and adopted) to end of work"
				wskip[f["w"] ":work"] = wskip[f["w"]]
			}
		}
	} else if (k == "run") {
		run_add(b, f["w"], f["ns"])
		if (f["work_ns"] + 0 > 0)
			run_add(b, f["w"] ":work", f["work_ns"])
		boots[b] = 1
	} else if (k == "snap") {
		sk = b SUBSEP f["n"] SUBSEP f["budget"]
		snap_pages[sk] = f["pages"]
		snap_l1[sk] = f["l1"]
		snap_io[sk] = f["ioctl_med_ns"]
		snap_nowalk[sk] = f["nowalk_med_ns"]
		snap_walk[sk] = f["walk_med_ns"]
		if (!((b SUBSEP f["n"]) in snseen)) {
			snseen[b SUBSEP f["n"]] = 1
			snorder[++nsn] = b SUBSEP f["n"]
		}
	} else if (k == "hold") {
		hold[b SUBSEP f["n"] SUBSEP f["budget"]] = f["max_hold_ns"]
		trunc[b SUBSEP f["n"] SUBSEP f["budget"]] = f["truncated"]
	} else if (k == "time") {
		tk = b SUBSEP f["vms"] SUBSEP (f["fmt"] == "" ? "table" : f["fmt"])
		cli_med[tk] = f["med_ns"]
		cli_min[tk] = f["min_ns"]
		cli_max[tk] = f["max_ns"]
		if (!(tk in tseen)) {
			tseen[tk] = 1
			torder[++nt] = tk
		}
	} else if (k == "mem") {
		l = f["label"]
		if (!(l in mseen)) {
			mseen[l] = 1
			morder[++nm] = l
		}
		add(m_free, l, f["b_Free"] - f["l_Free"])
		add(m_slab, l, f["l_Slab"] - f["b_Slab"])
		add(m_unrec, l, f["l_SUnreclaim"] - f["b_SUnreclaim"])
		add(m_vmalloc, l, f["l_VmallocUsed"] - f["b_VmallocUsed"])
		add(m_leak, l, f["b_Free"] - f["a_Free"])
		add(m_leakslab, l, f["a_Slab"] - f["b_Slab"])
	}
}

END {
	print "1. Hot path: one run of a shadow-page-heavy workload (VM creation to end of work; W:work,"
	print "   the same runs from once the VM exists and shadowstat has adopted it: the faults alone)"
	print "   icount: guest time = guest instructions (deterministic); wall: emulated time (TCG)"
	print ""
	printf "%-12s %-7s %13s %13s %-26s %7s %8s %8s %7s %7s %8s %8s\n", "workload", "boot", "bare", "shadowstat",
	       "ratio med [min, max]", "events", "extra/ev", "tp ev", "perf", "perf/ev", "bpftrace", "w/o hook"
	for (i = 1; i <= nw; i++) {
		w = worder[i]
		for (b in boots) {
			bare = med(ns[b SUBSEP w SUBSEP "bare"])
			ss = med(ns[b SUBSEP w SUBSEP "ss"])
			if (bare == "" || ss == "")
				continue
			# per-round ratios: each round has a bare and a shadowstat run
			ratios = ""
			n = split(rounds[b SUBSEP w], rr, " ")
			for (j = 1; j <= n; j++) {
				key = b SUBSEP w SUBSEP rr[j]
				if (rr[j] != 0 && (key SUBSEP "bare") in rns && (key SUBSEP "ss") in rns &&
				    !((key, "done") in rdone)) {
					rdone[key, "done"] = 1
					ratios = ratios " " rns[key SUBSEP "ss"] / rns[key SUBSEP "bare"]
				}
			}
			ev = med(sse[b SUBSEP w])
			# the vm workload's events are those of its last VM only: no per-event figure
			extra = (ev > 0 && w != "vm") ? sprintf("%.0f", (ss - bare) / ev) : "-"
			tp = med(tpe[b SUBSEP w SUBSEP "perf"])
			pf = med(ns[b SUBSEP w SUBSEP "perf"])
			bt = med(ns[b SUBSEP w SUBSEP "bpftrace"])
			sk = med(ns[b SUBSEP w SUBSEP "skip"])
			# the median of the per-round ratios: each round's pair ran back to back
			printf "%-12s %-7s %13s %13s %-26s %7s %8s %8s %7s %7s %8s %8s\n", w, b, big(bare, b), big(ss, b),
			       sprintf("%.4f [%.4f, %.4f]", med(ratios), minv(ratios), maxv(ratios)),
			       (ev == "" ? "-" : ev), extra, (tp == "" ? "-" : tp),
			       (pf == "" ? "-" : sprintf("%.4f", pf / bare)),
			       ((pf == "" || tp <= 0) ? "-" : sprintf("%.0f", (pf - bare) / tp)),
			       (bt == "" ? "-" : sprintf("%.4f", bt / bare)),
			       (sk == "" ? "-" : sprintf("%.4f", sk / bare))
			if (sk != "")
				skipnote = skipnote sprintf("   %s, %s: with %s: ratio %.4f\n", w, b, wskip[w], sk / bare)
			if (w == "vm" && witers[w] > 0) {
				if (b == "icount")
					pervm = sprintf("%.0f instructions", (ss - bare) / witers[w])
				else
					pervm = short((ss - bare) / witers[w])
				vmnote = vmnote sprintf("   vm, %s: %s extra per VM created, run and destroyed (%d VMs)\n",
							b, pervm, witers[w])
			}
			if (tp > 0 && b == "icount" && w != "vm") {
				btx = ""
				if (bt != "")
					btx = sprintf(", bpftrace %.0f", (bt - bare) / med(tpe[b SUBSEP w SUBSEP "bpftrace"]))
				tpnote = tpnote sprintf("   %s: per kvmmmu tracepoint hit: shadowstat %.0f, perf %.0f%s extra instructions\n",
							w, (ss - bare) / tp, (pf - bare) / tp, btx)
			}
		}
	}
	print ""
	print "   ratio: median over the rounds of shadowstat / bare (each round runs both, back to"
	print "   back, order alternating), with the smallest and largest; bare, shadowstat: medians."
	print "   events: shadowstat's own event counters of the VM (sp_created + sp_reused + sp_zapped +"
	print "   sp_root_zaps + sp_unsynced + sp_synced + tdp_sp_created + tdp_sp_freed + huge_pages_split);"
	print "   extra/ev: (shadowstat - bare) / events, in instructions under icount; tp ev: kvmmmu:*"
	print "   tracepoint hits counted by perf stat; perf, bpftrace: ratio vs bare of the same workload"
	print "   counted by `perf stat -a -e kvmmmu:*` / `bpftrace tracepoint:kvmmmu:* count()`."
	print "   w/o hook: shadowstat loaded with skip_hooks= (below; none: no hook left off) and maybe"
	print "   another parameter, to see what one hook or feature costs."
	print "   Targets: icount ratio <= 1.005, <= 100 extra instructions per event, wall ratio <= 1.02."
	for (i = 1; i <= nw; i++)
		printf "   %s = ssbench run %s %s\n", worder[i], worder[i], wargs[worder[i]]
	if (tpnote != "")
		printf "%s", tpnote
	if (vmnote != "")
		printf "%s", vmnote
	if (skipnote != "")
		printf "%s", skipnote
	print ""
	print "2. Read path: one snapshot of a VM holding many shadow pages (ssvmm manypt), medians of 5"
	printf "%-7s %8s %-8s %12s %12s %10s %12s %12s %13s %10s\n", "boot", "pages", "budget", "READ_STATS",
	       "per page", "l1 stat", "file nowalk", "file walk", "max mmu_lock", "truncated"
	for (i = 1; i <= nsn; i++) {
		split(snorder[i], p, SUBSEP)
		for (bi = 1; bi <= 2; bi++) {
			bud = bi == 1 ? "default" : "60s"
			sk = p[1] SUBSEP p[2] SUBSEP bud
			if (!(sk in snap_io))
				continue
			printf "%-7s %8s %-8s %12s %12s %10s %12s %12s %13s %10s\n", p[1], snap_pages[sk], bud,
			       short(snap_io[sk]), (snap_pages[sk] > 0 ? sprintf("%.1f ns", snap_io[sk] / snap_pages[sk]) : "-"),
			       (snap_l1[sk] < 0 ? "ENODATA" : snap_l1[sk]), short(snap_nowalk[sk]), short(snap_walk[sk]),
			       short(hold[sk]), trunc[sk]
		}
	}
	print "   budget: walk_budget_us (default 5000 us: past it the walk stops and its stats read"
	print "   ENODATA; 60s: as good as unlimited); max mmu_lock: shadowstat's status, \"longest mmu_lock"
	print "   hold\" since load; file nowalk/walk: a read of mmu_shadow_pages / shadow_pages_l1 in debugfs."
	print ""
	print "3. CLI: `shadowstat` listing VMs (fork+exec+ioctls+output), min / median / max of 5"
	for (i = 1; i <= nt; i++) {
		split(torder[i], p, SUBSEP)
		printf "   %-7s %4s VMs, %-6s %10s / %10s / %10s\n", p[1], p[2], p[3], short(cli_min[torder[i]]),
		       short(cli_med[torder[i]]), short(cli_max[torder[i]])
	}
	print ""
	if (nm) {
		print "4. Memory: insmod shadowstat with the VMs already running (median of 3; kB)"
		printf "   %-22s %8s %8s %12s %9s %17s\n", "VMs", "Free-", "Slab+", "SUnreclaim+", "Vmalloc+",
		       "after rmmod Free-"
		for (i = 1; i <= nm; i++) {
			l = morder[i]
			dm[l] = med(m_free[l])
			ds[l] = med(m_slab[l])
			printf "   %-22s %8s %8s %12s %9s %17s\n", l, dm[l], ds[l], med(m_unrec[l]),
			       med(m_vmalloc[l]), med(m_leak[l])
		}
		base = dm["0vms"]
		bases = ds["0vms"]
		for (i = 1; i <= nm; i++) {
			l = morder[i]
			if (l ~ /^[0-9]+vms$/ && l != "0vms") {
				nv = l + 0
				pervm = (dm[l] - base) / nv
				pervms = (ds[l] - bases) / nv
				printf "   per VM: (%s - 0 VMs) / %d = %.1f kB free memory, %.1f kB of it slab\n", l, nv,
				       pervm, pervms
			}
		}
		# per shadow page: between the smallest and the largest VM, so that the per-VM
		# part (and slab pages left partly free by earlier runs) cancels out
		np1 = np2 = 0
		for (i = 1; i <= nm; i++) {
			l = morder[i]
			if (l ~ /^1vm_[0-9]+pages$/) {
				np = substr(l, 5) + 0
				if (np1 == 0 || np < np1) {
					np1 = np
					l1 = l
				}
				if (np > np2) {
					np2 = np
					l2 = l
				}
			}
		}
		if (np2 > np1)
			printf "   per shadow page: (%s - %s) / %d pages = %.2f B free memory, %.2f B slab\n",
			       l2, l1, np2 - np1, (dm[l2] - dm[l1]) * 1024 / (np2 - np1),
			       (ds[l2] - ds[l1]) * 1024 / (np2 - np1)
		print "   Free-: fall of MemFree + per-CPU free lists at insmod (module text and data, per-VM"
		print "   state, debugfs entries); after rmmod: free memory before insmod minus after rmmod"
		print "   (a leak would stay); page granularity and allocator caches make a few kB of noise."
	}
}
