/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which VM a shadow page belongs to, from the page itself (ss_sp_owner.c),
 * for the zaps and syncs that happen with no vCPU running.
 */
#ifndef SS_SP_OWNER_H
#define SS_SP_OWNER_H

#include <linux/kvm_host.h>

#include "ss_vm.h"

/* KVM_MMU_HASH_SHIFT: 0 until known, -1 once found wrong */
extern int ss_hash_shift;

/* At attach: start over (the hash shift from the headers, else to be found). */
void ss_sp_owner_reset(void);
/* The layout has hash_link and the hash shift was not found wrong. */
bool ss_sp_owner_usable(void);
void ss_sp_owner_learn(struct ss_vm *vm, struct kvm *kvm, const void *sp);

/* Is something still to learn from a shadow page of @vm just created? */
static inline bool ss_sp_owner_learning(const struct ss_vm *vm)
{
	return !vm->page_hash || !READ_ONCE(ss_hash_shift);
}

void ss_sp_owner_learn_vm(struct ss_vm *vm, struct kvm *kvm);
void ss_sp_owner_forget(struct ss_vm *vm);
struct kvm *ss_sp_owner(const void *sp);
void ss_sp_owner_source(char *buf, size_t size);

#endif /* SS_SP_OWNER_H */
