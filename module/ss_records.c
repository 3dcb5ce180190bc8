// SPDX-License-Identifier: GPL-2.0
/* The status report's records: see ss_records.h and include/uapi/shadowstat.h. */
#include <linux/kernel.h>
#include "ss_records.h"

void ss_rec_begin(struct ss_status_out *o, const char *type)
{
	o->len += scnprintf(o->buf + o->len, o->size - o->len, "%s", type);
}

void ss_rec_str(struct ss_status_out *o, const char *key, const char *val)
{
	int start;

	o->len += scnprintf(o->buf + o->len, o->size - o->len, "\t%s=", key);
	start = o->len;
	o->len += scnprintf(o->buf + o->len, o->size - o->len, "%s", val ?: "");
	/* a value is one field of one line */
	for (; start < o->len; start++)
		if (o->buf[start] == '\t' || o->buf[start] == '\n')
			o->buf[start] = ' ';
}

void ss_rec_int(struct ss_status_out *o, const char *key, long long val)
{
	o->len += scnprintf(o->buf + o->len, o->size - o->len, "\t%s=%lld", key, val);
}

void ss_rec_bool(struct ss_status_out *o, const char *key, bool val)
{
	ss_rec_str(o, key, val ? "true" : "false");
}

void ss_rec_end(struct ss_status_out *o)
{
	o->len += scnprintf(o->buf + o->len, o->size - o->len, "\n");
}
