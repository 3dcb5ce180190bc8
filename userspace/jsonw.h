/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one JSON writer of the CLI (as bpftool's json_writer): objects and
 * arrays nest, and the commas between members and elements are written in
 * one place, so every --json output and every error under --json is built
 * the same way. One document per line (JSON lines), ended by jw_end().
 */
#ifndef SS_JSONW_H
#define SS_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define SS_JW_MAX_DEPTH 16

struct ss_jw {
	FILE *f;
	int depth;
	/* at each depth: nothing written yet in this object or array */
	bool empty[SS_JW_MAX_DEPTH];
	/* a member name was just written: its value needs no comma */
	bool after_name;
};

void jw_init(struct ss_jw *w, FILE *f);
void jw_obj_begin(struct ss_jw *w);
void jw_obj_end(struct ss_jw *w);
void jw_arr_begin(struct ss_jw *w);
void jw_arr_end(struct ss_jw *w);
/* The name of the next member of the current object. */
void jw_name(struct ss_jw *w, const char *name);
void jw_str(struct ss_jw *w, const char *s);
/* A string, or null when @s is NULL or empty. */
void jw_str_or_null(struct ss_jw *w, const char *s);
void jw_int(struct ss_jw *w, int64_t v);
void jw_uint(struct ss_jw *w, uint64_t v);
void jw_bool(struct ss_jw *w, bool v);
void jw_null(struct ss_jw *w);
/* With @decimals places; null when not finite. */
void jw_double(struct ss_jw *w, double v, int decimals);
/* End of the document: a newline. */
void jw_end(struct ss_jw *w);

/* name and value in one call */
void jw_kv_str(struct ss_jw *w, const char *name, const char *s);
void jw_kv_int(struct ss_jw *w, const char *name, int64_t v);
void jw_kv_uint(struct ss_jw *w, const char *name, uint64_t v);
void jw_kv_bool(struct ss_jw *w, const char *name, bool v);

#endif /* SS_JSONW_H */
