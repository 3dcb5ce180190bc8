// SPDX-License-Identifier: GPL-2.0
/* The shared result printer of the C test programs; see tap.h. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "tap.h"

bool tap_verbose;
static const char *tap_prefix;
static int passes, failures, skips;
static pthread_mutex_t tap_lock = PTHREAD_MUTEX_INITIALIZER;

void tap_label(const char *label)
{
	tap_prefix = label;
}

static void line(const char *tag, int *count, const char *fmt, va_list ap)
{
	pthread_mutex_lock(&tap_lock);
	if (count)
		(*count)++;
	fputs(tag, stdout);
	if (tap_prefix && *tag != '#')
		printf("%s: ", tap_prefix);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	pthread_mutex_unlock(&tap_lock);
}

void tap_ok(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("ok - ", &passes, fmt, ap);
	va_end(ap);
}

void tap_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("not ok - ", &failures, fmt, ap);
	va_end(ap);
}

void tap_result(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line(ok ? "ok - " : "not ok - ", ok ? &passes : &failures, fmt, ap);
	va_end(ap);
}

void tap_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("skip - ", &skips, fmt, ap);
	va_end(ap);
}

void tap_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("# ", NULL, fmt, ap);
	va_end(ap);
}

int tap_failures(void)
{
	return failures;
}

void tap_add_failures(int n)
{
	pthread_mutex_lock(&tap_lock);
	failures += n;
	pthread_mutex_unlock(&tap_lock);
}

int tap_passes(void)
{
	return passes;
}

int tap_summary(void)
{
	pthread_mutex_lock(&tap_lock);
	printf("%d passed, %d failed", passes, failures);
	if (skips)
		printf(", %d skipped", skips);
	putchar('\n');
	fflush(stdout);
	pthread_mutex_unlock(&tap_lock);
	return failures ? 1 : 0;
}

void tap_group_begin(struct tap_group *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->what, sizeof(g->what), fmt, ap);
	va_end(ap);
	g->checks = 0;
	g->fails = 0;
}

void tap_group_eq(struct tap_group *g, const char *expr, int64_t expected, int64_t got)
{
	g->checks++;
	if (expected == got) {
		if (tap_verbose)
			tap_ok("%s: %s (%lld)", g->what, expr, (long long)got);
		return;
	}
	g->fails++;
	tap_fail("%s: %s: expected %lld, got %lld", g->what, expr, (long long)expected,
		 (long long)got);
}

void tap_group_true(struct tap_group *g, const char *expr, bool cond, const char *detail)
{
	g->checks++;
	if (cond) {
		if (tap_verbose)
			tap_ok("%s: %s", g->what, expr);
		return;
	}
	g->fails++;
	tap_fail("%s: %s: %s", g->what, expr, detail);
}

void tap_group_end(struct tap_group *g)
{
	if (!g->fails && !tap_verbose)
		tap_ok("%s (%d checks)", g->what, g->checks);
}
