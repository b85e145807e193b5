/*
 * daemon — the process around the poller: configuration, state, the event
 * loop, signals (SIGHUP reloads, SIGTERM/SIGINT stop gracefully), systemd
 * readiness, and the one-cycle `once` mode.
 */
#ifndef RW_DAEMON_H
#define RW_DAEMON_H

/* Seconds in-flight transfers get to finish after SIGTERM/SIGINT: the
 * whole stop stays well under the 10 s an administrator expects. */
#define DAEMON_GRACE 5

enum daemon_mode {
	DAEMON_RUN = 0, /* forever, in the foreground */
	DAEMON_ONCE     /* one whole cycle, then return */
};

/* Run with the configuration at path. Returns the process exit status:
 * run: 0 after a clean stop, 1 on a start-up error, 2 on a configuration error;
 * once: 0 when every source answered, 1 when any failed, 2 on a configuration error. */
int daemon_main(const char *config_path, enum daemon_mode mode);

/* Print each source's health, last result, item count and next poll to
 * stdout, as a table or (json) as JSON (status.h). Returns the exit status
 * (0, 1 on a database error, 2 on a configuration error). */
int daemon_status(const char *config_path, int json);
/* `rightswatch source reset NAME`: out of quarantine (poller_source_reset),
 * saying what it was. Returns the exit status (0; 1 when no such source or
 * a database error; 2 on a configuration error). */
int daemon_source_reset(const char *config_path, const char *name);

#endif
