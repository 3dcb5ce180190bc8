// SPDX-License-Identifier: GPL-2.0
/*
 * A consistent snapshot of one VM, assembled from the stat table: KVM's own
 * fields, the hook counters, the walk of its shadow pages and what is derived
 * from them, all read under mmu_lock held for read. Every shadow-MMU change
 * holds mmu_lock for write, so nothing counted here moves while it is read.
 */
#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include "ss_features.h"
#include "ss_kvm.h"
#include "ss_snapshot.h"
#include "ss_sp.h"
#include "ss_stat_defs.h"
#include "ss_stat_fields.h"
#include "ss_walk.h"

/*
 * The walk's self-test: it must count exactly what KVM counts, or it is
 * misreading KVM's pages, and the breakdown goes off for good with the reason
 * rather than show a wrong number.
 */
static bool ss_walk_agrees(const struct ss_walk *w, struct ss_vm *vm,
			   unsigned long n_used)
{
	char why[96];

	if (w->counts.pages == n_used)
		return true;
	snprintf(why, sizeof(why),
		 "self-test: the walk of %s counted %llu shadow pages, KVM %lu",
		 vm->info.name, w->counts.pages, n_used);
	ss_features_disable(SS_F_WALK, why);
	return false;
}

static void ss_fill(struct ss_snap_ctx *c, s64 *v, const struct ss_walk *w,
		    bool walked)
{
	int i;

	for (i = 0; i < SS_NR_STATS; i++) {
		const struct ss_stat_def *def = &ss_stat_defs[i];

		v[i] = SS_VALUE_UNAVAILABLE;
		if (!ss_features_have(def->needs))
			continue;
		switch (def->source) {
		case SS_SRC_KVM:
			v[i] = ss_stat_field_read(c->kvm, i);
			/* cumulative: since shadowstat first saw the VM */
			if (def->kind == SHADOWSTAT_KIND_CUMULATIVE &&
			    v[i] != SS_VALUE_UNAVAILABLE)
				v[i] -= c->vm->kvm_seed[i];
			break;
		case SS_SRC_EVENT:
			v[i] = atomic64_read(&c->vm->ev[i]);
			break;
		case SS_SRC_WALK:
			if (walked)
				v[i] = *(const u64 *)((const char *)&w->counts + def->off);
			break;
		case SS_SRC_DERIVED:
			v[i] = def->derive(c);
			break;
		}
	}
}

int ss_snapshot_vm(struct ss_vm *vm, s64 values[SS_NR_STATS], unsigned int flags)
{
	struct kvm *kvm = vm->kvm;
	struct ss_snap_ctx c = {
		.kvm = kvm, .vm = vm, .v = values, .features = ss_features_on_now(),
	};
	bool walk = ss_features_have(SS_F_WALK) && !(flags & SS_SNAP_NO_WALK);
	struct ss_walk w;
	bool walked = false;
	int i;

	/* ss_vm_lock keeps KVM's symbols (and kvm.ko) from going meanwhile */
	lockdep_assert_held(&ss_vm_lock);
	for (i = 0; i < SS_NR_STATS; i++)
		values[i] = SS_VALUE_UNAVAILABLE;
	if (READ_ONCE(vm->dead) || !ss_kvm_ready() || !ss_kvm_pin(kvm))
		return -ENOENT;
	if (walk && ss_walk_prepare(&w, kvm)) {
		ss_kvm_unpin(kvm);
		return -ENOMEM;
	}

	read_lock(&kvm->mmu_lock);
	/*
	 * A walk that yields mmu_lock goes on only while the VM's shadow pages
	 * stand still, and its last stretch holds the lock to here: what is
	 * read below is the state the walk counted.
	 */
	if (walk) {
		ss_walk_run(&w, vm);
		walked = !w.truncated &&
			 ss_walk_agrees(&w, vm, ss_kvm_shadow_pages(kvm));
	}
	ss_fill(&c, values, &w, walked);
	read_unlock(&kvm->mmu_lock);
	if (walk)
		ss_walk_finish(&w);
	ss_kvm_unpin(kvm);
	return 0;
}

/*
 * The row of a VM KVM has just destroyed, from the destroy kretprobe: atomic,
 * so no walk (its stats read as unavailable) and no pin, which the caller's
 * context makes needless: the struct kvm is freed only after it returns.
 */
void ss_snapshot_final(struct ss_vm *vm, s64 values[SS_NR_STATS])
{
	struct ss_snap_ctx c = {
		.kvm = vm->kvm, .vm = vm, .v = values, .features = ss_features_on_now(),
	};

	ss_fill(&c, values, NULL, false);
}
