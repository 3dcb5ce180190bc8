# SPDX-License-Identifier: GPL-2.0
# Top-level build for shadowstat: the kernel module, the CLI, the guest programs and the tests.

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
GUEST_BIN ?= $(CURDIR)/build/guest-bin
CC ?= cc
CFLAGS ?= -O2 -g
WARN_CFLAGS := -Wall -Wextra -Werror -std=gnu11
GUEST_PROGS :=
UNIT_TESTS :=
HOST_PROGS :=

.PHONY: all modules clean guest-bins unit check check-vm

all: modules

module/ss_config.h: module/configure.sh $(wildcard module/configure/*.c)
	sh module/configure.sh $(KDIR) $@

modules: module/ss_config.h
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

-include tests/workloads/workloads.mk tests/abi/abi.mk userspace/userspace.mk tests/unit/unit.mk

guest-bins: $(GUEST_PROGS)

unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do echo "== $$t"; $$t; done

check-vm:
	tests/vm/run.sh

check: unit check-vm

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean || true
	rm -rf build module/ss_config.h
