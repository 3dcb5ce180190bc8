// SPDX-License-Identifier: GPL-2.0
/*
 * Writing and reading the record file. Numbers of KVM's (page identities,
 * gfns, roles) are hex, counts decimal; unknown header keys are skipped, so
 * that a later format 1 writer may add some.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "recfile.h"

static const char *const ss_causes[] = {
	[SHADOWSTAT_ZAP_OTHER] = "other",
	[SHADOWSTAT_ZAP_RECYCLE] = "recycle",
	[SHADOWSTAT_ZAP_OBSOLETE] = "obsolete",
	[SHADOWSTAT_ZAP_FAULT] = "fault",
	[SHADOWSTAT_ZAP_SYNC] = "sync",
	[SHADOWSTAT_ZAP_VM] = "vm",
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define SS_NR_CAUSES	ARRAY_SIZE(ss_causes)

const char *ss_zap_cause_name(unsigned int cause)
{
	if (cause < SS_NR_CAUSES && ss_causes[cause])
		return ss_causes[cause];
	return "other";
}

static void ss_write_counters(FILE *f, const struct ss_rec_mark *m)
{
	fprintf(f, "limit=%llu used=%llu cache_miss=%llu recycled=%llu\n", m->limit, m->used,
		m->cache_miss, m->recycled);
}

void ss_recfile_write_header(FILE *f, const struct ss_recfile *h)
{
	fprintf(f, "# shadowstat record (docs/record-format.md)\n");
	fprintf(f, "format %d\n", SS_RECFILE_FORMAT);
	fprintf(f, "kernel %s\n", h->kernel);
	fprintf(f, "vm %s\n", h->vm);
	fprintf(f, "guest %s\n", h->guest[0] ? h->guest : "-");
	fprintf(f, "start_ns %llu\n", h->start_ns);
	fprintf(f, "start %llu ", h->start.pos);
	ss_write_counters(f, &h->start);
}

void ss_recfile_write_rec(FILE *f, const struct shadowstat_sp_record *r)
{
	switch (r->type) {
	case SHADOWSTAT_REC_SNAP:
		fprintf(f, "S %llx %llx %x %x\n", r->page,
			r->gfn, r->role, r->flags);
		break;
	case SHADOWSTAT_REC_CREATE:
	case SHADOWSTAT_REC_REUSE:
		fprintf(f, "%c %llx %llx %x\n",
			r->type == SHADOWSTAT_REC_CREATE ? 'C' : 'R', r->page,
			r->gfn, r->role);
		break;
	case SHADOWSTAT_REC_ZAP:
		fprintf(f, "Z %llx %llx %x %x %s\n", r->page,
			r->gfn, r->role, r->flags, ss_zap_cause_name(r->cause));
		break;
	case SHADOWSTAT_REC_LIMIT:
		fprintf(f, "L %llu\n", r->gfn);
		break;
	case SHADOWSTAT_REC_OBSOLETE:
		fprintf(f, "O\n");
		break;
	default:
		fprintf(f, "# unknown record type %u\n", r->type);
		break;
	}
}

void ss_recfile_write_mark(FILE *f, const struct ss_rec_mark *m)
{
	fprintf(f, "M %llu ", m->pos);
	ss_write_counters(f, m);
}

void ss_recfile_write_end(FILE *f, unsigned long long records, unsigned long long lost,
			  const char *reason)
{
	fprintf(f, "end records=%llu lost=%llu reason=%s\n", records, lost,
		reason);
}

static int ss_fail(char *err, size_t errsz, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errsz, "line %lu: ", line);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < errsz)
		vsnprintf(err + n, errsz - n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int ss_push(void **arr, size_t *nr, size_t *cap, size_t size)
{
	void *p;

	if (*nr < *cap)
		return 0;
	p = realloc(*arr, (*cap ? *cap * 2 : 1024) * size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = *cap ? *cap * 2 : 1024;
	return 0;
}

static int ss_parse_counters(const char *s, struct ss_rec_mark *m)
{
	return sscanf(s, "limit=%llu used=%llu cache_miss=%llu"
		      " recycled=%llu", &m->limit, &m->used, &m->cache_miss,
		      &m->recycled) == 4 ? 0 : -1;
}

static int ss_parse_cause(const char *s)
{
	unsigned int i;

	for (i = 0; i < SS_NR_CAUSES; i++)
		if (ss_causes[i] && !strcmp(s, ss_causes[i]))
			return i;
	return -1;
}

static int ss_parse_rec(const char *line, struct shadowstat_sp_record *r)
{
	unsigned long long page, gfn;
	unsigned int role, flags;
	char cause[16];
	int c;

	memset(r, 0, sizeof(*r));
	switch (line[0]) {
	case 'S':
		if (sscanf(line, "S %llx %llx %x %x", &page, &gfn, &role, &flags) != 4)
			return -1;
		r->type = SHADOWSTAT_REC_SNAP;
		r->flags = flags;
		break;
	case 'C':
	case 'R':
		if (sscanf(line + 1, " %llx %llx %x", &page, &gfn, &role) != 3)
			return -1;
		r->type = line[0] == 'C' ? SHADOWSTAT_REC_CREATE : SHADOWSTAT_REC_REUSE;
		break;
	case 'Z':
		if (sscanf(line, "Z %llx %llx %x %x %15s", &page, &gfn, &role,
			   &flags, cause) != 5)
			return -1;
		c = ss_parse_cause(cause);
		if (c < 0)
			return -1;
		r->type = SHADOWSTAT_REC_ZAP;
		r->flags = flags;
		r->cause = c;
		break;
	case 'L':
		if (sscanf(line, "L %llu", &gfn) != 1)
			return -1;
		r->type = SHADOWSTAT_REC_LIMIT;
		r->gfn = gfn;
		return 0;
	case 'O':
		r->type = SHADOWSTAT_REC_OBSOLETE;
		return 0;
	default:
		return -1;
	}
	r->page = page;
	r->gfn = gfn;
	r->role = role;
	return 0;
}

static void ss_copy_word(char *dst, size_t size, const char *src)
{
	size_t n = strcspn(src, "\n");

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int ss_parse_line(struct ss_recfile *rf, const char *line, unsigned long nr,
			 char *err, size_t errsz)
{
	struct ss_rec_mark m = {};
	int format;

	if (line[0] == '#' || line[0] == '\n')
		return 0;
	if (sscanf(line, "format %d", &format) == 1)
		return format == SS_RECFILE_FORMAT ? 0 :
		       ss_fail(err, errsz, nr, "format %d, this shadowstat reads %d", format,
			       SS_RECFILE_FORMAT);
	if (!strncmp(line, "kernel ", 7)) {
		ss_copy_word(rf->kernel, sizeof(rf->kernel), line + 7);
	} else if (!strncmp(line, "vm ", 3)) {
		ss_copy_word(rf->vm, sizeof(rf->vm), line + 3);
	} else if (!strncmp(line, "guest ", 6)) {
		ss_copy_word(rf->guest, sizeof(rf->guest), line + 6);
		if (!strcmp(rf->guest, "-"))
			rf->guest[0] = '\0';
	} else if (sscanf(line, "start_ns %llu", &rf->start_ns) == 1) {
		return 0;
	} else if (!strncmp(line, "start ", 6)) {
		const char *sp = strchr(line + 6, ' ');

		if (sscanf(line, "start %llu", &rf->start.pos) != 1 || !sp ||
		    ss_parse_counters(sp + 1, &rf->start))
			return ss_fail(err, errsz, nr, "bad start line");
	} else if (line[0] == 'M' && line[1] == ' ') {
		const char *sp = strchr(line + 2, ' ');

		if (sscanf(line, "M %llu", &m.pos) != 1 || !sp ||
		    ss_parse_counters(sp + 1, &m))
			return ss_fail(err, errsz, nr, "bad mark line");
		if (ss_push((void **)&rf->marks, &rf->nr_marks, &rf->cap_marks, sizeof(m)))
			return -ENOMEM;
		rf->marks[rf->nr_marks++] = m;
	} else if (!strncmp(line, "end ", 4)) {
		unsigned long long records;

		if (sscanf(line, "end records=%llu lost=%llu reason=%31s",
			   &records, &rf->lost, rf->reason) != 3)
			return ss_fail(err, errsz, nr, "bad end line");
	} else if (strchr("SCRZLO", line[0]) && (line[1] == ' ' || line[1] == '\n')) {
		if (ss_push((void **)&rf->recs, &rf->nr, &rf->cap, sizeof(*rf->recs)))
			return -ENOMEM;
		if (ss_parse_rec(line, &rf->recs[rf->nr]))
			return ss_fail(err, errsz, nr, "bad record");
		rf->nr++;
	} else if (!strchr(line, ' ')) {
		return ss_fail(err, errsz, nr, "not a record file line");
	}
	return 0;
}

static const char ss_not_recfile[] = "not a shadowstat record file (no format line)";

int ss_recfile_read(FILE *f, struct ss_recfile *rf, char *err, size_t errsz)
{
	char line[512];
	unsigned long nr = 0;
	bool seen_format = false;
	int ret;

	memset(rf, 0, sizeof(*rf));
	while (fgets(line, sizeof(line), f)) {
		nr++;
		if (!strncmp(line, "format ", 7))
			seen_format = true;
		else if (!seen_format && line[0] != '#')
			ret = ss_fail(err, errsz, nr, "%s", ss_not_recfile);
		else
			ret = 0;
		if (!ret)
			ret = ss_parse_line(rf, line, nr, err, errsz);
		if (ret) {
			if (ret == -ENOMEM)
				snprintf(err, errsz, "out of memory");
			ss_recfile_free(rf);
			return ret;
		}
	}
	if (!seen_format) {
		ss_recfile_free(rf);
		snprintf(err, errsz, "%s", ss_not_recfile);
		return -EINVAL;
	}
	return 0;
}

unsigned long long ss_recfile_final_limit(const struct ss_recfile *rf)
{
	return rf->nr_marks ? rf->marks[rf->nr_marks - 1].limit : rf->start.limit;
}

void ss_recfile_free(struct ss_recfile *rf)
{
	free(rf->recs);
	free(rf->marks);
	rf->recs = NULL;
	rf->marks = NULL;
	rf->nr = 0;
	rf->nr_marks = 0;
}
