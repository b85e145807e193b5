/*
 * poller — the per-source state machine of the daemon:
 *
 *   IDLE --due/once--> FEED --response--> (judge, parse, record items)
 *        --release pages to read--> PAGES --all answered--> IDLE (scheduled)
 *
 * Transitions happen only in poller_source_poll, poller_feed_done,
 * poller_page_done (poller_items.c) and poller_source_finish. Scheduling uses libevent
 * timers (monotonic); the stored next-due times are wall-clock seconds so a
 * restart resumes the schedule instead of polling everything at once.
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
#include "rightswatch/http.h"
#include "rightswatch/log.h"
#include "rightswatch/metrics.h"
#include "rightswatch/page.h"
#include "rightswatch/poller.h"
#include "poller_int.h"

/* Sources polled at start-up are spread over this many seconds. */
#define POLLER_START_SPREAD 5
#include "rightswatch/sched.h"
#include "rightswatch/store.h"

static void poller_source_poll(struct poller_source *ps);
static void poller_check_idle(struct poller *p);
static void poller_feed_done_cb(struct http_response *res, void *arg);

static void poller_source_finish(struct poller_source *ps);
static void poller_outcome(struct poller_source *ps, enum store_health health,
    const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

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
	if (!ps->p->stopped && ps->cs != NULL && ps->state == PS_IDLE)
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

static struct poller_source *
poller_source_new(struct poller *p, const struct config_source *cs)
{
	struct poller_source *ps;

	if ((ps = calloc(1, sizeof(*ps))) == NULL)
		return NULL;
	ps->p = p;
	ps->cs = cs;
	if ((ps->name = strdup(cs->name)) == NULL ||
	    (ps->timer = evtimer_new(p->base, poller_timer_cb, ps)) == NULL) {
		free(ps->name);
		free(ps);
		return NULL;
	}
	return ps;
}

/* Drop what the last round stashed for poller_source_finish. */
static void
poller_source_forget(struct poller_source *ps)
{
	free(ps->etag);
	free(ps->last_modified);
	free(ps->moved_to);
	ps->etag = ps->last_modified = ps->moved_to = NULL;
}

static void
poller_source_free(struct poller_source *ps)
{
	if (ps == NULL)
		return;
	if (ps->timer != NULL)
		event_free(ps->timer);
	poller_source_forget(ps);
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
		if (ps->cs == NULL && ps->state == PS_IDLE && ps->pages == 0) {
			*pp = ps->next;
			log_info("source %s removed", ps->name);
			poller_source_free(ps);
		} else
			pp = &ps->next;
	}
}

/* When a source first runs: its stored next-due time, or soon (spread). */
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
		if (st.name == NULL || st.url == NULL ||
		    store_source_put(p->store, &st) == -1)
			log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(p->store));
		store_source_clear(&st);
	}
	if (r == 0 && st.disabled) {
		/* A 410 is an answer: the source is gone, not failing. */
		log_warnx("source %s: disabled (the server said the feed is gone); remove it or "
		    "change its url", ps->name);
		ps->once_done = 1;
		store_source_clear(&st);
		return;
	}
	if (p->mode == POLLER_ONCE) {
		if (r == 0 && !sched_once_may_poll(&st, now)) {
			char until[32];

			log_info("source %s: not polled now: %s until %s", ps->name,
			    st.retry_until > now ? "the server asked to wait" : "backing off after errors",
			    date_format_rfc3339(st.retry_until > now ? st.retry_until :
			    st.last_poll + st.backoff, until));
			ps->once_done = 1;
			ps->once_failed = 1;
			p->failures++;
			store_source_clear(&st);
			return;
		}
	} else if (r == 0 && st.next_due > now) {
		delay = st.next_due - now;
	} else {
		delay = (int64_t)((poller_jitter(p) + 1.0) * POLLER_START_SPREAD / 2);
	}
	if (r == 0)
		store_source_clear(&st);
	poller_schedule(ps, delay);
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
	extract_taxonomy_free(p->tx);
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
	for (ps = p->sources; ps != NULL; ps = ps->next)
		if (!ps->once_done && ps->cs != NULL)
			return;
	if (p->busy == 0 && p->idle != NULL)
		p->idle(p->idle_arg);
}

/* Does an HTML answer look like a bot wall's challenge rather than content? */
static int
poller_is_challenge(const char *body, size_t len)
{
	static const char *const marks[] = {
		"captcha", "challenge", "just a moment", "cf-chl", "access denied",
		"are you a robot", "verify you are human", "enable javascript and cookies",
		"request unsuccessful", "incapsula", "attention required",
	};
	size_t n = len < 65536 ? len : 65536;

	if (body == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t ml = strlen(marks[i]);

		for (size_t j = 0; j + ml <= n; j++)
			if (strncasecmp(body + j, marks[i], ml) == 0)
				return 1;
	}
	return 0;
}

/* Set the round's health and one-line summary. */
static void
poller_outcome(struct poller_source *ps, enum store_health health, const char *fmt, ...)
{
	va_list ap;

	ps->health = health;
	va_start(ap, fmt);
	vsnprintf(ps->summary, sizeof(ps->summary), fmt, ap);
	va_end(ap);
	ps->out.health = ps->health;
	ps->out.summary = ps->summary;
}

static void
poller_source_poll(struct poller_source *ps)
{
	struct poller *p = ps->p;
	const struct config *cf = p->cf;
	struct store_source st;
	struct http_request req;
	int r;

	memset(&req, 0, sizeof(req));
	memset(&ps->out, 0, sizeof(ps->out));
	ps->out.retry_after = -1;
	ps->out.max_age = -1;
	ps->page_failed = 0;
	r = store_source_get(p->store, ps->name, &st);
	if (r == -1) {
		log_warnx("source %s: reading its state: %s", ps->name, store_errmsg(p->store));
		memset(&st, 0, sizeof(st));
	}
	/* Validators belong to the URL they came from: a changed url forgets them. */
	if (r == 0 && st.url != NULL && strcmp(st.url, ps->cs->url) == 0) {
		req.url = st.current_url != NULL ? st.current_url : ps->cs->url;
		req.etag = st.etag;
		req.last_modified = st.last_modified;
	} else
		req.url = ps->cs->url;
	req.timeout = cf->timeout;
	req.max_body = cf->max_body;
	req.accept = ps->cs->type == CONFIG_TYPE_HTML ? "text/html,application/xhtml+xml" :
	    "application/rss+xml, application/atom+xml, application/feed+json, "
	    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";
	free(ps->polled_url);
	ps->polled_url = strdup(ps->cs->url);
	ps->state = PS_FEED;
	log_debug("source %s: polling", ps->name);
	metrics_poll(p->metrics, ps->name);
	if (http_get(p->http, &req, poller_feed_done_cb, ps) == -1) {
		poller_outcome(ps, STORE_HEALTH_FAILING, "could not start the transfer");
		ps->out.transport_error = 1;
		store_source_clear(&st);
		poller_source_finish(ps);
		return;
	}
	p->busy++;
	store_source_clear(&st);
}

/* Record a parsed feed's items (poller_items.c) and sum the round up. */
static void
poller_read_items(struct poller_source *ps, const struct feed *f, const char *url, long status)
{
	size_t nnew = 0;

	if (poller_items(ps, f, url, &nnew) == -1)
		poller_outcome(ps, STORE_HEALTH_OK, "%ld, %zu items, out of memory", status,
		    f->nitems);
	else
		poller_outcome(ps, STORE_HEALTH_OK, "%ld, %zu items, %zu new", status, f->nitems,
		    nnew);
}

/* Judge a feed's answer by status and content; parse and record it. */
static void
poller_feed_done_cb(struct http_response *res, void *arg)
{
	struct poller_source *ps = arg;
	struct poller *p = ps->p;
	const struct config_source *cs = ps->cs;
	struct feed *f = NULL;
	struct store_source st;
	char err[256], esc[300], charset[64];
	const char *url;
	int64_t now = poller_now();
	int r, same_url;

	crashpoint_hang("hang_after_poll");
	p->busy--;
	poller_count(p, "feed", res);
	ps->out.status = res->status;
	ps->out.retry_after = http_retry_after(res->retry_after, now);
	ps->out.max_age = http_max_age(res->cache_control);
	if (res->error == HTTP_ERR_CANCELLED || cs == NULL) {
		ps->state = PS_IDLE;
		ps->once_done = 1;
		if (cs == NULL)
			poller_reconfigure_gc(p);
		poller_check_idle(p);
		return;
	}
	r = store_source_get(p->store, ps->name, &st);
	if (r != 0)
		memset(&st, 0, sizeof(st));
	url = res->effective_url != NULL ? res->effective_url : cs->url;
	if (res->error != HTTP_OK) {
		ps->out.transport_error = 1;
		poller_outcome(ps, STORE_HEALTH_FAILING, "%s", res->errmsg);
	} else if (res->first_status == 301 || res->first_status == 308) {
		if (st.current_url == NULL || res->effective_url == NULL ||
		    strcmp(st.current_url, res->effective_url) != 0)
			log_info("source %s: moved permanently to %s", ps->name,
			    escape_logs(esc, sizeof(esc), res->effective_url));
	}
	if (res->error != HTTP_OK) {
		/* judged above */
	} else if (res->status == 304) {
		poller_outcome(ps, STORE_HEALTH_OK, "304 not modified");
	} else if (res->status == 410) {
		poller_outcome(ps, STORE_HEALTH_GONE, "410 gone: source disabled");
	} else if ((res->status == 429 || res->status == 503) && ps->out.retry_after >= 0) {
		poller_outcome(ps, STORE_HEALTH_THROTTLED, "%ld, retry after %lld s", res->status,
		    (long long)ps->out.retry_after);
	} else if (res->status == 403 || ((res->status == 503 || res->status == 429) &&
	    poller_is_challenge(res->body, res->len))) {
		poller_outcome(ps, STORE_HEALTH_BLOCKED, "%ld, a challenge page", res->status);
	} else if (res->status != 200) {
		poller_outcome(ps, STORE_HEALTH_FAILING, "HTTP status %ld", res->status);
	} else if (feed_sniff(res->body, res->len) == FEED_SNIFF_EMPTY) {
		poller_outcome(ps, STORE_HEALTH_EMPTY, "200 with an empty body");
	} else if (cs->type == CONFIG_TYPE_HTML) {
		if (poller_is_challenge(res->body, res->len) && res->len < 32768) {
			poller_outcome(ps, STORE_HEALTH_BLOCKED, "200, a challenge page");
		} else if (page_listing(res->body, res->len,
		    http_charset(res->content_type, charset, sizeof(charset)) == 0 ? charset : NULL,
		    url, cs->links, cs->link_pattern, &f, err, sizeof(err)) == -1) {
			poller_outcome(ps, STORE_HEALTH_INVALID, "listing: %s", err);
		} else
			poller_read_items(ps, f, url, res->status);
	} else if (feed_sniff(res->body, res->len) == FEED_SNIFF_HTML) {
		poller_outcome(ps, poller_is_challenge(res->body, res->len) ?
		    STORE_HEALTH_BLOCKED : STORE_HEALTH_NOT_A_FEED, "200, an HTML page");
	} else if (feed_parse(res->body, res->len, url, &f, err, sizeof(err)) == -1) {
		poller_outcome(ps, STORE_HEALTH_INVALID, "%s", err);
	} else {
		ps->out.ttl = f->ttl;
		poller_read_items(ps, f, url, res->status);
	}
	poller_source_forget(ps);
	/* A reload that changed the source's url while this answer was on its
	 * way: its validators and redirect belong to the old url. */
	same_url = ps->polled_url != NULL && strcmp(ps->polled_url, cs->url) == 0;
	if (same_url && res->error == HTTP_OK && res->status == 200 &&
	    ps->health == STORE_HEALTH_OK) {
		ps->etag = res->etag != NULL ? strdup(res->etag) : NULL;
		ps->last_modified = res->last_modified != NULL ? strdup(res->last_modified) : NULL;
	}
	if (same_url && res->error == HTTP_OK &&
	    (res->first_status == 301 || res->first_status == 308) && res->effective_url != NULL)
		ps->moved_to = strdup(res->effective_url);
	store_source_clear(&st);
	feed_free(f);
	ps->state = PS_PAGES;
	if (ps->pages == 0)
		poller_source_finish(ps);
}

/* The round is over: apply the outcome to the stored state, log a change of
 * health once, and schedule the next poll. */
static void
poller_source_finish(struct poller_source *ps)
{
	struct poller *p = ps->p;
	struct store_source st;
	int64_t now = poller_now();
	int changed, r, failed;
	char esc[300];

	ps->state = PS_IDLE;
	if (ps->cs == NULL) {
		poller_reconfigure_gc(p);
		poller_check_idle(p);
		return;
	}
	if ((r = store_source_get(p->store, ps->name, &st)) == -1)
		log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
	if (r != 0)
		memset(&st, 0, sizeof(st));
	if (st.name == NULL)
		st.name = strdup(ps->name);
	/* A changed url forgets the old one's validators and redirect. */
	if (st.url == NULL || strcmp(st.url, ps->cs->url) != 0) {
		free(st.url);
		free(st.etag);
		free(st.last_modified);
		free(st.current_url);
		st.etag = st.last_modified = st.current_url = NULL;
		st.url = strdup(ps->cs->url);
	}
	if (ps->moved_to != NULL) {
		free(st.current_url);
		st.current_url = ps->moved_to;
		ps->moved_to = NULL;
	}
	/* Validators are saved only when the whole round was read: after a
	 * release that could not be read, the next poll must see the feed
	 * again (not a 304) to retry it. */
	if (ps->out.status == 200 && !ps->out.transport_error && !ps->page_failed &&
	    ps->health == STORE_HEALTH_OK) {
		free(st.etag);
		free(st.last_modified);
		st.etag = ps->etag;
		st.last_modified = ps->last_modified;
		ps->etag = ps->last_modified = NULL;
	}
	poller_source_forget(ps);
	changed = sched_apply(&st, &ps->out, ps->cs->interval, poller_jitter(p), now);
	failed = st.health != STORE_HEALTH_OK;
	/* The summary may hold a server's or a parser's words. */
	escape_logs(esc, sizeof(esc), ps->summary);
	if (changed == 1 && failed)
		log_warnx("source %s: %s: %s", ps->name, store_health_name(st.health), esc);
	else if (changed == 1)
		log_info("source %s: %s (%s)", ps->name, store_health_name(st.health), esc);
	else
		log_debug("source %s: %s (%s)", ps->name, store_health_name(st.health), esc);
	if (ps->page_failed && !failed)
		log_info("source %s: some releases could not be read; they are retried at the "
		    "next poll", ps->name);
	if (store_source_put(p->store, &st) == -1)
		log_warnx("source %s: saving its state: %s", ps->name, store_errmsg(p->store));
	if (p->mode == POLLER_ONCE) {
		ps->once_done = 1;
		if (failed || ps->page_failed) {
			ps->once_failed = 1;
			p->failures++;
		}
	} else if (!p->stopped && !st.disabled) {
		poller_schedule(ps, st.next_due - now);
	}
	store_source_clear(&st);
	poller_check_idle(p);
}
