/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `shadowstat doctor`'s rules: from two snapshots a window apart and the
 * module's status records, what is wrong, the numbers that show it and what
 * to do next. No device access here, so every rule is unit-tested.
 */
#ifndef SS_DOCTOR_H
#define SS_DOCTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum ss_severity { SS_SEV_NOTE, SS_SEV_WARNING, SS_SEV_CRITICAL };

#define SS_DOC_MAX_EVIDENCE 6

/* One number of the evidence: its value at the start and the end of the window. */
struct ss_evidence {
	char name[SHADOWSTAT_NAME_SIZE + 32];
	int64_t before;		/* SHADOWSTAT_VALUE_UNAVAILABLE: not a trend */
	int64_t after;
};

struct ss_finding {
	const char *rule;	/* a name of the rule table */
	enum ss_severity severity;
	char vm[SHADOWSTAT_VM_NAME_SIZE];	/* "" for the host */
	char guest[SS_GUEST_SIZE];
	char summary[256];
	char next[512];		/* what to do next */
	struct ss_evidence evidence[SS_DOC_MAX_EVIDENCE];
	int nr_evidence;
};

struct ss_doctor_in {
	const struct ss_schema *schema;
	const struct ss_snapshot *before;
	const struct ss_snapshot *after;
	double window_s;
	const char *records;	/* the module's status records */
	const struct ss_snapshot *departed;	/* NULL: the module keeps none */
};

struct ss_findings {
	struct ss_finding *v;
	size_t nr;
	size_t cap;
};

/* Thresholds of the rules (the man page gives them). */
#define SS_DOC_UNSYNC_MIN_PAGES	16	/* below this many shadow pages, no unsync rule */
#define SS_DOC_UNSYNC_SHARE	0.5	/* unsync share that is a leak when growing */
#define SS_DOC_UNSYNC_SHARE_HIGH 0.9	/* unsync share that is a leak even when flat */
#define SS_DOC_KVM_REFILL	25	/* KVM_REFILL_PAGES: free pages kept after a recycle */
#define SS_DOC_THRASH_RATE	10.0	/* recycles per second */
#define SS_DOC_SYNC_RATE	100.0	/* syncs per second: a sync storm */
#define SS_DOC_KVM_PERMILLE	20	/* KVM_PERMILLE_MMU_PAGES */
#define SS_DOC_KVM_MIN_PAGES	64	/* KVM_MIN_ALLOC_MMU_PAGES */

/*
 * Run every rule; the findings go to @out (free with ss_findings_free()).
 * Returns 0, -ENOMEM, or -EINVAL for malformed status records.
 */
int ss_doctor_run(const struct ss_doctor_in *in, struct ss_findings *out);
void ss_findings_free(struct ss_findings *f);
/* Findings that count against the host (not notes). */
size_t ss_findings_problems(const struct ss_findings *f);
const char *ss_severity_name(enum ss_severity s);

#endif /* SS_DOCTOR_H */
