/*
 * poller — drives each source through its state machine (pollstate.c, the
 * one table of transitions) on the daemon's loop: a timer's DUE (or `once`)
 * starts a round, which reads the source's stored row once; the feed's
 * answer is judged into an event (pollstate_judge, then the body); a feed
 * that parsed goes to poller_items.c, which reads its new releases; the
 * round's end applies the verdict, writes the row back and sets the timer.
 *
 * Scheduling uses libevent timers (monotonic); the stored next-due times
 * are wall-clock seconds so a restart resumes the schedule instead of
 * polling everything at once.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/event.h>

#include "rightswatch/crashpoint.h"
#include "rightswatch/config_types.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/extract.h"
#include "rightswatch/feed.h"
#include "rightswatch/hash.h"
#include "rightswatch/http.h"
#include "rightswatch/log.h"
#include "rightswatch/logonce.h"
#include "rightswatch/metrics.h"
#include "rightswatch/page.h"
#include "rightswatch/poller.h"
#include "rightswatch/url_policy.h"
#include "poller_int.h"

#include "rightswatch/pollstate.h"
#include "rightswatch/store.h"

/* Sources polled at start-up are spread over this many seconds. */
#define POLLER_START_SPREAD 5

static void poller_source_poll(struct poller_source *ps);
static void poller_check_idle(struct poller *p);
static void poller_feed_done_cb(struct http_response *res, void *arg);

static void poller_source_finish(struct poller_source *ps);

/* Wall-clock seconds, the unit of stored times. */
static int64_t
poller_now(void)
{
	return (int64_t)time(NULL);
}

/* Uniform in [-1, 1], for interval jitter (xorshift; quality is irrelevant). */
static double
poller_jitter(struct poller *p)
{
	p->rng ^= p->rng << 13;
	p->rng ^= p->rng >> 17;
	p->rng ^= p->rng << 5;
	return (double)(p->rng % 20001) / 10000.0 - 1.0;
}

static void
poller_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct poller_source *ps = arg;

	(void)fd, (void)what;
	if (!ps->p->stopped && ps->cs != NULL && !pollstate_in_round(&ps->st))
		poller_source_poll(ps);
}

static void
poller_schedule(struct poller_source *ps, int64_t delay)
{
	struct timeval tv;

	if (delay < 0)
		delay = 0;
	tv.tv_sec = (time_t)delay;
	tv.tv_usec = 0;
	evtimer_add(ps->timer, &tv);
}

/* The source's URL policies for cs (url_policy.h); on out of memory the
 * ones it had stay. 0 or -1. */
static int
poller_source_policies(struct poller_source *ps, const struct config_source *cs)
{
	struct url_policy *feed, *page;

	feed = url_policy_new(URL_HOP_FEED, cs->url, cs->page_hosts.v, cs->page_hosts.n,
	    cs->allow_private);
	page = url_policy_new(URL_HOP_PAGE, cs->url, cs->page_hosts.v, cs->page_hosts.n,
	    cs->allow_private);
	if (feed == NULL || page == NULL) {
		url_policy_free(feed);
		url_policy_free(page);
		return -1;
	}
	url_policy_free(ps->feed_policy);
	url_policy_free(ps->page_policy);
	ps->feed_policy = feed;
	ps->page_policy = page;
	return 0;
}

static struct poller_source *
poller_source_new(struct poller *p, const struct config_source *cs)
{
	struct poller_source *ps;

	if ((ps = calloc(1, sizeof(*ps))) == NULL)
		return NULL;
	ps->p = p;
	ps->cs = cs;
	if ((ps->name = strdup(cs->name)) == NULL || poller_source_policies(ps, cs) == -1 ||
	    (ps->timer = evtimer_new(p->base, poller_timer_cb, ps)) == NULL) {
		url_policy_free(ps->feed_policy);
		url_policy_free(ps->page_policy);
		free(ps->name);
		free(ps);
		return NULL;
	}
	return ps;
}

static void
poller_source_free(struct poller_source *ps)
{
	if (ps == NULL)
		return;
	if (ps->timer != NULL)
		event_free(ps->timer);
	poller_source_forget(ps);
	poller_items_drop(ps);
	poller_stream_drop(ps);
	store_source_clear(&ps->row);
	url_policy_free(ps->feed_policy);
	url_policy_free(ps->page_policy);
	free(ps->polled_url);
	free(ps->name);
	free(ps);
}

struct poller *
poller_new(struct event_base *base, struct http *h, struct store *st,
    const struct config *cf, enum poller_mode mode, poller_idle_fn *idle, void *arg,
    char *err, size_t errlen)
{
	struct poller *p;

	if ((p = calloc(1, sizeof(*p))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	p->base = base;
	p->http = h;
	p->store = st;
	p->mode = mode;
	p->idle = idle;
	p->idle_arg = arg;
	p->round_done = poller_source_finish;
	if ((p->skips = logonce_new()) == NULL) {
		snprintf(err, errlen, "out of memory");
		free(p);
		return NULL;
	}
	p->rng = (unsigned)time(NULL) ^ 0x9e3779b9u;
	if (p->rng == 0)
		p->rng = 1;
	if (poller_reconfigure(p, cf, err, errlen) == -1) {
		poller_free(p);
		return NULL;
	}
	return p;
}

/* Free the sources a reload removed once nothing of theirs is in flight. */
static void
poller_reconfigure_gc(struct poller *p)
{
	struct poller_source *ps, **pp;

	for (pp = &p->sources; *pp != NULL;) {
		ps = *pp;
		if (ps->cs == NULL && !pollstate_in_round(&ps->st) && ps->pages == 0) {
			*pp = ps->next;
			log_info("source %s removed", ps->name);
			poller_source_free(ps);
		} else
			pp = &ps->next;
	}
}

/* Report the source as not polled, for why. */
static void
poller_skipped(struct poller_source *ps, const char *why)
{
	ps->rep.outcome = POLLER_SKIPPED;
	snprintf(ps->rep.why, sizeof(ps->rep.why), "%s", why);
}

/* When a source first runs: its stored next-due time, or soon (spread);
 * never when it is gone, nor, for `once` without --force, while it must
 * wait (Retry-After, backoff, a quarantined source's next probe). */
static void
poller_source_schedule_initial(struct poller_source *ps)
{
	struct poller *p = ps->p;
	struct store_source st;
	int64_t now = poller_now(), delay = 0;
	int r;

	r = store_source_get(p->store, ps->name, &st);
	if (r == -1)
		log_warnx("source %s: reading its state: %s", ps->name, store_errmsg(p->store));
	if (r == 1) {
		/* Items refer to their source's row: store it before the first poll. */
		st.name = strdup(ps->name);
		st.url = strdup(ps->cs->url);
		st.health = STORE_HEALTH_NEW;
		if (st.name == NULL || st.url == NULL || poller_put_lazy(p->store, &st) == -1)
			log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(p->store));
	}
	pollstate_from_row(&ps->st, &st);
	if (ps->st.state == POLLSTATE_POISONED)
		log_warnx("source %s: quarantined (poisoned): %d rounds in a row never finished; "
		    "its feed is read again only when it changes, or after `rightswatch source "
		    "reset %s`", ps->name, st.unfinished, ps->name);
	else if (st.unfinished > 0)
		log_warnx("source %s: its last round never finished (%d in a row; the daemon "
		    "stopped or hung in it): backing off", ps->name, st.unfinished);
	/* What the row says once read as a resting state (failing, poisoned)
	 * is what `status` shows from now on. */
	if (r == 0 && st.health != ps->st.health) {
		st.health = ps->st.health;
		if (store_source_put(p->store, &st) == -1)
			log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(p->store));
	}
	if (ps->st.state == POLLSTATE_GONE) {
		/* A 410 is an answer: the source is gone, not failing. */
		log_warnx("source %s: disabled (the server said the feed is gone); remove it or "
		    "change its url", ps->name);
		ps->once_done = 1;
		poller_skipped(ps, "gone (410): disabled");
	} else if (p->mode == POLLER_ONCE && !p->force &&
	    !pollstate_accepts(&ps->st, POLLSTATE_EV_ONCE, now)) {
		char until[32];

		/* Not a failure: waiting is what it should do (--force does not). */
		snprintf(ps->rep.why, sizeof(ps->rep.why), "%s until %s",
		    st.retry_until > now ? "the server asked to wait" :
		    ps->st.state == POLLSTATE_POISONED ? "quarantined, not probed again" :
		    "backing off after errors",
		    date_format_rfc3339(st.retry_until > now ? st.retry_until :
		    st.last_poll + st.backoff, until));
		log_info("source %s: not polled now: %s", ps->name, ps->rep.why);
		ps->rep.outcome = POLLER_SKIPPED;
		ps->once_done = 1;
	} else {
		/* The daemon spreads its first polls (no burst at every start);
		 * `once` is asked for one pass now: max_parallel and per_host
		 * bound it already. */
		if (p->mode == POLLER_ONCE)
			delay = 0;
		else if (r == 0 && st.next_due > now)
			delay = st.next_due - now;
		else
			delay = (int64_t)((poller_jitter(p) + 1.0) * POLLER_START_SPREAD / 2);
		poller_schedule(ps, delay);
	}
	store_source_clear(&st);
}

int
poller_reconfigure(struct poller *p, const struct config *cf, char *err, size_t errlen)
{
	struct extract_taxonomy *tx;
	struct poller_source *ps, *fresh = NULL;

	if ((tx = extract_taxonomy_new(cf)) == NULL) {
		snprintf(err, errlen, "cannot build the indicator taxonomy");
		return -1;
	}
	/* Build the new sources first, so failing leaves everything as it was. */
	for (size_t i = 0; i < cf->nsources; i++) {
		for (ps = p->sources; ps != NULL; ps = ps->next)
			if (strcmp(ps->name, cf->sources[i].name) == 0)
				break;
		if (ps != NULL)
			continue;
		if ((ps = poller_source_new(p, &cf->sources[i])) == NULL) {
			while ((ps = fresh) != NULL) {
				fresh = ps->next;
				poller_source_free(ps);
			}
			extract_taxonomy_free(tx);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		ps->next = fresh;
		fresh = ps;
	}
	/* Point every existing source at the new configuration, or mark it removed. */
	for (ps = p->sources; ps != NULL; ps = ps->next) {
		const struct config_source *cs = NULL;

		for (size_t i = 0; i < cf->nsources; i++)
			if (strcmp(ps->name, cf->sources[i].name) == 0)
				cs = &cf->sources[i];
		ps->cs = cs;
		if (cs == NULL)
			evtimer_del(ps->timer);
		else if (poller_source_policies(ps, cs) == -1)
			log_warnx("source %s: out of memory: its URL policy stays as it was", ps->name);
		/* Its stored row may have changed (`rightswatch source reset`). */
		if (cs != NULL && p->started && !pollstate_in_round(&ps->st)) {
			evtimer_del(ps->timer);
			poller_source_schedule_initial(ps);
		}
	}
	poller_reconfigure_gc(p);
	extract_taxonomy_free(p->tx);
	p->tx = tx;
	p->cf = cf;
	/* New sources join; when the poller runs already they start now. */
	while ((ps = fresh) != NULL) {
		fresh = ps->next;
		ps->next = p->sources;
		p->sources = ps;
		if (p->started)
			poller_source_schedule_initial(ps);
	}
	return 0;
}

int
poller_start(struct poller *p)
{
	struct poller_source *ps;

	p->started = 1;
	for (ps = p->sources; ps != NULL; ps = ps->next)
		poller_source_schedule_initial(ps);
	if (p->mode == POLLER_ONCE)
		poller_check_idle(p);
	return 0;
}

void
poller_stop(struct poller *p)
{
	struct poller_source *ps;

	p->stopped = 1;
	for (ps = p->sources; ps != NULL; ps = ps->next)
		evtimer_del(ps->timer);
}

void
poller_set_alert_hook(struct poller *p, poller_alert_fn *fn, void *arg)
{
	p->alert_hook = fn;
	p->alert_arg = arg;
}

void
poller_set_options(struct poller *p, int alert_backlog, int force)
{
	p->alert_backlog = alert_backlog;
	p->force = force;
}

const struct poller_report *
poller_reports(struct poller *p, size_t *n)
{
	struct poller_report *v;
	size_t k = 0;

	*n = 0;
	if (p->cf == NULL || (v = realloc(p->reports, (p->cf->nsources + 1) * sizeof(*v))) == NULL)
		return NULL;
	p->reports = v;
	/* In the configuration's order (the list is newest first). */
	for (size_t i = 0; i < p->cf->nsources; i++)
		for (struct poller_source *ps = p->sources; ps != NULL; ps = ps->next)
			if (ps->cs == &p->cf->sources[i]) {
				v[k] = ps->rep;
				snprintf(v[k].name, sizeof(v[k].name), "%s", ps->name);
				k++;
				break;
			}
	*n = k;
	return v;
}

void
poller_set_metrics(struct poller *p, struct metrics *m)
{
	p->metrics = m;
}

size_t
poller_busy(const struct poller *p)
{
	return p->busy;
}

size_t
poller_failures(const struct poller *p)
{
	return p->failures;
}

void
poller_free(struct poller *p)
{
	struct poller_source *ps;

	if (p == NULL)
		return;
	while ((ps = p->sources) != NULL) {
		p->sources = ps->next;
		poller_source_free(ps);
	}
	poller_fetches_trim(p, 1);
	extract_taxonomy_free(p->tx);
	free(p->reports);
	logonce_free(p->skips);
	free(p);
}

static void
poller_check_idle(struct poller *p)
{
	struct poller_source *ps;

	if (!p->started)
		return;
	if (p->stopped) {
		if (p->busy == 0 && p->idle != NULL)
			p->idle(p->idle_arg);
		return;
	}
	if (p->mode != POLLER_ONCE) {
		/* A round of polls ended: the daemon refreshes its status. */
		if (p->busy == 0 && p->idle != NULL)
			p->idle(p->idle_arg);
		return;
	}
	/* Only when nothing is in flight is the walk over the sources worth
	 * making: done at every poll's end, it made `once` quadratic. */
	if (p->busy != 0 || p->idle == NULL)
		return;
	for (ps = p->sources; ps != NULL; ps = ps->next)
		if (!ps->once_done && ps->cs != NULL)
			return;
	p->idle(p->idle_arg);
}


/* A 200's body is about to be read: a probe of a quarantined source goes
 * on only when the bytes differ from those of the round that never
 * finished; the body's hash is stored before the parser sees it (a round
 * that streamed its feed, which only one after a finished round does,
 * stores it once the bytes are in). 1 to read it, 0 when the round's
 * verdict is set already. */
static int
poller_body_gate(struct poller_source *ps, const struct http_response *res,
    const struct poller_body *b)
{
	struct pollstate_event changed = { POLLSTATE_EV_CHANGED, STORE_HEALTH_NEW, -1, -1, 0 };
	struct pollstate_policy pol = { ps->cs->interval, 0.0 };
	const char *hash = b->hash;

	if (ps->st.state == POLLSTATE_PROBING) {
		if (ps->row.body_hash != NULL && strcmp(ps->row.body_hash, hash) == 0) {
			poller_verdict(ps, POLLSTATE_EV_NOT_MODIFIED, STORE_HEALTH_POISONED,
			    "%ld, quarantined: the same bytes as the rounds that never finished",
			    res->status);
			return 0;
		}
		pollstate_apply(&ps->st, &changed, &pol, poller_now(), NULL);
		log_info("source %s: its feed changed: out of quarantine", ps->name);
	}
	/* Lazy: it guards against a crash of the process in the parser; the
	 * round's own commit makes it durable. */
	if (poller_hash_lazy(ps->p->store, ps->name, hash) == -1)
		log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(ps->p->store));
	/* (A streamed body met the crash point when its first bytes came.) */
	if (!b->streamed)
		crashpoint("before_feed_parse");
	return 1;
}

/* Start a round: the stored row is read once here and kept until its end. */
static void
poller_source_poll(struct poller_source *ps)
{
	struct poller *p = ps->p;
	/* --force makes a once run's poll due, whatever the backoff. */
	struct pollstate_event start = { p->mode == POLLER_ONCE && !p->force ?
	    POLLSTATE_EV_ONCE : POLLSTATE_EV_DUE, STORE_HEALTH_OK, -1, -1, 0 };
	struct pollstate_policy pol = { ps->cs->interval, 0.0 };
	struct http_request req;
	struct pollstate rest;
	int64_t now = poller_now();
	int r;

	store_source_clear(&ps->row);
	r = store_source_get(p->store, ps->name, &ps->row);
	if (r == -1)
		log_warnx("source %s: reading its state: %s", ps->name, store_errmsg(p->store));
	if (r == 0)
		pollstate_from_row(&ps->st, &ps->row);
	rest = ps->st;
	if (!pollstate_apply(&ps->st, &start, &pol, now, NULL)) {
		/* gone since it was scheduled */
		ps->once_done = 1;
		poller_check_idle(p);
		return;
	}
	poller_precommit(ps, &rest, &pol, now);
	memset(&ps->verdict, 0, sizeof(ps->verdict));
	memset(&ps->rep, 0, sizeof(ps->rep));
	/* A source never read before reads its history without alerting. */
	ps->catching_up = ps->cs->catch_up && !p->alert_backlog &&
	    (r != 0 || ps->row.caught_up == 0);
	ps->verdict.retry_after = -1;
	ps->verdict.max_age = -1;
	ps->page_failed = 0;
	ps->skipped = 0;
	poller_request(p, &req, ps->cs->url, ps->cs->type == CONFIG_TYPE_HTML ?
	    POLLER_ACCEPT_HTML : POLLER_ACCEPT_FEED);
	req.policy = ps->feed_policy;
	/* Validators belong to the URL they came from: a changed url forgets
	 * them. A probe asks for the whole body, to compare its bytes. */
	if (r == 0 && ps->row.url != NULL && strcmp(ps->row.url, ps->cs->url) == 0) {
		if (ps->row.current_url != NULL)
			req.url = ps->row.current_url;
		if (ps->st.state != POLLSTATE_PROBING) {
			req.etag = ps->row.etag;
			req.last_modified = ps->row.last_modified;
		}
	}
	free(ps->polled_url);
	ps->polled_url = strdup(ps->cs->url);
	poller_stream_setup(ps, &req);
	log_debug("source %s: polling", ps->name);
	metrics_poll(p->metrics, ps->name);
	if (http_get(p->http, &req, poller_feed_done_cb, ps) == -1) {
		poller_verdict(ps, POLLSTATE_EV_FAILED, STORE_HEALTH_FAILING,
		    "could not start the transfer");
		poller_source_finish(ps);
		return;
	}
	p->busy++;
}

/* Judge a feed's answer (its status by pollstate's table, then its body),
 * and keep what the round's end needs. */
static void
poller_feed_done_cb(struct http_response *res, void *arg)
{
	struct poller_source *ps = arg;
	struct poller *p = ps->p;
	const struct config_source *cs = ps->cs;
	struct pollstate_answer ans;
	enum store_health health;
	enum pollstate_ev ev;
	char esc[300];
	const char *url;
	int64_t now = poller_now();
	int same_url;

	crashpoint_hang("hang_after_poll");
	p->busy--;
	poller_count(p, "feed", res);
	if (res->error == HTTP_ERR_CANCELLED || cs == NULL) {
		struct pollstate_event cancel = { POLLSTATE_EV_CANCELLED, STORE_HEALTH_OK, -1, -1, 0 };
		struct pollstate_policy pol = { 0, 0.0 };

		pollstate_apply(&ps->st, &cancel, &pol, now, NULL);
		poller_stream_drop(ps);
		if (cs != NULL)
			poller_row_restore(ps);
		store_source_clear(&ps->row);
		ps->once_done = 1;
		if (cs == NULL)
			poller_reconfigure_gc(p);
		poller_check_idle(p);
		return;
	}
	/* Links resolve against the configured URL, never against where a
	 * redirect led: the policy's own host is the configured one too. */
	url = cs->url;
	memset(&ans, 0, sizeof(ans));
	ans.refused = res->error == HTTP_ERR_REFUSED;
	ans.transport_error = res->error != HTTP_OK;
	ans.status = res->status;
	ans.retry_after = http_retry_after(res->retry_after, now);
	/* Whether an error page is a bot wall's challenge (a 200's body is
	 * looked at when it is read). */
	ans.challenge = !ans.transport_error && res->status >= 400 &&
	    poller_is_challenge(res->body, res->len);
	ps->verdict.retry_after = ans.retry_after;
	ps->verdict.max_age = http_max_age(res->cache_control);
	if (!ans.transport_error && (res->first_status == 301 || res->first_status == 308) &&
	    (ps->row.current_url == NULL || res->effective_url == NULL ||
	    strcmp(ps->row.current_url, res->effective_url) != 0))
		log_info("source %s: moved permanently to %s", ps->name,
		    escape_logs(esc, sizeof(esc), res->effective_url));
	switch ((ev = pollstate_judge(&ans, &health))) {
	case POLLSTATE_EV_READ: {
		struct poller_body b;

		poller_stream_body(ps, res, &b);
		if (poller_body_gate(ps, res, &b))
			poller_read_body(ps, res, &b, url);
		break;
	}
	case POLLSTATE_EV_NOT_MODIFIED:
		poller_verdict(ps, ev, health, "%ld not modified", res->status);
		break;
	case POLLSTATE_EV_GONE:
		poller_verdict(ps, ev, health, "%ld gone: source disabled", res->status);
		break;
	case POLLSTATE_EV_RETRY_AFTER:
		/* What the schedule will honour, said as such: a server's
		 * absurd wait is capped (POLLSTATE_MAX_RETRY). */
		if (ans.retry_after > POLLSTATE_MAX_RETRY)
			poller_verdict(ps, ev, health, "%ld, retry after %lld s (the server asked "
			    "%lld s; capped at %d days)", res->status, (long long)POLLSTATE_MAX_RETRY,
			    (long long)ans.retry_after, POLLSTATE_MAX_RETRY / 86400);
		else
			poller_verdict(ps, ev, health, "%ld, retry after %lld s", res->status,
			    (long long)ans.retry_after);
		break;
	case POLLSTATE_EV_WALL:
		poller_verdict(ps, ev, health, "%ld, a challenge page", res->status);
		break;
	case POLLSTATE_EV_REFUSED:
		poller_verdict(ps, ev, health, "%s", res->errmsg);
		break;
	default:
		if (ans.transport_error)
			poller_verdict(ps, ev, health, "%s", res->errmsg);
		else
			poller_verdict(ps, ev, health, "HTTP status %ld", res->status);
		break;
	}
	poller_source_forget(ps);
	poller_stream_drop(ps);
	/* A reload that changed the source's url while this answer was on its
	 * way: its validators and redirect belong to the old url. */
	same_url = ps->polled_url != NULL && strcmp(ps->polled_url, cs->url) == 0;
	if (same_url && ps->st.state == POLLSTATE_READING) {
		ps->etag = res->etag != NULL ? strdup(res->etag) : NULL;
		ps->last_modified = res->last_modified != NULL ? strdup(res->last_modified) : NULL;
	}
	if (same_url && !ans.transport_error &&
	    (res->first_status == 301 || res->first_status == 308) && res->effective_url != NULL)
		ps->moved_to = strdup(res->effective_url);
	if (ps->pages == 0)
		poller_source_finish(ps);
}

/* One line for the releases of a round the URL policy refused, at
 * warning when it is news for the source, else at debug. */
static void
poller_log_skips(struct poller_source *ps)
{
	char line[sizeof(ps->skip_first) + 96];

	if (ps->skipped == 0) {
		logonce_ok(ps->p->skips, ps->name);
		return;
	}
	snprintf(line, sizeof(line), "%zu release%s not fetched (the URL policy refuses %s); "
	    "the first: %s", ps->skipped, ps->skipped == 1 ? "" : "s",
	    ps->skipped == 1 ? "it" : "them", ps->skip_first);
	(logonce_fail(ps->p->skips, ps->name, line) != 0 ? log_warnx : log_debug)(
	    "source %s: %s", ps->name, line);
}

/* What the round came to, for the summary; a catch-up that read the feed
 * is over (stored with the row) and says what it read. */
static void
poller_round_report(struct poller_source *ps, int64_t now)
{
	struct poller_report *rep = &ps->rep;

	switch (ps->st.state) {
	case POLLSTATE_READING:
		rep->outcome = POLLER_READ;
		snprintf(rep->why, sizeof(rep->why), "%s", ps->summary);
		break;
	case POLLSTATE_FETCHING:
		rep->outcome = ps->verdict.ev == POLLSTATE_EV_NOT_MODIFIED ? POLLER_NOT_MODIFIED :
		    POLLER_FAILED;
		snprintf(rep->why, sizeof(rep->why), "%s", ps->summary);
		break;
	default:
		break;
	}
	if (!ps->catching_up || ps->st.state != POLLSTATE_READING)
		return;
	rep->caught_up = 1;
	ps->row.caught_up = now;
	log_info("source %s: caught up: %zu release%s, %zu figure%s (its first read raises "
	    "no alert)", ps->name, rep->new_releases + rep->revised_releases,
	    rep->new_releases + rep->revised_releases == 1 ? "" : "s", rep->figures,
	    rep->figures == 1 ? "" : "s");
}

/* The round is over: apply its verdict (DONE when its releases were
 * read), write the row back, log a change of health once, and schedule
 * the next poll. */
static void
poller_source_finish(struct poller_source *ps)
{
	struct poller *p = ps->p;
	struct pollstate_event ev = ps->verdict;
	struct pollstate_policy pol;
	int64_t now = poller_now();
	int changed = 0, failed, read;
	char esc[300];

	if (ps->cs == NULL) {
		ev.ev = POLLSTATE_EV_CANCELLED;
		pol.interval = 0;
		pol.jitter = 0.0;
		pollstate_apply(&ps->st, &ev, &pol, now, NULL);
		poller_items_drop(ps);
		store_source_clear(&ps->row);
		poller_reconfigure_gc(p);
		poller_check_idle(p);
		return;
	}
	/* A round that read the feed writes all it learnt in one transaction,
	 * opened here and committed with the row (poller_row.c). */
	if ((read = ps->st.state == POLLSTATE_READING))
		poller_round_begin(ps);
	poller_row_update(ps);
	poller_round_report(ps, now);
	if (read)
		ev.ev = POLLSTATE_EV_DONE;
	pol.interval = ps->cs->interval;
	pol.jitter = poller_jitter(p);
	pollstate_apply(&ps->st, &ev, &pol, now, &changed);
	pollstate_to_row(&ps->st, &ps->row);
	failed = ps->st.health != STORE_HEALTH_OK;
	/* The summary may hold a server's or a parser's words. */
	escape_logs(esc, sizeof(esc), ps->summary);
	if (changed && failed)
		log_warnx("source %s: %s: %s", ps->name, store_health_name(ps->st.health), esc);
	else if (changed)
		log_info("source %s: %s (%s)", ps->name, store_health_name(ps->st.health), esc);
	else
		log_debug("source %s: %s (%s)", ps->name, store_health_name(ps->st.health), esc);
	if (ps->page_failed && !failed)
		log_info("source %s: some releases could not be read; they are retried at the "
		    "next poll", ps->name);
	poller_log_skips(ps);
	poller_round_end(ps, read);
	store_source_clear(&ps->row);
	/* What polls commit lazily reaches the disk within POLLER_SYNC_AGE
	 * while polls go on, and as soon as none is in flight: a power cut
	 * costs at most those seconds of polls, done again. */
	if (store_sync(p->store, p->busy == 0 ? 0 : POLLER_SYNC_AGE) == -1)
		log_warnx("syncing the state file: %s", store_errmsg(p->store));
	/* The pages of the revisions emptied go back to the file system once
	 * nothing is in flight (a vacuum is a commit, and a sync, of its own:
	 * not one per source). */
	if (p->busy == 0 && store_reclaim(p->store) == -1)
		log_warnx("reclaiming space: %s", store_errmsg(p->store));
	/* A round of polls is over when nothing is in flight. */
	poller_fetches_trim(p, p->busy == 0);
	if (p->mode == POLLER_ONCE) {
		ps->once_done = 1;
		if (failed || ps->page_failed) {
			ps->once_failed = 1;
			p->failures++;
		}
	} else if (!p->stopped && pollstate_accepts(&ps->st, POLLSTATE_EV_DUE, now)) {
		poller_schedule(ps, ps->st.next_due - now);
	}
	poller_check_idle(p);
}
