// SPDX-License-Identifier: GPL-2.0
/* Terminal for top: a key or a signal ends the wait between refreshes. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "term.h"

static atomic_int ss_term_quit;
static struct termios ss_term_saved;
static bool ss_term_raw;

static void ss_term_signal(int sig)
{
	(void)sig;
	ss_term_quit = 1;
}

void ss_term_start(bool keys)
{
	struct sigaction sa;
	struct termios t;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ss_term_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (!keys || !isatty(STDIN_FILENO) ||
	    tcgetattr(STDIN_FILENO, &ss_term_saved))
		return;
	t = ss_term_saved;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (!tcsetattr(STDIN_FILENO, TCSANOW, &t))
		ss_term_raw = true;
}

void ss_term_stop(void)
{
	if (ss_term_raw)
		tcsetattr(STDIN_FILENO, TCSANOW, &ss_term_saved);
	ss_term_raw = false;
}

static long ss_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

bool ss_term_wait(unsigned int ms)
{
	long end = ss_now_ms() + ms;
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	while (!ss_term_quit) {
		long left = end - ss_now_ms();
		char c;
		int n;

		if (left <= 0)
			return true;
		n = poll(&pfd, ss_term_raw ? 1 : 0, left);
		if (n < 0 && errno != EINTR)
			return false;
		if (n > 0 && ss_term_raw) {
			if (read(STDIN_FILENO, &c, 1) != 1)
				pfd.fd = -1;	/* stdin closed: stop polling it */
			else if (c == 'q' || c == 'Q')
				return false;
		}
	}
	return false;
}

void ss_term_clear(FILE *f)
{
	fputs("\033[H\033[2J", f);
}
