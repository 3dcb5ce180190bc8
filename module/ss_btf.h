/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small, self-contained reader of raw BTF (the .BTF section, or what
 * /sys/kernel/btf/<name> exports), just enough to find member offsets of
 * structures that no shipped header declares (struct kvm_mmu_page).
 *
 * It never allocates: it reads the caller's buffers in place, and the only
 * extra memory (an optional id -> type index) is passed in by the caller.
 * Every function returns 0 or a negative errno; results go to *_ret
 * parameters, and btf->err names the reason of the last failure.
 *
 * Split BTF (a module's, whose base is vmlinux's) is supported: the split
 * blob's type ids follow the base's, and its string offsets follow the
 * base's string section.
 *
 * The buffers must stay valid and unchanged while the struct ss_btf is used,
 * and must be 4-byte aligned (vmalloc() and malloc() memory is).
 */
#ifndef SS_BTF_H
#define SS_BTF_H

#include "ss_btf_shim.h"

/* One raw BTF blob: vmlinux's, or a module's split on top of it. */
struct ss_btf_blob {
	const u8 *types;	/* type section */
	const char *strs;	/* string section, NUL-terminated */
	u32 types_len;
	u32 strs_len;
	u32 first_id;		/* type id of the first type in @types */
	u32 nr_types;		/* number of types in @types */
	u32 str_base;		/* string offset of strs[0] */
	const u8 *layout;	/* the layout section (7.1+), or NULL */
	u32 layout_len;
};

struct ss_btf {
	struct ss_btf_blob base;
	struct ss_btf_blob split;	/* nr_types == 0 and no strings if none */
	bool has_split;
	u32 nr_ids;		/* valid type ids are 0 (void) .. nr_ids - 1 */
	u32 ptr_size;		/* bytes of a pointer in the described kernel */
	const u32 *index;	/* optional: index[id] = offset in its blob */
	const char *err;	/* static text: why the last call failed */
	u32 err_id;		/* type id the failure is about, 0 if none */
};

/*
 * Validate @base (and @split, when not NULL) and set up @btf.  Every header
 * field, every section bound and every type record is checked, so that no
 * later call can read out of bounds however the input was damaged:
 * -EINVAL for malformed or mismatched input, -EOPNOTSUPP for BTF this
 * reader does not know (other byte order, newer version or kind), -E2BIG
 * for more types or strings than BTF allows.
 *
 * A split blob does not name its base, so a wrong base is caught by its
 * effects: type ids or string offsets out of range, or names pointing into
 * the middle of base strings.  That catches any real module's BTF over
 * another kernel's vmlinux, but not a tiny split blob with no names.
 */
int ss_btf_open(struct ss_btf *btf, const void *base, size_t base_len,
		const void *split, size_t split_len);

/*
 * Optional index making type lookups by id O(1) instead of a walk of the
 * type sections: ss_btf_index_size() bytes, u32-aligned, filled by
 * ss_btf_index() and used until ss_btf_open() is called again.
 */
size_t ss_btf_index_size(const struct ss_btf *btf);
void ss_btf_index(struct ss_btf *btf, u32 *buf);

/* The type record of @id (0 < id < nr_ids), or NULL. */
const struct btf_type *ss_btf_type_by_id(struct ss_btf *btf, u32 id);

/* The string at BTF string offset @off, or NULL if out of range. */
const char *ss_btf_str(const struct ss_btf *btf, u32 off);

/*
 * Find the definition of struct @name (a FWD declaration does not count),
 * searching the split blob (the module) before the base.  -ENOENT if none.
 */
int ss_btf_find_struct(struct ss_btf *btf, const char *name, u32 *id_ret);

/* sizeof(struct @name). */
int ss_btf_struct_size(struct ss_btf *btf, const char *name, u32 *size_ret);

/*
 * Bit offset of @member in struct @struct_name, looking into anonymous
 * struct and union members as C does.  @bit_size_ret, when not NULL, gets
 * the member's width in bits (the bitfield width for bitfields).
 * -ENOENT if the struct or the member does not exist, -ELOOP for a type
 * reference cycle, -EINVAL if the struct was not opened.
 */
int ss_btf_member_offset(struct ss_btf *btf, const char *struct_name,
			 const char *member, u32 *bit_offset_ret,
			 u32 *bit_size_ret);

/* The same for the struct (or union) of type id @struct_id. */
int ss_btf_member_offset_id(struct ss_btf *btf, u32 struct_id,
			    const char *member, u32 *bit_offset_ret,
			    u32 *bit_size_ret);

/* Size in bytes of type @id, through typedefs, qualifiers and arrays. */
int ss_btf_type_size(struct ss_btf *btf, u32 id, u32 *size_ret);

#endif /* SS_BTF_H */
