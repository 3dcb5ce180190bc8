/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal VMM on /dev/kvm: one VM with one vCPU running guest_code.S in
 * 64-bit mode on an identity-mapped, 4-level, 4 KiB page table (layout.h).
 */
#ifndef SSVMM_VMM_H
#define SSVMM_VMM_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/kvm.h>

#define VMM_MAX_SLOTS 4

struct vmm_slot {
	bool used;
	uint64_t gpa;
	uint64_t size;
};

/* What KVM_GET_SUPPORTED_CPUID returns, with room for every entry. */
struct vmm_cpuid {
	struct kvm_cpuid2 c;
	struct kvm_cpuid_entry2 e[256];
};

struct vmm {
	int kvm_fd;
	int vm_fd;
	int vcpu_fd;
	struct kvm_run *run;
	size_t run_size;
	uint8_t *mem;		/* host mapping of [0, mem_size) */
	uint64_t mem_size;
	struct vmm_slot slots[VMM_MAX_SLOTS];
	char name[32];		/* "<pid>-<vmfd>", as in /sys/kernel/debug/kvm */
};

/* Create a VM whose page tables cover [0, mem_size); slot 0 maps [0, slot0_size). */
int vmm_create(struct vmm *vm, uint64_t mem_size, uint64_t slot0_size);
void vmm_destroy(struct vmm *vm);

/* KVM_GET_SUPPORTED_CPUID into @cpuid; 0 or -errno (reported). */
int vmm_supported_cpuid(struct vmm *vm, struct vmm_cpuid *cpuid);
/* Before the guest runs: move 2 MiB region @region's page table to @gpa. */
int vmm_set_pt(struct vmm *vm, uint64_t region, uint64_t gpa);
int vmm_set_slot(struct vmm *vm, int slot, uint64_t gpa, uint64_t size);
/* The same with KVM_MEM_* @flags (KVM_MEM_LOG_DIRTY_PAGES). */
int vmm_set_slot_flags(struct vmm *vm, int slot, uint64_t gpa, uint64_t size, uint32_t flags);
int vmm_delete_slot(struct vmm *vm, int slot);
/* Total pages in all slots, as KVM's nr_memslot_pages. */
uint64_t vmm_slot_pages(const struct vmm *vm);
int vmm_set_nr_mmu_pages(struct vmm *vm, unsigned long nr);

/* Run one guest operation (GOP_*) to completion; 0 on success. */
int vmm_touch(struct vmm *vm, uint64_t gpa, uint64_t regions, uint64_t pages, uint64_t stride);
/* GOP_TOUCH's arguments to operation @op (GOP_TOUCH or GOP_NESTED). */
int vmm_touch_op(struct vmm *vm, uint64_t op, uint64_t gpa, uint64_t regions, uint64_t pages,
		 uint64_t stride);
int vmm_ptwrite(struct vmm *vm, uint64_t gpa, uint64_t value);
int vmm_cr3_reload(struct vmm *vm);
int vmm_halt(struct vmm *vm);

/* Where the guest page table of 2 MiB region @region is. */
uint64_t vmm_pt_gpa(const struct vmm *vm, uint64_t region);
/* The value of the guest PTE that maps @gpa. */
uint64_t vmm_gpte(const struct vmm *vm, uint64_t gpa);
/* Count touched pages whose content is not their own address. */
uint64_t vmm_verify_touch(const struct vmm *vm, uint64_t gpa, uint64_t regions, uint64_t pages,
			  uint64_t stride);

#endif /* SSVMM_VMM_H */
