/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest-physical layout shared by the VMM, the guest code and the model.
 *
 * Long mode, 4-level paging, 4 KiB pages only, identity map of [0, mem).
 * Everything the guest needs besides its data (page tables, code) lives in
 * 2 MiB region 0; data regions are 2 MiB regions 1, 2, ...  The guest uses no
 * stack and reads no memory: its only data accesses are stores.
 */
#ifndef SSVMM_LAYOUT_H
#define SSVMM_LAYOUT_H

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL

#define PML4_GPA	0x1000ULL
#define PDPT_GPA	0x2000ULL
#define PD_GPA		0x3000ULL
#define CODE_GPA	0x10000ULL
/* The nested guest's (vmm_nested.h): nested page table, VMCB, host save area */
#define NPT_PML4_GPA	0x20000ULL
#define NPT_PDPT_GPA	0x21000ULL
#define NPT_PD_GPA	0x22000ULL
#define VMCB_GPA	0x23000ULL
#define HSAVE_GPA	0x24000ULL
#define PT_BASE_GPA	0x100000ULL	/* PT of 2 MiB region k at PT_BASE_GPA + k * 4K */
#define MAX_MEM		(256 * SZ_2M)	/* all PT pages must fit in region 0 */

#define PT_GPA(region)	(PT_BASE_GPA + (unsigned long long)(region) * SZ_4K)
#define REGION_GPA(k)	((unsigned long long)(k) * SZ_2M)

/* Guest operations, selected in %rbx (see guest_code.S). */
#define GOP_HLT		0
#define GOP_TOUCH	1	/* rdi gpa, rsi regions, rdx pages, rcx stride, r8 step */
#define GOP_PTWRITE	2	/* rdi gpa to store to, rdx value */
#define GOP_CR3		3	/* mov %cr3, %rax; mov %rax, %cr3 */
#define GOP_NESTED	4	/* VMRUN the VMCB at VMCB_GPA: the nested guest does GOP_TOUCH */

#define DONE_PORT	0x10	/* guest OUTs the op number here when an op is done */

#endif /* SSVMM_LAYOUT_H */
