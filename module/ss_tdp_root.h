/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which VM a TDP MMU page table belongs to, without a hook on KVM's SPTE
 * changes: a TDP page's ptep leads up to its root, and each root is noted
 * with its VM when the kvm_mmu_get_page tracepoint reports it on a vCPU (or
 * when the VM is adopted). Zaps then look their VM up by root.
 */
#ifndef SS_TDP_ROOT_H
#define SS_TDP_ROOT_H

#include <linux/types.h>
#include "ss_sp.h"

/* valid and invalidated roots a VM may hold at once: two address spaces, each in churn */
#define SS_TDP_ROOTS_PER_VM 16

struct ss_vm;

struct ss_tdp_root {
	struct hlist_node hash;		/* ss_tdp_root_hash, RCU */
	const void *root;		/* the root's kvm_mmu_page; NULL: unused */
	struct ss_tdp_roots *roots;	/* the VM's table it is in */
};

/* A VM's roots, part of its struct ss_vm (ss_vm.h). */
struct ss_tdp_roots {
	struct ss_tdp_root slot[SS_TDP_ROOTS_PER_VM];
	unsigned int next;		/* the slot to reuse when all are taken */
	struct ss_vm *vm;		/* whose; only handed back, never read here */
	bool gone;			/* forgotten: no root is added any more */
};

extern atomic64_t ss_tdp_roots_evicted;
extern atomic64_t ss_tdp_root_unknown;

/* The layout tells where a TDP page keeps its parent SPTE (6.1+). */
static inline bool ss_tdp_root_usable(void)
{
	return ss_sp_layout.found && ss_sp_layout.ptep >= 0;
}

void ss_tdp_roots_init(struct ss_tdp_roots *roots, struct ss_vm *vm);
void ss_tdp_root_add(struct ss_tdp_roots *roots, const void *root);
struct kvm;
void ss_tdp_roots_adopt(struct ss_tdp_roots *roots, struct kvm *kvm);
void ss_tdp_roots_forget(struct ss_tdp_roots *roots);
const void *ss_tdp_sp_root(const void *sp);
struct ss_vm *ss_tdp_root_vm(const void *root);

#endif /* SS_TDP_ROOT_H */
