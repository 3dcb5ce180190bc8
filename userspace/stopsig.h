/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The long-running commands' end: SIGINT and SIGTERM ask them to stop, and
 * so does SIGHUP unless the command reopens its file on it (log). One
 * monotonic clock for their intervals and durations.
 */
#ifndef SS_STOPSIG_H
#define SS_STOPSIG_H

#include <stdbool.h>

/* Catch the signals; with @hup_reopens, SIGHUP only sets ss_reopen_asked(). */
void ss_stop_catch(bool hup_reopens);
/* A signal asked to stop. */
bool ss_stop_asked(void);
/* SIGHUP came since the last call (with ss_stop_catch(true)). */
bool ss_reopen_asked(void);
/* Milliseconds on CLOCK_MONOTONIC. */
long ss_now_ms(void);

#endif /* SS_STOPSIG_H */
