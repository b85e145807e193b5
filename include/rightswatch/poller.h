/*
 * poller — one state machine per configured source, on the daemon's event
 * loop: wait for the source to be due, fetch its feed or listing page
 * (conditionally), judge the answer by status and content, record new and
 * changed items, fetch and read each new release once, extract its
 * indicators, store everything, and schedule the next poll.
 *
 * The poller borrows the event_base, the http client, the store and the
 * configuration; it owns its per-source state and timers.
 */
#ifndef RW_POLLER_H
#define RW_POLLER_H

#include <stddef.h>

#include "rightswatch/store.h"

struct event_base;
struct http;
struct store;
struct config;
struct metrics;

struct poller;

enum poller_mode {
	POLLER_DAEMON = 0, /* poll each source when due, forever */
	POLLER_ONCE        /* poll every source now (respecting Retry-After and backoff), then stop */
};

/* What one round of a source came to (for `once`'s summary). */
enum poller_outcome {
	POLLER_NOT_POLLED = 0, /* no round yet */
	POLLER_READ,           /* the feed was read */
	POLLER_NOT_MODIFIED,   /* 304 */
	POLLER_FAILED,         /* no usable answer; why says what */
	POLLER_SKIPPED         /* not polled: why says why (backoff, Retry-After,
	                          gone, quarantined) */
};

struct poller_report {
	char name[160];             /* the source */
	enum poller_outcome outcome;
	char why[256];              /* failed, skipped: the reason; read: what it read */
	int caught_up;              /* this round was the source's catch-up */
	size_t new_releases;
	size_t revised_releases;
	size_t unreadable;          /* releases that could not be read (retried next poll) */
	size_t figures;
	size_t alerts;
};

/* Called (on the loop) when a POLLER_ONCE run has finished every source;
 * in POLLER_DAEMON, whenever no transfer is left in flight; and, after
 * poller_stop, when the last transfer in flight has finished. */
typedef void poller_idle_fn(void *arg);

/* Called (on the loop) after a release raised alerts, once they are
 * committed with its figures: time to deliver. */
typedef void poller_alert_fn(void *arg);

/* A poller over cf's sources. cf, st, h and base must outlive it (see
 * poller_reconfigure). Returns NULL on error (reason in err). */
struct poller *poller_new(struct event_base *base, struct http *h, struct store *st,
    const struct config *cf, enum poller_mode mode, poller_idle_fn *idle, void *arg,
    char *err, size_t errlen);
/* Schedule every source (from its stored next-due time, or now). 0 or -1. */
int poller_start(struct poller *p);
/* Switch to a new configuration: sources are matched by name; removed ones
 * finish what is in flight and go; new ones are scheduled. The old config
 * may be freed once this returns. 0, or -1 (the old configuration stays). */
int poller_reconfigure(struct poller *p, const struct config *cf, char *err, size_t errlen);
void poller_set_alert_hook(struct poller *p, poller_alert_fn *fn, void *arg);
/* alert_backlog: a source's first read raises alerts too (no catch-up);
 * force (POLLER_ONCE): poll the sources that are backing off or under a
 * server's Retry-After as well. Before poller_start. */
void poller_set_options(struct poller *p, int alert_backlog, int force);
/* The last round of each source, in the order sources were configured
 * (as far as they still are): *n entries, owned by p, valid until the next
 * round or poller_reconfigure. */
const struct poller_report *poller_reports(struct poller *p, size_t *n);
/* Count polls, fetches and releases in m (borrowed; NULL: none). */
void poller_set_metrics(struct poller *p, struct metrics *m);
/* Start nothing new: cancel timers; in-flight work completes. */
void poller_stop(struct poller *p);
/* Work in flight (feeds and pages being fetched). */
size_t poller_busy(const struct poller *p);
/* After a POLLER_ONCE run: sources that failed (did not answer, or a
 * release could not be read). */
size_t poller_failures(const struct poller *p);
void poller_free(struct poller *p);

/* `rightswatch source reset NAME`: the stored source name out of
 * quarantine (or gone, or backing off): counters cleared, due now, its
 * validators and poisoned body hash forgotten. Its health before goes to
 * *was. 0, or -1 with err (no such source stored, a database error). A
 * running daemon sees it at its next reload. */
int poller_source_reset(struct store *st, const char *name, enum store_health *was,
    char *err, size_t errlen);

#endif
