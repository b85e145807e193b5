/*
 * sched — the polling policy of one source as pure functions: how a fetch
 * result changes its health, failures and backoff, and when it is due next.
 * The caller passes the clock ("now", wall seconds UTC, for stored state)
 * and the random jitter, so every rule is testable table by table.
 */
#ifndef RW_SCHED_H
#define RW_SCHED_H

#include <stdint.h>

#include "rightswatch/store.h"

#define SCHED_BACKOFF_MIN   60          /* seconds: first backoff after a failure */
#define SCHED_BACKOFF_MAX   (6 * 3600)  /* seconds: backoff cap */
#define SCHED_JITTER_PCT    10          /* interval jitter, +- percent */
#define SCHED_MAX_RETRY     (7 * 86400) /* seconds: Retry-After longer than this is capped */

/* What one poll came to, as the poller saw it. */
struct sched_outcome {
	long status;            /* HTTP status, 0 when none (transport error) */
	int transport_error;    /* 1: no response (DNS, connect, timeout, too big ...) */
	enum store_health health; /* what the poller judged from content (OK: nothing wrong) */
	int64_t retry_after;    /* seconds from now, -1 none */
	int64_t max_age;        /* Cache-Control max-age seconds, -1 none */
	int64_t ttl;            /* RSS <ttl> seconds, 0 none */
	const char *summary;    /* one line for last_result (copied) */
};

/* Apply an outcome at time now to s (health, last_result, failures,
 * backoff, next_due, retry_until, last_poll, last_ok, disabled on 410);
 * the rules are listed at the top of sched.c. interval is the
 * source's configured interval in seconds; jitter is in [-1.0, 1.0] and
 * scales SCHED_JITTER_PCT. Returns 1 when the health changed (log it),
 * 0 when not, -1 on out of memory. */
int sched_apply(struct store_source *s, const struct sched_outcome *o,
    int64_t interval, double jitter, int64_t now);

/* May a `once` run poll s now? Not while a server's Retry-After or the
 * source's error backoff still runs, nor when it is disabled (410); cache
 * lifetimes are ignored. */
int sched_once_may_poll(const struct store_source *s, int64_t now);
/* Is s due at now for the daemon (next_due reached, not disabled)? */
int sched_due(const struct store_source *s, int64_t now);

#endif
