/* SPDX-License-Identifier: GPL-2.0 */
/* The little terminal handling top needs: plain ANSI, no curses. */
#ifndef SS_TERM_H
#define SS_TERM_H

#include <stdbool.h>
#include <stdio.h>

/* Catch SIGINT/SIGTERM/SIGHUP; read keys unbuffered if stdin is a tty. */
void ss_term_start(bool keys);
/* Undo ss_term_start(); safe to call more than once. */
void ss_term_stop(void);
/* Wait up to @ms; false when the user asked to quit ('q' or a signal). */
bool ss_term_wait(unsigned int ms);
/* Clear the screen and go home. */
void ss_term_clear(FILE *f);

#endif /* SS_TERM_H */
