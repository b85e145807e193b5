/*
 * sched — the polling policy of one source, as pure functions over a
 * struct store_source: the caller passes the clock and the jitter.
 *
 * The transitions of one poll, all in sched_apply:
 *   answered (2xx, 304), content fine  -> ok: failures and backoff reset,
 *       next poll after the jittered interval, but never sooner than the
 *       response's max-age or the feed's <ttl> allow (each capped at
 *       SCHED_MAX_RETRY, so a year-long max-age cannot silence a source);
 *   answered, content judged bad       -> the poller's health ("blocked",
 *       "not a feed", "empty", "invalid"), counted as a failure;
 *   transport error, 5xx, other 4xx    -> failing (403: blocked), a failure;
 *   429/503 with Retry-After           -> throttled, a failure, and nothing
 *       before the server's time: next_due = max(retry_until, backoff);
 *   429 without Retry-After            -> throttled, a failure;
 *   410                                -> gone, the source disabled.
 * A failure sets next_due = now + backoff, where the backoff is
 * SCHED_BACKOFF_MIN after the first consecutive failure and doubles with
 * each further one up to SCHED_BACKOFF_MAX; it is deliberately not raised
 * to the interval, so a passing outage is noticed to be over quickly.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/sched.h"
#include "rightswatch/store.h"

enum verdict { V_OK, V_FAIL, V_THROTTLED, V_GONE };

/* Bound for every duration added to a time, so sums cannot overflow. */
#define SCHED_MAX_SPAN (100LL * 365 * 86400) /* seconds */

static int64_t
clamp_span(int64_t v)
{
	if (v < 0)
		return 0;
	return v > SCHED_MAX_SPAN ? SCHED_MAX_SPAN : v;
}

static int64_t
max64(int64_t a, int64_t b)
{
	return a > b ? a : b;
}

/* The backoff after the given number of consecutive failures (>= 1). */
static int64_t
backoff_for(int failures)
{
	int64_t b = SCHED_BACKOFF_MIN;

	for (int i = 1; i < failures && b < SCHED_BACKOFF_MAX; i++)
		b *= 2;
	return b > SCHED_BACKOFF_MAX ? SCHED_BACKOFF_MAX : b;
}

/* The interval scaled by jitter in [-1, 1] times SCHED_JITTER_PCT; at
 * least one second. */
static int64_t
jittered(int64_t interval, double jitter)
{
	double j = jitter;

	interval = clamp_span(interval);
	if (isnan(j))
		j = 0;
	j = j < -1 ? -1 : j > 1 ? 1 : j;
	interval += llround((double)interval * SCHED_JITTER_PCT / 100.0 * j);
	return interval < 1 ? 1 : interval;
}

/* A cache lifetime the server gave, capped; 0 when none. */
static int64_t
lifetime(int64_t v)
{
	if (v <= 0)
		return 0;
	return v > SCHED_MAX_RETRY ? SCHED_MAX_RETRY : v;
}

static int
is_content_ok(enum store_health health)
{
	return health == STORE_HEALTH_OK;
}

static enum verdict
judge(const struct sched_outcome *o, enum store_health *health)
{
	long st = o->transport_error ? 0 : o->status;

	if (st == 410) {
		*health = STORE_HEALTH_GONE;
		return V_GONE;
	}
	if (st == 429 || (st == 503 && o->retry_after >= 0)) {
		*health = STORE_HEALTH_THROTTLED;
		return o->retry_after >= 0 ? V_THROTTLED : V_FAIL;
	}
	if ((st >= 200 && st < 300) || st == 304) {
		if (is_content_ok(o->health)) {
			*health = STORE_HEALTH_OK;
			return V_OK;
		}
		*health = o->health;
		return V_FAIL;
	}
	if (!is_content_ok(o->health))
		*health = o->health;
	else
		*health = st == 403 ? STORE_HEALTH_BLOCKED : STORE_HEALTH_FAILING;
	return V_FAIL;
}

int
sched_apply(struct store_source *s, const struct sched_outcome *o,
    int64_t interval, double jitter, int64_t now)
{
	enum store_health health;
	char *summary = NULL;
	enum verdict v = judge(o, &health);
	int changed;

	if (o->summary != NULL && (summary = strdup(o->summary)) == NULL)
		return -1;
	changed = s->health != health;
	s->health = health;
	free(s->last_result);
	s->last_result = summary;
	s->last_poll = now;

	switch (v) {
	case V_OK:
		s->failures = 0;
		s->backoff = 0;
		s->retry_until = 0;
		s->last_ok = now;
		s->next_due = now + max64(jittered(interval, jitter),
		    max64(lifetime(o->max_age), lifetime(o->ttl)));
		break;
	case V_FAIL:
	case V_THROTTLED:
		if (s->failures < 0)
			s->failures = 0;
		if (s->failures < 1000000)
			s->failures++;
		s->backoff = backoff_for(s->failures);
		s->retry_until = 0;
		s->next_due = now + s->backoff;
		if (v == V_THROTTLED) {
			s->retry_until = now + (o->retry_after > SCHED_MAX_RETRY ?
			    SCHED_MAX_RETRY : o->retry_after);
			s->next_due = max64(s->next_due, s->retry_until);
		}
		break;
	case V_GONE:
		s->disabled = 1;
		s->backoff = 0;
		s->retry_until = 0;
		break;
	}
	return changed;
}

int
sched_once_may_poll(const struct store_source *s, int64_t now)
{
	if (s->disabled)
		return 0;
	if (now < s->retry_until)
		return 0;
	if (s->failures > 0 && now < s->last_poll + clamp_span(s->backoff))
		return 0;
	return 1;
}

int
sched_due(const struct store_source *s, int64_t now)
{
	return !s->disabled && now >= s->next_due;
}
