// SPDX-License-Identifier: GPL-2.0
/* Terminal for top: a key or a signal ends the wait between refreshes. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "stopsig.h"
#include "term.h"

static struct termios ss_term_saved;
static bool ss_term_raw;

void ss_term_start(bool keys)
{
	struct termios t;

	ss_stop_catch(false);

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

bool ss_term_wait(unsigned int ms)
{
	long end = ss_now_ms() + ms;
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	while (!ss_stop_asked()) {
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
