/*
 * pollstate — the table of a polled source's transitions and the pure
 * function that applies it (see pollstate.h for the picture). Each cell
 * names the next state, the effect on the schedule and the health it
 * leaves; an empty cell means the event is ignored in that state.
 *
 * The effects:
 *   start      a round begins; nothing stored changes
 *   start_once the same for a `once` run, refused while a Retry-After or
 *              an error backoff still runs
 *   keep       nothing changes but the state
 *   abandon    the round is given up (cancelled): back to the resting state
 *              the counters say, nothing else changes
 *   success    an answer: failures, backoff, Retry-After and unfinished
 *              rounds reset; next poll after the jittered interval, but
 *              never sooner than the response's max-age or the feed's <ttl>
 *              allow (each capped at POLLSTATE_MAX_RETRY, so a year-long
 *              max-age cannot silence a source)
 *   failure    one more consecutive failure: the backoff is
 *              POLLSTATE_BACKOFF_MIN after the first and doubles with each
 *              further one up to POLLSTATE_BACKOFF_MAX; next poll after it
 *              (deliberately not raised to the interval, so that a passing
 *              outage is noticed to be over quickly)
 *   throttle   a failure, and nothing before the server's time:
 *              next_due = max(retry_until, now + backoff)
 *   disable    410: never polled again (the counters stay for `status`)
 *   unfinished a failure that also counts an unfinished round; the
 *              POLLSTATE_POISON_AFTER-th in a row quarantines the source
 *   release    out of quarantine or reset: counters cleared, due now
 *   quarantine a quarantined source stays so: its next probe after the
 *              jittered interval
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/http.h"
#include "rightswatch/pollstate.h"
#include "rightswatch/store.h"

enum effect {
	E_IGNORE = 0, /* an empty cell */
	E_START,
	E_START_ONCE,
	E_KEEP,
	E_ABANDON,
	E_SUCCESS,
	E_FAILURE,
	E_THROTTLE,
	E_DISABLE,
	E_UNFINISHED,
	E_RELEASE,
	E_QUARANTINE
};

/* The health column: a health, or one of these. */
#define H_KEEP  (-1) /* unchanged */
#define H_EVENT (-2) /* the event's (a FAILED answer's judgement) */

struct rule {
	enum pollstate_state next;
	enum effect effect;
	int health;
};

#define R(st, ef, h) { POLLSTATE_##st, E_##ef, h }
/* What every resting state does with these events. */
#define RESTING_RULES                                                           \
	[POLLSTATE_EV_DUE] = R(FETCHING, START, H_KEEP),                         \
	[POLLSTATE_EV_ONCE] = R(FETCHING, START_ONCE, H_KEEP),                   \
	[POLLSTATE_EV_UNFINISHED] = R(BACKOFF, UNFINISHED, STORE_HEALTH_FAILING), \
	[POLLSTATE_EV_RESET] = R(WAITING, RELEASE, STORE_HEALTH_NEW)

static const struct rule pollstate_table[POLLSTATE_NSTATES][POLLSTATE_NEVENTS] = {
	[POLLSTATE_WAITING] = { RESTING_RULES },
	[POLLSTATE_FETCHING] = {
		[POLLSTATE_EV_READ] = R(READING, KEEP, H_KEEP),
		[POLLSTATE_EV_NOT_MODIFIED] = R(WAITING, SUCCESS, STORE_HEALTH_OK),
		[POLLSTATE_EV_FAILED] = R(BACKOFF, FAILURE, H_EVENT),
		[POLLSTATE_EV_REFUSED] = R(BACKOFF, FAILURE, STORE_HEALTH_REFUSED),
		[POLLSTATE_EV_WALL] = R(BLOCKED, FAILURE, STORE_HEALTH_BLOCKED),
		[POLLSTATE_EV_RETRY_AFTER] = R(THROTTLED, THROTTLE, STORE_HEALTH_THROTTLED),
		[POLLSTATE_EV_GONE] = R(GONE, DISABLE, STORE_HEALTH_GONE),
		[POLLSTATE_EV_CANCELLED] = R(WAITING, ABANDON, H_KEEP),
		[POLLSTATE_EV_UNFINISHED] = R(BACKOFF, UNFINISHED, STORE_HEALTH_FAILING),
	},
	[POLLSTATE_READING] = {
		[POLLSTATE_EV_DONE] = R(WAITING, SUCCESS, STORE_HEALTH_OK),
		[POLLSTATE_EV_CANCELLED] = R(WAITING, ABANDON, H_KEEP),
		[POLLSTATE_EV_UNFINISHED] = R(BACKOFF, UNFINISHED, STORE_HEALTH_FAILING),
	},
	[POLLSTATE_BACKOFF] = { RESTING_RULES },
	[POLLSTATE_BLOCKED] = { RESTING_RULES },
	[POLLSTATE_THROTTLED] = { RESTING_RULES },
	[POLLSTATE_GONE] = {
		[POLLSTATE_EV_RESET] = R(WAITING, RELEASE, STORE_HEALTH_NEW),
	},
	[POLLSTATE_POISONED] = {
		[POLLSTATE_EV_DUE] = R(PROBING, START, H_KEEP),
		[POLLSTATE_EV_ONCE] = R(PROBING, START_ONCE, H_KEEP),
		[POLLSTATE_EV_UNFINISHED] = R(POISONED, QUARANTINE, H_KEEP),
		[POLLSTATE_EV_CHANGED] = R(WAITING, RELEASE, STORE_HEALTH_NEW),
		[POLLSTATE_EV_RESET] = R(WAITING, RELEASE, STORE_HEALTH_NEW),
	},
	[POLLSTATE_PROBING] = {
		[POLLSTATE_EV_CHANGED] = R(FETCHING, RELEASE, STORE_HEALTH_NEW),
		[POLLSTATE_EV_NOT_MODIFIED] = R(POISONED, QUARANTINE, H_KEEP),
		[POLLSTATE_EV_FAILED] = R(POISONED, QUARANTINE, H_KEEP),
		[POLLSTATE_EV_WALL] = R(POISONED, QUARANTINE, H_KEEP),
		[POLLSTATE_EV_RETRY_AFTER] = R(POISONED, QUARANTINE, H_KEEP),
		[POLLSTATE_EV_GONE] = R(POISONED, QUARANTINE, H_KEEP),
		[POLLSTATE_EV_REFUSED] = R(POISONED, QUARANTINE, H_KEEP),
		[POLLSTATE_EV_CANCELLED] = R(POISONED, KEEP, H_KEEP),
		[POLLSTATE_EV_UNFINISHED] = R(POISONED, QUARANTINE, H_KEEP),
		[POLLSTATE_EV_RESET] = R(WAITING, RELEASE, STORE_HEALTH_NEW),
	},
};

/* Bound for every duration added to a time, so sums cannot overflow. */
#define POLLSTATE_MAX_SPAN (100LL * 365 * 86400) /* seconds */

static int64_t
clamp_span(int64_t v)
{
	if (v < 0)
		return 0;
	return v > POLLSTATE_MAX_SPAN ? POLLSTATE_MAX_SPAN : v;
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
	int64_t b = POLLSTATE_BACKOFF_MIN;

	for (int i = 1; i < failures && b < POLLSTATE_BACKOFF_MAX; i++)
		b *= 2;
	return b > POLLSTATE_BACKOFF_MAX ? POLLSTATE_BACKOFF_MAX : b;
}

/* The interval scaled by jitter in [-1, 1] times POLLSTATE_JITTER_PCT; at
 * least one second. */
static int64_t
jittered(int64_t interval, double jitter)
{
	double j = jitter;

	interval = clamp_span(interval);
	if (isnan(j))
		j = 0;
	j = j < -1 ? -1 : j > 1 ? 1 : j;
	interval += llround((double)interval * POLLSTATE_JITTER_PCT / 100.0 * j);
	return interval < 1 ? 1 : interval;
}

/* A cache lifetime the server gave, capped; 0 when none. */
static int64_t
lifetime(int64_t v)
{
	if (v <= 0)
		return 0;
	return v > POLLSTATE_MAX_RETRY ? POLLSTATE_MAX_RETRY : v;
}

/* The resting state s's counters stand for. */
static enum pollstate_state
resting(const struct pollstate *s)
{
	if (s->health == STORE_HEALTH_POISONED)
		return POLLSTATE_POISONED;
	if (s->failures <= 0)
		return POLLSTATE_WAITING;
	if (s->retry_until != 0)
		return POLLSTATE_THROTTLED;
	return s->health == STORE_HEALTH_BLOCKED ? POLLSTATE_BLOCKED : POLLSTATE_BACKOFF;
}

/* A `once` poll waits for the server's Retry-After and the error backoff. */
static int
once_allowed(const struct pollstate *s, int64_t now)
{
	if (now < s->retry_until)
		return 0;
	return !(s->failures > 0 && now < s->last_poll + clamp_span(s->backoff));
}

static void
fail(struct pollstate *s, int64_t now)
{
	if (s->failures < 0)
		s->failures = 0;
	if (s->failures < 1000000)
		s->failures++;
	s->backoff = backoff_for(s->failures);
	s->retry_until = 0;
	s->next_due = now + s->backoff;
	s->last_poll = now;
}

/* No failure, no unfinished round, no backoff, no Retry-After. */
static void
clear(struct pollstate *s)
{
	s->failures = 0;
	s->unfinished = 0;
	s->backoff = 0;
	s->retry_until = 0;
}

/* The effect's changes to s's counters and times. */
static void
effect(struct pollstate *s, enum effect ef, const struct pollstate_event *e,
    const struct pollstate_policy *pol, int64_t now)
{
	switch (ef) {
	case E_IGNORE:
	case E_START:
	case E_START_ONCE:
	case E_KEEP:
	case E_ABANDON:
		break;
	case E_SUCCESS:
		clear(s);
		s->last_poll = now;
		s->last_ok = now;
		s->next_due = now + max64(jittered(pol->interval, pol->jitter),
		    max64(lifetime(e->max_age), lifetime(e->ttl)));
		break;
	case E_FAILURE:
		fail(s, now);
		s->unfinished = 0;
		break;
	case E_THROTTLE:
		fail(s, now);
		s->unfinished = 0;
		s->retry_until = now + (e->retry_after > POLLSTATE_MAX_RETRY ?
		    POLLSTATE_MAX_RETRY : clamp_span(e->retry_after));
		s->next_due = max64(s->next_due, s->retry_until);
		break;
	case E_DISABLE:
		s->unfinished = 0;
		s->backoff = 0;
		s->retry_until = 0;
		s->last_poll = now;
		break;
	case E_UNFINISHED:
		fail(s, now);
		if (s->unfinished < 1000000)
			s->unfinished++;
		break;
	case E_RELEASE:
		clear(s);
		s->next_due = now;
		break;
	case E_QUARANTINE:
		s->last_poll = now;
		s->next_due = now + jittered(pol->interval, pol->jitter);
		break;
	}
}

static const struct rule *
rule_for(enum pollstate_state st, enum pollstate_ev ev)
{
	if ((unsigned)st >= POLLSTATE_NSTATES || (unsigned)ev >= POLLSTATE_NEVENTS)
		return NULL;
	return &pollstate_table[st][ev];
}

int
pollstate_accepts(const struct pollstate *s, enum pollstate_ev ev, int64_t now)
{
	const struct rule *r = rule_for(s->state, ev);

	if (r == NULL || r->effect == E_IGNORE)
		return 0;
	return r->effect != E_START_ONCE || once_allowed(s, now);
}

int
pollstate_apply(struct pollstate *s, const struct pollstate_event *e,
    const struct pollstate_policy *pol, int64_t now, int *health_changed)
{
	const struct rule *r = rule_for(s->state, e->ev);
	enum store_health before = s->health;

	if (health_changed != NULL)
		*health_changed = 0;
	if (!pollstate_accepts(s, e->ev, now))
		return 0;
	effect(s, r->effect, e, pol, now);
	if (r->health == H_EVENT)
		s->health = e->health;
	else if (r->health != H_KEEP)
		s->health = (enum store_health)r->health;
	s->state = r->next;
	if (r->effect == E_ABANDON)
		s->state = resting(s);
	if (r->effect == E_UNFINISHED && s->unfinished >= POLLSTATE_POISON_AFTER) {
		s->state = POLLSTATE_POISONED;
		s->health = STORE_HEALTH_POISONED;
	}
	if (health_changed != NULL)
		*health_changed = s->health != before;
	return 1;
}

int
pollstate_in_round(const struct pollstate *s)
{
	return s->state == POLLSTATE_FETCHING || s->state == POLLSTATE_READING ||
	    s->state == POLLSTATE_PROBING;
}

void
pollstate_precommit(const struct pollstate *s, const struct pollstate_policy *pol,
    int64_t now, struct pollstate *out)
{
	const struct pollstate_event e = { POLLSTATE_EV_UNFINISHED, STORE_HEALTH_FAILING, -1, -1, 0 };

	*out = *s;
	pollstate_apply(out, &e, pol, now, NULL);
}

/* ---- answers ---- */

#define ANY (-1)

/* By status, first match wins; retry_after and challenge: 1 present,
 * 0 absent, ANY either. */
static const struct {
	long status;
	int retry_after;
	int challenge;
	enum pollstate_ev ev;
	enum store_health health;
} pollstate_statuses[] = {
	{ HTTP_STATUS_OK, ANY, ANY, POLLSTATE_EV_READ, STORE_HEALTH_OK },
	{ 304, ANY, ANY, POLLSTATE_EV_NOT_MODIFIED, STORE_HEALTH_OK },
	{ 403, ANY, ANY, POLLSTATE_EV_WALL, STORE_HEALTH_BLOCKED },
	{ 410, ANY, ANY, POLLSTATE_EV_GONE, STORE_HEALTH_GONE },
	{ 429, 1, ANY, POLLSTATE_EV_RETRY_AFTER, STORE_HEALTH_THROTTLED },
	{ 429, 0, ANY, POLLSTATE_EV_FAILED, STORE_HEALTH_THROTTLED },
	{ 503, 1, ANY, POLLSTATE_EV_RETRY_AFTER, STORE_HEALTH_THROTTLED },
	{ 503, 0, 1, POLLSTATE_EV_WALL, STORE_HEALTH_BLOCKED },
};

enum pollstate_ev
pollstate_judge(const struct pollstate_answer *a, enum store_health *health)
{
	int ra = a->retry_after >= 0, ch = a->challenge != 0;

	if (a->refused) {
		*health = STORE_HEALTH_REFUSED;
		return POLLSTATE_EV_REFUSED;
	}
	if (!a->transport_error)
		for (size_t i = 0; i < sizeof(pollstate_statuses) / sizeof(pollstate_statuses[0]);
		    i++) {
			if (pollstate_statuses[i].status != a->status ||
			    (pollstate_statuses[i].retry_after != ANY &&
			    pollstate_statuses[i].retry_after != ra) ||
			    (pollstate_statuses[i].challenge != ANY &&
			    pollstate_statuses[i].challenge != ch))
				continue;
			*health = pollstate_statuses[i].health;
			return pollstate_statuses[i].ev;
		}
	/* No answer, and every other status. */
	*health = STORE_HEALTH_FAILING;
	return POLLSTATE_EV_FAILED;
}

/* ---- the stored row ---- */

void
pollstate_from_row(struct pollstate *s, const struct store_source *row)
{
	memset(s, 0, sizeof(*s));
	s->health = row->health;
	s->failures = row->failures;
	s->backoff = row->backoff;
	s->next_due = row->next_due;
	s->retry_until = row->retry_until;
	s->last_poll = row->last_poll;
	s->last_ok = row->last_ok;
	s->unfinished = row->unfinished;
	if (s->unfinished >= POLLSTATE_POISON_AFTER)
		s->health = STORE_HEALTH_POISONED;
	else if (s->unfinished > 0)
		s->health = STORE_HEALTH_FAILING;
	s->state = row->disabled ? POLLSTATE_GONE : resting(s);
}

void
pollstate_to_row(const struct pollstate *s, struct store_source *row)
{
	row->health = s->health;
	row->failures = s->failures;
	row->backoff = s->backoff;
	row->next_due = s->next_due;
	row->retry_until = s->retry_until;
	row->last_poll = s->last_poll;
	row->last_ok = s->last_ok;
	row->unfinished = s->unfinished;
	row->disabled = s->state == POLLSTATE_GONE;
}

/* ---- names ---- */

static const char *const pollstate_state_names[POLLSTATE_NSTATES] = {
	"waiting", "fetching", "reading", "backoff", "blocked", "throttled", "gone", "poisoned",
	"probing",
};

static const char *const pollstate_ev_names[POLLSTATE_NEVENTS] = {
	"due", "once", "read", "not modified", "done", "failed", "wall", "retry after", "gone",
	"cancelled", "unfinished", "changed", "reset", "refused",
};

const char *
pollstate_state_name(enum pollstate_state st)
{
	return (unsigned)st < POLLSTATE_NSTATES ? pollstate_state_names[st] : "unknown";
}

const char *
pollstate_ev_name(enum pollstate_ev ev)
{
	return (unsigned)ev < POLLSTATE_NEVENTS ? pollstate_ev_names[ev] : "unknown";
}
