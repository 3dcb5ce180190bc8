/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The status report, as text for people (debugfs status, `shadowstat
 * status`) and as records for programs (READ_STATUS with
 * SHADOWSTAT_STATUS_RECORDS, `shadowstat status --json`).
 */
#ifndef SS_STATUS_H
#define SS_STATUS_H

#include <linux/types.h>

/* Room for either form of the report (one size for debugfs and the device). */
#define SS_STATUS_SIZE 16384

/* Return the length written (truncated to @size - 1). */
ssize_t ss_status_text(char *buf, size_t size);
ssize_t ss_status_records(char *buf, size_t size);

#endif /* SS_STATUS_H */
