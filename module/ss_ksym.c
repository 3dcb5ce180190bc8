// SPDX-License-Identifier: GPL-2.0
/*
 * KVM's symbols, read from kvm.ko's own symbol table: struct module keeps it
 * (core_kallsyms, with CONFIG_KALLSYMS) for as long as the module is loaded,
 * with every value already relocated. Reading it is plain memory access, so
 * resolving needs no call at all, in particular none to kallsyms_lookup_name():
 * it is not exported, nothing takes its address, and on a kernel with IBT
 * (CONFIG_X86_KERNEL_IBT, every Debian kernel from 6.12) its ENDBR is sealed
 * at boot, so an indirect call to it is a #CP fault on a CPU that enforces
 * IBT. The same holds for any static function of KVM's, which is why the only
 * functions shadowstat ever calls through a pointer are exported ones, found
 * by ss_ksym_exported_fn().
 *
 * The table is only read between kvm.ko going LIVE and GOING, under the
 * attach lock (ss_main.c), while the module and its table cannot go away.
 */
#include <linux/elf.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "ss_ksym.h"

/* ENDBR64 (f3 0f 1e fa) read as a little-endian u32 */
#define SS_ENDBR64 0xfa1e0ff3U

static struct module *ss_ksym_mod;

void ss_ksym_use(struct module *mod)
{
	ss_ksym_mod = mod;
}

/* Is a symbol called @sym_name a GCC clone of @name (.part.N, .isra.N, .constprop.N)? */
static bool ss_ksym_is_clone(const char *sym_name, const char *name, size_t len)
{
	static const char * const suffixes[] = { ".part.", ".isra.", ".constprop." };
	int i;

	if (strncmp(sym_name, name, len))
		return false;
	for (i = 0; i < ARRAY_SIZE(suffixes); i++)
		if (!strncmp(sym_name + len, suffixes[i], strlen(suffixes[i])))
			return true;
	return false;
}

/*
 * The value of kvm's symbol @name of ELF type @type (STT_FUNC, STT_OBJECT),
 * or, with @clone, of the first GCC clone of it; its name goes to @found.
 */
static unsigned long ss_ksym_scan(const char *name, int type, bool clone,
				  char *found, size_t found_len)
{
#ifdef CONFIG_KALLSYMS
	const struct mod_kallsyms *ks;
	size_t len = strlen(name);
	unsigned int i;

	if (!ss_ksym_mod)
		return 0;
	ks = &ss_ksym_mod->core_kallsyms;
	for (i = 0; i < ks->num_symtab; i++) {
		const typeof(*ks->symtab) *sym = &ks->symtab[i];
		const char *sym_name = ks->strtab + sym->st_name;

		if (ELF_ST_TYPE(sym->st_info) != type || !sym->st_value)
			continue;
		if (clone ? !ss_ksym_is_clone(sym_name, name, len) : strcmp(sym_name, name))
			continue;
		if (found)
			strscpy(found, sym_name, found_len);
		return kallsyms_symbol_value(sym);
	}
#endif
	return 0;
}

unsigned long ss_ksym_func(const char *name)
{
	return ss_ksym_scan(name, STT_FUNC, false, NULL, 0);
}

unsigned long ss_ksym_func_clone(const char *name, char *found, size_t found_len)
{
	return ss_ksym_scan(name, STT_FUNC, true, found, found_len);
}

unsigned long ss_ksym_data(const char *name)
{
	return ss_ksym_scan(name, STT_OBJECT, false, NULL, 0);
}

/*
 * KVM's per-CPU variable @name: its symbol's value is the per-CPU offset the
 * module loader gave it inside kvm.ko's per-CPU area, which is checked.
 */
void __percpu *ss_ksym_percpu(const char *name, size_t size)
{
	unsigned long p = ss_ksym_data(name);

	if (!p || !ss_ksym_mod)
		return NULL;
#ifdef CONFIG_SMP
	if (p < (unsigned long)ss_ksym_mod->percpu ||
	    p + size > (unsigned long)ss_ksym_mod->percpu + ss_ksym_mod->percpu_size)
		return NULL;
#endif
	return (void __percpu *)p;
}

/*
 * An exported function of kvm's, which it is safe to call through a pointer:
 * its export takes its address, so objtool never lists its ENDBR for sealing
 * and it stays a valid indirect-call target under IBT. __symbol_get() only
 * answers for exported symbols (and takes a reference on kvm.ko, dropped at
 * once: shadowstat forgets the pointer when kvm.ko goes). On an IBT kernel the
 * function must also start with ENDBR64 now, which a sealed one would not.
 */
void *ss_ksym_exported_fn(const char *name, char *why, size_t why_len)
{
	void *fn;
	u32 insn;

	fn = __symbol_get(name);
	if (!fn) {
		snprintf(why, why_len, "%s is not exported by kvm", name);
		return NULL;
	}
	__symbol_put(name);
	if (!ss_ksym_mod || !within_module((unsigned long)fn, ss_ksym_mod) ||
	    (unsigned long)fn != ss_ksym_func(name)) {
		snprintf(why, why_len, "the export %s is not kvm's own", name);
		return NULL;
	}
	if (IS_ENABLED(CONFIG_X86_KERNEL_IBT)) {
		if (copy_from_kernel_nofault(&insn, fn, sizeof(insn)) ||
		    insn != SS_ENDBR64) {
			snprintf(why, why_len, "%s does not start with ENDBR64", name);
			return NULL;
		}
		snprintf(why, why_len, "exported, starts with ENDBR64");
	} else {
		snprintf(why, why_len, "exported (kernel without IBT)");
	}
	return fn;
}
