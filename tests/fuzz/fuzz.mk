# SPDX-License-Identifier: GPL-2.0
# Hardening programs for the QEMU guest (tests/vm/guest/t_9*.sh): ioctlfuzz,
# random ioctls on /dev/shadowstat from many threads, and vmreader, a reader
# of one VM's stats that runs until the VM is gone. Included by
# tests/long/long.mk (and safe to include from the top-level Makefile too).

ifndef SS_FUZZ_MK
SS_FUZZ_MK := 1

FUZZ_DEPS := include/uapi/shadowstat.h tests/lib/tap.c tests/lib/tap.h tests/fuzz/fuzz.mk

GUEST_PROGS += $(GUEST_BIN)/ioctlfuzz $(GUEST_BIN)/vmreader

$(GUEST_BIN)/ioctlfuzz: tests/fuzz/ioctlfuzz.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN_CFLAGS) -pthread -static -o $@ tests/fuzz/ioctlfuzz.c tests/lib/tap.c

$(GUEST_BIN)/vmreader: tests/fuzz/vmreader.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN_CFLAGS) -static -o $@ tests/fuzz/vmreader.c tests/lib/tap.c

endif
