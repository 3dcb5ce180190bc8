// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal raw BTF reader; see ss_btf.h.  The format is described in
 * Documentation/bpf/btf.rst and include/uapi/linux/btf.h.
 *
 * ss_btf_open() checks everything that a later lookup relies on (header,
 * section bounds, the size of every type record, every type id and string
 * offset), so the lookups can walk the records without re-checking them.
 */
#include "ss_btf.h"

/*
 * Deepest chain of typedefs/qualifiers/arrays, or of nested anonymous
 * members, that is followed; real kernels stay far below, and the bound
 * turns a reference cycle in damaged data into an error, not a hang.
 */
#define SS_BTF_MAX_DEPTH	32

/*
 * Kinds added after 5.11, the first kernel with module BTF, spelled out so
 * that this also builds against the uapi headers of such kernels.  Kind
 * numbers and record layouts are ABI and never change.
 */
#define SS_BTF_KIND_DECL_TAG	17
#define SS_BTF_KIND_TYPE_TAG	18
#define SS_BTF_KIND_ENUM64	19

struct ss_btf_decl_tag {
	s32 component_idx;
};

struct ss_btf_enum64 {
	u32 name_off;
	u32 val_lo32;
	u32 val_hi32;
};

/* BTF allows 2^24 bytes of strings over base and split together. */
#define SS_BTF_MAX_STR		(BTF_MAX_NAME_OFFSET + 1U)

/*
 * The header as first defined (magic .. str_len), and the one 7.1 grew with a
 * layout section (layout_off, layout_len): a u32 array, so that this reads
 * both whichever uapi header it is built against.
 */
#define SS_BTF_HDR_V1_LEN	24
#define SS_BTF_HDR_LAYOUT_LEN	32
#define SS_BTF_HDR_LAYOUT_OFF_W	6
#define SS_BTF_HDR_LAYOUT_LEN_W	7

/* One entry of the layout section, per kind: how to size its records. */
struct ss_btf_layout {
	u8 info_sz;
	u8 elem_sz;
	u16 flags;
};

/* @btf may be NULL where the input was validated already */
static int ss_btf_fail(struct ss_btf *btf, int err, const char *why, u32 id)
{
	if (btf) {
		btf->err = why;
		btf->err_id = id;
	}
	return err;
}

/*
 * The widest info fields of any format so far (7.1 widened them from 5 and 16
 * bits, whose upper bits had to be zero before): the same on every kernel,
 * whatever uapi header this is built against.
 */
static u32 ss_kind(const struct btf_type *t)
{
	return (t->info >> 24) & 0x7f;
}

static u32 ss_vlen(const struct btf_type *t)
{
	return t->info & 0xffffff;
}

static bool ss_kflag(const struct btf_type *t)
{
	return BTF_INFO_KFLAG(t->info);
}

static bool ss_pow2_le8(u32 size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

/*
 * Bytes following the struct btf_type of @t, or a negative errno if the
 * record is not one this reader can size or is self-inconsistent.  This is
 * what makes a walk over the type section safe, so it knows every kind.
 */
static int ss_btf_extra_size(struct ss_btf *btf, const struct ss_btf_blob *b,
			     const struct btf_type *t, u32 id)
{
	const struct ss_btf_layout *lay = (const void *)b->layout;
	u32 vlen = ss_vlen(t);
	u64 size;

	switch (ss_kind(t)) {
	case BTF_KIND_INT:
		if (vlen)
			break;
		/* the u32 encoding is checked once it is known to be there */
		if (t->size != 16 && !ss_pow2_le8(t->size))
			return ss_btf_fail(btf, -EINVAL, "bad INT size", id);
		return sizeof(u32);
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case SS_BTF_KIND_TYPE_TAG:
		if (vlen)
			break;
		return 0;
	case BTF_KIND_FLOAT:
		if (vlen)
			break;
		if (t->size != 2 && t->size != 4 && t->size != 8 &&
		    t->size != 12 && t->size != 16)
			return ss_btf_fail(btf, -EINVAL, "bad FLOAT size", id);
		return 0;
	case BTF_KIND_FUNC:
		/* vlen holds the linkage here */
		if (vlen > BTF_FUNC_EXTERN)
			break;
		return 0;
	case BTF_KIND_ARRAY:
		if (vlen)
			break;
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		if (!ss_pow2_le8(t->size))
			return ss_btf_fail(btf, -EINVAL, "bad ENUM size", id);
		return vlen * sizeof(struct btf_enum);
	case SS_BTF_KIND_ENUM64:
		if (!ss_pow2_le8(t->size))
			return ss_btf_fail(btf, -EINVAL, "bad ENUM64 size", id);
		return vlen * sizeof(struct ss_btf_enum64);
	case BTF_KIND_FUNC_PROTO:
		return vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR:
		if (vlen)
			break;
		return sizeof(struct btf_var);
	case BTF_KIND_DATASEC:
		return vlen * sizeof(struct btf_var_secinfo);
	case SS_BTF_KIND_DECL_TAG:
		if (vlen)
			break;
		return sizeof(struct ss_btf_decl_tag);
	default:
		/*
		 * A newer kind: its layout section (7.1+), where there is one,
		 * says how long its records are; else stop here.
		 */
		if (ss_kind(t) >= b->layout_len / sizeof(*lay))
			return ss_btf_fail(btf, -EOPNOTSUPP, "unknown BTF kind", id);
		size = lay[ss_kind(t)].info_sz + (u64)vlen * lay[ss_kind(t)].elem_sz;
		if (size > 0x7fffffff)
			return ss_btf_fail(btf, -EINVAL, "BTF record too large", id);
		return size;
	}
	return ss_btf_fail(btf, -EINVAL, "bad vlen for BTF kind", id);
}

/* Record size of an already validated type of blob @b: it cannot fail. */
static u32 ss_btf_rec_size(const struct ss_btf_blob *b, const struct btf_type *t)
{
	return sizeof(*t) + ss_btf_extra_size(NULL, b, t, 0);
}

const char *ss_btf_str(const struct ss_btf *btf, u32 off)
{
	const struct ss_btf_blob *b = &btf->base;

	if (off >= b->str_base + b->strs_len) {
		b = &btf->split;
		if (!btf->has_split || off < b->str_base ||
		    off - b->str_base >= b->strs_len)
			return NULL;
	}
	/* both sections end in NUL (checked at open), so this is bounded */
	return b->strs + (off - b->str_base);
}

/*
 * Parse one blob's header and check the section bounds.  @first_id and
 * @str_base say where the blob's ids and string offsets begin: 1 and 0 for
 * a base, past the base's for a split blob.
 */
static int ss_btf_blob_init(struct ss_btf *btf, struct ss_btf_blob *b,
			    const void *data, size_t len, u32 first_id,
			    u32 str_base, bool is_split)
{
	const struct btf_header *hdr = data;
	const u32 *words = data;
	const u8 *p = data;
	u64 body, t_end, s_end, l_end;
	u32 l_off = 0, l_len = 0;

	if (!data || len < SS_BTF_HDR_V1_LEN)
		return ss_btf_fail(btf, -EINVAL, "BTF shorter than its header", 0);
	/* the records are read in place as u32 fields */
	if ((unsigned long)data & (sizeof(u32) - 1))
		return ss_btf_fail(btf, -EINVAL, "BTF buffer not 4-byte aligned", 0);
	if (hdr->magic == 0x9FEB)
		return ss_btf_fail(btf, -EOPNOTSUPP,
				   "BTF of the other byte order", 0);
	if (hdr->magic != BTF_MAGIC)
		return ss_btf_fail(btf, -EINVAL, "bad BTF magic", 0);
	if (hdr->version != BTF_VERSION)
		return ss_btf_fail(btf, -EOPNOTSUPP,
				   "unsupported BTF version", 0);
	/*
	 * Any header from the first one on: a longer one is a newer format,
	 * whose layout section (7.1+) is used to skip kinds we do not know;
	 * the section offsets stay relative to its end.
	 */
	if (hdr->hdr_len < SS_BTF_HDR_V1_LEN || hdr->hdr_len > len ||
	    hdr->hdr_len % sizeof(u32))
		return ss_btf_fail(btf, -EINVAL, "bad BTF hdr_len", 0);
	if (hdr->hdr_len >= SS_BTF_HDR_LAYOUT_LEN) {
		l_off = words[SS_BTF_HDR_LAYOUT_OFF_W];
		l_len = words[SS_BTF_HDR_LAYOUT_LEN_W];
	}

	body = len - hdr->hdr_len;
	t_end = (u64)hdr->type_off + hdr->type_len;
	s_end = (u64)hdr->str_off + hdr->str_len;
	l_end = (u64)l_off + l_len;
	if (t_end > body || s_end > body || l_end > body)
		return ss_btf_fail(btf, -EINVAL,
				   "BTF section past the end of the data", 0);
	if (l_len && ((hdr->hdr_len + l_off) % sizeof(u32) ||
		      l_len % sizeof(struct ss_btf_layout)))
		return ss_btf_fail(btf, -EINVAL, "bad BTF layout section", 0);
	if ((hdr->hdr_len + hdr->type_off) & (sizeof(u32) - 1))
		return ss_btf_fail(btf, -EINVAL,
				   "BTF type section not 4-byte aligned", 0);
	if (hdr->type_len && hdr->str_len &&
	    hdr->type_off < s_end && hdr->str_off < t_end)
		return ss_btf_fail(btf, -EINVAL, "BTF sections overlap", 0);

	b->types = p + hdr->hdr_len + hdr->type_off;
	b->types_len = hdr->type_len;
	b->strs = (const char *)p + hdr->hdr_len + hdr->str_off;
	b->strs_len = hdr->str_len;
	b->first_id = first_id;
	b->nr_types = 0;
	b->str_base = str_base;
	b->layout = l_len ? p + hdr->hdr_len + l_off : NULL;
	b->layout_len = l_len;

	/*
	 * A base's strings start with the empty name at offset 0; a split
	 * blob's may not (offset 0 is the base's).  Both must end in NUL so
	 * that any in-range offset is a terminated string.
	 */
	if (!is_split && (!b->strs_len || b->strs[0]))
		return ss_btf_fail(btf, -EINVAL,
				   "BTF string section does not start with NUL",
				   0);
	if (b->strs_len && b->strs[b->strs_len - 1])
		return ss_btf_fail(btf, -EINVAL,
				   "BTF string section not NUL-terminated", 0);
	if ((u64)str_base + b->strs_len > SS_BTF_MAX_STR)
		return ss_btf_fail(btf, -E2BIG, "too many BTF strings", 0);
	return 0;
}

/* First pass: size every record, count the types. */
static int ss_btf_blob_walk(struct ss_btf *btf, struct ss_btf_blob *b)
{
	u32 off = 0, id = b->first_id;
	const char *name;
	int extra;

	while (off < b->types_len) {
		const struct btf_type *t;

		if (b->types_len - off < sizeof(*t))
			return ss_btf_fail(btf, -EINVAL,
					   "truncated BTF type record", id);
		t = (const struct btf_type *)(b->types + off);
		extra = ss_btf_extra_size(btf, b, t, id);
		if (extra < 0)
			return extra;
		if (b->types_len - off - sizeof(*t) < (u32)extra)
			return ss_btf_fail(btf, -EINVAL,
					   "truncated BTF type record", id);
		if (id > BTF_MAX_TYPE)
			return ss_btf_fail(btf, -E2BIG, "too many BTF types", id);

		if (ss_kind(t) == BTF_KIND_INT) {
			u32 enc = *(const u32 *)(t + 1);

			if (BTF_INT_BITS(enc) > 128 ||
			    BTF_INT_OFFSET(enc) + BTF_INT_BITS(enc) >
			    t->size * 8)
				return ss_btf_fail(btf, -EINVAL,
						   "bad INT encoding", id);
			/*
			 * BTF has no pointer size; take the described
			 * kernel's from its unsigned long, as libbpf does.
			 */
			name = ss_btf_str(btf, t->name_off);
			if (name && !strcmp(name, "long unsigned int"))
				btf->ptr_size = t->size;
		}
		off += sizeof(*t) + extra;
		id++;
	}
	b->nr_types = id - b->first_id;
	return 0;
}

/*
 * A name must be a valid string offset.  A split blob names many things
 * with the base's strings; such an offset must also land on the start of
 * a base string, which is what catches a split blob opened over the wrong
 * base (its offsets then fall in the middle of unrelated strings).
 */
static int ss_btf_check_name(struct ss_btf *btf, const struct ss_btf_blob *b,
			     u32 off, u32 id)
{
	const struct ss_btf_blob *base = &btf->base;

	if (!ss_btf_str(btf, off))
		return ss_btf_fail(btf, -EINVAL,
				   "BTF name offset out of range", id);
	if (b != base && off && off < base->strs_len && base->strs[off - 1])
		return ss_btf_fail(btf, -EINVAL,
				   "split BTF not made for this base (name mid-string)",
				   id);
	return 0;
}

static int ss_btf_check_ref(struct ss_btf *btf, u32 ref, u32 limit, u32 id)
{
	if (ref < limit)
		return 0;
	if (btf->has_split && id >= btf->split.first_id)
		return ss_btf_fail(btf, -EINVAL,
				   "split BTF type id out of range (wrong base?)",
				   id);
	return ss_btf_fail(btf, -EINVAL, "BTF type id out of range", id);
}

/*
 * Second pass, once the number of ids is known: every type id and string
 * offset in the blob is in range.  Ids of a base blob may only refer to
 * the base; a split blob's may refer to both.
 */
static int ss_btf_blob_check_refs(struct ss_btf *btf,
				  const struct ss_btf_blob *b)
{
	u32 limit = b->first_id + b->nr_types;
	u32 off = 0, id = b->first_id;
	int err;

	for (; off < b->types_len; id++) {
		const struct btf_type *t = (const void *)(b->types + off);
		const struct btf_member *m = (const void *)(t + 1);
		const struct btf_param *prm = (const void *)(t + 1);
		const struct btf_var_secinfo *vs = (const void *)(t + 1);
		const struct btf_enum *e = (const void *)(t + 1);
		const struct ss_btf_enum64 *e64 = (const void *)(t + 1);
		const struct btf_array *a = (const void *)(t + 1);
		u32 i, vlen = ss_vlen(t);

		err = ss_btf_check_name(btf, b, t->name_off, id);
		if (err)
			return err;

		switch (ss_kind(t)) {
		case BTF_KIND_PTR:
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case SS_BTF_KIND_TYPE_TAG:
		case BTF_KIND_FUNC:
		case BTF_KIND_VAR:
		case SS_BTF_KIND_DECL_TAG:
		case BTF_KIND_FUNC_PROTO:	/* return type */
			err = ss_btf_check_ref(btf, t->type, limit, id);
			break;
		case BTF_KIND_ARRAY:
			err = ss_btf_check_ref(btf, a->type, limit, id);
			if (!err)
				err = ss_btf_check_ref(btf, a->index_type,
						       limit, id);
			break;
		default:
			break;
		}
		if (err)
			return err;

		for (i = 0; i < vlen; i++) {
			switch (ss_kind(t)) {
			case BTF_KIND_STRUCT:
			case BTF_KIND_UNION:
				err = ss_btf_check_name(btf, b, m[i].name_off,
							id);
				if (!err && !m[i].type)
					err = ss_btf_fail(btf, -EINVAL,
							  "BTF member of type void",
							  id);
				if (!err)
					err = ss_btf_check_ref(btf, m[i].type,
							       limit, id);
				break;
			case BTF_KIND_ENUM:
				err = ss_btf_check_name(btf, b, e[i].name_off,
							id);
				break;
			case SS_BTF_KIND_ENUM64:
				err = ss_btf_check_name(btf, b,
							e64[i].name_off, id);
				break;
			case BTF_KIND_FUNC_PROTO:
				err = ss_btf_check_name(btf, b,
							prm[i].name_off, id);
				if (!err)
					err = ss_btf_check_ref(btf,
							       prm[i].type,
							       limit, id);
				break;
			case BTF_KIND_DATASEC:
				err = ss_btf_check_ref(btf, vs[i].type, limit,
						       id);
				break;
			default:
				break;
			}
			if (err)
				return err;
		}
		off += ss_btf_rec_size(b, t);
	}
	return 0;
}

int ss_btf_open(struct ss_btf *btf, const void *base, size_t base_len,
		const void *split, size_t split_len)
{
	int err;

	memset(btf, 0, sizeof(*btf));
	btf->ptr_size = sizeof(void *);

	err = ss_btf_blob_init(btf, &btf->base, base, base_len, 1, 0, false);
	if (err)
		goto fail;
	err = ss_btf_blob_walk(btf, &btf->base);
	if (err)
		goto fail;

	if (split) {
		err = ss_btf_blob_init(btf, &btf->split, split, split_len,
				       btf->base.first_id + btf->base.nr_types,
				       btf->base.str_base + btf->base.strs_len,
				       true);
		if (err)
			goto fail;
		btf->has_split = true;
		err = ss_btf_blob_walk(btf, &btf->split);
		if (err)
			goto fail;
	}

	err = ss_btf_blob_check_refs(btf, &btf->base);
	if (!err && split)
		err = ss_btf_blob_check_refs(btf, &btf->split);
	if (err)
		goto fail;
	btf->nr_ids = btf->base.first_id + btf->base.nr_types +
		      btf->split.nr_types;
	btf->err = NULL;
	btf->err_id = 0;
	return 0;

fail:
	/* nr_ids stays 0, so every later call on @btf fails cleanly */
	btf->has_split = false;
	return err;
}

size_t ss_btf_index_size(const struct ss_btf *btf)
{
	return (size_t)btf->nr_ids * sizeof(u32);
}

static void ss_btf_blob_index(const struct ss_btf_blob *b, u32 *buf)
{
	u32 off = 0, id = b->first_id;

	while (off < b->types_len) {
		buf[id++] = off;
		off += ss_btf_rec_size(b, (const void *)(b->types + off));
	}
}

void ss_btf_index(struct ss_btf *btf, u32 *buf)
{
	if (!btf->nr_ids)
		return;
	buf[0] = 0;
	ss_btf_blob_index(&btf->base, buf);
	if (btf->has_split)
		ss_btf_blob_index(&btf->split, buf);
	btf->index = buf;
}

const struct btf_type *ss_btf_type_by_id(struct ss_btf *btf, u32 id)
{
	const struct ss_btf_blob *b = &btf->base;
	u32 off = 0, i;

	if (!id || id >= btf->nr_ids) {
		ss_btf_fail(btf, -EINVAL, "BTF type id out of range", id);
		return NULL;
	}
	if (id >= b->first_id + b->nr_types)
		b = &btf->split;
	if (btf->index)
		return (const void *)(b->types + btf->index[id]);
	/* no index: walk to it; fine for the handful of lookups we do */
	for (i = b->first_id; i < id; i++)
		off += ss_btf_rec_size(b, (const void *)(b->types + off));
	return (const void *)(b->types + off);
}

static int ss_btf_blob_find_struct(struct ss_btf *btf,
				   const struct ss_btf_blob *b,
				   const char *name, u32 *id_ret)
{
	u32 off = 0, id = b->first_id;
	const char *s;

	for (; off < b->types_len; id++) {
		const struct btf_type *t = (const void *)(b->types + off);

		if (ss_kind(t) == BTF_KIND_STRUCT) {
			s = ss_btf_str(btf, t->name_off);
			if (s && !strcmp(s, name)) {
				*id_ret = id;
				return 0;
			}
		}
		off += ss_btf_rec_size(b, t);
	}
	return -ENOENT;
}

int ss_btf_find_struct(struct ss_btf *btf, const char *name, u32 *id_ret)
{
	if (!btf->nr_ids)
		return ss_btf_fail(btf, -EINVAL, "BTF not open", 0);
	/*
	 * The module's own definition first: structs private to a module
	 * (kvm_mmu_page) are only there, and if vmlinux had a same-named
	 * struct it would be a different one.
	 */
	if (btf->has_split &&
	    !ss_btf_blob_find_struct(btf, &btf->split, name, id_ret))
		return 0;
	if (!ss_btf_blob_find_struct(btf, &btf->base, name, id_ret))
		return 0;
	return ss_btf_fail(btf, -ENOENT, "no such struct in BTF", 0);
}

/* Skip typedefs and qualifiers: the type @id stands for, and its id. */
static int ss_btf_skip_mods(struct ss_btf *btf, u32 id,
			    const struct btf_type **t_ret, u32 *id_ret)
{
	const struct btf_type *t;
	int depth;

	for (depth = 0; depth < SS_BTF_MAX_DEPTH; depth++) {
		t = ss_btf_type_by_id(btf, id);
		if (!t)
			return -EINVAL;
		switch (ss_kind(t)) {
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case SS_BTF_KIND_TYPE_TAG:
			id = t->type;
			break;
		default:
			*t_ret = t;
			if (id_ret)
				*id_ret = id;
			return 0;
		}
	}
	return ss_btf_fail(btf, -ELOOP, "BTF type chain too deep", id);
}

int ss_btf_type_size(struct ss_btf *btf, u32 id, u32 *size_ret)
{
	const struct btf_type *t;
	const struct btf_array *a;
	u64 mult = 1, size;
	int depth, err;

	for (depth = 0; depth < SS_BTF_MAX_DEPTH; depth++) {
		err = ss_btf_skip_mods(btf, id, &t, &id);
		if (err)
			return err;
		switch (ss_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_ENUM:
		case SS_BTF_KIND_ENUM64:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_FLOAT:
		case BTF_KIND_DATASEC:
			size = t->size;
			break;
		case BTF_KIND_PTR:
			size = btf->ptr_size;
			break;
		case BTF_KIND_VAR:
			id = t->type;
			continue;
		case BTF_KIND_ARRAY:
			a = (const void *)(t + 1);
			mult *= a->nelems;
			/* stop before the product can overflow a u64 */
			if (mult > 0xffffffffULL)
				return ss_btf_fail(btf, -E2BIG,
						   "BTF array too large", id);
			id = a->type;
			continue;
		default:
			return ss_btf_fail(btf, -EINVAL,
					   "BTF type has no size", id);
		}
		size *= mult;
		if (size > 0xffffffffULL)
			return ss_btf_fail(btf, -E2BIG, "BTF type too large",
					   id);
		*size_ret = size;
		return 0;
	}
	return ss_btf_fail(btf, -ELOOP, "BTF type chain too deep", id);
}

/*
 * Look for @name among the members of struct/union @t, whose own bit
 * offset is @base_bits, recursing into anonymous struct/union members.
 * Returns 0, -ENOENT if absent, or another negative errno.
 */
static int ss_btf_find_member(struct ss_btf *btf, const struct btf_type *t,
			      const char *name, u32 base_bits, int depth,
			      u32 *bit_offset_ret, u32 *bit_size_ret)
{
	const struct btf_member *m = (const void *)(t + 1);
	u32 i, vlen = ss_vlen(t);
	int err;

	if (depth >= SS_BTF_MAX_DEPTH)
		return ss_btf_fail(btf, -ELOOP,
				   "anonymous BTF members nested too deep", 0);

	for (i = 0; i < vlen; i++) {
		const struct btf_type *mt;
		const char *s = ss_btf_str(btf, m[i].name_off);
		u32 bits = m[i].offset, bitfield = 0, size, mid;

		/*
		 * With kind_flag set, the offset word also carries the
		 * bitfield width; without it, a bitfield is an INT member
		 * whose encoding has fewer bits than its size.
		 */
		if (ss_kflag(t)) {
			bits = BTF_MEMBER_BIT_OFFSET(m[i].offset);
			bitfield = BTF_MEMBER_BITFIELD_SIZE(m[i].offset);
		}
		if (base_bits + (u64)bits > 0xffffffffULL)
			return ss_btf_fail(btf, -EINVAL,
					   "BTF member offset overflows", 0);
		bits += base_bits;

		if (s && *s) {
			if (strcmp(s, name))
				continue;
			err = ss_btf_skip_mods(btf, m[i].type, &mt, &mid);
			if (err)
				return err;
			if (!bitfield && ss_kind(mt) == BTF_KIND_INT) {
				u32 enc = *(const u32 *)(mt + 1);

				if (BTF_INT_OFFSET(enc) ||
				    BTF_INT_BITS(enc) != mt->size * 8) {
					bits += BTF_INT_OFFSET(enc);
					bitfield = BTF_INT_BITS(enc);
				}
			}
			if (!bitfield) {
				err = ss_btf_type_size(btf, mid, &size);
				if (err)
					return err;
				if (size > 0xffffffffU / 8)
					return ss_btf_fail(btf, -E2BIG,
							   "BTF member too large",
							   mid);
				bitfield = size * 8;
			}
			*bit_offset_ret = bits;
			if (bit_size_ret)
				*bit_size_ret = bitfield;
			return 0;
		}

		/* anonymous: only a struct or union can hold named fields */
		err = ss_btf_skip_mods(btf, m[i].type, &mt, NULL);
		if (err)
			return err;
		if (ss_kind(mt) != BTF_KIND_STRUCT &&
		    ss_kind(mt) != BTF_KIND_UNION)
			continue;
		err = ss_btf_find_member(btf, mt, name, bits, depth + 1,
					 bit_offset_ret, bit_size_ret);
		if (err != -ENOENT)
			return err;
	}
	return -ENOENT;
}

int ss_btf_member_offset_id(struct ss_btf *btf, u32 struct_id,
			    const char *member, u32 *bit_offset_ret,
			    u32 *bit_size_ret)
{
	const struct btf_type *t = ss_btf_type_by_id(btf, struct_id);
	int err;

	if (!t)
		return -EINVAL;
	if (ss_kind(t) != BTF_KIND_STRUCT && ss_kind(t) != BTF_KIND_UNION)
		return ss_btf_fail(btf, -EINVAL, "BTF type is not a struct",
				   struct_id);
	err = ss_btf_find_member(btf, t, member, 0, 0, bit_offset_ret,
				 bit_size_ret);
	if (err == -ENOENT)
		return ss_btf_fail(btf, -ENOENT, "no such member in BTF struct",
				   struct_id);
	return err;
}

int ss_btf_member_offset(struct ss_btf *btf, const char *struct_name,
			 const char *member, u32 *bit_offset_ret,
			 u32 *bit_size_ret)
{
	u32 id;
	int err;

	err = ss_btf_find_struct(btf, struct_name, &id);
	if (err)
		return err;
	return ss_btf_member_offset_id(btf, id, member, bit_offset_ret,
				       bit_size_ret);
}

int ss_btf_struct_size(struct ss_btf *btf, const char *name, u32 *size_ret)
{
	const struct btf_type *t;
	u32 id;
	int err;

	err = ss_btf_find_struct(btf, name, &id);
	if (err)
		return err;
	t = ss_btf_type_by_id(btf, id);
	if (!t)
		return -EINVAL;
	*size_ret = t->size;
	return 0;
}
