/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's status records (SHADOWSTAT_STATUS_RECORDS): one per line, a
 * type and then tab-separated key=value fields.
 */
#ifndef SS_STATUS_REC_H
#define SS_STATUS_REC_H

#define SS_REC_MAX_FIELDS 64

struct ss_rec {
	char *type;
	char *fields[SS_REC_MAX_FIELDS];
	int nr;
};

/* Split @line, in place, into @r; -EINVAL for a record with no type. */
int ss_rec_split(char *line, struct ss_rec *r);
/* The value of @key in @r, or NULL. */
const char *ss_rec_get(const struct ss_rec *r, const char *key);

#endif /* SS_STATUS_REC_H */
