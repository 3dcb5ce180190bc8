/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few things ss_btf.c needs from its surroundings, so that the same
 * parser builds into the module and into the host unit test: fixed-width
 * types, bool, memcmp()/strcmp()/strlen(), errno values and the BTF format
 * structs.  The parser itself never allocates, so no allocator is mapped.
 */
#ifndef SS_BTF_SHIM_H
#define SS_BTF_SHIM_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <uapi/linux/btf.h>

#else /* userspace: the unit test */

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#include <linux/btf.h>	/* from linux-libc-dev */

#include <linux/types.h>	/* __u8 ... from linux-libc-dev */

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;

#endif /* __KERNEL__ */

#endif /* SS_BTF_SHIM_H */
