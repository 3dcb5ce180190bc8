/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading KVM's struct kvm_mmu_page, whose layout is not in the shipped
 * headers: the offsets come from the running kernel's BTF (ss_layout.c). The
 * role union itself is in the shipped asm/kvm_host.h, so its bits are used as
 * KVM defines them.
 */
#ifndef SS_SP_H
#define SS_SP_H

#include <linux/kvm_host.h>
#include "ss_layout.h"

extern struct ss_sp_layout ss_sp_layout;

/* Usable: every member we read was found (tdp_mmu_page may predate the TDP MMU). */
static inline bool ss_sp_layout_ok(void)
{
	return ss_sp_layout.found || ss_sp_layout.found_no_tdp;
}

static inline const char *ss_sp_field(const void *sp, int off)
{
	return (const char *)sp + off;
}

static inline union kvm_mmu_page_role ss_sp_role(const void *sp)
{
	union kvm_mmu_page_role role;

	role.word = READ_ONCE(*(const u32 *)ss_sp_field(sp, ss_sp_layout.role));
	return role;
}

static inline int ss_sp_root_count(const void *sp)
{
	return READ_ONCE(*(const int *)ss_sp_field(sp, ss_sp_layout.root_count));
}

static inline bool ss_sp_unsync(const void *sp)
{
	return READ_ONCE(*(const bool *)ss_sp_field(sp, ss_sp_layout.unsync));
}

static inline gfn_t ss_sp_gfn(const void *sp)
{
	return READ_ONCE(*(const gfn_t *)ss_sp_field(sp, ss_sp_layout.gfn));
}

static inline u8 ss_sp_valid_gen(const void *sp)
{
	return READ_ONCE(*(const u8 *)ss_sp_field(sp, ss_sp_layout.mmu_valid_gen));
}

/* Kernels before the TDP MMU have no such flag: nothing is a TDP page. */
static inline bool ss_sp_is_tdp(const void *sp)
{
	return ss_sp_layout.tdp_mmu_page >= 0 &&
	       READ_ONCE(*(const bool *)ss_sp_field(sp, ss_sp_layout.tdp_mmu_page));
}

/* A TDP page's parent SPTE; NULL for a root. Needs ss_sp_layout.ptep. */
static inline const u64 *ss_sp_tdp_ptep(const void *sp)
{
	return READ_ONCE(*(const u64 *const *)ss_sp_field(sp, ss_sp_layout.ptep));
}

static inline void *ss_sp_from_link(struct list_head *pos)
{
	return (char *)pos - ss_sp_layout.link;
}

#endif /* SS_SP_H */
