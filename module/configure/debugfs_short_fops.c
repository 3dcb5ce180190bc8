// SPDX-License-Identifier: GPL-2.0
/* Compiles only if the kernel headers have this shape; see configure.sh. */
#include <linux/debugfs.h>
const struct debugfs_short_fops ss_probe = { .read = NULL };
