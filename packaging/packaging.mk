# SPDX-License-Identifier: GPL-2.0
# DKMS source tree, Debian packages and their tests. Included by the top-level
# Makefile (run from the top directory), which sets KVER.
#
#   dkms-source  install the module's DKMS source tree into
#                $(DESTDIR)/usr/src/shadowstat-$(SS_VERSION) (root for DESTDIR=)
#   dkms-check   packaging/test-dkms.sh (root: dkms add/build/install/remove for
#                KVER, files only), then the quick QEMU tests with the .ko DKMS built
#   debs         packaging/build-debs.sh: build/debs/shadowstat{,-dkms}_*.deb
#   debs-check   packaging/test-debs.sh (root: builds, installs and purges the debs)
#   pkg-check    all of the above tests, each printing its own "N passed, N failed"

DESTDIR ?=

# the one place the version is defined; dkms.conf, debian/changelog, the CLI and
# its man page must agree (packaging/test-dkms.sh checks)
SS_VERSION := $(shell sed -n 's/^.define SS_VERSION "\(.*\)"$$/\1/p' module/ss_version.h)

# Everything `make modules KDIR=...` reads, and nothing else: the top-level
# Makefile and Kbuild, the module, the feature tests, the uapi header and
# scripts/kver.sh (for a build without KDIR). Build products are left out.
SS_DKMS_FILES := dkms.conf Makefile Kbuild scripts/kver.sh include/uapi/shadowstat.h include/shadowstat_totals.h \
	include/shadowstat_guestname.h \
	module/Kbuild module/configure.sh $(sort $(wildcard module/configure/*.c)) \
	$(sort $(filter-out module/ss_config.h %.mod.c, \
		$(wildcard module/*.c module/*.h module/hooks/*.c module/hooks/*.h)))
SS_DKMS_DIR = $(DESTDIR)/usr/src/shadowstat-$(SS_VERSION)

PKG_TESTS += packaging/test-dkms.sh packaging/test-debs.sh

.PHONY: dkms-source dkms-check debs debs-check pkg-check

dkms-source:
	@test -n "$(SS_VERSION)" || { echo "no SS_VERSION in module/ss_version.h" >&2; exit 1; }
	rm -rf "$(SS_DKMS_DIR)"
	@set -e; for f in $(SS_DKMS_FILES); do \
		install -D -m 0644 "$$f" "$(SS_DKMS_DIR)/$$f"; \
	done
	@echo "DKMS source in $(SS_DKMS_DIR)"

dkms-check:
	KVER=$(KVER) sh packaging/test-dkms.sh
	SS_KO=build/dkms/shadowstat.ko KVER=$(KVER) TESTS="basic" tests/vm/run.sh

debs:
	sh packaging/build-debs.sh

debs-check:
	KVER=$(KVER) sh packaging/test-debs.sh

# for tests/run-all.sh: go on after a failure, so every summary line is printed
pkg-check:
	@rc=0; \
	KVER=$(KVER) sh packaging/test-dkms.sh || rc=1; \
	SS_KO=build/dkms/shadowstat.ko KVER=$(KVER) TESTS="basic" tests/vm/run.sh || rc=1; \
	KVER=$(KVER) sh packaging/test-debs.sh || rc=1; \
	exit $$rc
