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
	uint64_t limit;		/* 0: the recorded limits */
	uint64_t lookups, hits, misses, evictions;
	/* --check: what the recording says KVM did, and where the model differs */
	uint64_t kvm_created, kvm_recycled;
	uint64_t created_but_hit;	/* KVM created a page the model still had */
	uint64_t reused_but_missed;	/* KVM found a page the model had evicted */
	uint64_t evicted_not_by_kvm;	/* the model recycled a page KVM kept */
	uint64_t recycled_not_by_model;	/* KVM recycled a page the model kept */
	uint64_t recycled_unsync;	/* of those, unsync: maybe a victim's child */
	uint64_t unknown_zaps;		/* zaps of pages the model never saw */
	uint64_t peak_used;
};

const char *ss_sim_policy_name(enum ss_sim_policy p);
int ss_sim_policy_parse(const char *name);

/*
 * Replay the first @upto records of @rf (the snapshot included) with @policy
 * and @limit (0: follow the recorded limit and its changes). 0, or -ENOMEM.
 */
int ss_sim_run(const struct ss_recfile *rf, enum ss_sim_policy policy, uint64_t limit,
	       size_t upto, struct ss_sim_result *res);

#endif /* SS_SIM_H */
