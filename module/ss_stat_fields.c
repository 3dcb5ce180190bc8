// SPDX-License-Identifier: GPL-2.0
/* The KVM fields of the stat table (ss_stat_fields.h). */
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include "ss_kvm.h"
#include "ss_stat_fields.h"

/* one table expansion per property: each names the field once */
#define SS_OFF_KVM(a)		offsetof(struct kvm, a)
#define SS_SIZE_KVM(a)		sizeof_field(struct kvm, a)
#define SS_OFF_EVENT(a)		0
#define SS_OFF_WALK(a)		0
#define SS_OFF_DERIVED(a)	0
#define SS_SIZE_EVENT(a)	0
#define SS_SIZE_WALK(a)		0
#define SS_SIZE_DERIVED(a)	0

static const u32 ss_field_off[SS_NR_STATS] = {
#define SS_STAT(n, k, u, src, a, need, d) \
	[SS_STAT_##n] = SS_OFF_##src(a),
#include "ss_stat_table.h"
#undef SS_STAT
};

static const u8 ss_field_size[SS_NR_STATS] = {
#define SS_STAT(n, k, u, src, a, need, d) \
	[SS_STAT_##n] = SS_SIZE_##src(a),
#include "ss_stat_table.h"
#undef SS_STAT
};

static const bool ss_field_cumulative[SS_NR_STATS] = {
#define SS_STAT(n, k, u, src, a, need, d) \
	[SS_STAT_##n] = SHADOWSTAT_KIND_##k == SHADOWSTAT_KIND_CUMULATIVE,
#include "ss_stat_table.h"
#undef SS_STAT
};

s64 ss_stat_field_read(struct kvm *kvm, enum ss_stat_id id)
{
	u8 size = ss_field_size[id];

	/* only whole words are read: any other field would be a wrong number */
	if (size != sizeof(u32) && size != sizeof(u64))
		return SS_VALUE_UNAVAILABLE;
	return ss_kvm_read_field(kvm, ss_field_off[id], size);
}

void ss_stat_fields_seed(struct kvm *kvm, s64 seed[SS_NR_STATS])
{
	int i;

	for (i = 0; i < SS_NR_STATS; i++)
		if (ss_field_size[i] && ss_field_cumulative[i])
			seed[i] = ss_stat_field_read(kvm, i);
}
