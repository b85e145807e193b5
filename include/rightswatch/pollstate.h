/*
 * pollstate — the state machine of one polled source: one table of (state,
 * event) -> next state and how the source's schedule moves (next due time,
 * backoff, Retry-After, failures, health), applied by one pure function.
 * The caller passes the clock ("now", wall seconds UTC, the unit of stored
 * times) and the interval's jitter, so every transition is testable row by
 * row (tests/unit/test_pollstate.c). The poller feeds it events; nothing
 * else decides where a source stands.
 *
 *   WAITING --due--> FETCHING --read--> READING --done--> WAITING
 *                       |  not modified ------------------> WAITING
 *                       |  failed -------> BACKOFF    --due--> FETCHING
 *                       |  refused ------> BACKOFF (health "refused")
 *                       |  wall ---------> BLOCKED    --due--> FETCHING
 *                       |  retry after --> THROTTLED  --due--> FETCHING
 *                       |  gone ---------> GONE (never polled again)
 *   a round that never finishes, POLLSTATE_POISON_AFTER times in a row:
 *                                    --> POISONED (quarantined) until its
 *                                        content changes or it is reset
 *   POISONED --due--> PROBING: the feed is fetched but not parsed unless
 *                       its bytes differ from those of the round that
 *                       never finished: changed --> FETCHING (released)
 *                       the same, no answer ... --> POISONED (next probe
 *                                                 after the interval)
 *
 * A round is counted unfinished before it starts: the poller stores the
 * schedule that EV_UNFINISHED would leave (pollstate_precommit) before it
 * fetches, and the real one when the round ends. A daemon killed (or hung
 * and killed by the watchdog) inside a round thus finds, when it starts
 * again, the source backing off instead of due at once: one page cannot
 * start a crash loop.
 *
 * WAITING, BACKOFF, BLOCKED and THROTTLED differ only by the counters that
 * brought the source there; each is due at next_due. A `once` run polls a
 * resting source only when no Retry-After and no error backoff still runs
 * (cache lifetimes are ignored).
 */
#ifndef RW_POLLSTATE_H
#define RW_POLLSTATE_H

#include <stdint.h>

#include "rightswatch/store.h"

#define POLLSTATE_BACKOFF_MIN   60          /* seconds: first backoff after a failure */
#define POLLSTATE_BACKOFF_MAX   (6 * 3600)  /* seconds: backoff cap */
#define POLLSTATE_JITTER_PCT    10          /* interval jitter, +- percent */
#define POLLSTATE_MAX_RETRY     (7 * 86400) /* seconds: Retry-After and cache lifetimes are capped */
#define POLLSTATE_POISON_AFTER  3           /* unfinished rounds in a row that quarantine a source */

enum pollstate_state {
	POLLSTATE_WAITING = 0, /* healthy or new: polled at next_due */
	POLLSTATE_FETCHING,    /* the feed's request is in flight */
	POLLSTATE_READING,     /* the feed was read; its new releases are being fetched */
	POLLSTATE_BACKOFF,     /* the last rounds failed: polled again after the backoff */
	POLLSTATE_BLOCKED,     /* a bot wall answered: polled again after the backoff */
	POLLSTATE_THROTTLED,   /* the server asked for time (Retry-After) */
	POLLSTATE_GONE,        /* 410: disabled, never polled again */
	POLLSTATE_POISONED,    /* rounds that never finished: quarantined */
	POLLSTATE_PROBING,     /* quarantined, its feed fetched to see whether it changed */
	POLLSTATE_NSTATES
};

enum pollstate_ev {
	POLLSTATE_EV_DUE = 0,      /* the daemon's timer: next_due has come */
	POLLSTATE_EV_ONCE,         /* a `once` run asks for a poll now */
	POLLSTATE_EV_READ,         /* 200 with a feed that parsed: its releases are read */
	POLLSTATE_EV_NOT_MODIFIED, /* 304 */
	POLLSTATE_EV_DONE,         /* the round's last release page was answered */
	POLLSTATE_EV_FAILED,       /* no answer, an error status, a body that is no usable feed */
	POLLSTATE_EV_WALL,         /* a bot wall's challenge (403, or a challenge page) */
	POLLSTATE_EV_RETRY_AFTER,  /* 429, or 503, with Retry-After */
	POLLSTATE_EV_GONE,         /* 410 */
	POLLSTATE_EV_CANCELLED,    /* the transfer was cancelled (a stop, a reload removed the source) */
	POLLSTATE_EV_UNFINISHED,   /* a round began and never ended (the daemon died or hung in it) */
	POLLSTATE_EV_CHANGED,      /* a quarantined source's content changed (PROBING: the
	                              body differs from the poisoned one's) */
	POLLSTATE_EV_RESET,        /* the operator reset the source */
	POLLSTATE_EV_REFUSED,      /* a hop of the feed's request the URL policy refuses */
	POLLSTATE_NEVENTS
};

/* Where a source stands: its state and what the store keeps of it. */
struct pollstate {
	enum pollstate_state state;
	enum store_health health;
	int failures;         /* consecutive rounds that failed */
	int unfinished;       /* consecutive rounds that never finished */
	int64_t backoff;      /* seconds, 0 none */
	int64_t next_due;     /* seconds UTC, 0 now */
	int64_t retry_until;  /* the server's Retry-After, seconds UTC, 0 none */
	int64_t last_poll;    /* seconds UTC, 0 never */
	int64_t last_ok;      /* seconds UTC, 0 never */
};

/* An event and what it carries. */
struct pollstate_event {
	enum pollstate_ev ev;
	enum store_health health; /* FAILED: what the answer was judged (failing, empty ...) */
	int64_t retry_after;      /* RETRY_AFTER: seconds from now */
	int64_t max_age;          /* NOT_MODIFIED, DONE: Cache-Control max-age seconds, -1 none */
	int64_t ttl;              /* NOT_MODIFIED, DONE: RSS <ttl> seconds, 0 none */
};

/* The source's configured interval (seconds) and this step's jitter in
 * [-1, 1], which scales POLLSTATE_JITTER_PCT. */
struct pollstate_policy {
	int64_t interval;
	double jitter;
};

/* Apply e to s at now. Returns 1 when the table moves s (*health_changed,
 * which may be NULL, then says whether its health changed: log it), 0
 * when the event means nothing in s's state or a guard refuses it (a
 * `once` poll under Retry-After or backoff): s is then unchanged. */
int pollstate_apply(struct pollstate *s, const struct pollstate_event *e,
    const struct pollstate_policy *pol, int64_t now, int *health_changed);
/* Would e move s at now? (pollstate_apply without applying.) */
int pollstate_accepts(const struct pollstate *s, enum pollstate_ev ev, int64_t now);
/* Is a round in flight (FETCHING, READING or PROBING)? */
int pollstate_in_round(const struct pollstate *s);
/* The state a round that starts now from resting state s leaves if it
 * never finishes (EV_UNFINISHED applied to a copy): what the poller
 * stores before it fetches. *out is s when the event means nothing in
 * s's state. */
void pollstate_precommit(const struct pollstate *s, const struct pollstate_policy *pol,
    int64_t now, struct pollstate *out);

/* What a feed's answer is before its body is read. */
struct pollstate_answer {
	int transport_error;  /* 1: no response (DNS, connect, timeout, too big ...) */
	long status;          /* HTTP status, 0 when none */
	int64_t retry_after;  /* seconds from now, -1 none */
	int challenge;        /* 1: the body looks like a bot wall's challenge */
	int refused;          /* 1: the URL policy refused a hop (no response then) */
};

/* Judge an answer by its status (one table): READ when the body is to be
 * read (200), else the event it is, with the health it gives in *health. */
enum pollstate_ev pollstate_judge(const struct pollstate_answer *a,
    enum store_health *health);

/* The state a stored row stands for (a resting one: rounds are not
 * stored), and its counters and times. A row whose unfinished count is
 * not 0 is one whose round never ended: failing, or poisoned from
 * POLLSTATE_POISON_AFTER on. */
void pollstate_from_row(struct pollstate *s, const struct store_source *row);
/* Write s's counters and times into row (disabled when GONE). */
void pollstate_to_row(const struct pollstate *s, struct store_source *row);

/* "waiting", "fetching" ...; "due", "once" ...: for logs and tests. */
const char *pollstate_state_name(enum pollstate_state st);
const char *pollstate_ev_name(enum pollstate_ev ev);

#endif
