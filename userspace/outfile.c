// SPDX-License-Identifier: GPL-2.0
/* Atomic output files (outfile.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static void ss_outfile_clear(struct ss_outfile *o)
{
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

int ss_outfile_open(struct ss_outfile *o, const char *path)
{
	char *copy = strdup(path), *dir, *base;
	int fd, err;

	memset(o, 0, sizeof(*o));
	if (!copy)
		return -ENOMEM;
	dir = dirname(copy);
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : (char *)path;
	o->path = strdup(path);
	/* a dot file: node_exporter reads only *.prom */
	if (!o->path || !*base || asprintf(&o->tmp, "%s/.%s.XXXXXX", dir, base) < 0) {
		err = *base ? -ENOMEM : -EISDIR;
		o->tmp = NULL;
		free(copy);
		ss_outfile_clear(o);
		return err;
	}
	free(copy);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		err = -errno;
		ss_outfile_clear(o);
		return err;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		err = -errno;
		close(fd);
		unlink(o->tmp);
		ss_outfile_clear(o);
		return err;
	}
	return 0;
}

int ss_outfile_commit(struct ss_outfile *o)
{
	int err = 0;

	if (fflush(o->f) || ferror(o->f) || fchmod(fileno(o->f), 0644) || fsync(fileno(o->f)))
		err = -errno;
	if (fclose(o->f) && !err)
		err = -errno;
	o->f = NULL;
	if (!err && rename(o->tmp, o->path))
		err = -errno;
	if (err)
		unlink(o->tmp);
	ss_outfile_clear(o);
	return err;
}

void ss_outfile_abort(struct ss_outfile *o)
{
	if (o->f)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	ss_outfile_clear(o);
}
