/* Unit tests: sched — how one poll's outcome moves a source's schedule. */
#include <math.h>

#include "unit.h"
#include "rightswatch/sched.h"
#include "rightswatch/store.h"

#define NOW      1000000
#define INTERVAL 600

/* A source in a given prior state; strings owned, as store_source_get gives. */
static void
source_init(struct store_source *s, enum store_health health, int failures,
    int64_t backoff)
{
	memset(s, 0, sizeof(*s));
	s->name = strdup("src");
	s->health = health;
	s->failures = failures;
	s->backoff = backoff;
}

static void
test_outcomes(void **state)
{
	static const struct {
		enum store_health prior; /* health before */
		int prior_failures;
		long status;
		int transport;
		enum store_health content; /* what the poller judged of the body */
		int64_t retry_after, max_age, ttl;
		enum store_health health; /* expected */
		int failures;
		int64_t backoff, next_due, retry_until, last_ok;
		int disabled, changed;
	} rows[] = {
		/* 200 on a new source: ok, next poll after the interval */
		{ STORE_HEALTH_NEW, 0, 200, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 0, 1 },
		/* 304 on an ok source: an answer, health unchanged */
		{ STORE_HEALTH_OK, 0, 304, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 0, 0 },
		/* the poller may say ok explicitly */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 0, 0 },
		/* recovery after failures resets the counters */
		{ STORE_HEALTH_FAILING, 3, 200, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 0, 1 },
		/* max-age longer than the interval wins */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_OK, -1, 3600, 0,
		  STORE_HEALTH_OK, 0, 0, NOW + 3600, 0, NOW, 0, 0 },
		/* max-age shorter than the interval changes nothing */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_OK, -1, 60, 0,
		  STORE_HEALTH_OK, 0, 0, NOW + INTERVAL, 0, NOW, 0, 0 },
		/* RSS ttl longer than the interval wins */
		{ STORE_HEALTH_OK, 0, 304, 0, STORE_HEALTH_OK, -1, -1, 7200,
		  STORE_HEALTH_OK, 0, 0, NOW + 7200, 0, NOW, 0, 0 },
		/* max-age and ttl: the longer one */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_OK, -1, 1800, 900,
		  STORE_HEALTH_OK, 0, 0, NOW + 1800, 0, NOW, 0, 0 },
		/* an absurd max-age is capped at SCHED_MAX_RETRY */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_OK, -1, 365 * 86400, 0,
		  STORE_HEALTH_OK, 0, 0, NOW + SCHED_MAX_RETRY, 0, NOW, 0, 0 },
		/* transport error: failing, first backoff */
		{ STORE_HEALTH_OK, 0, 0, 1, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_FAILING, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* a status with a transport error is still a transport error */
		{ STORE_HEALTH_OK, 0, 200, 1, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_FAILING, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 500 after two failures: the third backoff */
		{ STORE_HEALTH_FAILING, 2, 500, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_FAILING, 3, 4 * SCHED_BACKOFF_MIN, NOW + 4 * SCHED_BACKOFF_MIN, 0, 0, 0, 0 },
		/* 403 without a verdict on the body: blocked */
		{ STORE_HEALTH_OK, 0, 403, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_BLOCKED, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 403 challenge page judged by the poller */
		{ STORE_HEALTH_OK, 0, 403, 0, STORE_HEALTH_BLOCKED, -1, -1, 0,
		  STORE_HEALTH_BLOCKED, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 404: failing with backoff */
		{ STORE_HEALTH_OK, 0, 404, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_FAILING, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 200 with HTML where a feed was expected: a failure */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_NOT_A_FEED, -1, -1, 0,
		  STORE_HEALTH_NOT_A_FEED, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 200 with an empty body: a failure */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_EMPTY, -1, -1, 0,
		  STORE_HEALTH_EMPTY, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 200 that does not parse: a failure, max-age ignored */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_INVALID, -1, 3600, 0,
		  STORE_HEALTH_INVALID, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 200 challenge page: blocked */
		{ STORE_HEALTH_OK, 0, 200, 0, STORE_HEALTH_BLOCKED, -1, -1, 0,
		  STORE_HEALTH_BLOCKED, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 429 with a long Retry-After: nothing before it */
		{ STORE_HEALTH_OK, 0, 429, 0, STORE_HEALTH_OK, 3600, -1, 0,
		  STORE_HEALTH_THROTTLED, 1, SCHED_BACKOFF_MIN, NOW + 3600, NOW + 3600, 0, 0, 1 },
		/* 503 with a short Retry-After: the backoff is longer */
		{ STORE_HEALTH_OK, 0, 503, 0, STORE_HEALTH_OK, 10, -1, 0,
		  STORE_HEALTH_THROTTLED, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, NOW + 10, 0, 0, 1 },
		/* 503 with Retry-After: 0 */
		{ STORE_HEALTH_OK, 0, 503, 0, STORE_HEALTH_OK, 0, -1, 0,
		  STORE_HEALTH_THROTTLED, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, NOW, 0, 0, 1 },
		/* Retry-After beyond the cap is capped */
		{ STORE_HEALTH_THROTTLED, 1, 429, 0, STORE_HEALTH_OK, 30 * 86400, -1, 0,
		  STORE_HEALTH_THROTTLED, 2, 2 * SCHED_BACKOFF_MIN, NOW + SCHED_MAX_RETRY,
		  NOW + SCHED_MAX_RETRY, 0, 0, 0 },
		/* 429 without Retry-After: throttled, plain backoff */
		{ STORE_HEALTH_OK, 0, 429, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_THROTTLED, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 503 without Retry-After: a plain failure */
		{ STORE_HEALTH_OK, 0, 503, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_FAILING, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 503 bot wall judged by the poller, no Retry-After */
		{ STORE_HEALTH_OK, 0, 503, 0, STORE_HEALTH_BLOCKED, -1, -1, 0,
		  STORE_HEALTH_BLOCKED, 1, SCHED_BACKOFF_MIN, NOW + SCHED_BACKOFF_MIN, 0, 0, 0, 1 },
		/* 410: gone and disabled */
		{ STORE_HEALTH_OK, 0, 410, 0, STORE_HEALTH_OK, -1, -1, 0,
		  STORE_HEALTH_GONE, 0, 0, 0, 0, 0, 1, 1 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct store_source s;
		struct sched_outcome o = {
			rows[i].status, rows[i].transport, rows[i].content,
			rows[i].retry_after, rows[i].max_age, rows[i].ttl, "summary"
		};
		int changed;

		source_init(&s, rows[i].prior, rows[i].prior_failures,
		    rows[i].prior_failures ? SCHED_BACKOFF_MIN : 0);
		changed = sched_apply(&s, &o, INTERVAL, 0.0, NOW);
		print_message("row %zu\n", i);
		assert_int_equal(changed, rows[i].changed);
		assert_int_equal(s.health, rows[i].health);
		assert_int_equal(s.failures, rows[i].failures);
		assert_int_equal(s.backoff, rows[i].backoff);
		assert_int_equal(s.next_due, rows[i].next_due);
		assert_int_equal(s.retry_until, rows[i].retry_until);
		assert_int_equal(s.last_ok, rows[i].last_ok);
		assert_int_equal(s.disabled, rows[i].disabled);
		assert_int_equal(s.last_poll, NOW);
		assert_string_equal(s.last_result, "summary");
		store_source_clear(&s);
	}
}

/* Repeated 500s: the backoff doubles from its minimum to its cap, stays
 * there, and the next poll is always now + backoff. */
static void
test_backoff_doubling(void **state)
{
	struct store_source s;
	struct sched_outcome o = { 500, 0, STORE_HEALTH_OK, -1, -1, 0, "500" };
	int64_t expect = SCHED_BACKOFF_MIN, now = NOW;

	(void)state;
	source_init(&s, STORE_HEALTH_OK, 0, 0);
	for (int n = 1; n <= 20; n++) {
		assert_int_equal(sched_apply(&s, &o, INTERVAL, 0.0, now), n == 1);
		assert_int_equal(s.failures, n);
		assert_int_equal(s.backoff, expect);
		assert_int_equal(s.next_due, now + expect);
		assert_false(sched_due(&s, now + expect - 1));
		assert_true(sched_due(&s, now + expect));
		now = s.next_due;
		expect = expect * 2 > SCHED_BACKOFF_MAX ? SCHED_BACKOFF_MAX : expect * 2;
	}
	assert_int_equal(s.backoff, SCHED_BACKOFF_MAX);
	/* one success clears it all */
	o.status = 200;
	assert_int_equal(sched_apply(&s, &o, INTERVAL, 0.0, now), 1);
	assert_int_equal(s.failures, 0);
	assert_int_equal(s.backoff, 0);
	assert_int_equal(s.next_due, now + INTERVAL);
	store_source_clear(&s);
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
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct store_source s;
		struct sched_outcome o = { 200, 0, STORE_HEALTH_OK, -1, -1, 0, NULL };

		source_init(&s, STORE_HEALTH_OK, 0, 0);
		sched_apply(&s, &o, rows[i].interval, rows[i].jitter, NOW);
		assert_int_equal(s.next_due - NOW, rows[i].next);
		assert_null(s.last_result);
		store_source_clear(&s);
	}
	/* a sweep stays inside the bounds */
	for (int k = -100; k <= 100; k++) {
		struct store_source s;
		struct sched_outcome o = { 304, 0, STORE_HEALTH_OK, -1, -1, 0, NULL };

		source_init(&s, STORE_HEALTH_OK, 0, 0);
		sched_apply(&s, &o, 3600, k / 100.0, NOW);
		assert_in_range(s.next_due - NOW, 3240, 3960);
		store_source_clear(&s);
	}
}

static void
test_once_may_poll(void **state)
{
	static const struct {
		int failures;
		int64_t last_poll, backoff, retry_until, next_due;
		int disabled;
		int64_t now;
		int may, due;
	} rows[] = {
		/* never polled: yes */
		{ 0, 0, 0, 0, 0, 0, NOW, 1, 1 },
		/* healthy, not yet due: once polls anyway (max-age ignored) */
		{ 0, NOW - 10, 0, 0, NOW + 3600, 0, NOW, 1, 0 },
		/* under Retry-After: no */
		{ 1, NOW - 10, 60, NOW + 100, NOW + 100, 0, NOW, 0, 0 },
		/* Retry-After just over: yes */
		{ 1, NOW - 60, 60, NOW, NOW, 0, NOW, 1, 1 },
		/* in error backoff: no */
		{ 2, NOW - 100, 120, 0, NOW + 20, 0, NOW, 0, 0 },
		/* error backoff over: yes */
		{ 2, NOW - 120, 120, 0, NOW, 0, NOW, 1, 1 },
		/* backoff left from before but no failures: yes */
		{ 0, NOW - 1, 120, 0, NOW + 500, 0, NOW, 1, 0 },
		/* disabled after 410: never */
		{ 0, NOW - 100000, 0, 0, 0, 1, NOW, 0, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct store_source s;

		memset(&s, 0, sizeof(s));
		s.failures = rows[i].failures;
		s.last_poll = rows[i].last_poll;
		s.backoff = rows[i].backoff;
		s.retry_until = rows[i].retry_until;
		s.next_due = rows[i].next_due;
		s.disabled = rows[i].disabled;
		print_message("row %zu\n", i);
		assert_int_equal(sched_once_may_poll(&s, rows[i].now), rows[i].may);
		assert_int_equal(sched_due(&s, rows[i].now), rows[i].due);
	}
}

/* After a throttling answer, neither the daemon nor once polls before the
 * server's time, and a 410 takes the source out for good. */
static void
test_throttle_then_gone(void **state)
{
	struct store_source s;
	struct sched_outcome o = { 429, 0, STORE_HEALTH_OK, 7200, -1, 0, "429" };

	(void)state;
	source_init(&s, STORE_HEALTH_OK, 0, 0);
	assert_int_equal(sched_apply(&s, &o, INTERVAL, 0.0, NOW), 1);
	assert_false(sched_once_may_poll(&s, NOW + 7199));
	assert_false(sched_due(&s, NOW + 7199));
	assert_true(sched_once_may_poll(&s, NOW + 7200));
	assert_true(sched_due(&s, NOW + 7200));
	o.status = 410;
	o.retry_after = -1;
	assert_int_equal(sched_apply(&s, &o, INTERVAL, 0.0, NOW + 7200), 1);
	assert_int_equal(s.health, STORE_HEALTH_GONE);
	assert_true(s.disabled);
	assert_false(sched_due(&s, NOW + 1000000));
	assert_false(sched_once_may_poll(&s, NOW + 1000000));
	store_source_clear(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_backoff_doubling),
		cmocka_unit_test(test_jitter),
		cmocka_unit_test(test_once_may_poll),
		cmocka_unit_test(test_throttle_then_gone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
