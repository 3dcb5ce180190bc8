# SPDX-License-Identifier: GPL-2.0
# Guest programs of the QEMU tests: ssvmm, the checking VMM (included by the top-level Makefile).

WORKLOADS_DIR := tests/workloads
WORKLOADS_SRCS := $(addprefix $(WORKLOADS_DIR)/, ssvmm.c vmm.c model.c model_pages.c model_vcpu.c stats.c vmctx.c ctlfile.c scn_opts.c \
	check.c scn_basic.c scn_recycle.c scn_memslot.c scn_multi.c scn_hold.c scn_evict.c scn_demo.c scn_manypt.c scn_unsyncpt.c \
	scn_split.c vmm_huge.c vmm_nested.c guest_code.S)
WORKLOADS_SRCS += tests/lib/tap.c
WORKLOADS_HDRS := $(wildcard $(WORKLOADS_DIR)/*.h) tests/lib/tap.h module/ss_stat_table.h

GUEST_PROGS += $(GUEST_BIN)/ssvmm

$(GUEST_BIN)/ssvmm: $(WORKLOADS_SRCS) $(WORKLOADS_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN_CFLAGS) -static -o $@ $(WORKLOADS_SRCS)
