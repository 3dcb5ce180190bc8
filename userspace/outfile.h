/* SPDX-License-Identifier: GPL-2.0 */
/*
 * -o FILE: a command's output goes to a temporary file in FILE's directory,
 * renamed over FILE once it is complete, so that a reader (node_exporter's
 * textfile collector) sees the old file or the new one, never half of one.
 */
#ifndef SS_OUTFILE_H
#define SS_OUTFILE_H

#include <stdio.h>

struct ss_outfile {
	char *path;
	char *tmp;
	FILE *f;
};

/* Create the temporary file; 0 or -errno. */
int ss_outfile_open(struct ss_outfile *o, const char *path);
/* Flush, sync and rename it over the path (mode 0644); 0 or -errno. */
int ss_outfile_commit(struct ss_outfile *o);
/* Remove the temporary file; the path keeps what it had. */
void ss_outfile_abort(struct ss_outfile *o);

#endif /* SS_OUTFILE_H */
