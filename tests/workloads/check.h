/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checkpoint checks, three ways: the model's expectation, KVM's own stats and
 * shadowstat's debugfs files.
 */
#ifndef SSVMM_CHECK_H
#define SSVMM_CHECK_H

#include "vmctx.h"

/* Compare everything for one VM at checkpoint @cp (the vCPU is stopped). */
void checkpoint(struct vmctx *c, const char *cp);
/* After the VM is gone: its KVM and shadowstat directories must disappear. */
void check_vm_gone(const char *label, const char *name);
/* shadowstat's totals must equal the sum over these VMs (all stopped). */
void check_totals(const char *label, struct vmctx **ctxs, int n);

#endif /* SSVMM_CHECK_H */
