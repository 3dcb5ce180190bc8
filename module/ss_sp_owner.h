/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which VM a shadow page belongs to, from the page itself (ss_sp_owner.c),
 * for the zaps and syncs that happen with no vCPU running.
 */
#ifndef SS_SP_OWNER_H
#define SS_SP_OWNER_H

#include <linux/kvm_host.h>
#include <linux/types.h>

/* What one VM needs for it, part of its struct ss_vm (ss_vm.h). */
struct ss_sp_owner_vm {
	struct kvm *kvm;
	struct hlist_head *page_hash;	/* KVM's table of chains, once known */
	struct hlist_node node;		/* the table of tables, by address */
	bool gone;			/* forgotten: not noted any more */
};

/* KVM_MMU_HASH_SHIFT: 0 until known, -1 once found wrong */
extern int ss_hash_shift;

/* At attach: start over (the hash shift from the headers, else to be found). */
void ss_sp_owner_reset(void);
/* The layout has hash_link and the hash shift was not found wrong. */
bool ss_sp_owner_usable(void);
void ss_sp_owner_learn(struct ss_sp_owner_vm *o, const void *sp);
void ss_sp_owner_learn_vm(struct ss_sp_owner_vm *o);
void ss_sp_owner_forget(struct ss_sp_owner_vm *o);
struct kvm *ss_sp_owner(const void *sp);
void ss_sp_owner_source(char *buf, size_t size);

/* Is something still to learn from a shadow page of @o just created? */
static inline bool ss_sp_owner_learning(const struct ss_sp_owner_vm *o)
{
	return !o->page_hash || !READ_ONCE(ss_hash_shift);
}

#endif /* SS_SP_OWNER_H */
