// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of module/ss_btf.c.
 *
 * 1. Hand-built BTF holding every kind, with anonymous members, bitfields
 *    of both encodings and a split blob: exact offsets.
 * 2. Damaged input (bad header fields, truncation, out-of-range ids and
 *    string offsets, a split blob over the wrong base, random mutations):
 *    a negative errno, never a crash (build with -fsanitize to see).
 * 3. The real BTF of an installed kernel, pulled out by extract-btf.sh:
 *    struct kvm_mmu_page compared with the kernel's own offsetof() view
 *    (expected.txt, when the probe could be built), with the known 6.1
 *    table when the kernel is 6.1, and with structural checks always.
 *
 * Data directory: $SS_BTF_DIR, else SS_BTF_DATA_DIR given at build time.
 * Prints "ok"/"not ok" lines and ends with "N passed, N failed".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "ss_btf.h"
#include "../lib/tap.h"

#ifndef SS_BTF_DATA_DIR
#define SS_BTF_DATA_DIR "build/unit/btf"
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define check tap_result
#define skip tap_skip

/* ---- a tiny BTF writer for the hand-built blobs ---- */

struct bb {
	u32 words[1024];
	u32 nwords;
	char strs[2048];
	u32 slen;
	u32 str_base;		/* string offsets of a split blob start here */
	u32 ntypes;
};

static void bb_init(struct bb *b, u32 str_base)
{
	memset(b, 0, sizeof(*b));
	b->str_base = str_base;
	if (!str_base)
		b->slen = 1;	/* a base starts with the empty name */
}

static u32 bb_str(struct bb *b, const char *s)
{
	u32 off = b->slen, n = strlen(s) + 1;

	if (!*s)
		return 0;
	memcpy(b->strs + off, s, n);
	b->slen += n;
	return b->str_base + off;
}

static void bb_w(struct bb *b, u32 v)
{
	b->words[b->nwords++] = v;
}

/* Start a type record; returns its index among this blob's types. */
static u32 bb_type(struct bb *b, u32 name_off, u32 kind, u32 kflag, u32 vlen,
		   u32 size_or_type)
{
	bb_w(b, name_off);
	bb_w(b, (kflag << 31) | (kind << 24) | vlen);
	bb_w(b, size_or_type);
	return ++b->ntypes;
}

static void *bb_blob(const struct bb *b, size_t *len)
{
	struct btf_header h = {
		.magic = BTF_MAGIC,
		.version = BTF_VERSION,
		.hdr_len = sizeof(h),
		.type_off = 0,
		.type_len = b->nwords * 4,
		.str_off = b->nwords * 4,
		.str_len = b->slen,
	};
	u8 *p;

	*len = sizeof(h) + h.type_len + h.str_len;
	p = malloc(*len);
	memcpy(p, &h, sizeof(h));
	memcpy(p + sizeof(h), b->words, h.type_len);
	memcpy(p + sizeof(h) + h.type_len, b->strs, h.str_len);
	return p;
}

static void *dup_blob(const void *p, size_t len)
{
	/* +1 so that a zero-length copy is still a distinct allocation */
	void *q = malloc(len + 1);

	memcpy(q, p, len);
	return q;
}

/* Type ids of the synthetic base, for the checks. */
enum {
	T_INT = 1, T_ULONG, T_PTR, T_ARR, T_ENUM, T_FWD, T_TYPEDEF, T_VOL,
	T_CONST, T_RESTRICT, T_PROTO, T_FUNC, T_VAR, T_DATASEC, T_FLOAT,
	T_DECL_TAG, T_TYPE_TAG, T_ENUM64, T_ANON_UNION, T_ANON_STRUCT,
	T_TARGET, T_OLDBITS, T_INT3, T_DUP, T_CYC, T_CYCT, T_SELF,
	T_NR_BASE = T_SELF
};

static u32 name_int, name_a;	/* base strings the split blob reuses */

static void *build_base(size_t *len)
{
	struct bb *b = calloc(1, sizeof(*b));
	void *blob;

	bb_init(b, 0);
	name_int = bb_str(b, "int");
	bb_type(b, name_int, BTF_KIND_INT, 0, 0, 4);
	bb_w(b, (BTF_INT_SIGNED << 24) | 32);
	bb_type(b, bb_str(b, "long unsigned int"), BTF_KIND_INT, 0, 0, 8);
	bb_w(b, 64);
	bb_type(b, 0, BTF_KIND_PTR, 0, 0, T_INT);
	bb_type(b, 0, BTF_KIND_ARRAY, 0, 0, 0);
	bb_w(b, T_INT);
	bb_w(b, T_ULONG);
	bb_w(b, 5);
	bb_type(b, bb_str(b, "color"), BTF_KIND_ENUM, 0, 2, 4);
	bb_w(b, bb_str(b, "RED"));
	bb_w(b, 0);
	bb_w(b, bb_str(b, "GREEN"));
	bb_w(b, 1);
	bb_type(b, bb_str(b, "fwd_only"), BTF_KIND_FWD, 0, 0, 0);
	bb_type(b, bb_str(b, "myint"), BTF_KIND_TYPEDEF, 0, 0, T_INT);
	bb_type(b, 0, BTF_KIND_VOLATILE, 0, 0, T_TYPEDEF);
	bb_type(b, 0, BTF_KIND_CONST, 0, 0, T_VOL);
	bb_type(b, 0, BTF_KIND_RESTRICT, 0, 0, T_PTR);
	bb_type(b, 0, BTF_KIND_FUNC_PROTO, 0, 2, T_INT);
	bb_w(b, bb_str(b, "arg"));
	bb_w(b, T_INT);
	bb_w(b, 0);		/* ... */
	bb_w(b, 0);
	bb_type(b, bb_str(b, "func"), BTF_KIND_FUNC, 0, BTF_FUNC_GLOBAL,
		T_PROTO);
	bb_type(b, bb_str(b, "var"), BTF_KIND_VAR, 0, 0, T_INT);
	bb_w(b, BTF_VAR_GLOBAL_ALLOCATED);
	bb_type(b, bb_str(b, ".data"), BTF_KIND_DATASEC, 0, 1, 4);
	bb_w(b, T_VAR);
	bb_w(b, 0);
	bb_w(b, 4);
	bb_type(b, bb_str(b, "double"), BTF_KIND_FLOAT, 0, 0, 8);
	bb_type(b, bb_str(b, "tag"), 17 /* DECL_TAG */, 0, 0, T_FUNC);
	bb_w(b, (u32)-1);
	bb_type(b, bb_str(b, "user"), 18 /* TYPE_TAG */, 0, 0, T_INT);
	bb_type(b, bb_str(b, "big"), 19 /* ENUM64 */, 0, 1, 8);
	bb_w(b, bb_str(b, "HUGE"));
	bb_w(b, 1);
	bb_w(b, 2);
	/* union { int a; unsigned long b; } */
	name_a = bb_str(b, "a");
	bb_type(b, 0, BTF_KIND_UNION, 0, 2, 8);
	bb_w(b, name_a);
	bb_w(b, T_INT);
	bb_w(b, 0);
	bb_w(b, bb_str(b, "b"));
	bb_w(b, T_ULONG);
	bb_w(b, 0);
	/* struct { int x; const volatile myint y; } */
	bb_type(b, 0, BTF_KIND_STRUCT, 0, 2, 8);
	bb_w(b, bb_str(b, "x"));
	bb_w(b, T_INT);
	bb_w(b, 0);
	bb_w(b, bb_str(b, "y"));
	bb_w(b, T_CONST);
	bb_w(b, 32);
	/* struct target, kind_flag set: offsets carry bitfield widths */
	bb_type(b, bb_str(b, "target"), BTF_KIND_STRUCT, 1, 10, 72);
	bb_w(b, bb_str(b, "first"));
	bb_w(b, T_ULONG);
	bb_w(b, 0);
	bb_w(b, 0);
	bb_w(b, T_ANON_UNION);
	bb_w(b, 64);
	bb_w(b, bb_str(b, "bits"));
	bb_w(b, T_INT);
	bb_w(b, (3u << 24) | 128);
	bb_w(b, bb_str(b, "bits2"));
	bb_w(b, T_INT);
	bb_w(b, (5u << 24) | 131);
	bb_w(b, 0);		/* int :2, unnamed padding */
	bb_w(b, T_INT);
	bb_w(b, (2u << 24) | 136);
	bb_w(b, 0);
	bb_w(b, T_ANON_STRUCT);
	bb_w(b, 192);
	bb_w(b, bb_str(b, "arr"));
	bb_w(b, T_ARR);
	bb_w(b, 256);
	bb_w(b, bb_str(b, "cq"));
	bb_w(b, T_CONST);
	bb_w(b, 416);
	bb_w(b, bb_str(b, "fp"));
	bb_w(b, T_RESTRICT);
	bb_w(b, 448);
	bb_w(b, bb_str(b, "tagged"));
	bb_w(b, T_TYPE_TAG);
	bb_w(b, 512);
	/* struct oldbits: a bitfield in the old, INT-encoded way */
	bb_type(b, bb_str(b, "oldbits"), BTF_KIND_STRUCT, 0, 1, 4);
	bb_w(b, bb_str(b, "ob"));
	bb_w(b, T_INT3);
	bb_w(b, 8);
	bb_type(b, name_int, BTF_KIND_INT, 0, 0, 4);
	bb_w(b, (1u << 16) | 3);	/* 3 bits at bit 1 of the int */
	bb_type(b, bb_str(b, "dup"), BTF_KIND_STRUCT, 0, 1, 4);
	bb_w(b, name_a);
	bb_w(b, T_INT);
	bb_w(b, 0);
	/* damaged-looking but well-formed: a typedef cycle, a self-nest */
	bb_type(b, bb_str(b, "cyc"), BTF_KIND_STRUCT, 0, 1, 4);
	bb_w(b, 0);
	bb_w(b, T_CYCT);
	bb_w(b, 0);
	bb_type(b, bb_str(b, "cyct"), BTF_KIND_TYPEDEF, 0, 0, T_CYCT);
	bb_type(b, bb_str(b, "selfnest"), BTF_KIND_STRUCT, 0, 1, 4);
	bb_w(b, 0);
	bb_w(b, T_SELF);
	bb_w(b, 0);

	blob = bb_blob(b, len);
	free(b);
	return blob;
}

/* Split over build_base(): a second "dup", members typed in both blobs. */
static void *build_split(const void *base, size_t *len)
{
	const struct btf_header *bh = base;
	struct bb *b = calloc(1, sizeof(*b));
	void *blob;
	u32 s = T_NR_BASE;

	bb_init(b, bh->str_len);
	bb_type(b, bb_str(b, "dup"), BTF_KIND_STRUCT, 0, 3, 24);
	bb_w(b, name_a);	/* a base string */
	bb_w(b, T_INT);		/* a base type */
	bb_w(b, 32);
	bb_w(b, 0);		/* anonymous struct, itself in the split */
	bb_w(b, s + 2);
	bb_w(b, 64);
	bb_w(b, bb_str(b, "split_int"));
	bb_w(b, s + 3);
	bb_w(b, 0);
	bb_type(b, 0, BTF_KIND_STRUCT, 0, 1, 8);
	bb_w(b, bb_str(b, "deep"));
	bb_w(b, T_ULONG);
	bb_w(b, 0);
	bb_type(b, bb_str(b, "s32"), BTF_KIND_TYPEDEF, 0, 0, T_INT);
	blob = bb_blob(b, len);
	free(b);
	return blob;
}

/* ---- helpers ---- */

static u64 rng = 0x9e3779b97f4a7c15ULL;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 11;
}

static int member(struct ss_btf *btf, const char *s, const char *m,
		  u32 *off, u32 *size)
{
	*off = 0xdead;
	*size = 0xdead;
	return ss_btf_member_offset(btf, s, m, off, size);
}

static void expect_member(struct ss_btf *btf, const char *s, const char *m,
			  u32 want_off, u32 want_size)
{
	u32 off, size;
	int err = member(btf, s, m, &off, &size);

	check(!err && off == want_off && size == want_size,
	      "%s.%s at bit %u, %u bits (got err %d, %u, %u)", s, m,
	      want_off, want_size, err, off, size);
}

static void expect_open(const char *what, int want, const void *base,
			size_t blen, const void *split, size_t slen)
{
	struct ss_btf btf;
	int err = ss_btf_open(&btf, base, blen, split, slen);

	check(err == want, "%s: open returns %d (got %d: %s)", what, want,
	      err, btf.err ? btf.err : "-");
}

/* Run every lookup on an opened (possibly odd) BTF; must not crash. */
static void poke(struct ss_btf *btf)
{
	static const char * const names[] = {
		"target", "dup", "oldbits", "cyc", "selfnest", "kvm_mmu_page",
	};
	static const char * const members[] = {
		"a", "b", "x", "y", "bits", "deep", "nested", "root_count", "zz",
	};
	u32 off, size, id, *index = NULL;
	size_t i, j;

	/* half the time with an index, half walking */
	if (rnd() % 2) {
		index = malloc(ss_btf_index_size(btf) + 1);
		ss_btf_index(btf, index);
	}
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		ss_btf_struct_size(btf, names[i], &size);
		for (j = 0; j < ARRAY_SIZE(members); j++)
			ss_btf_member_offset(btf, names[i], members[j], &off,
					     &size);
	}
	for (id = 0; id < btf->nr_ids && id < 64; id++)
		ss_btf_type_size(btf, id, &size);
	btf->index = NULL;
	free(index);
}

/* ---- synthetic tests ---- */

static void test_synthetic(void)
{
	size_t blen, slen;
	void *base = build_base(&blen), *split = build_split(base, &slen);
	struct ss_btf btf;
	u32 off, size, id, *index;
	int err;

	err = ss_btf_open(&btf, base, blen, NULL, 0);
	check(!err, "synthetic base with every BTF kind opens (%d %s)", err,
	      btf.err ? btf.err : "");
	check(btf.nr_ids == T_NR_BASE + 1, "synthetic base has %d ids (got %u)",
	      T_NR_BASE + 1, btf.nr_ids);
	check(btf.ptr_size == 8, "pointer size from long unsigned int");

	expect_member(&btf, "target", "first", 0, 64);
	expect_member(&btf, "target", "a", 64, 32);	/* anonymous union */
	expect_member(&btf, "target", "b", 64, 64);
	expect_member(&btf, "target", "bits", 128, 3);	/* kind_flag */
	expect_member(&btf, "target", "bits2", 131, 5);
	expect_member(&btf, "target", "x", 192, 32);	/* anonymous struct */
	expect_member(&btf, "target", "y", 224, 32);	/* const volatile td */
	expect_member(&btf, "target", "arr", 256, 160);
	expect_member(&btf, "target", "cq", 416, 32);
	expect_member(&btf, "target", "fp", 448, 64);	/* restrict ptr */
	expect_member(&btf, "target", "tagged", 512, 32);
	expect_member(&btf, "oldbits", "ob", 9, 3);	/* INT-encoded */
	expect_member(&btf, "dup", "a", 0, 32);

	err = ss_btf_member_offset(&btf, "target", "first", &off, NULL);
	check(!err && off == 0, "bit_size_ret may be NULL");
	err = ss_btf_struct_size(&btf, "target", &size);
	check(!err && size == 72, "sizeof(struct target) == 72 (%d %u)", err,
	      size);
	err = member(&btf, "target", "nope", &off, &size);
	check(err == -ENOENT && off == 0xdead,
	      "missing member: -ENOENT, output untouched (%d)", err);
	err = member(&btf, "nosuch", "a", &off, &size);
	check(err == -ENOENT, "missing struct: -ENOENT (%d)", err);
	err = member(&btf, "fwd_only", "a", &off, &size);
	check(err == -ENOENT, "a FWD declaration is no definition (%d)", err);
	err = member(&btf, "cyc", "zz", &off, &size);
	check(err == -ELOOP, "typedef cycle: -ELOOP (%d)", err);
	err = member(&btf, "selfnest", "zz", &off, &size);
	check(err == -ELOOP, "struct nested in itself: -ELOOP (%d)", err);
	err = ss_btf_type_size(&btf, T_ARR, &size);
	check(!err && size == 20, "sizeof(int[5]) == 20 (%d %u)", err, size);
	err = ss_btf_type_size(&btf, T_FUNC, &size);
	check(err == -EINVAL, "a FUNC has no size (%d)", err);
	err = ss_btf_type_size(&btf, 0, &size);
	check(err == -EINVAL, "void has no size (%d)", err);
	check(!ss_btf_type_by_id(&btf, btf.nr_ids), "id past the end: NULL");
	check(ss_btf_str(&btf, 0) && !*ss_btf_str(&btf, 0) &&
	      !ss_btf_str(&btf, 1u << 20), "string offsets are bounded");

	/* split: the module's definition wins, members typed in both */
	err = ss_btf_open(&btf, base, blen, split, slen);
	check(!err, "synthetic split opens (%d %s)", err,
	      btf.err ? btf.err : "");
	check(btf.nr_ids == T_NR_BASE + 4, "split ids follow the base's (%u)",
	      btf.nr_ids);
	expect_member(&btf, "dup", "a", 32, 32);
	expect_member(&btf, "dup", "deep", 64, 64);
	expect_member(&btf, "dup", "split_int", 0, 32);
	expect_member(&btf, "target", "bits2", 131, 5);
	err = ss_btf_find_struct(&btf, "dup", &id);
	check(!err && id == T_NR_BASE + 1, "split struct found first (%u)", id);

	index = malloc(ss_btf_index_size(&btf));
	ss_btf_index(&btf, index);
	expect_member(&btf, "dup", "deep", 64, 64);
	expect_member(&btf, "target", "y", 224, 32);
	free(index);

	/* a failed open leaves nothing usable behind */
	err = ss_btf_open(&btf, base, 10, NULL, 0);
	check(err == -EINVAL, "10-byte blob: -EINVAL (%d)", err);
	err = member(&btf, "target", "a", &off, &size);
	check(err < 0, "lookups after a failed open fail (%d)", err);

	free(split);
	free(base);
}

/* Set a header field of a copy and expect @want from opening it. */
static void hdr_case(const char *what, const void *blob, size_t len,
		     size_t field, u32 val, int width, int want)
{
	u8 *p = dup_blob(blob, len);

	if (width == 1)
		p[field] = val;
	else if (width == 2)
		memcpy(p + field, &(u16){ val }, 2);
	else
		memcpy(p + field, &val, 4);
	expect_open(what, want, p, len, NULL, 0);
	free(p);
}

static void test_damaged(void)
{
	size_t blen, slen, i;
	void *base = build_base(&blen), *split = build_split(base, &slen);
	const struct btf_header *h = base;
	u32 tl = h->type_len;
	struct btf_type *t;
	int bad = 0;
	u8 *p;

	hdr_case("bad magic", base, blen, 0, 0x1234, 2, -EINVAL);
	hdr_case("other byte order", base, blen, 0, 0x9feb, 2, -EOPNOTSUPP);
	hdr_case("version 2", base, blen, 2, 2, 1, -EOPNOTSUPP);
	hdr_case("hdr_len below the header", base, blen, 4, 20, 4, -EINVAL);
	hdr_case("hdr_len past the end", base, blen, 4, blen + 1, 4, -EINVAL);
	hdr_case("unaligned type_off", base, blen, 8, 2, 4, -EINVAL);
	hdr_case("type section past the end", base, blen, 12, 0xfffffff0, 4,
		 -EINVAL);
	hdr_case("string section past the end", base, blen, 20, blen, 4,
		 -EINVAL);
	hdr_case("sections overlap", base, blen, 16, tl - 8, 4, -EINVAL);
	hdr_case("type_len cuts a record", base, blen, 12, tl - 4, 4, -EINVAL);
	hdr_case("str_off+str_len wraps u32", base, blen, 16, 0xfffffff0, 4,
		 -EINVAL);

	/* a longer header (a newer format) is fine when offsets follow it */
	p = malloc(blen + 8);
	memcpy(p, base, sizeof(*h));
	memset(p + sizeof(*h), 0, 8);
	memcpy(p + sizeof(*h) + 8, (u8 *)base + sizeof(*h), blen - sizeof(*h));
	((struct btf_header *)p)->hdr_len = sizeof(*h) + 8;
	expect_open("32-byte header", 0, p, blen + 8, NULL, 0);
	free(p);

	/* every truncation of both blobs */
	for (i = 0; i < blen; i++) {
		p = dup_blob(base, i);
		bad += ss_btf_open(&(struct ss_btf){ 0 }, p, i, NULL, 0) >= 0;
		free(p);
	}
	check(!bad, "every truncation of the base fails (%d opened)", bad);
	bad = 0;
	for (i = 0; i < slen; i++) {
		p = dup_blob(split, i);
		bad += ss_btf_open(&(struct ss_btf){ 0 }, base, blen, p, i) >= 0;
		free(p);
	}
	check(!bad, "every truncation of the split fails (%d opened)", bad);

	p = dup_blob(base, blen);
	p[blen - 1] = 'x';
	expect_open("strings not NUL-terminated", -EINVAL, p, blen, NULL, 0);
	p[blen - 1] = 0;
	p[sizeof(*h) + tl] = 'x';
	expect_open("base strings not starting with NUL", -EINVAL, p, blen,
		    NULL, 0);
	free(p);

	/* records: the first type is INT "int", the third a PTR */
	p = dup_blob(base, blen);
	t = (struct btf_type *)(p + sizeof(*h));
	t->name_off = h->str_len;
	expect_open("name offset out of range", -EINVAL, p, blen, NULL, 0);
	t->name_off = name_int;
	t->info |= 1;
	expect_open("INT with vlen", -EINVAL, p, blen, NULL, 0);
	t->info = (20u << 24);
	expect_open("unknown kind 20", -EOPNOTSUPP, p, blen, NULL, 0);
	t->info = 0;
	expect_open("kind 0 (UNKN)", -EOPNOTSUPP, p, blen, NULL, 0);
	t->info = BTF_KIND_INT << 24;
	t->size = 3;
	expect_open("INT of size 3", -EINVAL, p, blen, NULL, 0);
	t->size = 4;
	((u32 *)(t + 1))[0] = 33;
	expect_open("INT of 33 bits in 4 bytes", -EINVAL, p, blen, NULL, 0);
	((u32 *)(t + 1))[0] = 32;
	t = (struct btf_type *)((u8 *)t + 2 * (sizeof(*t) + 4));
	t->type = 5000;
	expect_open("PTR to id 5000", -EINVAL, p, blen, NULL, 0);
	t->info = (BTF_KIND_STRUCT << 24) | 0xffff;
	expect_open("STRUCT with 65535 members past the end", -EINVAL, p,
		    blen, NULL, 0);
	free(p);

	p = dup_blob(base, blen);
	expect_open("base itself passes", 0, p, blen, NULL, 0);
	expect_open("unaligned buffer", -EINVAL, p + 1, blen - 1, NULL, 0);
	free(p);
	expect_open("NULL base", -EINVAL, NULL, 0, NULL, 0);

	/* a split blob over a base it was not made for */
	{
		struct bb *b = calloc(1, sizeof(*b));
		size_t olen;
		void *other;

		bb_init(b, 0);
		bb_str(b, "some other strings");
		bb_type(b, bb_str(b, "x"), BTF_KIND_INT, 0, 0, 4);
		bb_w(b, 32);
		other = bb_blob(b, &olen);
		expect_open("split over the wrong base", -EINVAL, other, olen,
			    split, slen);
		free(other);
		free(b);
	}
	expect_open("split opened as a base", -EINVAL, split, slen, NULL, 0);

	free(split);
	free(base);
}

/* Random damage: any result is fine as long as nothing crashes. */
static void fuzz(const char *what, const void *base, size_t blen,
		 const void *split, size_t slen, int rounds, bool mutate_base)
{
	int i, opened = 0;

	for (i = 0; i < rounds; i++) {
		u8 *b = dup_blob(base, blen);
		u8 *s = split ? dup_blob(split, slen) : NULL;
		size_t bl = blen, sl = slen;
		u8 *target = (mutate_base || !s) ? b : s;
		size_t tlen = target == b ? bl : sl;
		int n = 1 + rnd() % 4, k;
		struct ss_btf btf;

		for (k = 0; k < n; k++) {
			size_t at = rnd() % tlen;

			/* hit the header and small fields more often */
			if (rnd() % 4 == 0)
				at = rnd() % (tlen < 64 ? tlen : 64);
			switch (rnd() % 3) {
			case 0:
				target[at] ^= 1u << (rnd() % 8);
				break;
			case 1:
				target[at] = rnd();
				break;
			default:
				target[at] = 0xff;
				break;
			}
		}
		if (rnd() % 8 == 0) {
			if (target == b)
				bl = rnd() % bl;
			else
				sl = rnd() % sl;
		}
		if (!ss_btf_open(&btf, b, bl, s, sl)) {
			opened++;
			poke(&btf);
		}
		free(s);
		free(b);
	}
	check(1, "%s: %d random mutations, %d still opened, no crash", what,
	      rounds, opened);
}

static void test_fuzz_synthetic(void)
{
	size_t blen, slen;
	void *base = build_base(&blen), *split = build_split(base, &slen);

	fuzz("synthetic base", base, blen, NULL, 0, 20000, true);
	fuzz("synthetic split", base, blen, split, slen, 20000, false);
	fuzz("synthetic base under split", base, blen, split, slen, 5000,
	     true);
	free(split);
	free(base);
}

/* ---- real BTF ---- */

static char data_dir[512];

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 20, n = 0, r;
	u8 *buf;

	if (!f)
		return NULL;
	buf = malloc(cap);
	/* sysfs BTF files may not report a size: read to EOF */
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

static void *read_data(const char *name, size_t *len)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s", data_dir, name);
	return read_file(path, len);
}

struct sp_member {
	const char *name;
	bool required;		/* what ss_layout needs for l->found */
	u32 bytes;		/* expected size, 0 if not checked */
};

static const struct sp_member sp_members[] = {
	{ "link", true, 16 },
	{ "hash_link", false, 16 },
	{ "tdp_mmu_page", true, 1 },
	{ "unsync", true, 1 },
	{ "mmu_valid_gen", true, 1 },
	{ "role", true, 4 },
	{ "gfn", true, 8 },
	{ "spt", false, 8 },
	{ "root_count", true, 4 },
	{ "unsync_children", false, 4 },
	{ "parent_ptes", false, 8 },
	{ "ptep", false, 8 },
};

/* Debian 6.1 (6.1.0-*-amd64), from compiled offsetof() probes. */
static const struct {
	const char *name;
	long off;
} sp_61[] = {
	{ "link", 0 }, { "hash_link", 16 }, { "tdp_mmu_page", 32 },
	{ "unsync", 33 }, { "mmu_valid_gen", 34 }, { "role", 36 },
	{ "gfn", 40 }, { "spt", 48 }, { "root_count", 64 },
	{ "unsync_children", 68 }, { "parent_ptes", 72 }, { "ptep", 72 },
	{ "size", 184 },
};

/* Byte offset of kvm_mmu_page.@name per the BTF, -1 if absent. */
static long sp_offset(struct ss_btf *btf, const char *name, u32 *bits_ret)
{
	u32 off, bits;

	if (!strcmp(name, "size"))
		return ss_btf_struct_size(btf, "kvm_mmu_page", &off) ? -1 :
		       (long)off;
	if (ss_btf_member_offset(btf, "kvm_mmu_page", name, &off, &bits))
		return -1;
	if (bits_ret)
		*bits_ret = bits;
	return off % 8 ? -2 : (long)off / 8;
}

/* Checks that hold for any kernel with a TDP MMU. */
static void check_sp_structure(struct ss_btf *btf, const char *src)
{
	u32 size, bits;
	size_t i;
	long off;

	if (ss_btf_struct_size(btf, "kvm_mmu_page", &size)) {
		check(0, "%s: struct kvm_mmu_page found (%s)", src, btf->err);
		return;
	}
	check(size >= 64 && size <= 4096, "%s: sizeof kvm_mmu_page %u plausible",
	      src, size);
	for (i = 0; i < ARRAY_SIZE(sp_members); i++) {
		const struct sp_member *m = &sp_members[i];

		bits = 0;
		off = sp_offset(btf, m->name, &bits);
		if (off == -1 && !m->required) {
			printf("# %s: kvm_mmu_page has no %s\n", src, m->name);
			continue;
		}
		check(off >= 0 && off + bits / 8 <= size &&
		      (!m->bytes || bits == m->bytes * 8),
		      "%s: kvm_mmu_page.%s at %ld, %u bytes, inside the struct",
		      src, m->name, off, bits / 8);
	}
	check(sp_offset(btf, "link", NULL) == 0,
	      "%s: link is the first member", src);
}

static void compare_table(struct ss_btf *btf, const char *src,
			  const char *oracle, const char *name, long want)
{
	long got = sp_offset(btf, name, NULL);

	check(got == want, "%s: kvm_mmu_page %s == %ld per %s (got %ld)", src,
	      name, want, oracle, got);
}

/* Which kinds real data exercised, as "kind:count". */
static void print_kinds(struct ss_btf *btf, const char *what)
{
	u32 seen[32] = { 0 }, id, k, *index = malloc(ss_btf_index_size(btf));
	char buf[512];
	int n = 0;

	/* by id without the index would walk the section once per id */
	ss_btf_index(btf, index);
	for (id = 1; id < btf->nr_ids; id++)
		seen[BTF_INFO_KIND(ss_btf_type_by_id(btf, id)->info)]++;
	btf->index = NULL;
	free(index);
	buf[0] = 0;
	for (k = 1; k < 32 && n < (int)sizeof(buf) - 16; k++)
		if (seen[k])
			n += snprintf(buf + n, sizeof(buf) - n, " %u:%u", k,
				      seen[k]);
	printf("# %s kinds (kind:count):%s\n", what, buf);
}

static void test_real(void)
{
	size_t blen = 0, slen = 0, elen = 0, i;
	void *base, *split, *exp, *p;
	char kver[128] = "", *line, *save;
	struct ss_btf btf, ibtf;
	u32 *index, id, size;
	int err, bad;

	p = read_data("skip", &elen);
	if (p) {
		skip("real BTF: %.*s", (int)strcspn(p, "\n"), (char *)p);
		free(p);
		return;
	}
	p = read_data("kver", &elen);
	if (p) {
		snprintf(kver, sizeof(kver), "%.*s", (int)strcspn(p, "\n"),
			 (char *)p);
		free(p);
	}
	base = read_data("vmlinux.btf", &blen);
	split = read_data("kvm.btf", &slen);
	if (!base || !*kver) {
		check(0, "real BTF extracted to %s (run tests/unit/extract-btf.sh)",
		      data_dir);
		free(base);
		free(split);
		return;
	}
	p = read_data("notes.txt", &elen);
	if (p) {
		printf("# %.*s\n", (int)strcspn(p, "\n"), (char *)p);
		free(p);
	}

	err = ss_btf_open(&btf, base, blen, NULL, 0);
	check(!err && btf.nr_ids > 10000 && btf.ptr_size == 8,
	      "%s vmlinux BTF opens alone: %u types (%d %s)", kver, btf.nr_ids,
	      err, btf.err ? btf.err : "");
	err = ss_btf_struct_size(&btf, "task_struct", &size);
	check(!err && size > 1000, "vmlinux: sizeof task_struct %u", size);
	print_kinds(&btf, "vmlinux");

	if (!split) {
		/* kvm built in: its types are in vmlinux */
		printf("# no kvm.btf: kvm is built into %s\n", kver);
		check_sp_structure(&btf, "vmlinux");
		goto oracle;
	}

	err = ss_btf_find_struct(&btf, "kvm_mmu_page", &id);
	check(err == -ENOENT, "kvm_mmu_page is not in vmlinux alone (%d)", err);

	err = ss_btf_open(&btf, base, blen, split, slen);
	check(!err, "%s kvm.ko split BTF opens over vmlinux: %u types (%d %s)",
	      kver, btf.nr_ids, err, btf.err ? btf.err : "");
	if (err)
		goto out;
	check_sp_structure(&btf, "kvm.ko");

	/* the same answers with the index */
	ss_btf_open(&ibtf, base, blen, split, slen);
	index = malloc(ss_btf_index_size(&ibtf));
	ss_btf_index(&ibtf, index);
	bad = 0;
	for (id = 1; id < btf.nr_ids; id += 97)
		bad += ss_btf_type_by_id(&btf, id) !=
		       ss_btf_type_by_id(&ibtf, id);
	bad += ss_btf_type_by_id(&btf, btf.nr_ids - 1) !=
	       ss_btf_type_by_id(&ibtf, btf.nr_ids - 1);
	for (i = 0; i < ARRAY_SIZE(sp_61); i++)
		bad += sp_offset(&btf, sp_61[i].name, NULL) !=
		       sp_offset(&ibtf, sp_61[i].name, NULL);
	check(!bad, "index and linear walk agree (%d differ)", bad);
	free(index);

oracle:
	/* 1: the kernel's compiler, when the probe could be built */
	exp = read_data("expected.txt", &elen);
	if (exp) {
		int n = 0;

		exp = realloc(exp, elen + 1);
		((char *)exp)[elen] = 0;
		for (line = strtok_r(exp, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char name[64];
			long want;

			if (sscanf(line, "%63s %ld", name, &want) != 2)
				continue;
			compare_table(&btf, split ? "kvm.ko" : "vmlinux",
				      "offsetof() probe", name, want);
			n++;
		}
		check(n >= 10, "offsetof() probe gave %d values", n);
		free(exp);
	} else {
		printf("# no offsetof() probe results (see notes.txt)\n");
	}
	/* 2: the known Debian 6.1 layout */
	if (!strncmp(kver, "6.1.", 4)) {
		for (i = 0; i < ARRAY_SIZE(sp_61); i++)
			compare_table(&btf, split ? "kvm.ko" : "vmlinux",
				      "6.1 table", sp_61[i].name,
				      sp_61[i].off);
	} else {
		printf("# %s is not 6.1: structural checks only\n", kver);
	}
	if (!split)
		goto out;

	/* damaged real data */
	bad = 0;
	for (i = 0; i < 64; i++) {
		size_t cut = rnd() % slen;

		p = dup_blob(split, cut);
		bad += ss_btf_open(&btf, base, blen, p, cut) >= 0;
		free(p);
	}
	check(!bad, "64 truncations of kvm.btf fail (%d opened)", bad);
	{
		/* cut inside a record: never a record boundary (4-aligned) */
		struct btf_header *h;

		p = dup_blob(base, blen);
		h = p;
		h->type_len = (h->type_len / 2) | 2;
		err = ss_btf_open(&btf, p, blen, split, slen);
		check(err == -EINVAL,
		      "vmlinux type section cut mid-record: -EINVAL (%d %s)",
		      err, btf.err ? btf.err : "");
		free(p);

		p = dup_blob(split, slen);
		h = p;
		((struct btf_type *)((u8 *)p + h->hdr_len + h->type_off))->name_off =
			0xfffff0;
		err = ss_btf_open(&btf, base, blen, p, slen);
		check(err == -EINVAL,
		      "kvm.btf name offset out of range: -EINVAL (%d %s)", err,
		      btf.err ? btf.err : "");
		free(p);

		p = dup_blob(base, blen);
		((u8 *)p)[0] ^= 0xff;
		err = ss_btf_open(&btf, p, blen, split, slen);
		check(err == -EINVAL, "vmlinux with bad magic: -EINVAL (%d)",
		      err);
		free(p);
	}
	fuzz("kvm.btf over vmlinux", base, blen, split, slen, 48, false);
	fuzz("vmlinux under kvm.btf", base, blen, split, slen, 24, true);

	/* the wrong base */
	{
		size_t olen;
		void *other = build_base(&olen);

		err = ss_btf_open(&btf, other, olen, split, slen);
		check(err == -EINVAL, "kvm.btf over a tiny base: -EINVAL (%d %s)",
		      err, btf.err ? btf.err : "");
		free(other);
	}
	err = ss_btf_open(&btf, split, slen, NULL, 0);
	check(err == -EINVAL, "kvm.btf opened as a base: -EINVAL (%d %s)", err,
	      btf.err ? btf.err : "");
	{
		size_t rlen = 0;
		void *run = read_file("/sys/kernel/btf/vmlinux", &rlen);

		if (run && (rlen != blen || memcmp(run, base, blen))) {
			err = ss_btf_open(&btf, run, rlen, split, slen);
			check(err == -EINVAL,
			      "%s kvm.btf over the running kernel's other vmlinux BTF: -EINVAL (%d %s)",
			      kver, err, btf.err ? btf.err : "");
		}
		free(run);
	}
out:
	free(split);
	free(base);
}

/* The running kernel's own BTF, whatever version it is: structural only. */
static void test_running(void)
{
	size_t blen = 0, slen = 0;
	void *base = read_file("/sys/kernel/btf/vmlinux", &blen);
	void *split = read_file("/sys/kernel/btf/kvm", &slen);
	struct ss_btf btf;
	u32 id;
	int err;

	if (!base) {
		skip("running kernel: no /sys/kernel/btf/vmlinux");
		free(split);
		return;
	}
	err = ss_btf_open(&btf, base, blen, split, split ? slen : 0);
	check(!err, "running kernel's BTF%s opens: %u types (%d %s)",
	      split ? " with kvm" : "", btf.nr_ids, err,
	      btf.err ? btf.err : "");
	if (!err)
		print_kinds(&btf, "running kernel");
	if (!err && !ss_btf_find_struct(&btf, "kvm_mmu_page", &id))
		check_sp_structure(&btf, split ? "running kvm" :
					 "running vmlinux");
	else if (!err)
		printf("# running kernel: kvm_mmu_page not available (kvm.ko not loaded)\n");
	free(split);
	free(base);
}

/*
 * The header 7.1 grew (layout_off, layout_len: 32 bytes) with a layout
 * section that describes each kind's records, so that a kind unknown to the
 * reader can be skipped. @kind is appended to the base's types as one
 * record of @vlen elements; @nlayout layout entries are written (0: none).
 */
static u8 *layout_blob(const void *base, size_t blen, u32 kind, u32 vlen,
		       u32 nlayout, u32 layout_align_off, size_t *len)
{
	const struct btf_header *h = base;
	const u8 *types = (const u8 *)base + h->hdr_len + h->type_off;
	const u8 *strs = (const u8 *)base + h->hdr_len + h->str_off;
	/* info_sz 4, elem_sz 8 for the unknown kind; others as they are */
	u32 rec = 12 + 4 + vlen * 8, tl = h->type_len + rec, i;
	u32 hdr[8] = { 0 };
	u8 *p, *q;

	*len = 32 + tl + h->str_len + nlayout * 4 + layout_align_off;
	p = calloc(1, *len);
	memcpy(hdr, base, 24);
	hdr[1] = 32;				/* hdr_len */
	hdr[2] = 0;				/* type_off */
	hdr[3] = tl;				/* type_len */
	hdr[4] = tl;				/* str_off */
	hdr[5] = h->str_len;
	hdr[6] = tl + h->str_len + layout_align_off;	/* layout_off */
	hdr[7] = nlayout * 4;				/* layout_len */
	memcpy(p, hdr, 32);
	q = p + 32;
	memcpy(q, types, h->type_len);
	q += h->type_len;
	memcpy(q + 4, &(u32){ (kind << 24) | vlen }, 4);	/* name 0, info */
	q += rec;
	memcpy(q, strs, h->str_len);
	q += h->str_len + layout_align_off;
	for (i = 0; i < nlayout; i++, q += 4) {
		if (i == kind) {
			q[0] = 4;	/* info_sz */
			q[1] = 8;	/* elem_sz */
		}
	}
	(void)blen;
	return p;
}

static void test_layout(void)
{
	size_t blen, len;
	void *base = build_base(&blen);
	struct ss_btf btf;
	u8 *p;
	int err;

	p = layout_blob(base, blen, 25, 3, 32, 0, &len);
	err = ss_btf_open(&btf, p, len, NULL, 0);
	check(!err, "32-byte header with a layout section: opens (%d %s)", err,
	      btf.err ? btf.err : "");
	check(btf.nr_ids == T_NR_BASE + 2,
	      "a kind only the layout section knows is one type (%u ids)", btf.nr_ids);
	expect_member(&btf, "target", "y", 224, 32);
	check(ss_btf_type_size(&btf, T_NR_BASE + 1, &(u32){ 0 }) == -EINVAL,
	      "the unknown kind has no size");
	free(p);

	p = layout_blob(base, blen, 25, 3, 20, 0, &len);
	expect_open("unknown kind past the layout section's kinds", -EOPNOTSUPP, p, len,
		    NULL, 0);
	free(p);
	p = layout_blob(base, blen, 25, 3, 0, 0, &len);
	expect_open("unknown kind, no layout section", -EOPNOTSUPP, p, len, NULL, 0);
	free(p);
	p = layout_blob(base, blen, 25, 3, 32, 2, &len);
	expect_open("unaligned layout section", -EINVAL, p, len, NULL, 0);
	free(p);
	p = layout_blob(base, blen, 25, 3, 32, 0, &len);
	((u32 *)p)[7] = 4 * 32 + 4;	/* layout_len past the end */
	expect_open("layout section past the end", -EINVAL, p, len, NULL, 0);
	((u32 *)p)[7] = 4 * 32 - 2;
	expect_open("layout_len not a whole number of entries", -EINVAL, p, len, NULL, 0);
	free(p);
	p = layout_blob(base, blen, 25, 0x10000, 32, 0, &len);
	check(ss_btf_open(&btf, p, len, NULL, 0) == 0 && btf.nr_ids == T_NR_BASE + 2,
	      "a vlen over 16 bits (7.1's wider field) sizes its record");
	free(p);
	free(base);
}

int main(void)
{
	const char *dir = getenv("SS_BTF_DIR");

	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(data_dir, sizeof(data_dir), "%s",
		 dir && *dir ? dir : SS_BTF_DATA_DIR);

	test_synthetic();
	test_damaged();
	test_layout();
	test_fuzz_synthetic();
	test_real();
	test_running();

	return tap_summary();
}
