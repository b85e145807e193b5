/* Unit tests: pollstate — every transition of a polled source, the
 * schedule each one leaves, and how an answer is judged. */
#include <math.h>

#include "unit.h"
#include "rightswatch/pollstate.h"
#include "rightswatch/store.h"

#define NOW      1000000
#define INTERVAL 600

static const struct pollstate_policy policy = { INTERVAL, 0.0 };

#define S(x) POLLSTATE_##x
#define E(x) POLLSTATE_EV_##x

/* A source in a state, with the counters that state comes with. */
static void
in_state(struct pollstate *s, enum pollstate_state st)
{
	memset(s, 0, sizeof(*s));
	s->state = st;
	s->health = STORE_HEALTH_OK;
	s->last_poll = NOW - 1000;
	s->last_ok = NOW - 1000;
	s->next_due = NOW - 1; /* due */
	switch (st) {
	case POLLSTATE_BACKOFF:
		s->health = STORE_HEALTH_FAILING;
		s->failures = 2;
		s->backoff = 120;
		break;
	case POLLSTATE_BLOCKED:
		s->health = STORE_HEALTH_BLOCKED;
		s->failures = 1;
		s->backoff = 60;
		break;
	case POLLSTATE_THROTTLED:
		s->health = STORE_HEALTH_THROTTLED;
		s->failures = 1;
		s->backoff = 60;
		s->retry_until = NOW - 10;
		break;
	case POLLSTATE_GONE:
		s->health = STORE_HEALTH_GONE;
		break;
	case POLLSTATE_POISONED:
	case POLLSTATE_PROBING:
		s->health = STORE_HEALTH_POISONED;
		s->failures = 3;
		s->unfinished = 3;
		s->backoff = 240;
		break;
	default:
		break;
	}
}

/* Every (state, event) pair: the ones listed move the source to the state
 * given; every other pair is ignored and changes nothing. */
static void
test_every_transition(void **state)
{
	static const struct {
		enum pollstate_state from;
		enum pollstate_ev ev;
		enum pollstate_state to;
	} moves[] = {
		/* a healthy source is polled when due, or by once */
		{ S(WAITING), E(DUE), S(FETCHING) },
		{ S(WAITING), E(ONCE), S(FETCHING) },
		/* the feed's answer */
		{ S(FETCHING), E(READ), S(READING) },          /* 200, parsed: read its releases */
		{ S(FETCHING), E(NOT_MODIFIED), S(WAITING) },  /* 304: an answer */
		{ S(FETCHING), E(FAILED), S(BACKOFF) },        /* transport, 5xx, bad body */
		{ S(FETCHING), E(REFUSED), S(BACKOFF) },       /* a hop the URL policy refuses */
		{ S(FETCHING), E(WALL), S(BLOCKED) },          /* a bot wall */
		{ S(FETCHING), E(RETRY_AFTER), S(THROTTLED) }, /* 429/503 with Retry-After */
		{ S(FETCHING), E(GONE), S(GONE) },             /* 410 */
		{ S(FETCHING), E(CANCELLED), S(WAITING) },     /* back where it was (healthy) */
		{ S(FETCHING), E(UNFINISHED), S(BACKOFF) },    /* a round that never ended */
		/* the releases of the round */
		{ S(READING), E(DONE), S(WAITING) },
		{ S(READING), E(CANCELLED), S(WAITING) },
		{ S(READING), E(UNFINISHED), S(BACKOFF) },
		/* backing off: polled again when due (once: after the backoff) */
		{ S(BACKOFF), E(DUE), S(FETCHING) },
		{ S(BACKOFF), E(ONCE), S(FETCHING) },
		{ S(BLOCKED), E(DUE), S(FETCHING) },
		{ S(BLOCKED), E(ONCE), S(FETCHING) },
		{ S(THROTTLED), E(DUE), S(FETCHING) },
		{ S(THROTTLED), E(ONCE), S(FETCHING) },
		/* an unfinished round found on a resting source */
		{ S(WAITING), E(UNFINISHED), S(BACKOFF) },
		{ S(BACKOFF), E(UNFINISHED), S(BACKOFF) },
		{ S(BLOCKED), E(UNFINISHED), S(BACKOFF) },
		{ S(THROTTLED), E(UNFINISHED), S(BACKOFF) },
		/* the operator's reset, from every resting state */
		{ S(WAITING), E(RESET), S(WAITING) },
		{ S(BACKOFF), E(RESET), S(WAITING) },
		{ S(BLOCKED), E(RESET), S(WAITING) },
		{ S(THROTTLED), E(RESET), S(WAITING) },
		{ S(GONE), E(RESET), S(WAITING) },
		{ S(POISONED), E(RESET), S(WAITING) },
		/* quarantine ends when the content changes */
		{ S(POISONED), E(CHANGED), S(WAITING) },
		/* a quarantined source is probed: fetched, parsed only when changed */
		{ S(POISONED), E(DUE), S(PROBING) },
		{ S(POISONED), E(ONCE), S(PROBING) },
		{ S(POISONED), E(UNFINISHED), S(POISONED) },   /* a probe's precommit */
		{ S(PROBING), E(CHANGED), S(FETCHING) },       /* other bytes: read them */
		{ S(PROBING), E(NOT_MODIFIED), S(POISONED) },  /* the same bytes */
		{ S(PROBING), E(FAILED), S(POISONED) },
		{ S(PROBING), E(WALL), S(POISONED) },
		{ S(PROBING), E(RETRY_AFTER), S(POISONED) },
		{ S(PROBING), E(GONE), S(POISONED) },
		{ S(PROBING), E(REFUSED), S(POISONED) },
		{ S(PROBING), E(CANCELLED), S(POISONED) },
		{ S(PROBING), E(UNFINISHED), S(POISONED) },
		{ S(PROBING), E(RESET), S(WAITING) },
	};
	(void)state;
	for (int from = 0; from < POLLSTATE_NSTATES; from++) {
		for (int ev = 0; ev < POLLSTATE_NEVENTS; ev++) {
			struct pollstate s, before;
			struct pollstate_event e = { (enum pollstate_ev)ev, STORE_HEALTH_FAILING, 30, -1, 0 };
			int want = -1, moved;

			for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
				if ((int)moves[i].from == from && (int)moves[i].ev == ev)
					want = (int)moves[i].to;
			in_state(&s, (enum pollstate_state)from);
			before = s;
			moved = pollstate_apply(&s, &e, &policy, NOW, NULL);
			print_message("%s x %s\n", pollstate_state_name((enum pollstate_state)from),
			    pollstate_ev_name((enum pollstate_ev)ev));
			assert_int_equal(moved, want >= 0);
			assert_int_equal(pollstate_accepts(&before, (enum pollstate_ev)ev, NOW),
			    want >= 0);
			if (want >= 0)
				assert_int_equal(s.state, want);
			else
				assert_memory_equal(&s, &before, sizeof(s));
		}
	}
}

/* What each verdict leaves of the schedule. */
static void
test_effects(void **state)
{
	static const struct {
		enum store_health prior; /* health before the round */
		int prior_failures;
		enum pollstate_ev ev;
		enum store_health judged; /* FAILED: the judgement */
		int64_t retry_after, max_age, ttl;
		enum pollstate_state to;
		enum store_health health; /* expected */
		int failures;
		int64_t backoff, next_due, retry_until, last_ok;
		int changed;
	} rows[] = {
		/* a new source read in full: ok, next poll after the interval */
		{ STORE_HEALTH_NEW, 0, E(DONE), 0, -1, -1, 0,
		  S(WAITING), STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 1 },
		/* 304 on an ok source: an answer, health unchanged */
		{ STORE_HEALTH_OK, 0, E(NOT_MODIFIED), 0, -1, -1, 0,
		  S(WAITING), STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 0 },
		/* recovery after failures resets the counters */
		{ STORE_HEALTH_FAILING, 3, E(DONE), 0, -1, -1, 0,
		  S(WAITING), STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 1 },
		/* max-age longer than the interval wins */
		{ STORE_HEALTH_OK, 0, E(DONE), 0, -1, 3600, 0,
		  S(WAITING), STORE_HEALTH_OK, 0, 0, NOW + 3600, 0, NOW, 0 },
		/* max-age shorter than the interval changes nothing */
		{ STORE_HEALTH_OK, 0, E(DONE), 0, -1, 60, 0,
		  S(WAITING), STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 0 },
		/* RSS ttl longer than the interval wins, after a 304 too */
		{ STORE_HEALTH_OK, 0, E(NOT_MODIFIED), 0, -1, -1, 7200,
		  S(WAITING), STORE_HEALTH_OK, 0, 0, NOW + 7200, 0, NOW, 0 },
		/* max-age and ttl: the longer one */
		{ STORE_HEALTH_OK, 0, E(DONE), 0, -1, 1800, 900,
		  S(WAITING), STORE_HEALTH_OK, 0, 0, NOW + 1800, 0, NOW, 0 },
		/* an absurd max-age is capped at POLLSTATE_MAX_RETRY */
		{ STORE_HEALTH_OK, 0, E(DONE), 0, -1, 365 * 86400, 0,
		  S(WAITING), STORE_HEALTH_OK, 0, 0, NOW + POLLSTATE_MAX_RETRY, 0, NOW, 0 },
		/* no answer: failing, first backoff */
		{ STORE_HEALTH_OK, 0, E(FAILED), STORE_HEALTH_FAILING, -1, -1, 0,
		  S(BACKOFF), STORE_HEALTH_FAILING, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, 0, NOW - 1000, 1 },
		/* a third failure: the third backoff, health unchanged */
		{ STORE_HEALTH_FAILING, 2, E(FAILED), STORE_HEALTH_FAILING, -1, -1, 0,
		  S(BACKOFF), STORE_HEALTH_FAILING, 3, 4 * POLLSTATE_BACKOFF_MIN,
		  NOW + 4 * POLLSTATE_BACKOFF_MIN, 0, NOW - 1000, 0 },
		/* HTML where a feed was expected, an empty body, a body that does
		 * not parse: each a failure with its own health (max-age ignored) */
		{ STORE_HEALTH_OK, 0, E(FAILED), STORE_HEALTH_NOT_A_FEED, -1, -1, 0,
		  S(BACKOFF), STORE_HEALTH_NOT_A_FEED, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, 0, NOW - 1000, 1 },
		{ STORE_HEALTH_OK, 0, E(FAILED), STORE_HEALTH_EMPTY, -1, -1, 0,
		  S(BACKOFF), STORE_HEALTH_EMPTY, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, 0, NOW - 1000, 1 },
		{ STORE_HEALTH_OK, 0, E(FAILED), STORE_HEALTH_INVALID, -1, 3600, 0,
		  S(BACKOFF), STORE_HEALTH_INVALID, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, 0, NOW - 1000, 1 },
		/* a bot wall: blocked, backing off */
		{ STORE_HEALTH_OK, 0, E(WALL), 0, -1, -1, 0,
		  S(BLOCKED), STORE_HEALTH_BLOCKED, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, 0, NOW - 1000, 1 },
		/* a long Retry-After: nothing before it */
		{ STORE_HEALTH_OK, 0, E(RETRY_AFTER), 0, 3600, -1, 0,
		  S(THROTTLED), STORE_HEALTH_THROTTLED, 1, POLLSTATE_BACKOFF_MIN, NOW + 3600,
		  NOW + 3600, NOW - 1000, 1 },
		/* a short Retry-After: the backoff is longer */
		{ STORE_HEALTH_OK, 0, E(RETRY_AFTER), 0, 10, -1, 0,
		  S(THROTTLED), STORE_HEALTH_THROTTLED, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, NOW + 10, NOW - 1000, 1 },
		/* Retry-After: 0 */
		{ STORE_HEALTH_OK, 0, E(RETRY_AFTER), 0, 0, -1, 0,
		  S(THROTTLED), STORE_HEALTH_THROTTLED, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, NOW, NOW - 1000, 1 },
		/* Retry-After beyond the cap is capped */
		{ STORE_HEALTH_THROTTLED, 1, E(RETRY_AFTER), 0, 30 * 86400, -1, 0,
		  S(THROTTLED), STORE_HEALTH_THROTTLED, 2, 2 * POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_MAX_RETRY, NOW + POLLSTATE_MAX_RETRY, NOW - 1000, 0 },
		/* 429 without Retry-After: throttled, plain backoff */
		{ STORE_HEALTH_OK, 0, E(FAILED), STORE_HEALTH_THROTTLED, -1, -1, 0,
		  S(BACKOFF), STORE_HEALTH_THROTTLED, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, 0, NOW - 1000, 1 },
		/* 410: gone, the schedule left as it was */
		{ STORE_HEALTH_OK, 0, E(GONE), 0, -1, -1, 0,
		  S(GONE), STORE_HEALTH_GONE, 0, 0, NOW - 1, 0, NOW - 1000, 1 },
		/* a cancelled round changes nothing */
		{ STORE_HEALTH_FAILING, 2, E(CANCELLED), 0, -1, -1, 0,
		  S(BACKOFF), STORE_HEALTH_FAILING, 2, POLLSTATE_BACKOFF_MIN, NOW - 1, 0,
		  NOW - 1000, 0 },
		/* an unfinished round: a failure */
		{ STORE_HEALTH_OK, 0, E(UNFINISHED), 0, -1, -1, 0,
		  S(BACKOFF), STORE_HEALTH_FAILING, 1, POLLSTATE_BACKOFF_MIN,
		  NOW + POLLSTATE_BACKOFF_MIN, 0, NOW - 1000, 1 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct pollstate s;
		struct pollstate_event e = { rows[i].ev, rows[i].judged, rows[i].retry_after,
			rows[i].max_age, rows[i].ttl };
		int changed = -1;

		memset(&s, 0, sizeof(s));
		s.health = rows[i].prior;
		s.failures = rows[i].prior_failures;
		s.backoff = rows[i].prior_failures ? POLLSTATE_BACKOFF_MIN : 0;
		s.last_poll = s.last_ok = NOW - 1000;
		s.next_due = NOW - 1;
		s.state = rows[i].ev == E(DONE) ? S(READING) : S(FETCHING);
		print_message("row %zu\n", i);
		assert_int_equal(pollstate_apply(&s, &e, &policy, NOW, &changed), 1);
		assert_int_equal(s.state, rows[i].to);
		assert_int_equal(changed, rows[i].changed);
		assert_int_equal(s.health, rows[i].health);
		assert_int_equal(s.failures, rows[i].failures);
		assert_int_equal(s.backoff, rows[i].backoff);
		assert_int_equal(s.next_due, rows[i].next_due);
		assert_int_equal(s.retry_until, rows[i].retry_until);
		assert_int_equal(s.last_ok, rows[i].last_ok);
		assert_int_equal(s.last_poll, rows[i].ev == E(CANCELLED) ? NOW - 1000 : NOW);
	}
}

/* The answer's status decides the event; the body is read only on 200. */
static void
test_judge(void **state)
{
	static const struct {
		int transport;
		long status;
		int64_t retry_after;
		int challenge;
		enum pollstate_ev ev;
		enum store_health health;
		int refused;
	} rows[] = {
		{ 0, 200, -1, 0, E(READ), STORE_HEALTH_OK, 0 },           /* read the body */
		{ 0, 200, -1, 1, E(READ), STORE_HEALTH_OK, 0 },           /* ... which says more */
		{ 0, 304, -1, 0, E(NOT_MODIFIED), STORE_HEALTH_OK, 0 },
		{ 1, 200, -1, 0, E(FAILED), STORE_HEALTH_FAILING, 0 },    /* a transport error wins */
		{ 1, 0, -1, 0, E(FAILED), STORE_HEALTH_FAILING, 0 },
		{ 0, 500, -1, 0, E(FAILED), STORE_HEALTH_FAILING, 0 },
		{ 0, 404, -1, 0, E(FAILED), STORE_HEALTH_FAILING, 0 },
		{ 0, 204, -1, 0, E(FAILED), STORE_HEALTH_FAILING, 0 },    /* no content is no feed */
		{ 0, 403, -1, 0, E(WALL), STORE_HEALTH_BLOCKED, 0 },
		{ 0, 403, -1, 1, E(WALL), STORE_HEALTH_BLOCKED, 0 },
		{ 0, 410, -1, 0, E(GONE), STORE_HEALTH_GONE, 0 },
		{ 0, 429, 3600, 0, E(RETRY_AFTER), STORE_HEALTH_THROTTLED, 0 },
		{ 0, 429, -1, 0, E(FAILED), STORE_HEALTH_THROTTLED, 0 },
		{ 0, 429, -1, 1, E(FAILED), STORE_HEALTH_THROTTLED, 0 },  /* throttled, not blocked */
		{ 0, 503, 10, 0, E(RETRY_AFTER), STORE_HEALTH_THROTTLED, 0 },
		{ 0, 503, 0, 1, E(RETRY_AFTER), STORE_HEALTH_THROTTLED, 0 },
		{ 0, 503, -1, 0, E(FAILED), STORE_HEALTH_FAILING, 0 },
		{ 0, 503, -1, 1, E(WALL), STORE_HEALTH_BLOCKED, 0 },      /* a bot wall's 503 */
		{ 1, 0, -1, 0, E(REFUSED), STORE_HEALTH_REFUSED, 1 },  /* a refused hop */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct pollstate_answer a = { rows[i].transport, rows[i].status,
			rows[i].retry_after, rows[i].challenge, rows[i].refused };
		enum store_health h = STORE_HEALTH_NEW;

		print_message("row %zu\n", i);
		assert_int_equal(pollstate_judge(&a, &h), rows[i].ev);
		assert_int_equal(h, rows[i].health);
	}
}

/* Repeated failures: the backoff doubles from its minimum to its cap,
 * stays there, and the next poll is always now + backoff. */
static void
test_backoff_doubling(void **state)
{
	struct pollstate s;
	struct pollstate_event due = { E(DUE), 0, -1, -1, 0 };
	struct pollstate_event fail = { E(FAILED), STORE_HEALTH_FAILING, -1, -1, 0 };
	struct pollstate_event ok = { E(NOT_MODIFIED), 0, -1, -1, 0 };
	int64_t expect = POLLSTATE_BACKOFF_MIN, now = NOW;
	int changed;

	(void)state;
	in_state(&s, S(WAITING));
	for (int n = 1; n <= 20; n++) {
		assert_int_equal(pollstate_apply(&s, &due, &policy, now, NULL), 1);
		assert_int_equal(pollstate_apply(&s, &fail, &policy, now, &changed), 1);
		assert_int_equal(changed, n == 1);
		assert_int_equal(s.failures, n);
		assert_int_equal(s.backoff, expect);
		assert_int_equal(s.next_due, now + expect);
		now = s.next_due;
		expect = expect * 2 > POLLSTATE_BACKOFF_MAX ? POLLSTATE_BACKOFF_MAX : expect * 2;
	}
	assert_int_equal(s.backoff, POLLSTATE_BACKOFF_MAX);
	/* one answer clears it all */
	assert_int_equal(pollstate_apply(&s, &due, &policy, now, NULL), 1);
	assert_int_equal(pollstate_apply(&s, &ok, &policy, now, &changed), 1);
	assert_int_equal(changed, 1);
	assert_int_equal(s.failures, 0);
	assert_int_equal(s.backoff, 0);
	assert_int_equal(s.next_due, now + INTERVAL);
}

static void
test_jitter(void **state)
{
	static const struct {
		int64_t interval;
		double jitter;
		int64_t next;     /* expected delay */
	} rows[] = {
		{ 600, 1.0, 660 },     /* +10 % at most */
		{ 600, -1.0, 540 },    /* -10 % at most */
		{ 600, 0.5, 630 },     /* half way */
		{ 600, 5.0, 660 },     /* out-of-range jitter is clamped */
		{ 600, -5.0, 540 },    /* ... both ways */
		{ 600, NAN, 600 },     /* not a number: no jitter */
		{ 0, 1.0, 1 },         /* at least one second */
		{ -50, 0.0, 1 },       /* a negative interval too */
	};
	struct pollstate_event ok = { E(NOT_MODIFIED), 0, -1, -1, 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct pollstate_policy pol = { rows[i].interval, rows[i].jitter };
		struct pollstate s;

		in_state(&s, S(FETCHING));
		pollstate_apply(&s, &ok, &pol, NOW, NULL);
		assert_int_equal(s.next_due - NOW, rows[i].next);
	}
	/* a sweep stays inside the bounds */
	for (int k = -100; k <= 100; k++) {
		struct pollstate_policy pol = { 3600, k / 100.0 };
		struct pollstate s;

		in_state(&s, S(FETCHING));
		pollstate_apply(&s, &ok, &pol, NOW, NULL);
		assert_in_range(s.next_due - NOW, 3240, 3960);
	}
}

/* A `once` run waits for the server's Retry-After and the error backoff,
 * not for the next due time; the daemon's timer decides by itself. */
static void
test_once_guard(void **state)
{
	static const struct {
		int failures;
		int64_t last_poll, backoff, retry_until, next_due;
		int disabled;
		int once; /* may once poll at NOW? */
	} rows[] = {
		/* never polled: yes */
		{ 0, 0, 0, 0, 0, 0, 1 },
		/* healthy, not yet due: once polls anyway (max-age ignored) */
		{ 0, NOW - 10, 0, 0, NOW + 3600, 0, 1 },
		/* under Retry-After: no */
		{ 1, NOW - 10, 60, NOW + 100, NOW + 100, 0, 0 },
		/* Retry-After just over: yes */
		{ 1, NOW - 60, 60, NOW, NOW, 0, 1 },
		/* in error backoff: no */
		{ 2, NOW - 100, 120, 0, NOW + 20, 0, 0 },
		/* error backoff over: yes */
		{ 2, NOW - 120, 120, 0, NOW, 0, 1 },
		/* backoff left from before but no failures: yes */
		{ 0, NOW - 1, 120, 0, NOW + 500, 0, 1 },
		/* disabled after 410: never */
		{ 0, NOW - 100000, 0, 0, 0, 1, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct store_source row;
		struct pollstate s;

		memset(&row, 0, sizeof(row));
		row.health = rows[i].failures ? STORE_HEALTH_FAILING : STORE_HEALTH_OK;
		row.failures = rows[i].failures;
		row.last_poll = rows[i].last_poll;
		row.backoff = rows[i].backoff;
		row.retry_until = rows[i].retry_until;
		row.next_due = rows[i].next_due;
		row.disabled = rows[i].disabled;
		pollstate_from_row(&s, &row);
		print_message("row %zu (%s)\n", i, pollstate_state_name(s.state));
		assert_int_equal(pollstate_accepts(&s, E(ONCE), NOW), rows[i].once);
		assert_int_equal(pollstate_accepts(&s, E(DUE), NOW), !rows[i].disabled);
	}
}

/* After a throttling answer, once does not poll before the server's
 * time, and a 410 takes the source out for good. */
static void
test_throttle_then_gone(void **state)
{
	struct pollstate s;
	struct pollstate_event due = { E(DUE), 0, -1, -1, 0 };
	struct pollstate_event ra = { E(RETRY_AFTER), 0, 7200, -1, 0 };
	struct pollstate_event gone = { E(GONE), 0, -1, -1, 0 };
	int changed;

	(void)state;
	in_state(&s, S(WAITING));
	pollstate_apply(&s, &due, &policy, NOW, NULL);
	assert_int_equal(pollstate_apply(&s, &ra, &policy, NOW, &changed), 1);
	assert_int_equal(changed, 1);
	assert_int_equal(s.state, S(THROTTLED));
	assert_int_equal(s.next_due, NOW + 7200);
	assert_false(pollstate_accepts(&s, E(ONCE), NOW + 7199));
	assert_true(pollstate_accepts(&s, E(ONCE), NOW + 7200));
	assert_int_equal(pollstate_apply(&s, &due, &policy, NOW + 7200, NULL), 1);
	assert_int_equal(pollstate_apply(&s, &gone, &policy, NOW + 7200, &changed), 1);
	assert_int_equal(s.state, S(GONE));
	assert_int_equal(s.health, STORE_HEALTH_GONE);
	assert_false(pollstate_accepts(&s, E(DUE), NOW + 1000000));
	assert_false(pollstate_accepts(&s, E(ONCE), NOW + 1000000));
}

/* A round that never finishes, three times in a row, quarantines the
 * source; one that finishes in between (even with an error) breaks the
 * row; a changed content or a reset lets it out, due at once. */
static void
test_poisoned(void **state)
{
	struct pollstate s;
	struct pollstate_event due = { E(DUE), 0, -1, -1, 0 };
	struct pollstate_event unfinished = { E(UNFINISHED), 0, -1, -1, 0 };
	struct pollstate_event fail = { E(FAILED), STORE_HEALTH_FAILING, -1, -1, 0 };
	struct pollstate_event changed_ev = { E(CHANGED), 0, -1, -1, 0 };
	struct pollstate_event reset = { E(RESET), 0, -1, -1, 0 };
	struct pollstate_event same = { E(NOT_MODIFIED), 0, -1, -1, 0 };
	int64_t now = NOW;
	int changed;

	(void)state;
	in_state(&s, S(WAITING));
	for (int n = 1; n <= 2; n++) {
		pollstate_apply(&s, &due, &policy, now, NULL);
		assert_int_equal(pollstate_apply(&s, &unfinished, &policy, now, NULL), 1);
		assert_int_equal(s.state, S(BACKOFF));
		assert_int_equal(s.unfinished, n);
		now = s.next_due;
	}
	/* a round that ends, even in an error, breaks the row */
	pollstate_apply(&s, &due, &policy, now, NULL);
	pollstate_apply(&s, &fail, &policy, now, NULL);
	assert_int_equal(s.unfinished, 0);
	for (int n = 1; n <= POLLSTATE_POISON_AFTER; n++) {
		now = s.next_due;
		pollstate_apply(&s, &due, &policy, now, NULL);
		assert_int_equal(pollstate_apply(&s, &unfinished, &policy, now, &changed), 1);
	}
	assert_int_equal(s.state, S(POISONED));
	assert_int_equal(s.health, STORE_HEALTH_POISONED);
	assert_int_equal(changed, 1);
	/* once probes it only after the backoff, as it polls any failing source */
	assert_false(pollstate_accepts(&s, E(ONCE), now));
	assert_true(pollstate_accepts(&s, E(ONCE), now + s.backoff));
	/* quarantined: the timer probes it, after the interval, and the
	 * same bytes leave it quarantined */
	assert_int_equal(pollstate_apply(&s, &due, &policy, now + 5, NULL), 1);
	assert_int_equal(s.state, S(PROBING));
	assert_int_equal(pollstate_apply(&s, &same, &policy, now + 5, NULL), 1);
	assert_int_equal(s.state, S(POISONED));
	assert_int_equal(s.health, STORE_HEALTH_POISONED);
	assert_int_equal(s.next_due, now + 5 + INTERVAL);
	/* other bytes end the quarantine in the probe itself */
	pollstate_apply(&s, &due, &policy, now + 5, NULL);
	assert_int_equal(pollstate_apply(&s, &changed_ev, &policy, now + 5, NULL), 1);
	assert_int_equal(s.state, S(FETCHING));
	assert_int_equal(s.unfinished, 0);
	in_state(&s, S(POISONED));
	/* its content changed: polled again now, counters cleared */
	assert_int_equal(pollstate_apply(&s, &changed_ev, &policy, now + 5, NULL), 1);
	assert_int_equal(s.state, S(WAITING));
	assert_int_equal(s.health, STORE_HEALTH_NEW);
	assert_int_equal(s.failures, 0);
	assert_int_equal(s.unfinished, 0);
	assert_int_equal(s.backoff, 0);
	assert_int_equal(s.next_due, now + 5);
	/* the same through a reset */
	in_state(&s, S(POISONED));
	assert_int_equal(pollstate_apply(&s, &reset, &policy, NOW, NULL), 1);
	assert_int_equal(s.state, S(WAITING));
	assert_int_equal(s.next_due, NOW);
}

/* What a round stores before it starts: the schedule it leaves if it
 * never ends. */
static void
test_precommit(void **state)
{
	static const struct {
		enum pollstate_state from;
		enum pollstate_state st;
		int unfinished, failures;
		int64_t next_due;
		enum store_health health;
	} rows[] = {
		/* a healthy source: one unfinished round, the first backoff */
		{ S(WAITING), S(BACKOFF), 1, 1, NOW + POLLSTATE_BACKOFF_MIN, STORE_HEALTH_FAILING },
		/* backing off already: the next backoff */
		{ S(BACKOFF), S(BACKOFF), 1, 3, NOW + 4 * POLLSTATE_BACKOFF_MIN, STORE_HEALTH_FAILING },
		/* quarantined: the next probe after the interval, still poisoned */
		{ S(POISONED), S(POISONED), 3, 3, NOW + INTERVAL, STORE_HEALTH_POISONED },
		/* gone: nothing */
		{ S(GONE), S(GONE), 0, 0, NOW - 1, STORE_HEALTH_GONE },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct pollstate s, pre;

		in_state(&s, rows[i].from);
		pollstate_precommit(&s, &policy, NOW, &pre);
		print_message("row %zu\n", i);
		assert_int_equal(pre.state, rows[i].st);
		assert_int_equal(pre.unfinished, rows[i].unfinished);
		assert_int_equal(pre.failures, rows[i].failures);
		assert_int_equal(pre.next_due, rows[i].next_due);
		assert_int_equal(pre.health, rows[i].health);
	}
}

/* A stored row stands for a resting state, and comes back as it went. */
static void
test_row(void **state)
{
	static const struct {
		enum store_health health;
		int failures;
		int64_t retry_until;
		int disabled;
		enum pollstate_state st;
		int unfinished;
	} rows[] = {
		{ STORE_HEALTH_NEW, 0, 0, 0, S(WAITING), 0 },
		{ STORE_HEALTH_OK, 0, 0, 0, S(WAITING), 0 },
		{ STORE_HEALTH_FAILING, 2, 0, 0, S(BACKOFF), 0 },
		{ STORE_HEALTH_INVALID, 1, 0, 0, S(BACKOFF), 0 },
		{ STORE_HEALTH_THROTTLED, 1, 0, 0, S(BACKOFF), 0 },  /* 429 without Retry-After */
		{ STORE_HEALTH_BLOCKED, 1, 0, 0, S(BLOCKED), 0 },
		{ STORE_HEALTH_THROTTLED, 1, NOW, 0, S(THROTTLED), 0 },
		{ STORE_HEALTH_GONE, 0, 0, 1, S(GONE), 0 },
		{ STORE_HEALTH_POISONED, 3, 0, 0, S(POISONED), 3 },
		{ STORE_HEALTH_FAILING, 1, 0, 0, S(BACKOFF), 1 },   /* a round that never ended */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct store_source row, back;
		struct pollstate s;

		memset(&row, 0, sizeof(row));
		row.health = rows[i].health;
		row.failures = rows[i].failures;
		row.backoff = rows[i].failures ? 60 : 0;
		row.retry_until = rows[i].retry_until;
		row.disabled = rows[i].disabled;
		row.next_due = NOW + 1;
		row.last_poll = NOW - 2;
		row.last_ok = NOW - 3;
		row.unfinished = rows[i].unfinished;
		pollstate_from_row(&s, &row);
		print_message("row %zu\n", i);
		assert_int_equal(s.state, rows[i].st);
		memset(&back, 0, sizeof(back));
		pollstate_to_row(&s, &back);
		assert_memory_equal(&back, &row, sizeof(row));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_transition),
		cmocka_unit_test(test_effects),
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_backoff_doubling),
		cmocka_unit_test(test_jitter),
		cmocka_unit_test(test_once_guard),
		cmocka_unit_test(test_throttle_then_gone),
		cmocka_unit_test(test_poisoned),
		cmocka_unit_test(test_precommit),
		cmocka_unit_test(test_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
