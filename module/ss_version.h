/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The version of shadowstat, defined here only: dkms.conf, the Debian
 * changelog, the CLI and its man page must agree (packaging/test-dkms.sh).
 */
#ifndef SS_VERSION_H
#define SS_VERSION_H

#define SS_VERSION "0.1.0"

#endif /* SS_VERSION_H */
