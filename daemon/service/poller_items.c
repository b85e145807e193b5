/*
 * poller_items — what a poll round does with a parsed feed: each item is
 * recorded once (by id and content hash), a new or changed release is read
 * from its page (or from the feed's own text when it carries the whole
 * release), and each release goes to release.c, which stores it with its
 * figures and alerts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rightswatch/buf.h"
#include "rightswatch/config_types.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/feed.h"
#include "rightswatch/hash.h"
#include "rightswatch/http.h"
#include "rightswatch/log.h"
#include "rightswatch/metrics.h"
#include "rightswatch/page.h"
#include "rightswatch/release.h"
#include "rightswatch/store.h"
#include "rightswatch/url_policy.h"
#include "poller_int.h"

/* A release page in flight. */
struct poller_page {
	struct poller_source *ps;
	char *item_id;
	char *url;
	int64_t published;
	int backlog;        /* history: stored without alerting */
};

/* Read one release into the store (release.c), without alerting when it
 * is backlog (a catch-up's); count it in the round's report; the alert
 * hook runs when it raised alerts. Returns the document id, or 0 on
 * failure. */
static int64_t
poller_document(struct poller_source *ps, const char *url, const char *title,
    const char *date, const char *lang, const char *text, int64_t published, int backlog)
{
	struct poller *p = ps->p;
	struct release_result r;
	struct release_in in;
	int64_t doc_id;

	memset(&in, 0, sizeof(in));
	in.url = url;
	in.title = title;
	in.date = date;
	in.lang = lang;
	in.text = text;
	in.published = published;
	in.metrics = p->metrics;
	in.no_alerts = backlog;
	doc_id = release_store(p->store, p->cf, p->tx, &in, (int64_t)time(NULL), &r);
	if (doc_id == 0)
		return 0;
	ps->rep.new_releases += r.state == STORE_DOC_NEW;
	ps->rep.revised_releases += r.state == STORE_DOC_REVISED;
	ps->rep.figures += r.nfigures;
	ps->rep.alerts += r.nalerts;
	if (r.nalerts > 0 && p->alert_hook != NULL)
		p->alert_hook(p->alert_arg);
	return doc_id;
}

/* Count a fetch that ended (a cancelled one did not) in the metrics. */
void
poller_count(struct poller *p, const char *kind, const struct http_response *res)
{
	if (res->error != HTTP_ERR_CANCELLED)
		metrics_fetch(p->metrics, kind, res->status, res->error == HTTP_OK ? NULL :
		    http_error_name(res->error), res->received, res->elapsed);
}

static void
poller_page_done_cb(struct http_response *res, void *arg)
{
	struct poller_page *pg = arg;
	struct poller_source *ps = pg->ps;
	struct poller *p = ps->p;
	struct page *page = NULL;
	char err[256], esc[160], charset[64];
	int64_t doc_id;

	p->busy--;
	ps->pages--;
	poller_count(p, "page", res);
	escape_logs(esc, sizeof(esc), pg->url);
	if (res->error == HTTP_ERR_REFUSED) {
		/* A hop the policy refuses will be refused again: not retried. */
		poller_skip(ps, pg->url, res->errmsg);
		if (store_item_done(p->store, ps->name, pg->item_id, 0) == -1)
			log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
	} else if (res->error != HTTP_OK || res->status != HTTP_STATUS_OK) {
		/* The item stays pending: the next poll tries the page again. */
		ps->page_failed = 1;
		ps->rep.unreadable += res->error != HTTP_ERR_CANCELLED;
		if (res->error != HTTP_ERR_CANCELLED)
			log_warnx("source %s: release %s: %s", ps->name, esc,
			    res->error != HTTP_OK ? res->errmsg : "HTTP status not 200");
	} else if (ps->cs == NULL) {
		/* removed by a reload while in flight: nothing to record */
	} else if (page_extract(res->body != NULL ? res->body : "", res->len,
	    http_charset(res->content_type, charset, sizeof(charset)) == 0 ? charset : NULL,
	    res->effective_url != NULL ? res->effective_url : pg->url, ps->cs->content_xpath,
	    &page, err, sizeof(err)) == -1) {
		ps->page_failed = 1;
		ps->rep.unreadable++;
		log_warnx("source %s: release %s: %s", ps->name, esc, err);
	} else {
		doc_id = poller_document(ps, pg->url, page->title, page->date, page->lang,
		    page->text, pg->published, pg->backlog);
		if (doc_id == 0) {
			ps->page_failed = 1;
			ps->rep.unreadable++;
		} else if (store_item_done(p->store, ps->name, pg->item_id, doc_id) == -1)
			log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
		page_free(page);
	}
	free(pg->item_id);
	free(pg->url);
	free(pg);
	if (ps->pages == 0)
		p->round_done(ps);
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

/* Start reading one release page; 0 when started, -1 when not. */
static int
poller_fetch_page(struct poller_source *ps, const struct feed_item *it, int backlog)
{
	struct poller *p = ps->p;
	struct poller_page *pg;
	struct http_request req;
	char why[160];

	/* After a stop nothing new starts: the item stays pending and, as the
	 * round is incomplete, the feed is read again at the next start. */
	if (p->stopped) {
		ps->page_failed = 1;
		return -1;
	}
	if (ps->page_policy == NULL ||
	    !url_policy_url(ps->page_policy, it->link, why, sizeof(why))) {
		poller_skip(ps, it->link, ps->page_policy == NULL ? "out of memory" : why);
		store_item_done(p->store, ps->name, it->id, 0);
		return -1;
	}
	if ((pg = calloc(1, sizeof(*pg))) == NULL ||
	    (pg->item_id = strdup(it->id)) == NULL || (pg->url = strdup(it->link)) == NULL) {
		if (pg != NULL)
			free(pg->item_id);
		free(pg);
		ps->page_failed = 1;
		return -1;
	}
	pg->ps = ps;
	pg->backlog = backlog;
	pg->published = it->published != DATE_UNKNOWN ? it->published : it->updated;
	poller_request(p, &req, it->link, POLLER_ACCEPT_HTML);
	req.policy = ps->page_policy;
	if (http_get(p->http, &req, poller_page_done_cb, pg) == -1) {
		free(pg->item_id);
		free(pg->url);
		free(pg);
		ps->page_failed = 1;
		return -1;
	}
	p->busy++;
	ps->pages++;
	return 0;
}

/* Content hash of an item: a revision of a release changes it. */
static void
poller_item_hash(const struct feed_item *it, char out[65])
{
	struct buf b = { NULL, 0, 0 };
	char t[32];

	buf_puts(&b, it->title != NULL ? it->title : "");
	buf_putc(&b, '\0');
	buf_puts(&b, it->link != NULL ? it->link : "");
	buf_putc(&b, '\0');
	buf_puts(&b, it->updated != DATE_UNKNOWN ? date_format_rfc3339(it->updated, t) : "");
	buf_putc(&b, '\0');
	buf_puts(&b, it->summary != NULL ? it->summary : "");
	buf_putc(&b, '\0');
	buf_puts(&b, it->content != NULL ? it->content : "");
	hash_sha256_hex(b.data != NULL ? b.data : "", b.len, out);
	buf_free(&b);
}

/* Record the items of a parsed feed; start reading the releases that are new. */
int
poller_items(struct poller_source *ps, const struct feed *f, size_t *new_items)
{
	struct poller *p = ps->p;
	const struct config_source *cs = ps->cs;
	size_t n = f->nitems, nnew = 0, nfeed = 0, *fromfeed;
	int64_t now = (int64_t)time(NULL);
	char *backlog;

	if (n > cs->max_items) {
		if (!ps->warned_max_items)
			log_warnx("source %s: %zu items, only the first %zu are read (max_items)",
			    ps->name, n, cs->max_items);
		ps->warned_max_items = 1;
		n = cs->max_items;
	}
	/* Items are recorded in one transaction (one fsync, not one per item);
	 * releases read from the feed's own text are stored after it, each in
	 * its own transaction with its figures and alerts, so that what
	 * release_store commits is on disk when it returns. */
	if ((fromfeed = calloc(n + 1, sizeof(*fromfeed))) == NULL ||
	    (backlog = calloc(n + 1, 1)) == NULL) {
		free(fromfeed);
		ps->page_failed = 1;
		return -1;
	}
	if (store_begin(p->store) == -1)
		log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
	for (size_t i = 0; i < n; i++) {
		const struct feed_item *it = &f->items[i];
		enum store_item_state state;
		const char *text;
		int64_t doc_id = 0, first_seen;
		int want_page;
		char hash[65];

		poller_item_hash(it, hash);
		if (store_item_record_seen(p->store, ps->name, it, hash, now, &state,
		    &first_seen) == -1) {
			log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
			continue;
		}
		if (state == STORE_ITEM_SAME)
			continue;
		nnew++;
		/* History: everything of the catch-up round, and what it saw but
		 * could not read then (still pending, first seen by then). */
		backlog[i] = ps->catching_up || (state == STORE_ITEM_PENDING && ps->cs->catch_up &&
		    !p->alert_backlog && ps->row.caught_up > 0 && first_seen <= ps->row.caught_up);
		text = it->content != NULL && *it->content != '\0' ? it->content : it->summary;
		want_page = it->link != NULL && cs->fetch_pages != CONFIG_FETCH_NEVER &&
		    (cs->type == CONFIG_TYPE_HTML || cs->fetch_pages == CONFIG_FETCH_ALWAYS ||
		    it->content == NULL || strlen(it->content) < POLLER_FULL_TEXT);
		if (want_page) {
			/* The same release reached from another source is one document. */
			if (state == STORE_ITEM_NEW &&
			    store_document_find(p->store, it->link, &doc_id) == 0 && doc_id != 0) {
				store_item_done(p->store, ps->name, it->id, doc_id);
				continue;
			}
			poller_fetch_page(ps, it, backlog[i]);
			continue;
		}
		if (text != NULL && *text != '\0')
			fromfeed[nfeed++] = i;
		else
			store_item_done(p->store, ps->name, it->id, 0);
	}
	if (store_commit(p->store) == -1) {
		log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
		store_rollback(p->store);
		ps->page_failed = 1;
	}
	for (size_t k = 0; k < nfeed; k++) {
		const struct feed_item *it = &f->items[fromfeed[k]];
		const char *text = it->content != NULL && *it->content != '\0' ? it->content :
		    it->summary;
		int64_t doc_id;

		doc_id = poller_document(ps, it->link != NULL ? it->link : it->id, it->title, NULL,
		    it->lang, text, it->published != DATE_UNKNOWN ? it->published : it->updated,
		    backlog[fromfeed[k]]);
		if (doc_id == 0) {
			ps->rep.unreadable++;
			/* Not stored: the item stays pending and, as for a page that
			 * failed, the feed's validators are not saved, so the next
			 * poll reads it again. */
			ps->page_failed = 1;
			continue;
		}
		if (store_item_done(p->store, ps->name, it->id, doc_id) == -1)
			log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
	}
	free(fromfeed);
	free(backlog);
	*new_items = nnew;
	return 0;
}
