/*
 * poller_pages — release pages, one fetch per URL per round of polls. When
 * a feed and a listing (or two feeds) link the same release while their
 * rounds overlap, the page is fetched once: a URL in flight is joined (the
 * item waits for that answer), a URL answered already is read from the
 * answer kept (until nothing is in flight, or POLLER_FETCH_KEEP answers).
 * Each source still reads the page with its own content_xpath and checks
 * the link and where a redirect led against its own URL policy; the hops
 * in between were checked by the policy of the source that started the
 * fetch. What an item's page comes to goes into its slot of ps->out
 * (poller_items.c), stored when the source's round commits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/config_types.h"
#include "rightswatch/escape.h"
#include "rightswatch/feed.h"
#include "rightswatch/http.h"
#include "rightswatch/log.h"
#include "rightswatch/metrics.h"
#include "rightswatch/page.h"
#include "rightswatch/url_policy.h"
#include "poller_int.h"

/* Answers kept for joining past this many are dropped once nothing waits
 * for them (the oldest first): memory stays bounded on a busy daemon. */
#define POLLER_FETCH_KEEP 1024

/* An item of a round waiting for a page. */
struct poller_wait {
	struct poller_wait *next;
	struct poller_source *ps;
	size_t idx;          /* its slot in ps->out */
};

/* A release page fetched, or in flight, in this round of polls. */
struct poller_fetch {
	struct poller_fetch *next;
	char *url;
	int done;            /* answered: the fields below are its answer */
	enum http_error error;
	long status;
	char errmsg[256];
	char *body;          /* owned, or NULL */
	size_t len;
	char *content_type;
	char *effective_url;
	struct poller_wait *waiting;
};

/* Count a fetch that ended (a cancelled one did not) in the metrics. */
void
poller_count(struct poller *p, const char *kind, const struct http_response *res)
{
	if (res->error != HTTP_ERR_CANCELLED)
		metrics_fetch(p->metrics, kind, res->status, res->error == HTTP_OK ? NULL :
		    http_error_name(res->error), res->received, res->elapsed);
}

void
poller_skip(struct poller_source *ps, const char *link, const char *why)
{
	char esc[120], ewhy[190];

	/* Both may be a server's words (a redirect's target). */
	if (ps->skipped++ == 0)
		snprintf(ps->skip_first, sizeof(ps->skip_first), "%s: %s",
		    escape_logs(esc, sizeof(esc), link), escape_logs(ewhy, sizeof(ewhy), why));
}

void
poller_request(const struct poller *p, struct http_request *req, const char *url,
    const char *accept)
{
	memset(req, 0, sizeof(*req));
	req->url = url;
	req->timeout = p->cf->timeout;
	req->max_body = p->cf->max_body;
	req->accept = accept;
}

static void
poller_fetch_free(struct poller_fetch *f)
{
	struct poller_wait *w;

	while ((w = f->waiting) != NULL) {
		f->waiting = w->next;
		free(w);
	}
	free(f->url);
	free(f->body);
	free(f->content_type);
	free(f->effective_url);
	free(f);
}

void
poller_fetches_trim(struct poller *p, int all)
{
	struct poller_fetch **fp = &p->fetches, *f;
	size_t k = 0;

	/* The list is newest first: keep the newest POLLER_FETCH_KEEP. */
	for (; (f = *fp) != NULL; k++) {
		if (f->done && f->waiting == NULL && (all || k >= POLLER_FETCH_KEEP)) {
			*fp = f->next;
			poller_fetch_free(f);
			p->nfetches--;
		} else
			fp = &f->next;
	}
}

/* What the page of item idx of ps came to, from the answer of f. */
static void
poller_page_apply(struct poller_source *ps, size_t idx, const struct poller_fetch *f)
{
	struct poller_out *o = &ps->out[idx];
	const char *where = f->effective_url != NULL ? f->effective_url : f->url;
	char err[256], esc[160], why[160], charset[64];

	escape_logs(esc, sizeof(esc), f->url);
	if (f->error == HTTP_ERR_REFUSED) {
		/* A hop the policy refuses will be refused again: not retried. */
		poller_skip(ps, f->url, f->errmsg);
		o->kind = POLLER_OUT_NOTHING;
	} else if (f->error != HTTP_OK || f->status != HTTP_STATUS_OK) {
		/* The item stays pending: the next poll tries the page again. */
		ps->page_failed = 1;
		ps->rep.unreadable += f->error != HTTP_ERR_CANCELLED;
		if (f->error != HTTP_ERR_CANCELLED)
			log_warnx("source %s: release %s: %s", ps->name, esc,
			    f->error != HTTP_OK ? f->errmsg : "HTTP status not 200");
	} else if (ps->cs == NULL) {
		/* removed by a reload while in flight: nothing to record */
	} else if (ps->page_policy == NULL || !url_policy_url(ps->page_policy, where, why,
	    sizeof(why))) {
		/* another source's fetch was led where this one may not go */
		poller_skip(ps, where, ps->page_policy == NULL ? "out of memory" : why);
		o->kind = POLLER_OUT_NOTHING;
	} else if (page_extract(f->body != NULL ? f->body : "", f->len,
	    http_charset(f->content_type, charset, sizeof(charset)) == 0 ? charset : NULL,
	    where, ps->cs->content_xpath, &o->page, err, sizeof(err)) == -1) {
		ps->page_failed = 1;
		ps->rep.unreadable++;
		log_warnx("source %s: release %s: %s", ps->name, esc, err);
	} else
		o->kind = POLLER_OUT_PAGE; /* stored when the round commits */
}

/* Keep the answer res in f: its status, error and the body (out of
 * memory makes it a transport error). */
static void
poller_fetch_keep(struct poller_fetch *f, struct http_response *res)
{
	f->done = 1;
	f->error = res->error;
	f->status = res->status;
	snprintf(f->errmsg, sizeof(f->errmsg), "%s", res->errmsg);
	f->body = http_response_take_body(res, &f->len);
	if ((res->content_type != NULL &&
	    (f->content_type = strdup(res->content_type)) == NULL) ||
	    (res->effective_url != NULL &&
	    (f->effective_url = strdup(res->effective_url)) == NULL)) {
		f->error = HTTP_ERR_TRANSPORT;
		snprintf(f->errmsg, sizeof(f->errmsg), "out of memory");
	}
}

static void
poller_fetch_done_cb(struct http_response *res, void *arg)
{
	struct poller_fetch *f = arg;
	struct poller_wait *waiting, *w, *v;
	struct poller *p;

	if (f->waiting == NULL)
		return; /* cannot be: its starter waits */
	p = f->waiting->ps->p;
	p->busy--;
	poller_count(p, "page", res);
	poller_fetch_keep(f, res);
	waiting = f->waiting;
	f->waiting = NULL;
	for (w = waiting; w != NULL; w = w->next) {
		w->ps->pages--;
		poller_page_apply(w->ps, w->idx, f);
	}
	/* f is not used past here: a round that ends may trim it. Each source
	 * whose last page this was ends its round, once. */
	for (w = waiting; w != NULL; w = w->next) {
		for (v = waiting; v != w && v->ps != w->ps; v = v->next)
			;
		if (v == w && w->ps->pages == 0)
			p->round_done(w->ps);
	}
	while ((w = waiting) != NULL) {
		waiting = w->next;
		free(w);
	}
}

/* Item idx of ps waits for f's answer. 0 or -1. */
static int
poller_fetch_join(struct poller_source *ps, size_t idx, struct poller_fetch *f)
{
	struct poller_wait *w;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	w->ps = ps;
	w->idx = idx;
	w->next = f->waiting;
	f->waiting = w;
	ps->pages++;
	return 0;
}

/* Start fetching url for item idx of ps. 0 or -1. */
static int
poller_fetch_start(struct poller_source *ps, size_t idx, const char *url)
{
	struct poller *p = ps->p;
	struct http_request req;
	struct poller_fetch *f;

	if ((f = calloc(1, sizeof(*f))) == NULL || (f->url = strdup(url)) == NULL) {
		free(f);
		return -1;
	}
	if (poller_fetch_join(ps, idx, f) == -1) {
		poller_fetch_free(f);
		return -1;
	}
	poller_request(p, &req, url, POLLER_ACCEPT_HTML);
	req.policy = ps->page_policy;
	if (http_get(p->http, &req, poller_fetch_done_cb, f) == -1) {
		ps->pages--;
		poller_fetch_free(f);
		return -1;
	}
	f->next = p->fetches;
	p->fetches = f;
	p->nfetches++;
	p->busy++;
	return 0;
}

void
poller_page_want(struct poller_source *ps, const struct feed_item *it, size_t idx)
{
	struct poller *p = ps->p;
	struct poller_fetch *f;
	char why[160];

	/* After a stop nothing new starts: the item stays pending and, as the
	 * round is incomplete, the feed is read again at the next start. */
	if (p->stopped) {
		ps->page_failed = 1;
		return;
	}
	if (ps->page_policy == NULL ||
	    !url_policy_url(ps->page_policy, it->link, why, sizeof(why))) {
		poller_skip(ps, it->link, ps->page_policy == NULL ? "out of memory" : why);
		ps->out[idx].kind = POLLER_OUT_NOTHING;
		return;
	}
	for (f = p->fetches; f != NULL; f = f->next)
		if (strcmp(f->url, it->link) == 0)
			break;
	if (f != NULL && f->done) {
		log_debug("source %s: release %s: answered already in this round", ps->name,
		    escape_logs(why, sizeof(why), f->url));
		poller_page_apply(ps, idx, f);
	} else if (f != NULL) {
		if (poller_fetch_join(ps, idx, f) == -1)
			ps->page_failed = 1;
	} else if (poller_fetch_start(ps, idx, it->link) == -1)
		ps->page_failed = 1;
}
