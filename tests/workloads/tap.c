// SPDX-License-Identifier: GPL-2.0
/* TAP-like output and the failure count that decides the exit status. */
#include <stdarg.h>
#include <stdio.h>

#include "tap.h"

bool tap_verbose;
static int failures;

static void line(const char *tag, const char *fmt, va_list ap)
{
	fputs(tag, stdout);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
}

void tap_ok(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("ok - ", fmt, ap);
	va_end(ap);
}

void tap_fail(const char *fmt, ...)
{
	va_list ap;

	failures++;
	va_start(ap, fmt);
	line("not ok - ", fmt, ap);
	va_end(ap);
}

void tap_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("skip - ", fmt, ap);
	va_end(ap);
}

void tap_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("# ", fmt, ap);
	va_end(ap);
}

int tap_failures(void)
{
	return failures;
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
