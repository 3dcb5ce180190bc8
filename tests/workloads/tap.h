/* SPDX-License-Identifier: GPL-2.0 */
/* TAP-like result lines: "ok - ...", "not ok - ...", "skip - ...". */
#ifndef SSVMM_TAP_H
#define SSVMM_TAP_H

#include <stdbool.h>
#include <stdint.h>

extern bool tap_verbose;

void tap_ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tap_failures(void);

/*
 * A group of equality checks reported as one "ok" line when all pass, or
 * one "not ok" line per mismatch, KVM selftests TEST_ASSERT_EQ style.
 */
struct tap_group {
	char what[256];
	int checks;
	int fails;
};

void tap_group_begin(struct tap_group *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tap_group_eq(struct tap_group *g, const char *expr, int64_t expected, int64_t got);
void tap_group_true(struct tap_group *g, const char *expr, bool cond, const char *detail);
void tap_group_end(struct tap_group *g);

#define TAP_EQ(g, expected, got) tap_group_eq(g, #got " == " #expected, expected, got)

#endif /* SSVMM_TAP_H */
