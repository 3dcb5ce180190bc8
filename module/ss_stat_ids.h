/* SPDX-License-Identifier: GPL-2.0 */
/* The stat ids, one per line of ss_stat_table.h, in schema order. */
#ifndef SS_STAT_IDS_H
#define SS_STAT_IDS_H

#include "../include/uapi/shadowstat.h"

enum ss_stat_id {
#define SS_STAT(name, kind, unit, source, arg, needs, desc) SS_STAT_##name,
#include "ss_stat_table.h"
#undef SS_STAT
	SS_NR_STATS
};

/*
 * A stat whose source is unavailable on this kernel (hook not attached, layout
 * not found) reads as SS_VALUE_UNAVAILABLE, never as a made-up number. debugfs
 * returns -ENODATA for it; the ioctl ABI passes the value through and the CLI
 * prints "n/a".
 */
#define SS_VALUE_UNAVAILABLE SHADOWSTAT_VALUE_UNAVAILABLE

#endif /* SS_STAT_IDS_H */
