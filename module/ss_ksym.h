/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SS_KSYM_H
#define SS_KSYM_H

#include <linux/types.h>

#define SS_KSYM_NAME_LEN 96

int ss_ksym_init(void);
unsigned long ss_ksym_lookup(const char *module, const char *name);
unsigned long ss_ksym_lookup_clone(const char *module, const char *name,
				   char *found, size_t found_len);

#endif /* SS_KSYM_H */
