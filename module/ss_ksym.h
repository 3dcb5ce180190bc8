/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kvm.ko's symbols, from its own symbol table (ss_ksym.c). Every lookup is in
 * the module given to ss_ksym_use(), so a symbol of the same name elsewhere
 * can never be picked.
 */
#ifndef SS_KSYM_H
#define SS_KSYM_H

#include <linux/compiler_types.h>
#include <linux/types.h>

#define SS_KSYM_NAME_LEN 96

struct module;

/* The module whose symbols are looked up; NULL forgets it. */
void ss_ksym_use(struct module *mod);
unsigned long ss_ksym_func(const char *name);
/* @name, else a GCC clone of it (.part.N, .isra.N, .constprop.N), named in @found */
unsigned long ss_ksym_func_clone(const char *name, char *found, size_t found_len);
unsigned long ss_ksym_data(const char *name);
void __percpu *ss_ksym_percpu(const char *name, size_t size);
/* An exported function, safe to call through a pointer; @why says how it was checked. */
void *ss_ksym_exported_fn(const char *name, char *why, size_t why_len);

#endif /* SS_KSYM_H */
