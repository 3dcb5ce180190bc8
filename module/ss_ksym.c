// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol resolution at load time. kallsyms_lookup_name() is not exported since
 * 5.7, so its address is taken from a kprobe, as LKRG and LTTng do. Names are
 * always looked up inside one module ("kvm:name") so that a symbol of the same
 * name elsewhere can never be picked.
 */
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/string.h>
#include "ss_ksym.h"

typedef unsigned long (*ss_lookup_fn)(const char *name);
static ss_lookup_fn ss_lookup_name;

int ss_ksym_init(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int ret;

	/*
	 * With IBT, calling a non-exported function through a pointer faults
	 * (sealed ENDBR). Refuse rather than crash.
	 */
	if (IS_ENABLED(CONFIG_X86_KERNEL_IBT))
		return -EOPNOTSUPP;
	ret = register_kprobe(&kp);
	if (ret < 0)
		return ret;
	ss_lookup_name = (ss_lookup_fn)kp.addr;
	unregister_kprobe(&kp);
	return ss_lookup_name ? 0 : -ENOENT;
}

unsigned long ss_ksym_lookup(const char *module, const char *name)
{
	char full[SS_KSYM_NAME_LEN + MODULE_NAME_LEN + 2];

	if (!ss_lookup_name)
		return 0;
	snprintf(full, sizeof(full), "%s:%s", module, name);
	return ss_lookup_name(full);
}

/*
 * Look up @name, else a GCC clone of it (.part.N, .isra.N, .constprop.N).
 * The name actually found is copied to @found so that status can say which.
 */
unsigned long ss_ksym_lookup_clone(const char *module, const char *name,
				   char *found, size_t found_len)
{
	static const char * const suffixes[] = { "part", "isra", "constprop" };
	char clone[SS_KSYM_NAME_LEN];
	unsigned long addr;
	int s, n;

	addr = ss_ksym_lookup(module, name);
	if (addr) {
		strscpy(found, name, found_len);
		return addr;
	}
	for (s = 0; s < ARRAY_SIZE(suffixes); s++) {
		for (n = 0; n < 4; n++) {
			snprintf(clone, sizeof(clone), "%s.%s.%d", name,
				 suffixes[s], n);
			addr = ss_ksym_lookup(module, clone);
			if (addr) {
				strscpy(found, clone, found_len);
				return addr;
			}
		}
	}
	found[0] = '\0';
	return 0;
}
