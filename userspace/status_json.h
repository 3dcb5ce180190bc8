/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's status records (SHADOWSTAT_STATUS_RECORDS) as one JSON object:
 * a record type that appears once in a report (module, kvm, layout) is an
 * object under its name, counters are one object of name: value, and every
 * other type is an array under its plural (hooks, features, ...). Values are
 * numbers, booleans, or strings; a feature's "stats" is an array. Types and
 * keys this program does not know are kept, so a newer module needs no change.
 */
#ifndef SS_STATUS_JSON_H
#define SS_STATUS_JSON_H

#include <stdio.h>

/* Returns 0, or -EINVAL for a record with no type. */
int ss_status_json(FILE *f, const char *records);

#endif /* SS_STATUS_JSON_H */
