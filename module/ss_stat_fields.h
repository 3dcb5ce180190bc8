/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stats of ss_stat_table.h whose source is a field of struct kvm: where
 * each lies, read as one word, and the values a cumulative one counts from.
 */
#ifndef SS_STAT_FIELDS_H
#define SS_STAT_FIELDS_H

#include <linux/kvm_host.h>
#include "ss_stat_ids.h"

/* Stat @id's field of @kvm (a KVM-source stat), raw. */
s64 ss_stat_field_read(struct kvm *kvm, enum ss_stat_id id);
/* The cumulative fields now, into @seed (by stat id), for a VM first seen. */
void ss_stat_fields_seed(struct kvm *kvm, s64 seed[SS_NR_STATS]);

#endif /* SS_STAT_FIELDS_H */
