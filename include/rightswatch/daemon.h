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

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/poller.h"

/* What a `once` cycle came to, for its closing summary. */
struct daemon_summary {
	struct poller_report *sources; /* each configured source's round (owned) */
	size_t nsources;
	size_t delivered;              /* deliveries made */
	size_t delivery_failures;      /* attempts that failed (the alert stays queued) */
	int64_t pending;               /* deliveries still queued, -1 unknown */
};

/* Free what s holds. Accepts NULL. */
void daemon_summary_clear(struct daemon_summary *s);

/* What `once` (and `run`) may be asked beyond the configuration. */
struct daemon_opts {
	int alert_backlog;  /* a source's first read alerts on its history too */
	int force;          /* once: poll sources backing off or told to wait too */
	struct daemon_summary *summary; /* once: filled at the end, or NULL */
};

/* Run with the configuration at path (opts may be NULL: none). Returns the process exit status:
 * run: 0 after a clean stop, 1 on a start-up error, 2 on a configuration error;
 * once: 0 when every source polled answered and every delivery was made, 1 when
 * some failed, 3 when every source polled failed, 2 on a configuration error. */
int daemon_main(const char *config_path, enum daemon_mode mode,
    const struct daemon_opts *opts);

/* Print each source's health, last result, item count and next poll to
 * stdout, as a table or (json) as JSON (status.h). Returns the exit status
 * (0, 1 on a database error, 2 on a configuration error). */
int daemon_status(const char *config_path, int json);
/* `rightswatch source reset NAME`: out of quarantine (poller_source_reset),
 * saying what it was. Returns the exit status (0; 1 when no such source or
 * a database error; 2 on a configuration error). */
int daemon_source_reset(const char *config_path, const char *name);

#endif
