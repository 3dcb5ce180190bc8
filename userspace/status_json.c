// SPDX-License-Identifier: GPL-2.0
/* The module's status records as JSON; see status_json.h. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "resolve.h"
#include "status_json.h"
#include "status_rec.h"

#define SS_MAX_TYPES 32
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const ss_singletons[] = { "module", "kvm", "layout" };

static bool ss_is_singleton(const char *type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ss_singletons); i++)
		if (!strcmp(type, ss_singletons[i]))
			return true;
	return false;
}

static bool ss_is_int(const char *s)
{
	return ss_all_digits(*s == '-' ? s + 1 : s);
}

static void ss_json_value(struct ss_jw *w, const char *key, const char *v)
{
	char *copy, *tok, *save;

	if (!strcmp(v, "true") || !strcmp(v, "false")) {
		jw_bool(w, v[0] == 't');
	} else if (ss_is_int(v)) {
		jw_int(w, strtoll(v, NULL, 10));
	} else if (!strcmp(key, "stats")) {
		/* a space-separated list */
		jw_arr_begin(w);
		copy = strdup(v);
		for (tok = copy ? strtok_r(copy, " ", &save) : NULL; tok;
		     tok = strtok_r(NULL, " ", &save))
			jw_str(w, tok);
		free(copy);
		jw_arr_end(w);
	} else {
		jw_str(w, v);
	}
}

static void ss_rec_object(struct ss_jw *w, const struct ss_rec *r)
{
	int i;

	jw_obj_begin(w);
	for (i = 0; i < r->nr; i++) {
		char *eq = strchr(r->fields[i], '=');

		if (!eq)
			continue;
		*eq = '\0';
		jw_name(w, r->fields[i]);
		ss_json_value(w, r->fields[i], eq + 1);
		*eq = '=';
	}
	jw_obj_end(w);
}

/* Every record of @type in @records, as the JSON @type calls for. */
static int ss_json_type(struct ss_jw *w, const char *records, const char *type)
{
	char *copy = strdup(records), *line, *save;
	bool counters = !strcmp(type, "counter"), single = ss_is_singleton(type);
	char key[64];
	struct ss_rec r;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	snprintf(key, sizeof(key), counters ? "counters" : single ? "%s" : "%ss", type);
	jw_name(w, key);
	if (counters)
		jw_obj_begin(w);
	else if (!single)
		jw_arr_begin(w);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (ss_rec_split(line, &r)) {
			err = -EINVAL;
			break;
		}
		if (strcmp(r.type, type))
			continue;
		if (counters) {
			const char *name = ss_rec_get(&r, "name");
			const char *value = ss_rec_get(&r, "value");

			if (name && value) {
				jw_name(w, name);
				ss_json_value(w, name, value);
			}
			continue;
		}
		ss_rec_object(w, &r);
		if (single)
			break;
	}
	if (counters)
		jw_obj_end(w);
	else if (!single)
		jw_arr_end(w);
	free(copy);
	return err;
}

int ss_status_json(FILE *f, const char *records)
{
	char *copy = strdup(records), *line, *save;
	const char *types[SS_MAX_TYPES];
	int nr = 0, i, err = 0;
	struct ss_jw w;
	struct ss_rec r;

	if (!copy)
		return -ENOMEM;
	/* the types, in the order they first appear */
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (ss_rec_split(line, &r)) {
			free(copy);
			return -EINVAL;
		}
		for (i = 0; i < nr && strcmp(types[i], r.type); i++)
			;
		if (i == nr && nr < SS_MAX_TYPES)
			types[nr++] = r.type;
	}
	jw_init(&w, f);
	jw_obj_begin(&w);
	for (i = 0; i < nr && !err; i++)
		err = ss_json_type(&w, records, types[i]);
	jw_obj_end(&w);
	jw_end(&w);
	free(copy);
	return err;
}
