// SPDX-License-Identifier: GPL-2.0
/*
 * `shadowstat log`: one CSV row per VM every interval, with per second rates
 * of the counters, like `kvm_stat -L` but per VM. With -o FILE it appends,
 * writes the header once per file, and reopens FILE on SIGHUP, so logrotate
 * can move it away; a file that already has another header (another schema)
 * is refused rather than mixed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "stopsig.h"
#include "view.h"

/* Sleep @ms unless a signal asks to stop; false when it does. */
static bool ss_log_wait(unsigned int ms)
{
	long end = ss_now_ms() + ms;

	while (!ss_stop_asked()) {
		long left = end - ss_now_ms();

		if (left <= 0)
			return true;
		poll(NULL, 0, left);	/* EINTR on a signal: look again */
	}
	return false;
}

/* The CSV header of a log of @schema, as ss_format_csv() writes it. */
static char *ss_log_header(const struct ss_schema *schema)
{
	struct ss_snapshot none = { .nr_stats = schema->nr };
	double no_rate = 0;
	struct ss_listing l = { .schema = schema, .snap = &none, .rates = &no_rate };
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	ss_format_csv(f, &l, true);
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

struct ss_log {
	struct ss_ctx *ctx;
	const char *path;	/* NULL: standard output */
	FILE *f;
	char *header;
	bool header_done;
};

/*
 * Open (or reopen) the file for appending. An empty file gets the header;
 * one that starts with ours is appended to; anything else is refused.
 */
static int ss_log_open(struct ss_log *lg)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int fd;

	if (lg->f && lg->f != stdout)
		fclose(lg->f);
	lg->f = NULL;
	if (!lg->path) {
		lg->f = stdout;
		return 0;
	}
	fd = open(lg->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd >= 0)
		lg->f = fdopen(fd, "a+");
	if (!lg->f) {
		ss_err("%s: %s", lg->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	n = getline(&line, &cap, lg->f);
	lg->header_done = n > 0;
	if (n > 0 && strcmp(line, lg->header)) {
		ss_err("%s: its header is not this module's (another set of stats): rotate it or log to another file",
		       lg->path);
		free(line);
		return -1;
	}
	free(line);
	return 0;
}

/* One interval's rows, rates since @prev. */
static int ss_log_write(struct ss_log *lg, const struct ss_snapshot *prev,
			const struct ss_snapshot *cur)
{
	const struct ss_args *args = lg->ctx->args;
	struct ss_listing l = { .schema = &lg->ctx->schema, .snap = cur };
	double *rates = calloc(cur->nr_vms * cur->nr_stats + 1, sizeof(*rates));
	size_t *rows = calloc(cur->nr_vms + 1, sizeof(*rows));
	int ret = 0;

	if (!rates || !rows) {
		ss_err("out of memory");
		ret = -1;
		goto out;
	}
	l.interval_s = ss_rates_compute(&lg->ctx->schema, prev, cur, rates);
	l.rates = rates;
	l.rows = rows;
	l.nr_rows = ss_select_rows(cur, args->pid, args->guest, rows);
	ss_sort_rows(&l, rows, SS_SORT_NONE);
	ss_format_csv(lg->f, &l, !lg->header_done);
	lg->header_done = true;
	if (fflush(lg->f) || ferror(lg->f)) {
		ss_err("writing %s: %s", lg->path ? lg->path : "output", strerror(errno));
		ret = -1;
	}
out:
	free(rates);
	free(rows);
	return ret;
}

int ss_cmd_log(struct ss_ctx *ctx)
{
	const struct ss_args *args = ctx->args;
	struct ss_log lg = { .ctx = ctx, .path = args->append };
	struct ss_snapshot prev, cur;
	int ret = SS_EXIT_FAIL;
	long done = 0;

	lg.header = ss_log_header(&ctx->schema);
	if (!lg.header) {
		ss_err("out of memory");
		return SS_EXIT_FAIL;
	}
	if (ss_log_open(&lg))
		goto out_header;
	ss_stop_catch(true);
	/* every row has its rates: the first snapshot is only their start */
	if (ss_read_snapshot(ctx, &prev))
		goto out_file;
	while (ss_log_wait(args->interval_ms)) {
		if (ss_read_snapshot(ctx, &cur))
			goto out_prev;
		if (ss_reopen_asked()) {
			if (ss_log_open(&lg)) {
				ss_snapshot_free(&cur);
				goto out_prev;
			}
		}
		if (ss_log_write(&lg, &prev, &cur)) {
			ss_snapshot_free(&cur);
			goto out_prev;
		}
		ss_snapshot_free(&prev);
		prev = cur;
		if (args->iterations && ++done >= args->iterations)
			break;
	}
	ret = SS_EXIT_OK;
out_prev:
	ss_snapshot_free(&prev);
out_file:
	if (lg.f && lg.f != stdout && fclose(lg.f) && ret == SS_EXIT_OK) {
		ss_err("writing %s: %s", lg.path, strerror(errno));
		ret = SS_EXIT_FAIL;
	}
out_header:
	free(lg.header);
	return ret;
}
