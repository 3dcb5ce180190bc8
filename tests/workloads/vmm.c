// SPDX-License-Identifier: GPL-2.0
/*
 * VM, memory and vCPU set-up, and the run loop that drives guest_code.S.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "layout.h"
#include "vmm.h"

extern const unsigned char guest_code_start[], guest_code_end[];

static int sys_err(const char *what)
{
	int e = errno;

	fprintf(stderr, "ssvmm: %s: %s\n", what, strerror(e));
	return -(e ? e : EIO);
}

static void build_page_tables(struct vmm *vm)
{
	uint64_t *pml4 = (uint64_t *)(vm->mem + PML4_GPA);
	uint64_t *pdpt = (uint64_t *)(vm->mem + PDPT_GPA);
	uint64_t *pd = (uint64_t *)(vm->mem + PD_GPA);
	uint64_t k;
	int j;

	pml4[0] = PDPT_GPA | 3;
	pdpt[0] = PD_GPA | 3;
	for (k = 0; k < vm->mem_size / SZ_2M; k++) {
		uint64_t *pt = (uint64_t *)(vm->mem + PT_GPA(k));

		pd[k] = PT_GPA(k) | 3;
		for (j = 0; j < 512; j++)
			pt[j] = (REGION_GPA(k) + j * SZ_4K) | 3;
	}
}

int vmm_supported_cpuid(struct vmm *vm, struct vmm_cpuid *cpuid)
{
	memset(cpuid, 0, sizeof(*cpuid));
	cpuid->c.nent = 256;
	if (ioctl(vm->kvm_fd, KVM_GET_SUPPORTED_CPUID, cpuid) < 0)
		return sys_err("KVM_GET_SUPPORTED_CPUID");
	return 0;
}

static int setup_vcpu(struct vmm *vm)
{
	struct vmm_cpuid cpuid;
	struct kvm_segment cs = {
		.base = 0, .limit = 0xffffffff, .selector = 8, .type = 11,
		.present = 1, .s = 1, .l = 1, .g = 1,
	};
	struct kvm_segment ds = cs;
	struct kvm_sregs s;
	struct kvm_regs r = { .rip = CODE_GPA, .rflags = 2 };
	int e = vmm_supported_cpuid(vm, &cpuid);

	if (e)
		return e;
	if (ioctl(vm->vcpu_fd, KVM_SET_CPUID2, &cpuid) < 0)
		return sys_err("KVM_SET_CPUID2");
	if (ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0)
		return sys_err("KVM_GET_SREGS");
	s.cr3 = PML4_GPA;
	s.cr4 = 1u << 5;		/* PAE */
	s.cr0 = 0x80050033;		/* PG AM WP NE ET MP PE */
	s.efer = 0x500;			/* LME LMA */
	ds.selector = 16;
	ds.type = 3;
	ds.l = 0;
	ds.db = 1;
	s.cs = cs;
	s.ds = ds;
	s.es = ds;
	s.fs = ds;
	s.gs = ds;
	s.ss = ds;
	if (ioctl(vm->vcpu_fd, KVM_SET_SREGS, &s) < 0)
		return sys_err("KVM_SET_SREGS");
	if (ioctl(vm->vcpu_fd, KVM_SET_REGS, &r) < 0)
		return sys_err("KVM_SET_REGS");
	return 0;
}

/*
 * Guest memory at a 2 MiB-aligned host address: guest and host addresses then
 * agree mod 2 MiB, so KVM's lpage_info allows 2 MiB pages where nothing else
 * forbids them, as on a real VMM (the model's mp_lpage_allowed() counts on it;
 * MADV_NOHUGEPAGE still keeps every mapping 4 KiB).
 */
static uint8_t *map_aligned(uint64_t size)
{
	uint8_t *p = mmap(NULL, size + SZ_2M, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uint64_t head;

	if (p == MAP_FAILED)
		return NULL;
	head = (SZ_2M - (uintptr_t)p % SZ_2M) % SZ_2M;
	if (head)
		munmap(p, head);
	munmap(p + head + size, SZ_2M - head);
	return p + head;
}

int vmm_set_pt(struct vmm *vm, uint64_t region, uint64_t gpa)
{
	uint64_t *pd = (uint64_t *)(vm->mem + PD_GPA);
	uint64_t *pt;
	int j;

	if (region >= vm->mem_size / SZ_2M || gpa % SZ_4K || gpa >= vm->mem_size)
		return -EINVAL;
	pt = (uint64_t *)(vm->mem + gpa);
	for (j = 0; j < 512; j++)
		pt[j] = (REGION_GPA(region) + j * SZ_4K) | 3;
	pd[region] = gpa | 3;
	return 0;
}

int vmm_create(struct vmm *vm, uint64_t mem_size, uint64_t slot0_size)
{
	int r;

	memset(vm, 0, sizeof(*vm));
	vm->kvm_fd = -1;
	vm->vm_fd = -1;
	vm->vcpu_fd = -1;
	if (mem_size < SZ_2M || mem_size > MAX_MEM || mem_size % SZ_2M ||
	    !slot0_size || slot0_size > mem_size || slot0_size % SZ_4K) {
		fprintf(stderr, "ssvmm: bad memory size %llu/%llu\n",
			(unsigned long long)mem_size, (unsigned long long)slot0_size);
		return -EINVAL;
	}
	vm->mem_size = mem_size;
	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0)
		return sys_err("open /dev/kvm");
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0)
		return sys_err("KVM_CREATE_VM");
	snprintf(vm->name, sizeof(vm->name), "%d-%d", getpid(), vm->vm_fd);

	vm->mem = map_aligned(mem_size);
	if (!vm->mem)
		return sys_err("mmap guest memory");
	/* 4 KiB host pages, so that KVM maps 4 KiB pages in every MMU mode. */
	if (madvise(vm->mem, mem_size, MADV_NOHUGEPAGE))
		return sys_err("madvise(MADV_NOHUGEPAGE)");
	build_page_tables(vm);
	memcpy(vm->mem + CODE_GPA, guest_code_start, guest_code_end - guest_code_start);

	r = vmm_set_slot(vm, 0, 0, slot0_size);
	if (r)
		return r;
	vm->vcpu_fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, 0);
	if (vm->vcpu_fd < 0)
		return sys_err("KVM_CREATE_VCPU");
	r = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (r < 0)
		return sys_err("KVM_GET_VCPU_MMAP_SIZE");
	vm->run_size = r;
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->vcpu_fd, 0);
	if (vm->run == MAP_FAILED) {
		vm->run = NULL;
		return sys_err("mmap kvm_run");
	}
	return setup_vcpu(vm);
}

void vmm_destroy(struct vmm *vm)
{
	if (vm->run)
		munmap(vm->run, vm->run_size);
	if (vm->vcpu_fd >= 0)
		close(vm->vcpu_fd);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	if (vm->mem)
		munmap(vm->mem, vm->mem_size);
	vm->run = NULL;
	vm->mem = NULL;
	vm->vcpu_fd = -1;
	vm->vm_fd = -1;
	vm->kvm_fd = -1;
}

int vmm_set_slot(struct vmm *vm, int slot, uint64_t gpa, uint64_t size)
{
	return vmm_set_slot_flags(vm, slot, gpa, size, 0);
}

int vmm_set_slot_flags(struct vmm *vm, int slot, uint64_t gpa, uint64_t size, uint32_t flags)
{
	struct kvm_userspace_memory_region reg = {
		.slot = slot, .flags = flags, .guest_phys_addr = gpa, .memory_size = size,
		.userspace_addr = (uintptr_t)(vm->mem + gpa),
	};

	if (slot < 0 || slot >= VMM_MAX_SLOTS || gpa + size > vm->mem_size)
		return -EINVAL;
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &reg) < 0)
		return sys_err("KVM_SET_USER_MEMORY_REGION");
	vm->slots[slot].used = size != 0;
	vm->slots[slot].gpa = gpa;
	vm->slots[slot].size = size;
	return 0;
}

int vmm_delete_slot(struct vmm *vm, int slot)
{
	if (slot < 0 || slot >= VMM_MAX_SLOTS || !vm->slots[slot].used)
		return -EINVAL;
	return vmm_set_slot(vm, slot, vm->slots[slot].gpa, 0);
}

uint64_t vmm_slot_pages(const struct vmm *vm)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < VMM_MAX_SLOTS; i++)
		if (vm->slots[i].used)
			n += vm->slots[i].size / SZ_4K;
	return n;
}

int vmm_set_nr_mmu_pages(struct vmm *vm, unsigned long nr)
{
	if (ioctl(vm->vm_fd, KVM_SET_NR_MMU_PAGES, nr) < 0)
		return sys_err("KVM_SET_NR_MMU_PAGES");
	return 0;
}

static int run_until_done(struct vmm *vm, uint64_t op)
{
	struct kvm_run *run = vm->run;

	for (;;) {
		if (ioctl(vm->vcpu_fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return sys_err("KVM_RUN");
		}
		if (run->exit_reason == KVM_EXIT_IO && run->io.port == DONE_PORT &&
		    run->io.direction == KVM_EXIT_IO_OUT) {
			uint8_t v = *((uint8_t *)run + run->io.data_offset);

			if (v != op) {
				fprintf(stderr, "ssvmm: guest reported op %u, expected %llu\n", v,
					(unsigned long long)op);
				return -EPROTO;
			}
			return 0;
		}
		if (run->exit_reason == KVM_EXIT_HLT && op == GOP_HLT)
			return 0;
		if (run->exit_reason == KVM_EXIT_INTR)
			continue;
		fprintf(stderr, "ssvmm: unexpected exit reason %u during op %llu\n",
			run->exit_reason, (unsigned long long)op);
		return -EPROTO;
	}
}

static int run_op(struct vmm *vm, uint64_t op, uint64_t rdi, uint64_t rsi, uint64_t rdx,
		  uint64_t rcx, uint64_t r8)
{
	struct kvm_regs r;

	/* Only the argument registers change: RIP stays at the OUT, so KVM completes it. */
	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &r) < 0)
		return sys_err("KVM_GET_REGS");
	r.rbx = op;
	r.rdi = rdi;
	r.rsi = rsi;
	r.rdx = rdx;
	r.rcx = rcx;
	r.r8 = r8;
	if (ioctl(vm->vcpu_fd, KVM_SET_REGS, &r) < 0)
		return sys_err("KVM_SET_REGS");
	return run_until_done(vm, op);
}

int vmm_touch_op(struct vmm *vm, uint64_t op, uint64_t gpa, uint64_t regions, uint64_t pages,
		 uint64_t stride)
{
	return run_op(vm, op, gpa, regions, pages, stride, SZ_4K);
}

int vmm_touch(struct vmm *vm, uint64_t gpa, uint64_t regions, uint64_t pages, uint64_t stride)
{
	return vmm_touch_op(vm, GOP_TOUCH, gpa, regions, pages, stride);
}

int vmm_ptwrite(struct vmm *vm, uint64_t gpa, uint64_t value)
{
	return run_op(vm, GOP_PTWRITE, gpa, 0, value, 0, 0);
}

int vmm_cr3_reload(struct vmm *vm)
{
	return run_op(vm, GOP_CR3, 0, 0, 0, 0, 0);
}

int vmm_halt(struct vmm *vm)
{
	return run_op(vm, GOP_HLT, 0, 0, 0, 0, 0);
}

uint64_t vmm_gpte(const struct vmm *vm, uint64_t gpa)
{
	uint64_t idx = (gpa % SZ_2M) / SZ_4K;

	return ((const uint64_t *)(vm->mem + vmm_pt_gpa(vm, gpa / SZ_2M)))[idx];
}

uint64_t vmm_pt_gpa(const struct vmm *vm, uint64_t region)
{
	return ((const uint64_t *)(vm->mem + PD_GPA))[region] & ~0xfffULL;
}

uint64_t vmm_verify_touch(const struct vmm *vm, uint64_t gpa, uint64_t regions, uint64_t pages,
			  uint64_t stride)
{
	uint64_t i, j, bad = 0;

	for (i = 0; i < regions; i++)
		for (j = 0; j < pages; j++) {
			uint64_t a = gpa + i * stride + j * SZ_4K;

			bad += *(const uint64_t *)(vm->mem + a) != a;
		}
	return bad;
}
