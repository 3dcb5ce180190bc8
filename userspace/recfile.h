/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The file of `shadowstat record`, format 1 (docs/record-format.md): text,
 * a header, the stream one record per line, marks where KVM's own counters
 * were read, and an end line with the records lost.
 */
#ifndef SS_RECFILE_H
#define SS_RECFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/uapi/shadowstat.h"

#define SS_RECFILE_FORMAT 1

/* KVM's counters at one point of the stream: after its first @pos records. */
struct ss_rec_mark {
	unsigned long long pos;
	unsigned long long limit, used, cache_miss, recycled;
};

struct ss_recfile {
	char kernel[128];
	char vm[32];
	char guest[64];
	unsigned long long start_ns;
	struct ss_rec_mark start;	/* pos: the snapshot's records */
	struct shadowstat_sp_record *recs;
	size_t nr, cap;
	struct ss_rec_mark *marks;
	size_t nr_marks, cap_marks;
	unsigned long long lost;
	char reason[32];		/* why the recording ended, "" if it did not say */
};

void ss_recfile_write_header(FILE *f, const struct ss_recfile *h);
void ss_recfile_write_rec(FILE *f, const struct shadowstat_sp_record *r);
void ss_recfile_write_mark(FILE *f, const struct ss_rec_mark *m);
void ss_recfile_write_end(FILE *f, unsigned long long records, unsigned long long lost,
			  const char *reason);

/* Read a whole file; 0, or -EINVAL with "line N: reason" in @err. */
int ss_recfile_read(FILE *f, struct ss_recfile *rf, char *err, size_t errsz);
void ss_recfile_free(struct ss_recfile *rf);

/* The page limit in force at the end: the last mark's, else the start's. */
unsigned long long ss_recfile_final_limit(const struct ss_recfile *rf);

/* The name of a zap cause, "other" for an unknown one. */
const char *ss_zap_cause_name(unsigned int cause);

#endif /* SS_RECFILE_H */
