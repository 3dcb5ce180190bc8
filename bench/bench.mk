# SPDX-License-Identifier: GPL-2.0
# make bench: shadowstat's cost in QEMU/TCG guests (bench/run.sh, per kernel of
# bench/kernels.sh); prints a table and keeps it with the raw numbers in
# bench/results/<date>-<kernel>.txt. Included by the top-level
# Makefile. bench-bins: the guest programs only the benchmarks need (ssbench, which drives
# the VMs of tests/workloads/vmm.c), into GUEST_BIN.

BENCH_SRCS := bench/ssbench.c tests/workloads/vmm.c tests/workloads/vmm_huge.c tests/workloads/stats.c \
	tests/workloads/guest_code.S
BENCH_PROGS := $(GUEST_BIN)/ssbench

.PHONY: bench bench-bins

bench-bins: $(BENCH_PROGS)

$(GUEST_BIN)/ssbench: $(BENCH_SRCS) include/uapi/shadowstat.h $(wildcard tests/workloads/*.h) bench/bench.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN_CFLAGS) -Itests/workloads -static -o $@ $(BENCH_SRCS)

# on Debian 12's kernel and the newest trixie-backports one (KERNELS= to choose)
bench:
	bench/kernels.sh
