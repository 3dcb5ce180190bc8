#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shadowstat loaded and unloaded over and over under VM churn, with shadow paging (kvm_amd npt=0)
# (tests/vm/guest/storm.sh).
. /tests/lib.sh
. /tests/storm.sh
storm shadow "$STORM_CYCLES"
