// SPDX-License-Identifier: GPL-2.0
/*
 * struct kvm_mmu_page's layout, from the running kernel's BTF.
 *
 * kvm.ko's BTF (/sys/kernel/btf/kvm) is split BTF over vmlinux's, so both
 * files are read whole, parsed with ss_btf and dropped again: the offsets
 * are all we keep.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/kvm_types.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/vmalloc.h>

#include "ss_btf.h"
#include "ss_layout.h"

#define SS_BTF_VMLINUX	"/sys/kernel/btf/vmlinux"
#define SS_BTF_KVM	"/sys/kernel/btf/kvm"
#define SS_SP_STRUCT	"kvm_mmu_page"

/* vmlinux's BTF is about 5 MiB on 6.1; anything this big is not BTF. */
#define SS_BTF_MAX_FILE	SZ_64M

/*
 * The members read, and the width each is read with (ss_sp.h, ss_walk.c,
 * ss_tdp_walk.c): the load's self-test checks the BTF against these, so a
 * member that changed its type turns the layout off instead of being misread.
 */
static const struct {
	const char *name;
	size_t field;		/* offsetof() the int in struct ss_sp_layout */
	bool required;		/* needed for l->found */
	u32 bytes;		/* how the code reads it */
} ss_sp_members[] = {
	{ "link", offsetof(struct ss_sp_layout, link), true, sizeof(struct list_head) },
	{ "tdp_mmu_page", offsetof(struct ss_sp_layout, tdp_mmu_page), true, sizeof(bool) },
	{ "unsync", offsetof(struct ss_sp_layout, unsync), true, sizeof(bool) },
	{ "mmu_valid_gen", offsetof(struct ss_sp_layout, mmu_valid_gen), true, sizeof(u8) },
	{ "role", offsetof(struct ss_sp_layout, role), true, sizeof(u32) },
	{ "gfn", offsetof(struct ss_sp_layout, gfn), true, sizeof(gfn_t) },
	{ "root_count", offsetof(struct ss_sp_layout, root_count), true, sizeof(int) },
	/* the page table, for the TDP walk */
	{ "spt", offsetof(struct ss_sp_layout, spt), false, sizeof(u64 *) },
	/* on kvm->arch.mmu_page_hash */
	{ "hash_link", offsetof(struct ss_sp_layout, hash_link), false,
	  sizeof(struct hlist_node) },
	/* TDP pages' parent SPTE, 6.1+ */
	{ "ptep", offsetof(struct ss_sp_layout, ptep), false, sizeof(u64 *) },
};

static int *ss_sp_field(struct ss_sp_layout *l, size_t i)
{
	return (int *)((char *)l + ss_sp_members[i].field);
}

static __printf(3, 4)
int ss_layout_fail(struct ss_sp_layout *l, int err, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(l->why, sizeof(l->why), fmt, args);
	va_end(args);
	return err;
}

/*
 * Read a whole sysfs BTF file into a vmalloc()ed buffer, with a plain VFS
 * read: kernel_read_file() would run the kernel_read_file LSM hook with
 * READING_UNKNOWN, which IPE (6.12+) WARNs about, and these files need no
 * such check (any root process may read them). kernfs gives them their BTF
 * size as i_size.
 */
static int ss_read_btf(struct ss_sp_layout *l, const char *path,
		       void **buf, size_t *len)
{
	struct file *f;
	loff_t size, pos = 0;
	ssize_t n;
	int err;

	*buf = NULL;
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		if (err == -ENOENT)	/* the caller knows why it may be missing */
			return ss_layout_fail(l, err, "no %s", path);
		if (err == -EACCES || err == -EPERM)
			return ss_layout_fail(l, err, "opening %s denied (LSM?): %d",
					      path, err);
		return ss_layout_fail(l, err, "opening %s failed: %d", path, err);
	}
	size = i_size_read(file_inode(f));
	if (size <= 0) {
		err = ss_layout_fail(l, -EINVAL, "%s is empty", path);
		goto out;
	}
	if (size > SS_BTF_MAX_FILE) {
		err = ss_layout_fail(l, -EFBIG, "%s is over %u MiB", path,
				     SS_BTF_MAX_FILE >> 20);
		goto out;
	}
	*buf = vmalloc(size);
	if (!*buf) {
		err = ss_layout_fail(l, -ENOMEM, "no memory for %s", path);
		goto out;
	}
	while (pos < size) {
		n = kernel_read(f, *buf + pos, size - pos, &pos);
		if (n <= 0)
			break;
	}
	if (pos != size) {
		err = ss_layout_fail(l, -EIO, "reading %s stopped at %lld of %lld bytes",
				     path, pos, size);
		vfree(*buf);
		*buf = NULL;
		goto out;
	}
	*len = size;
	err = 0;
out:
	filp_close(f, NULL);
	return err;
}

/* Fill @l from the open BTF, whose kvm_mmu_page is @sid. */
static int ss_layout_fill(struct ss_sp_layout *l, struct ss_btf *btf,
			  u32 sid, const char *src)
{
	bool missing_required = false, missing_tdp = false;
	const char *missing = NULL;
	u32 bits, nbits, size;
	size_t i;
	int err;

	err = ss_btf_type_size(btf, sid, &size);
	if (err)
		return ss_layout_fail(l, err, "%s: %s", src, btf->err);
	l->size = size;

	for (i = 0; i < ARRAY_SIZE(ss_sp_members); i++) {
		const char *name = ss_sp_members[i].name;

		err = ss_btf_member_offset_id(btf, sid, name, &bits, &nbits);
		if (err == -ENOENT) {
			if (!strcmp(name, "tdp_mmu_page")) {
				missing_tdp = true;
			} else if (ss_sp_members[i].required) {
				missing_required = true;
				missing = missing ?: name;
			}
			continue;
		}
		if (err)
			return ss_layout_fail(l, err, "%s: %s.%s: %s", src,
					      SS_SP_STRUCT, name, btf->err);
		/*
		 * The hooks read these members as whole bytes; a bitfield
		 * or a member past the end would mean we misread the BTF.
		 */
		if (bits % 8 || nbits % 8 || (u64)bits + nbits > (u64)size * 8)
			return ss_layout_fail(l, -EINVAL,
					      "%s.%s at bit %u+%u: no byte field in the struct (%s)",
					      SS_SP_STRUCT, name, bits, nbits,
					      src);
		/* self-test: the width the code reads it with */
		if (nbits != ss_sp_members[i].bytes * 8)
			return ss_layout_fail(l, -EINVAL,
					      "self-test: %s.%s is %u bits, read as %u (%s)",
					      SS_SP_STRUCT, name, nbits,
					      ss_sp_members[i].bytes * 8, src);
		*ss_sp_field(l, i) = bits / 8;
	}

	l->found = !missing_required && !missing_tdp;
	l->found_no_tdp = !missing_required && missing_tdp;
	if (missing_required)
		return ss_layout_fail(l, -ENOENT, "%s: %s has no member %s",
				      src, SS_SP_STRUCT, missing);
	if (l->found_no_tdp)
		snprintf(l->why, sizeof(l->why),
			 "%s: no tdp_mmu_page (kernel without TDP MMU)", src);
	else
		snprintf(l->why, sizeof(l->why), "%s: sizeof %s = %zu", src,
			 SS_SP_STRUCT, l->size);
	return 0;
}

int ss_layout_load(struct ss_sp_layout *l)
{
	void *base = NULL, *split = NULL;
	size_t base_len = 0, split_len = 0, i;
	const char *src = SS_BTF_KVM;
	struct ss_btf btf;
	u32 *index;
	u32 sid;
	int err;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < ARRAY_SIZE(ss_sp_members); i++)
		*ss_sp_field(l, i) = -1;

	err = ss_read_btf(l, SS_BTF_VMLINUX, &base, &base_len);
	if (err == -ENOENT) {
		ss_layout_fail(l, err,
			       "no %s: kernel built without CONFIG_DEBUG_INFO_BTF",
			       SS_BTF_VMLINUX);
		goto out;
	}
	if (err)
		goto out;

	/* with kvm built in, its types are in vmlinux's BTF */
	if (!IS_BUILTIN(CONFIG_KVM)) {
		err = ss_read_btf(l, SS_BTF_KVM, &split, &split_len);
		if (err && err != -ENOENT)
			goto out;
	}
	if (!split)
		src = SS_BTF_VMLINUX;

	err = ss_btf_open(&btf, base, base_len, split, split_len);
	if (err) {
		ss_layout_fail(l, err, "%s: %s (type %u)", src, btf.err,
			       btf.err_id);
		goto out;
	}

	/* optional: without it each lookup by id walks the type records */
	index = kvmalloc(ss_btf_index_size(&btf), GFP_KERNEL);
	if (index)
		ss_btf_index(&btf, index);

	err = ss_btf_find_struct(&btf, SS_SP_STRUCT, &sid);
	if (err == -ENOENT && !split) {
		if (!IS_ENABLED(CONFIG_DEBUG_INFO_BTF_MODULES))
			ss_layout_fail(l, err,
				       "no %s: kernel built without CONFIG_DEBUG_INFO_BTF_MODULES",
				       SS_BTF_KVM);
		else
			ss_layout_fail(l, err,
				       "no %s: kvm.ko not loaded (or its BTF was rejected)",
				       SS_BTF_KVM);
	} else if (err) {
		ss_layout_fail(l, err, "%s: no struct %s", src, SS_SP_STRUCT);
	} else {
		err = ss_layout_fill(l, &btf, sid, src);
	}
	kvfree(index);
out:
	vfree(split);
	vfree(base);
	return err;
}
