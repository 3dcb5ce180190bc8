// SPDX-License-Identifier: GPL-2.0
/*
 * `shadowstat simulate FILE`: replay a record file under each policy and
 * limit asked for (sim.h) and print policy,limit,lookups,hits,misses,
 * evictions,hit_ratio; --svg draws misses against the limit; --check replays
 * fifo at the recorded limits and compares it with what KVM did.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"
#include "recfile.h"
#include "sim.h"
#include "sim_svg.h"

#define SS_SIM_MAX_LIMITS 64

struct ss_sim_plan {
	enum ss_sim_policy policies[SS_SIM_NR_POLICIES];
	int nr_policies;
	unsigned long long limits[SS_SIM_MAX_LIMITS];	/* 0: the recorded ones */
	int nr_limits;
};

static int ss_sim_parse_policies(const char *spec, struct ss_sim_plan *plan)
{
	char buf[64], *tok, *save;
	int p, i;

	if (!spec)
		spec = "fifo,lru";
	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		p = ss_sim_policy_parse(tok);
		if (p < 0) {
			ss_err("unknown policy '%s': give fifo, lru or both", tok);
			return -EINVAL;
		}
		for (i = 0; i < plan->nr_policies; i++)
			if (plan->policies[i] == (enum ss_sim_policy)p)
				break;
		if (i == plan->nr_policies)
			plan->policies[plan->nr_policies++] = p;
	}
	if (!plan->nr_policies) {
		ss_err("no policy in '%s'", spec);
		return -EINVAL;
	}
	return 0;
}

static int ss_sim_parse_limits(const char *spec, struct ss_sim_plan *plan)
{
	const char *s = spec;
	char *end;

	if (!spec) {
		plan->limits[plan->nr_limits++] = 0;
		return 0;
	}
	while (*s) {
		unsigned long long v;

		errno = 0;
		v = strtoull(s, &end, 10);
		if (errno || end == s || v < 1 || v > 1ULL << 40 || (*end && *end != ',') ||
		    plan->nr_limits == SS_SIM_MAX_LIMITS) {
			ss_err("invalid --limit '%s': up to %d page counts, comma-separated",
			       spec, SS_SIM_MAX_LIMITS);
			return -EINVAL;
		}
		plan->limits[plan->nr_limits++] = v;
		s = *end ? end + 1 : end;
	}
	return 0;
}

static double ss_sim_ratio(const struct ss_sim_result *r)
{
	return r->lookups ? (double)r->hits / (double)r->lookups : 0;
}

static void ss_sim_print(struct ss_ctx *ctx, const struct ss_recfile *rf,
			 const struct ss_sim_result *res, int n)
{
	FILE *f = ctx->out;
	struct ss_jw w;
	int i;

	if (ctx->args->format == SS_FMT_JSON) {
		jw_init(&w, f);
		jw_obj_begin(&w);
		jw_name(&w, "kernel");
		jw_str(&w, rf->kernel);
		jw_name(&w, "vm");
		jw_str(&w, rf->vm);
		jw_name(&w, "lost");
		jw_uint(&w, rf->lost);
		jw_name(&w, "results");
		jw_arr_begin(&w);
		for (i = 0; i < n; i++) {
			jw_obj_begin(&w);
			jw_name(&w, "policy");
			jw_str(&w, ss_sim_policy_name(res[i].policy));
			jw_name(&w, "limit");
			jw_uint(&w, ss_sim_limit_of(rf, &res[i]));
			jw_name(&w, "recorded_limit");
			jw_bool(&w, !res[i].limit);
			jw_name(&w, "lookups");
			jw_uint(&w, res[i].lookups);
			jw_name(&w, "hits");
			jw_uint(&w, res[i].hits);
			jw_name(&w, "misses");
			jw_uint(&w, res[i].misses);
			jw_name(&w, "evictions");
			jw_uint(&w, res[i].evictions);
			jw_name(&w, "hit_ratio_ppm");
			jw_uint(&w, (unsigned long long)(ss_sim_ratio(&res[i]) * 1e6 + 0.5));
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
		fputc('\n', f);
		return;
	}
	if (ctx->args->format == SS_FMT_CSV)
		fprintf(f, "policy,limit,lookups,hits,misses,evictions,hit_ratio\n");
	else
		fprintf(f, "%-6s %10s %10s %10s %10s %10s %9s\n", "POLICY", "LIMIT", "LOOKUPS",
			"HITS", "MISSES", "EVICTIONS", "HIT_RATIO");
	for (i = 0; i < n; i++) {
		const struct ss_sim_result *r = &res[i];
		const char *fmt = ctx->args->format == SS_FMT_CSV ?
			"%s,%llu,%llu,%llu,%llu,%llu,%.4f\n" :
			"%-6s %10llu %10llu %10llu %10llu %10llu %9.4f\n";

		fprintf(f, fmt, ss_sim_policy_name(r->policy), ss_sim_limit_of(rf, r),
			r->lookups, r->hits, r->misses, r->evictions, ss_sim_ratio(r));
	}
	if (rf->lost && ctx->args->format == SS_FMT_TABLE)
		fprintf(f, "warning: %llu records were lost while recording; the replay "
			"misses them\n", rf->lost);
}

/* One difference line: its count and what it means. */
static int ss_check_line(FILE *f, unsigned long long n, const char *what)
{
	if (n)
		fprintf(f, "  %8llu  %s\n", n, what);
	return n ? 1 : 0;
}

static int ss_sim_check(struct ss_ctx *ctx, const struct ss_recfile *rf)
{
	const struct ss_rec_mark *m = rf->nr_marks ? &rf->marks[rf->nr_marks - 1] : NULL;
	struct ss_sim_result r;
	FILE *f = ctx->out;
	unsigned long long miss, recycled;
	int diffs = 0;

	if (!m) {
		ss_err("%s has no mark of KVM's counters: record for longer than one read",
		       ctx->args->arg);
		return SS_EXIT_FAIL;
	}
	if (ss_sim_run(rf, SS_SIM_FIFO, 0, m->pos, &r)) {
		ss_err("out of memory");
		return SS_EXIT_FAIL;
	}
	miss = m->cache_miss - rf->start.cache_miss;
	recycled = m->recycled - rf->start.recycled;
	fprintf(f, "check: fifo at the recorded limits, %llu records up to KVM's last counters\n",
		m->pos - rf->start.pos);
	fprintf(f, "  %-12s %12s %12s %12s\n", "", "model", "recording", "kvm stat");
	fprintf(f, "  %-12s %12llu %12llu %12llu  (mmu_cache_miss)\n",
		"created", r.misses, r.kvm_created, miss);
	fprintf(f, "  %-12s %12llu %12llu %12llu  (mmu_recycled)\n",
		"recycled", r.evictions, r.kvm_recycled, recycled);
	fprintf(f, "differences:\n");
	diffs += ss_check_line(f, r.misses != miss ? 1 : 0,
			       "model creations != mmu_cache_miss growth");
	diffs += ss_check_line(f, r.evictions != recycled ? 1 : 0,
			       "model recycles != mmu_recycled growth");
	diffs += ss_check_line(f, r.kvm_created != miss ? 1 : 0,
			       "recorded creations != mmu_cache_miss growth: records lost or missed");
	diffs += ss_check_line(f, r.kvm_recycled != recycled ? 1 : 0,
			       "recorded recycles != mmu_recycled growth: records lost or missed");
	diffs += ss_check_line(f, r.created_but_hit,
			       "KVM created a page the model still had (it recycled more, or other pages, than the model)");
	diffs += ss_check_line(f, r.reused_but_missed,
			       "KVM found a page the model had recycled");
	diffs += ss_check_line(f, r.evicted_not_by_kvm,
			       "the model recycled a page KVM did not (a root it took for idle, or the fault it recycled in)");
	diffs += ss_check_line(f, r.recycled_not_by_model - r.recycled_unsync,
			       "KVM recycled a page the model kept (the shrinker, or a root the model took for in use)");
	diffs += ss_check_line(f, r.recycled_unsync,
			       "KVM recycled an unsync page the model kept: a victim's unsync child, which the model does not know");
	diffs += ss_check_line(f, r.unknown_zaps, "zaps of pages the recording never showed");
	diffs += ss_check_line(f, rf->lost, "records lost while recording (the ring was full)");
	if (!diffs)
		fprintf(f, "  none: the replay is exact\n");
	return diffs ? SS_EXIT_FAIL : SS_EXIT_OK;
}

static int ss_sim_all(struct ss_ctx *ctx, const struct ss_recfile *rf,
		      const struct ss_sim_plan *plan)
{
	int n = plan->nr_policies * plan->nr_limits, i, j, k = 0, ret = SS_EXIT_OK;
	struct ss_sim_result *res = calloc(n, sizeof(*res));

	if (!res) {
		ss_err("out of memory");
		return SS_EXIT_FAIL;
	}
	for (i = 0; i < plan->nr_policies; i++)
		for (j = 0; j < plan->nr_limits; j++)
			if (ss_sim_run(rf, plan->policies[i], plan->limits[j], rf->nr, &res[k++])) {
				ss_err("out of memory");
				free(res);
				return SS_EXIT_FAIL;
			}
	ss_sim_print(ctx, rf, res, n);
	if (ctx->args->svg && ss_sim_svg(ctx->args->svg, rf, res, n)) {
		ss_err("cannot write %s: %s", ctx->args->svg, strerror(errno));
		ret = SS_EXIT_FAIL;
	}
	free(res);
	return ret;
}

int ss_cmd_simulate(struct ss_ctx *ctx)
{
	struct ss_sim_plan plan = {};
	struct ss_recfile rf;
	char err[256];
	FILE *in;
	int ret;

	if (ss_sim_parse_policies(ctx->args->policy, &plan) ||
	    ss_sim_parse_limits(ctx->args->limit, &plan))
		return SS_EXIT_USAGE;
	in = fopen(ctx->args->arg, "r");
	if (!in) {
		ss_err("cannot read %s: %s", ctx->args->arg, strerror(errno));
		return SS_EXIT_FAIL;
	}
	ret = ss_recfile_read(in, &rf, err, sizeof(err));
	fclose(in);
	if (ret) {
		ss_err("%s: %s", ctx->args->arg, err);
		return SS_EXIT_FAIL;
	}
	ret = ctx->args->check ? ss_sim_check(ctx, &rf) : ss_sim_all(ctx, &rf, &plan);
	ss_recfile_free(&rf);
	return ret;
}
