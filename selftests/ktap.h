/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal KTAP output for the opencrypto selftests: a plan, one result line
 * per check, and the kselftest exit codes (0 pass, 1 fail, 4 skip).
 */
#ifndef OPENCRYPTO_KTAP_H
#define OPENCRYPTO_KTAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KSFT_PASS 0
#define KSFT_FAIL 1
#define KSFT_SKIP 4

static int ktap_n, ktap_pass, ktap_fail, ktap_skip;

static inline void ktap_plan(int n)
{
	printf("KTAP version 1\n1..%d\n", n);
	fflush(stdout);
}

static inline void ktap_print(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Report one check; returns @ok so that callers can stop on failure. */
static inline int __attribute__((format(printf, 2, 3)))
ktap_result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d ", ok ? "ok" : "not ok", ++ktap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (ok)
		ktap_pass++;
	else
		ktap_fail++;
	return ok;
}

static inline void __attribute__((format(printf, 1, 2)))
ktap_skip_test(const char *fmt, ...)
{
	va_list ap;

	printf("ok %d # SKIP ", ++ktap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	ktap_skip++;
}

/* Expect a call to fail with errno @want: "rc == -1 && errno == want". */
#define ktap_expect_errno(rc, want, name)                                      \
	do {                                                                   \
		long __rc = (rc);                                              \
		int __e = errno;                                               \
		if (!ktap_result(__rc == -1 && __e == (want), "%s", name))     \
			ktap_print("  got rc=%ld errno=%d (%s), want errno %d (%s)", \
				   __rc, __e, strerror(__e), (want),           \
				   strerror(want));                            \
	} while (0)

static inline int ktap_finish(void)
{
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       ktap_pass, ktap_fail, ktap_skip);
	fflush(stdout);
	if (ktap_fail)
		return KSFT_FAIL;
	if (ktap_pass == 0 && ktap_skip)
		return KSFT_SKIP;
	return KSFT_PASS;
}

#endif /* OPENCRYPTO_KTAP_H */
