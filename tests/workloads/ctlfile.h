/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control directory of a VM that stays up (hold, demo, manypt -d): the
 * guest script and the VMM talk through small files in it.
 */
#ifndef CTLFILE_H
#define CTLFILE_H

#include <stdbool.h>

/* Write DIR/FILE whole (through a rename: a reader never sees half of it). */
int ctl_write(const char *dir, const char *file, const char *text);
bool ctl_exists(const char *dir, const char *file);
void ctl_remove(const char *dir, const char *file);

#endif /* CTLFILE_H */
