// SPDX-License-Identifier: GPL-2.0
/* Huge-page guest memory and dirty logging (vmm_huge.h). */
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
#include "vmm_huge.h"

#define BIT_ULL(n)	(1ULL << (n))
#define PM_PRESENT	BIT_ULL(63)
#define PM_PFN_MASK	(BIT_ULL(55) - 1)
#define KPF_HUGE	17
#define KPF_THP		22

static int huge_err(const char *what)
{
	int e = errno ? errno : EIO;

	fprintf(stderr, "ssvmm: %s: %s\n", what, strerror(e));
	return -e;
}

int vmm_huge_back(struct vmm *vm, uint64_t gpa, uint64_t size, enum huge_backing b)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
	uint8_t *p, *want = vm->mem + gpa;
	uint64_t off;

	if (gpa % SZ_2M || size % SZ_2M || !size || gpa + size > vm->mem_size)
		return -EINVAL;
	if (b == HUGE_HUGETLB)
		flags |= MAP_HUGETLB | MAP_POPULATE;
	p = mmap(want, size, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (p == MAP_FAILED)
		return huge_err(b == HUGE_HUGETLB ? "mmap(MAP_HUGETLB) (no free hugetlb pages?)" :
				"mmap guest memory");
	if (b == HUGE_THP && madvise(p, size, MADV_HUGEPAGE))
		return huge_err("madvise(MADV_HUGEPAGE)");
	/* the first store to a 2 MiB-aligned range of a MADV_HUGEPAGE area takes a THP */
	for (off = 0; off < size; off += SZ_2M)
		p[off] = 0;
	return 0;
}

static int read_u64_at(int fd, uint64_t index, uint64_t *val)
{
	if (pread(fd, val, sizeof(*val), index * sizeof(*val)) != sizeof(*val))
		return -1;
	return 0;
}

/* The pfn of host address @va, or 0 if none (or not root: pagemap hides it). */
static uint64_t va_pfn(int pagemap, const void *va)
{
	uint64_t e;

	if (read_u64_at(pagemap, (uintptr_t)va / SZ_4K, &e) || !(e & PM_PRESENT))
		return 0;
	return e & PM_PFN_MASK;
}

/* One huge page maps @va's 2 MiB: its first and last pfns are those of one aligned page. */
static int region_is_huge(int pagemap, int kflags, const uint8_t *va)
{
	uint64_t first = va_pfn(pagemap, va), last = va_pfn(pagemap, va + SZ_2M - SZ_4K), f;

	if (!first || first % 512 || last != first + 511 || read_u64_at(kflags, first, &f))
		return 0;
	return !!(f & (BIT_ULL(KPF_THP) | BIT_ULL(KPF_HUGE)));
}

int vmm_huge_count(const struct vmm *vm, uint64_t gpa, uint64_t size, uint64_t *n)
{
	int pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	int kflags = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	uint64_t off;
	int r = 0;

	*n = 0;
	if (pagemap < 0 || kflags < 0) {
		r = huge_err("open /proc/self/pagemap, /proc/kpageflags");
		goto out;
	}
	for (off = 0; off < size; off += SZ_2M)
		*n += region_is_huge(pagemap, kflags, vm->mem + gpa + off);
out:
	if (pagemap >= 0)
		close(pagemap);
	if (kflags >= 0)
		close(kflags);
	return r;
}

int vmm_dirty_log_manual(struct vmm *vm)
{
	struct kvm_enable_cap cap = {
		.cap = KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2,
		.args[0] = KVM_DIRTY_LOG_MANUAL_PROTECT_ENABLE | KVM_DIRTY_LOG_INITIALLY_SET,
	};

	if (ioctl(vm->vm_fd, KVM_ENABLE_CAP, &cap) < 0)
		return huge_err("KVM_ENABLE_CAP(KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2)");
	return 0;
}

int vmm_get_dirty_log(struct vmm *vm, int slot, void *bitmap)
{
	struct kvm_dirty_log log = { .slot = slot, .dirty_bitmap = bitmap };

	if (ioctl(vm->vm_fd, KVM_GET_DIRTY_LOG, &log) < 0)
		return huge_err("KVM_GET_DIRTY_LOG");
	return 0;
}

int vmm_clear_dirty_log(struct vmm *vm, int slot)
{
	struct kvm_clear_dirty_log clear = { .slot = slot };
	uint64_t pages;
	void *bitmap;
	int r = 0;

	if (slot < 0 || slot >= VMM_MAX_SLOTS || !vm->slots[slot].used)
		return -EINVAL;
	pages = vm->slots[slot].size / SZ_4K;
	if (pages % 64)
		return -EINVAL;
	clear.num_pages = pages;
	bitmap = malloc(pages / 8);
	if (!bitmap)
		return -ENOMEM;
	memset(bitmap, 0xff, pages / 8);
	clear.dirty_bitmap = bitmap;
	if (ioctl(vm->vm_fd, KVM_CLEAR_DIRTY_LOG, &clear) < 0)
		r = huge_err("KVM_CLEAR_DIRTY_LOG");
	free(bitmap);
	return r;
}
