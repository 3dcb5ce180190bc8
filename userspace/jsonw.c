// SPDX-License-Identifier: GPL-2.0
/* The CLI's JSON writer; see jsonw.h. */
#include <math.h>

#include "escape.h"
#include "jsonw.h"

void jw_init(struct ss_jw *w, FILE *f)
{
	w->f = f;
	w->depth = 0;
	w->empty[0] = true;
	w->after_name = false;
}

/* Before a value or a member name: the comma, unless it is the first. */
static void jw_sep(struct ss_jw *w)
{
	if (w->after_name) {
		w->after_name = false;
		return;
	}
	if (!w->empty[w->depth])
		fputc(',', w->f);
	w->empty[w->depth] = false;
}

static void jw_open(struct ss_jw *w, char c)
{
	jw_sep(w);
	fputc(c, w->f);
	if (w->depth < SS_JW_MAX_DEPTH - 1)
		w->depth++;
	w->empty[w->depth] = true;
}

static void jw_close(struct ss_jw *w, char c)
{
	fputc(c, w->f);
	if (w->depth > 0)
		w->depth--;
}

void jw_obj_begin(struct ss_jw *w)
{
	jw_open(w, '{');
}

void jw_obj_end(struct ss_jw *w)
{
	jw_close(w, '}');
}

void jw_arr_begin(struct ss_jw *w)
{
	jw_open(w, '[');
}

void jw_arr_end(struct ss_jw *w)
{
	jw_close(w, ']');
}

void jw_name(struct ss_jw *w, const char *name)
{
	jw_sep(w);
	ss_json_str(w->f, name);
	fputc(':', w->f);
	w->after_name = true;
}

void jw_str(struct ss_jw *w, const char *s)
{
	jw_sep(w);
	ss_json_str(w->f, s);
}

void jw_str_or_null(struct ss_jw *w, const char *s)
{
	if (s && *s)
		jw_str(w, s);
	else
		jw_null(w);
}

void jw_int(struct ss_jw *w, int64_t v)
{
	jw_sep(w);
	fprintf(w->f, "%lld", (long long)v);
}

void jw_uint(struct ss_jw *w, uint64_t v)
{
	jw_sep(w);
	fprintf(w->f, "%llu", (unsigned long long)v);
}

void jw_bool(struct ss_jw *w, bool v)
{
	jw_sep(w);
	fputs(v ? "true" : "false", w->f);
}

void jw_null(struct ss_jw *w)
{
	jw_sep(w);
	fputs("null", w->f);
}

void jw_double(struct ss_jw *w, double v, int decimals)
{
	if (!isfinite(v)) {
		jw_null(w);
		return;
	}
	jw_sep(w);
	fprintf(w->f, "%.*f", decimals, v);
}

void jw_end(struct ss_jw *w)
{
	fputc('\n', w->f);
	jw_init(w, w->f);
}

void jw_kv_str(struct ss_jw *w, const char *name, const char *s)
{
	jw_name(w, name);
	jw_str(w, s);
}

void jw_kv_int(struct ss_jw *w, const char *name, int64_t v)
{
	jw_name(w, name);
	jw_int(w, v);
}

void jw_kv_uint(struct ss_jw *w, const char *name, uint64_t v)
{
	jw_name(w, name);
	jw_uint(w, v);
}

void jw_kv_bool(struct ss_jw *w, const char *name, bool v)
{
	jw_name(w, name);
	jw_bool(w, v);
}
