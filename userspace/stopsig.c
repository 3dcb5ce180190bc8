// SPDX-License-Identifier: GPL-2.0
/* Stop and reopen requests from signals, and the commands' clock. */
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "stopsig.h"

static atomic_int ss_stop_flag;
static atomic_int ss_reopen_flag;
static bool ss_hup_reopens;

static void ss_stop_signal(int sig)
{
	if (sig == SIGHUP && ss_hup_reopens)
		ss_reopen_flag = 1;
	else
		ss_stop_flag = 1;
}

void ss_stop_catch(bool hup_reopens)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ss_stop_signal;
	sigemptyset(&sa.sa_mask);
	ss_hup_reopens = hup_reopens;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool ss_stop_asked(void)
{
	return ss_stop_flag;
}

bool ss_reopen_asked(void)
{
	return atomic_exchange(&ss_reopen_flag, 0);
}

long ss_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}
