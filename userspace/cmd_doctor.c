// SPDX-License-Identifier: GPL-2.0
/*
 * `shadowstat doctor [VM]`: two snapshots a window apart and the module's
 * status, judged by the rules of doctor.c. Exit status 0: healthy; 1: some
 * finding; 2: doctor could not look (module absent, no such VM, ...), so a
 * script or a monitoring check can tell the three apart.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "doctor.h"
#include "jsonw.h"
#include "resolve.h"

#define SS_DOCTOR_WINDOW_MS	2000
#define SS_DOCTOR_EXIT_FINDINGS	1
#define SS_DOCTOR_EXIT_ERROR	2

static void ss_doctor_sleep(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void ss_print_value(FILE *f, int64_t v)
{
	if (ss_is_na(v))
		fputs("n/a", f);
	else
		fprintf(f, "%lld", (long long)v);
}

static void ss_doctor_text(FILE *f, const struct ss_findings *fs, size_t nr_vms, double win)
{
	size_t i, problems = ss_findings_problems(fs);
	int e;

	if (problems)
		fprintf(f, "shadowstat doctor: %zu finding%s on %zu VM%s over %.1f s\n", problems,
			problems == 1 ? "" : "s", nr_vms, nr_vms == 1 ? "" : "s", win);
	else
		fprintf(f, "shadowstat doctor: healthy: no finding on %zu VM%s over %.1f s\n",
			nr_vms, nr_vms == 1 ? "" : "s", win);
	for (i = 0; i < fs->nr; i++) {
		const struct ss_finding *x = &fs->v[i];

		fprintf(f, "\n%-8s %s", ss_severity_name(x->severity), x->rule);
		if (x->vm[0])
			fprintf(f, "  VM %s%s%s%s", x->vm, x->guest[0] ? " (" : "", x->guest,
				x->guest[0] ? ")" : "");
		fprintf(f, "\n  %s\n", x->summary);
		for (e = 0; e < x->nr_evidence; e++) {
			const struct ss_evidence *ev = &x->evidence[e];

			fprintf(f, "%s%s ", e ? ", " : "  evidence: ", ev->name);
			if (!ss_is_na(ev->before)) {
				ss_print_value(f, ev->before);
				fputs(" -> ", f);
			}
			ss_print_value(f, ev->after);
		}
		if (x->nr_evidence)
			fputc('\n', f);
		fprintf(f, "  next: %s\n", x->next);
	}
}

static void ss_jw_value(struct ss_jw *w, const char *name, int64_t v)
{
	jw_name(w, name);
	if (ss_is_na(v))
		jw_null(w);
	else
		jw_int(w, v);
}

static void ss_doctor_json(FILE *f, const struct ss_findings *fs, size_t nr_vms, double win)
{
	struct ss_jw w;
	size_t i;
	int e;

	jw_init(&w, f);
	jw_obj_begin(&w);
	jw_kv_bool(&w, "healthy", !ss_findings_problems(fs));
	jw_kv_uint(&w, "vms", nr_vms);
	jw_name(&w, "window_s");
	jw_double(&w, win, 3);
	jw_name(&w, "findings");
	jw_arr_begin(&w);
	for (i = 0; i < fs->nr; i++) {
		const struct ss_finding *x = &fs->v[i];

		jw_obj_begin(&w);
		jw_kv_str(&w, "rule", x->rule);
		jw_kv_str(&w, "severity", ss_severity_name(x->severity));
		jw_name(&w, "vm");
		jw_str_or_null(&w, x->vm);
		jw_name(&w, "guest");
		jw_str_or_null(&w, x->guest);
		jw_kv_str(&w, "summary", x->summary);
		jw_name(&w, "evidence");
		jw_arr_begin(&w);
		for (e = 0; e < x->nr_evidence; e++) {
			jw_obj_begin(&w);
			jw_kv_str(&w, "stat", x->evidence[e].name);
			ss_jw_value(&w, "before", x->evidence[e].before);
			ss_jw_value(&w, "after", x->evidence[e].after);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_kv_str(&w, "next", x->next);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	jw_end(&w);
}

/* Keep only the VM the user named in @snap (row order kept). */
static int ss_doctor_only(struct ss_ctx *ctx, struct ss_snapshot *snap)
{
	char msg[512];
	size_t index;

	if (ss_resolve_vm(snap->vms, snap->nr_vms, ctx->args->arg, &index, msg, sizeof(msg))) {
		ss_err("%s", msg);
		return -1;
	}
	if (index) {
		snap->vms[0] = snap->vms[index];
		memmove(snap->values, snap->values + index * snap->nr_stats,
			snap->nr_stats * sizeof(*snap->values));
	}
	snap->nr_vms = 1;
	return 0;
}

int ss_cmd_doctor(struct ss_ctx *ctx)
{
	unsigned int ms = ctx->args->interval_set ? ctx->args->interval_ms : SS_DOCTOR_WINDOW_MS;
	struct ss_snapshot before, after, departed;
	struct ss_doctor_in in = { .schema = &ctx->schema };
	struct ss_findings fs;
	char *records = NULL, msg[256];
	int err, rc = SS_DOCTOR_EXIT_ERROR;

	if (ss_read_snapshot(ctx, &before))
		return SS_DOCTOR_EXIT_ERROR;
	ss_doctor_sleep(ms);
	if (ss_read_snapshot(ctx, &after))
		goto out_before;
	if (ctx->args->arg && ss_doctor_only(ctx, &after))
		goto out_after;
	err = shadowstat_read_status_records(ctx->dev, &records);
	if (err) {
		ss_err("reading status: %s",
		       shadowstat_strerror(err, ctx->args->device, msg, sizeof(msg)));
		goto out_after;
	}
	in.before = &before;
	in.after = &after;
	in.window_s = (after.timestamp_ns - before.timestamp_ns) / 1e9;
	in.records = records;
	/* an older module keeps no departed VMs: that rule has nothing to judge */
	if (!shadowstat_read_departed(ctx->dev, ctx->schema.nr, &departed))
		in.departed = &departed;
	err = ss_doctor_run(&in, &fs);
	if (err) {
		ss_err("%s", err == -ENOMEM ? "out of memory" :
		       "the module's status records are malformed");
		goto out_records;
	}
	if (ctx->args->format == SS_FMT_JSON)
		ss_doctor_json(ctx->out, &fs, after.nr_vms, in.window_s);
	else
		ss_doctor_text(ctx->out, &fs, after.nr_vms, in.window_s);
	rc = ss_findings_problems(&fs) ? SS_DOCTOR_EXIT_FINDINGS : SS_EXIT_OK;
	ss_findings_free(&fs);
out_records:
	if (in.departed)
		ss_snapshot_free(&departed);
	free(records);
out_after:
	ss_snapshot_free(&after);
out_before:
	ss_snapshot_free(&before);
	return rc;
}
