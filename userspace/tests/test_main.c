// SPDX-License-Identifier: GPL-2.0
/* Runner of the CLI's unit tests. */
#include <stdarg.h>
#include <time.h>

#include "test.h"
#include "../../tests/lib/tap.h"

#define SS_MAX_TESTS 512

static struct {
	const char *name;
	ss_test_fn fn;
} ss_tests[SS_MAX_TESTS];
static int ss_nr_tests;
static jmp_buf ss_test_jmp;

void ss_test_register(const char *name, ss_test_fn fn)
{
	if (ss_nr_tests == SS_MAX_TESTS) {
		fprintf(stderr, "too many tests\n");
		exit(2);
	}
	ss_tests[ss_nr_tests].name = name;
	ss_tests[ss_nr_tests].fn = fn;
	ss_nr_tests++;
}

void ss_test_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("  %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	longjmp(ss_test_jmp, 1);
}

void ss_test_print_str(const char *s)
{
	if (!s) {
		fputs("(null)", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n\"\n\t\"", stdout);
		else if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\x%02x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

void ss_test_fail_streq(const char *file, int line, const char *a_expr,
			const char *b_expr, const char *a, const char *b)
{
	size_t i = 0;

	while (a && b && a[i] && a[i] == b[i])
		i++;
	printf("  %s:%d: TEST_ASSERT_STREQ(%s, %s) failed at byte %zu.\n\t%s is\n\t",
	       file, line, a_expr, b_expr, i, a_expr);
	ss_test_print_str(a);
	printf("\n\t%s is\n\t", b_expr);
	ss_test_print_str(b);
	putchar('\n');
	longjmp(ss_test_jmp, 1);
}

/* 0 when @fn passes; a failed assertion longjmp()s back here. */
static int ss_run_test(ss_test_fn fn)
{
	if (setjmp(ss_test_jmp))
		return -1;
	fn();
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	/* golden strings hold local times: make them UTC */
	setenv("TZ", "UTC", 1);
	tzset();
	for (i = 0; i < ss_nr_tests; i++) {
		if (argc > 1 && !strstr(ss_tests[i].name, argv[1]))
			continue;
		tap_result(!ss_run_test(ss_tests[i].fn), "%s", ss_tests[i].name);
	}
	return tap_summary();
}
