// SPDX-License-Identifier: GPL-2.0
/* Splitting the module's status records; see status_rec.h. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <string.h>

#include "status_rec.h"

int ss_rec_split(char *line, struct ss_rec *r)
{
	char *tok;

	r->type = strsep(&line, "\t");
	r->nr = 0;
	if (!r->type || !*r->type)
		return -EINVAL;
	while ((tok = strsep(&line, "\t")) && r->nr < SS_REC_MAX_FIELDS)
		r->fields[r->nr++] = tok;
	return 0;
}

const char *ss_rec_get(const struct ss_rec *r, const char *key)
{
	size_t len = strlen(key);
	int i;

	for (i = 0; i < r->nr; i++)
		if (!strncmp(r->fields[i], key, len) && r->fields[i][len] == '=')
			return r->fields[i] + len + 1;
	return NULL;
}
