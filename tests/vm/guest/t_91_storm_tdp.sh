#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shadowstat loaded and unloaded over and over under VM churn, with the TDP MMU (npt=1)
# (tests/vm/guest/storm.sh).
. /tests/lib.sh
. /tests/storm.sh
storm tdp "$STORM_CYCLES_TDP"
