# SPDX-License-Identifier: GPL-2.0
# make check-debug-kernel: the QEMU guest tests on a debug build of 6.1 (KASAN, lockdep,
# PROVE_RCU, DEBUG_ATOMIC_SLEEP) from linux-source-6.1, cached outside the tree in
# SS_DEBUG_KERNEL_CACHE (default /var/cache/shadowstat/debug-kernel); make debug-kernel
# only builds it. The stock kernel does not report a use-after-free, a lock order or an RCU
# misuse; this one does, and any report fails the run. Long (the first build takes about
# 20 minutes on 2 cores), so not part of make check or CI. TESTS, TIMEOUT, MEM, APPEND,
# JOBS: see scripts/check-debug-kernel.sh. Included by the top-level Makefile.

.PHONY: check-debug-kernel debug-kernel

check-debug-kernel:
	scripts/check-debug-kernel.sh

debug-kernel:
	scripts/check-debug-kernel.sh build
