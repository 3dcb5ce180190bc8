// SPDX-License-Identifier: GPL-2.0
#include "ss_core.h"

const struct ss_stat_def ss_stat_defs[SS_NR_STATS] = {
#define SS_STAT(name, kind, unit, desc) \
	[SS_STAT_##name] = { #name, SS_KIND_##kind, SS_UNIT_##unit, desc },
#include "ss_stat_table.h"
#undef SS_STAT
};
