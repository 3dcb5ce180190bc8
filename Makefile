# SPDX-License-Identifier: GPL-2.0
# Top-level build for shadowstat: the kernel module, the CLI, the guest programs and the tests.

KVER ?= $(shell sh scripts/kver.sh)
KDIR ?= /lib/modules/$(KVER)/build
GUEST_BIN ?= $(CURDIR)/build/guest-bin
CC ?= cc
CFLAGS ?= -O2 -g
WARN_CFLAGS := -Wall -Wextra -Werror -std=gnu11
GUEST_PROGS :=
UNIT_TESTS :=
HOST_PROGS :=

.PHONY: all modules clean guest-bins unit check check-vm check-kernels deps lint test install uninstall

all: modules

# feature tests run for every build: KDIR may name another kernel each time
modules:
	sh module/configure.sh $(KDIR) module/ss_config.h
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

-include tests/workloads/workloads.mk tests/abi/abi.mk userspace/userspace.mk tests/unit/unit.mk
-include demo/demo.mk bench/bench.mk packaging/packaging.mk tests/long/long.mk tests/fuzz/fuzz.mk
-include tests/debugkernel/debugkernel.mk

guest-bins: $(GUEST_PROGS)

unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do echo "== $$t"; $$t; done

deps:
	sh scripts/install-deps.sh

lint:
	sh scripts/lint.sh

check-vm:
	KVER=$(KVER) tests/vm/run.sh

# every test: style gates, host unit tests, then the QEMU guest tests
check:
	@sh tests/run-all.sh

# the QEMU guest suite on every kernel Debian ships (KERNELS= to choose; see
# tests/kernels/run.sh), none of them installed here
check-kernels:
	@tests/kernels/run.sh

# a fresh machine: install what is needed, then run every test, the kernel
# matrix included (less the default kernel, which make check covers)
test: deps
	@sh tests/run-all.sh --kernels

# the CLI, its man page and bash completion (the module goes through DKMS)
install: install-cli

uninstall: uninstall-cli

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean || true
	rm -rf build module/ss_config.h
