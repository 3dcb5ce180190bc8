# SPDX-License-Identifier: GPL-2.0
# abitest: the ioctl ABI of /dev/shadowstat tried against the real module in
# the QEMU guest (tests/vm/guest/t_80_abi.sh runs it). Included by the
# top-level Makefile. abitest32, the same test as a 32-bit program, goes
# through the module's compat_ioctl; it is built only when $(CC) -m32 can
# link a static program (Debian: gcc-multilib).

ABI_TEST_SRCS := tests/abi/abitest.c tests/lib/tap.c
ABI_TEST_DEPS := $(ABI_TEST_SRCS) include/uapi/shadowstat.h tests/lib/tap.h tests/abi/abi.mk
ABI_TEST_M32 := $(shell printf 'int main(void) { return 0; }\n' | \
	$(CC) -m32 -static -x c -o /dev/null - 2>/dev/null && echo y)

GUEST_PROGS += $(GUEST_BIN)/abitest
ifeq ($(ABI_TEST_M32),y)
GUEST_PROGS += $(GUEST_BIN)/abitest32
endif

$(GUEST_BIN)/abitest: $(ABI_TEST_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN_CFLAGS) -static -o $@ $(ABI_TEST_SRCS)

$(GUEST_BIN)/abitest32: $(ABI_TEST_DEPS)
	@mkdir -p $(dir $@)
	$(CC) -m32 $(CFLAGS) $(WARN_CFLAGS) -static -o $@ $(ABI_TEST_SRCS)
