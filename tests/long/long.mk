# SPDX-License-Identifier: GPL-2.0
# make check-long: the hardening guest tests (tests/vm/guest/t_9*.sh) with
# long settings: hundreds of load/unload cycles, a minute of ioctl fuzzing,
# many kill rounds. Included by the top-level Makefile.
#
# The guest scripts read their settings from /bin/ss-knobs, a guest "program"
# that make guest-bins writes from these variables (the environment of
# tests/vm/run.sh reaches make): the defaults are the short ones of make check.
#   SS_LONG=1            the long settings below
#   SS_STORM_CYCLES      shadowstat load/unload cycles under shadow paging (t_90)
#   SS_STORM_CYCLES_TDP  the same with the TDP MMU and with legacy TDP (t_91, t_92)
#   SS_STORM_MAX_SECS    time limit of one storm (init.sh gives a test 240 s)
#   SS_KILL_ROUNDS       VMMs killed per MMU mode (t_95)
#   SS_FUZZ_SECS         seconds of ioctl fuzzing (t_96)
#   SS_FUZZ_THREADS      fuzzing threads (t_96)

include tests/fuzz/fuzz.mk

ifeq ($(SS_LONG),1)
SS_STORM_CYCLES ?= 100
SS_STORM_CYCLES_TDP ?= 100
SS_STORM_MAX_SECS ?= 215
SS_KILL_ROUNDS ?= 15
SS_FUZZ_SECS ?= 60
endif
SS_STORM_CYCLES ?= 12
SS_STORM_CYCLES_TDP ?= 4
SS_STORM_MAX_SECS ?= 170
SS_KILL_ROUNDS ?= 2
SS_FUZZ_SECS ?= 5
SS_FUZZ_THREADS ?= 8

# whole QEMU run of check-long, seconds
LONG_TIMEOUT ?= 3600

GUEST_PROGS += $(GUEST_BIN)/ss-knobs

.PHONY: check-long ss-knobs-force
ss-knobs-force:

# regenerated every time: the settings come from the environment
$(GUEST_BIN)/ss-knobs: ss-knobs-force
	@mkdir -p $(dir $@)
	@printf '#!/bin/sh\n# written by make guest-bins (tests/long/long.mk)\n' >$@
	@printf 'echo "STORM_CYCLES=%s STORM_CYCLES_TDP=%s STORM_MAX_SECS=%s KILL_ROUNDS=%s FUZZ_SECS=%s FUZZ_THREADS=%s"\n' \
		'$(SS_STORM_CYCLES)' '$(SS_STORM_CYCLES_TDP)' '$(SS_STORM_MAX_SECS)' \
		'$(SS_KILL_ROUNDS)' '$(SS_FUZZ_SECS)' '$(SS_FUZZ_THREADS)' >>$@
	@chmod +x $@

check-long:
	SS_LONG=1 TESTS=t_9 TIMEOUT=$(LONG_TIMEOUT) KVER=$(KVER) tests/vm/run.sh
