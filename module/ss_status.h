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

/*
 * Records: one per line, fields separated by tabs, the first the record's
 * type and the others key=value (see include/uapi/shadowstat.h). A value
 * never holds a tab or a newline.
 */
struct ss_status_out {
	char *buf;
	size_t size;
	int len;
};

void ss_rec_begin(struct ss_status_out *o, const char *type);
void ss_rec_str(struct ss_status_out *o, const char *key, const char *val);
void ss_rec_int(struct ss_status_out *o, const char *key, long long val);
void ss_rec_bool(struct ss_status_out *o, const char *key, bool val);
void ss_rec_end(struct ss_status_out *o);

/* Return the length written (truncated to @size - 1). */
ssize_t ss_status_text(char *buf, size_t size);
ssize_t ss_status_records(char *buf, size_t size);

#endif /* SS_STATUS_H */
