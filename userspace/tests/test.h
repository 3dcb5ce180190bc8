/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small test framework in the manner of the KVM selftests: TEST_ASSERT*
 * print the expression, both values, file and line; a failed assertion ends
 * its test. The runner prints "ok - name" / "not ok - name" per test and
 * "N passed, N failed" last, and exits non-zero on a failure.
 */
#ifndef SS_TEST_H
#define SS_TEST_H

#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*ss_test_fn)(void);

void ss_test_register(const char *name, ss_test_fn fn);
void ss_test_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
/* Print @s with C escapes, for messages. */
void ss_test_print_str(const char *s);
void ss_test_fail_streq(const char *file, int line, const char *a_expr,
			const char *b_expr, const char *a, const char *b)
	__attribute__((noreturn));

#define TEST(name)							\
	static void test_##name(void);					\
	__attribute__((constructor)) static void register_##name(void)	\
	{								\
		ss_test_register(#name, test_##name);			\
	}								\
	static void test_##name(void)

#define TEST_ASSERT(cond, fmt, ...)					\
	do {								\
		if (!(cond))						\
			ss_test_fail(__FILE__, __LINE__,		\
				     "TEST_ASSERT(%s) failed: " fmt,	\
				     #cond, ##__VA_ARGS__);		\
	} while (0)

#define TEST_ASSERT_EQ(a, b)						\
	do {								\
		long long __a = (long long)(a), __b = (long long)(b);	\
		if (__a != __b)						\
			ss_test_fail(__FILE__, __LINE__,		\
				     "TEST_ASSERT_EQ(%s, %s) failed.\n"	\
				     "\t%s is %lld\n\t%s is %lld",	\
				     #a, #b, #a, __a, #b, __b);		\
	} while (0)

#define TEST_ASSERT_STREQ(a, b)						\
	do {								\
		const char *__a = (a), *__b = (b);			\
		if (!__a || !__b || strcmp(__a, __b))			\
			ss_test_fail_streq(__FILE__, __LINE__, #a, #b,	\
					   __a, __b);			\
	} while (0)

/* Run @stmt with FILE *f writing into a string, then set @str to it. */
#define CAPTURE(str, stmt)						\
	do {								\
		size_t __len;						\
		FILE *f = open_memstream(&(str), &__len);		\
		TEST_ASSERT(f, "open_memstream");			\
		stmt;							\
		fclose(f);						\
	} while (0)

#endif /* SS_TEST_H */
