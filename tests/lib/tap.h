/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one result printer of the C test programs (the VMMs, the ABI test,
 * the fuzzers, the unit tests): "ok - ...", "not ok - ...", "skip - ...",
 * "# ..." lines, each after an optional label ("abi[uid0]: ..."), and a
 * "N passed, N failed[, N skipped]" summary. Safe to call from threads.
 */
#ifndef SS_TAP_H
#define SS_TAP_H

#include <stdbool.h>
#include <stdint.h>

extern bool tap_verbose;

/* Put "@label: " before every result line from now on (NULL: none). */
void tap_label(const char *label);
void tap_ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* ok or not ok, as @ok says. */
void tap_result(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tap_failures(void);
int tap_passes(void);
/* Failures a child process reported on its own. */
void tap_add_failures(int n);
/* Print the summary line; returns the exit status (1 on any failure). */
int tap_summary(void);

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

#endif /* SS_TAP_H */
