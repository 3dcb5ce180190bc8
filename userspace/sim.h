/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replaying a recorded shadow-page stream against KVM's recycling rules
 * (kvm_mmu_zap_oldest_mmu_pages, make_mmu_pages_available,
 * kvm_mmu_change_mmu_pages) under an eviction policy and a page limit.
 */
#ifndef SS_SIM_H
#define SS_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "recfile.h"

/* KVM's constants, the same in every kernel of the matrix (asm/kvm_host.h) */
#define SS_SIM_MIN_FREE	5
#define SS_SIM_REFILL	25

enum ss_sim_policy {
	SS_SIM_FIFO,	/* KVM: new pages at the head, recycle from the tail */
	SS_SIM_LRU,	/* seed 004: a lookup that finds a page moves it to the head */
	SS_SIM_NR_POLICIES,
};

struct ss_sim_result {
	enum ss_sim_policy policy;
	unsigned long long limit;		/* 0: the recorded limits */
	unsigned long long lookups, hits, misses, evictions;
	/* --check: what the recording says KVM did, and where the model differs */
	unsigned long long kvm_created, kvm_recycled;
	unsigned long long created_but_hit;	/* KVM created a page the model still had */
	unsigned long long reused_but_missed;	/* KVM found a page the model had evicted */
	unsigned long long evicted_not_by_kvm;	/* the model recycled a page KVM kept */
	unsigned long long recycled_not_by_model;	/* KVM recycled a page the model kept */
	unsigned long long recycled_unsync;	/* of those, unsync: maybe a victim's child */
	unsigned long long unknown_zaps;		/* zaps of pages the model never saw */
	unsigned long long peak_used;
};

const char *ss_sim_policy_name(enum ss_sim_policy p);
int ss_sim_policy_parse(const char *name);

/* The limit @res ran at: its own, or the one in force at the recording's end. */
unsigned long long ss_sim_limit_of(const struct ss_recfile *rf, const struct ss_sim_result *res);

/*
 * Replay the first @upto records of @rf (the snapshot included) with @policy
 * and @limit (0: follow the recorded limit and its changes). 0, or -ENOMEM.
 */
int ss_sim_run(const struct ss_recfile *rf, enum ss_sim_policy policy, unsigned long long limit,
	       size_t upto, struct ss_sim_result *res);

#endif /* SS_SIM_H */
