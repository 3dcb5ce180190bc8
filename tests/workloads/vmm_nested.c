// SPDX-License-Identifier: GPL-2.0
/*
 * The nested guest's set-up: what KVM's nested VMRUN checks (EFER.SVME in
 * both states, a non-zero ASID, the VMRUN intercept, a valid PAT, long mode
 * consistent) and nothing more. The VMCB is written from here, in guest
 * memory, so the guest code only executes VMRUN.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "layout.h"
#include "vmm_nested.h"

extern const unsigned char guest_code_start[], guest_l3_entry[];

#define MSR_VM_HSAVE_PA		0xc0010117
#define EFER_SVME		0x1000ULL
#define CPUID_SVM_ECX		0x4U	/* 0x80000001 */
#define CPUID_NPT_EDX		0x1U	/* 0x8000000a */

/* VMCB control area */
#define VMCB_INTERCEPT_MISC1	0x00c
#define VMCB_INTERCEPT_MISC2	0x010
#define VMCB_ASID		0x058
#define VMCB_TLB_CTL		0x05c
#define VMCB_INT_CTL		0x060
#define VMCB_EXIT_CODE		0x070
#define VMCB_NESTED_CTL		0x090
#define VMCB_NCR3		0x0b0
/* VMCB state save area */
#define VMCB_SAVE		0x400
#define VMCB_ES			(VMCB_SAVE + 0x000)
#define VMCB_CS			(VMCB_SAVE + 0x010)
#define VMCB_TR			(VMCB_SAVE + 0x090)
#define VMCB_CPL		(VMCB_SAVE + 0x0cb)
#define VMCB_EFER		(VMCB_SAVE + 0x0d0)
#define VMCB_CR4		(VMCB_SAVE + 0x148)
#define VMCB_CR3		(VMCB_SAVE + 0x150)
#define VMCB_CR0		(VMCB_SAVE + 0x158)
#define VMCB_DR7		(VMCB_SAVE + 0x160)
#define VMCB_DR6		(VMCB_SAVE + 0x168)
#define VMCB_RFLAGS		(VMCB_SAVE + 0x170)
#define VMCB_RIP		(VMCB_SAVE + 0x178)
#define VMCB_G_PAT		(VMCB_SAVE + 0x268)

#define INTERCEPT_HLT		0x01000000U
#define INTERCEPT_SHUTDOWN	0x80000000U
#define INTERCEPT_VMRUN		0x1U
#define INTERCEPT_VMMCALL	0x2U
#define V_INTR_MASKING		0x01000000U
#define SVM_EXIT_VMMCALL	0x81

/* Segment attributes in the VMCB's packed form: type, S, DPL, P, AVL, L, DB, G. */
#define SEG_CODE64		0xa9b
#define SEG_DATA		0xc93
#define SEG_TSS64_BUSY		0x08b

static void put64(uint8_t *vmcb, unsigned int off, uint64_t v)
{
	memcpy(vmcb + off, &v, sizeof(v));
}

static void put32(uint8_t *vmcb, unsigned int off, uint32_t v)
{
	memcpy(vmcb + off, &v, sizeof(v));
}

static void put_seg(uint8_t *vmcb, unsigned int off, uint16_t sel, uint16_t attrib,
		    uint32_t limit)
{
	memcpy(vmcb + off, &sel, sizeof(sel));
	memcpy(vmcb + off + 2, &attrib, sizeof(attrib));
	memcpy(vmcb + off + 4, &limit, sizeof(limit));
	put64(vmcb, off + 8, 0);
}

static int nested_offered(struct vmm *vm, char *why, size_t len)
{
	struct vmm_cpuid cpuid;
	bool svm = false, npt = false;
	unsigned int i;
	int e = vmm_supported_cpuid(vm, &cpuid);

	if (e)
		return e;
	for (i = 0; i < cpuid.c.nent; i++) {
		if (cpuid.e[i].function == 0x80000001)
			svm = cpuid.e[i].ecx & CPUID_SVM_ECX;
		if (cpuid.e[i].function == 0x8000000a)
			npt = cpuid.e[i].edx & CPUID_NPT_EDX;
	}
	if (svm && npt)
		return 0;
	snprintf(why, len, "KVM offers its guests %s", svm ? "SVM without nested paging" :
		 "no SVM (not AMD, or kvm_amd.nested=0)");
	return -EOPNOTSUPP;
}

/* One to one over the VM's memory, 2 MiB pages; NPT walks are user accesses. */
static void build_npt(struct vmm *vm)
{
	uint64_t *pml4 = (uint64_t *)(vm->mem + NPT_PML4_GPA);
	uint64_t *pdpt = (uint64_t *)(vm->mem + NPT_PDPT_GPA);
	uint64_t *pd = (uint64_t *)(vm->mem + NPT_PD_GPA);
	uint64_t k;

	memset(pml4, 0, 3 * SZ_4K);
	pml4[0] = NPT_PDPT_GPA | 7;
	pdpt[0] = NPT_PD_GPA | 7;
	for (k = 0; k < vm->mem_size / SZ_2M; k++)
		pd[k] = REGION_GPA(k) | 0x87;
}

/* The nested guest at its entry: the VM's own paging mode, page table and flat segments. */
static void build_vmcb(struct vmm *vm)
{
	uint8_t *vmcb = vm->mem + VMCB_GPA;
	unsigned int s;

	memset(vmcb, 0, SZ_4K);
	put32(vmcb, VMCB_INTERCEPT_MISC1, INTERCEPT_HLT | INTERCEPT_SHUTDOWN);
	put32(vmcb, VMCB_INTERCEPT_MISC2, INTERCEPT_VMRUN | INTERCEPT_VMMCALL);
	put32(vmcb, VMCB_ASID, 1);
	vmcb[VMCB_TLB_CTL] = 1;
	put32(vmcb, VMCB_INT_CTL, V_INTR_MASKING);
	put64(vmcb, VMCB_NESTED_CTL, 1);
	put64(vmcb, VMCB_NCR3, NPT_PML4_GPA);

	for (s = 0; s < 6; s++)		/* es cs ss ds fs gs */
		put_seg(vmcb, VMCB_ES + 16 * s, s == 1 ? 8 : 16,
			s == 1 ? SEG_CODE64 : SEG_DATA, 0xffffffff);
	put_seg(vmcb, VMCB_TR, 24, SEG_TSS64_BUSY, 0x67);
	vmcb[VMCB_CPL] = 0;
	put64(vmcb, VMCB_EFER, 0x500 | EFER_SVME);
	put64(vmcb, VMCB_CR4, 1u << 5);
	put64(vmcb, VMCB_CR3, PML4_GPA);
	put64(vmcb, VMCB_CR0, 0x80050033);
	put64(vmcb, VMCB_DR7, 0x400);
	put64(vmcb, VMCB_DR6, 0xffff0ff0);
	put64(vmcb, VMCB_RFLAGS, 2);
	put64(vmcb, VMCB_RIP, CODE_GPA + (guest_l3_entry - guest_code_start));
	put64(vmcb, VMCB_G_PAT, 0x0007040600070406ULL);
}

int vmm_nested_setup(struct vmm *vm, char *why, size_t len)
{
	struct {
		struct kvm_msrs m;
		struct kvm_msr_entry e[1];
	} msrs = { .m.nmsrs = 1, .e[0] = { .index = MSR_VM_HSAVE_PA, .data = HSAVE_GPA } };
	struct kvm_sregs s;
	int r;

	r = nested_offered(vm, why, len);
	if (r)
		return r;
	if (ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0)
		return -errno;
	s.efer |= EFER_SVME;
	if (ioctl(vm->vcpu_fd, KVM_SET_SREGS, &s) < 0) {
		snprintf(why, len, "KVM_SET_SREGS with EFER.SVME: %s", strerror(errno));
		return -errno;
	}
	if (ioctl(vm->vcpu_fd, KVM_SET_MSRS, &msrs) != 1) {
		snprintf(why, len, "KVM_SET_MSRS(VM_HSAVE_PA) refused");
		return -EINVAL;
	}
	build_npt(vm);
	return 0;
}

int vmm_nested_touch(struct vmm *vm, uint64_t gpa, uint64_t regions, uint64_t pages,
		     uint64_t stride)
{
	uint64_t code;
	int r;

	/* KVM wrote the nested guest's state back at its last exit */
	build_vmcb(vm);
	r = vmm_touch_op(vm, GOP_NESTED, gpa, regions, pages, stride);
	if (r)
		return r;
	memcpy(&code, vm->mem + VMCB_GPA + VMCB_EXIT_CODE, sizeof(code));
	if (code != SVM_EXIT_VMMCALL) {
		fprintf(stderr, "ssvmm: the nested guest exited with code %#llx, not VMMCALL\n",
			(unsigned long long)code);
		return -EPROTO;
	}
	return 0;
}
