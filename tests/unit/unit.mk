# SPDX-License-Identifier: GPL-2.0
# Host unit test of the BTF reader (module/ss_btf.c), built twice: plain,
# and under AddressSanitizer + UBSan so that damaged input that reads out
# of bounds fails loudly.  Its real-kernel cases use BTF that
# tests/unit/extract-btf.sh pulls out of an installed Debian kernel
# (binutils, xz-utils; zstd for .ko.zst) into $(UNIT_BTF_DIR).
# KVER is passed on only when given explicitly (make unit KVER=...): the
# default, uname -r, is often a kernel whose files are not installed.

UNIT_BTF_DIR := $(CURDIR)/build/unit/btf
UNIT_BTF_SRCS := tests/unit/test_btf.c module/ss_btf.c tests/lib/tap.c
UNIT_BTF_DEPS := $(UNIT_BTF_SRCS) module/ss_btf.h module/ss_btf_shim.h tests/lib/tap.h \
		 tests/unit/unit.mk
UNIT_BTF_CFLAGS = $(CFLAGS) $(WARN_CFLAGS) -Imodule \
		  -DSS_BTF_DATA_DIR='"$(UNIT_BTF_DIR)"'
UNIT_BTF_KVER := $(if $(filter command line environment,$(origin KVER)),$(KVER))

UNIT_TESTS += build/unit/test_btf build/unit/test_btf_san

build/unit/test_btf: $(UNIT_BTF_DEPS)
	@mkdir -p $(@D)
	$(CC) $(UNIT_BTF_CFLAGS) -o $@ $(UNIT_BTF_SRCS)

build/unit/test_btf_san: $(UNIT_BTF_DEPS)
	@mkdir -p $(@D)
	$(CC) $(UNIT_BTF_CFLAGS) -fsanitize=address,undefined \
		-fno-sanitize-recover=all -fno-omit-frame-pointer \
		-o $@ $(UNIT_BTF_SRCS)

# Extracted on every `make unit` (cached per kernel by the script itself).
.PHONY: unit-btf-data
unit: unit-btf-data
unit-btf-data:
	KVER='$(UNIT_BTF_KVER)' bash tests/unit/extract-btf.sh $(UNIT_BTF_DIR)
UNIT_TESTS += tests/unit/test-install.sh
