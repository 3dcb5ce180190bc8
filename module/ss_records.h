/* SPDX-License-Identifier: GPL-2.0 */
/* Writing the status report's records (ss_records.c), for the pieces that report. */
#ifndef SS_RECORDS_H
#define SS_RECORDS_H

#include <linux/types.h>

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

#endif /* SS_RECORDS_H */
