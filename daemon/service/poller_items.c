/*
 * poller_items — what a poll round does with a parsed feed. When the feed
 * is parsed each item is looked up (nothing is written yet) and what it
 * comes to is kept in ps->out: nothing new, nothing to read, a release
 * already known, the feed's own text, or a release page to fetch
 * (poller_pages.c, which puts what it came to there too). When the round ends poller_items_commit writes it
 * all inside the round's one transaction (poller_row.c): the items, then the
 * releases in publication order through release.c (each with its figures
 * and alerts), then the items done.
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

/* Seconds UTC the item was published, else updated, else DATE_UNKNOWN. */
static int64_t
poller_item_time(const struct feed_item *it)
{
	return it->published != DATE_UNKNOWN ? it->published : it->updated;
}

/* The release text the feed itself carries (its content, else its
 * summary), or NULL. */
static const char *
poller_item_text(const struct feed_item *it)
{
	const char *text = it->content != NULL && *it->content != '\0' ? it->content :
	    it->summary;

	return text != NULL && *text != '\0' ? text : NULL;
}

/* Read one release into the store (release.c), inside the round's
 * transaction, without alerting when it is backlog (a catch-up's); count
 * it in the round's report. Returns the document id, or 0 on failure. */
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
	return doc_id;
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

/* What item it of the round comes to (its slot o), the store only read:
 * 1 when it is new or changed, 0 when not. */
static int
poller_item_classify(struct poller_source *ps, const struct feed_item *it, size_t idx,
    int64_t now)
{
	struct poller *p = ps->p;
	const struct config_source *cs = ps->cs;
	struct poller_out *o = &ps->out[idx];
	enum store_item_state state;
	int64_t first_seen, doc_id = 0;
	int want_page;
	char hash[65];

	poller_item_hash(it, hash);
	if (store_item_lookup(p->store, ps->name, it->id, hash, now, &state, &first_seen) == -1) {
		log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
		o->kind = POLLER_OUT_SAME;
		ps->page_failed = 1;
		return 0;
	}
	if (state == STORE_ITEM_SAME) {
		o->kind = POLLER_OUT_SAME;
		return 0;
	}
	/* History: everything of the catch-up round, and what it saw but
	 * could not read then (still pending, first seen by then). */
	o->backlog = ps->catching_up || (state == STORE_ITEM_PENDING && cs->catch_up &&
	    !p->alert_backlog && ps->row.caught_up > 0 && first_seen <= ps->row.caught_up);
	want_page = it->link != NULL && cs->fetch_pages != CONFIG_FETCH_NEVER &&
	    (cs->type == CONFIG_TYPE_HTML || cs->fetch_pages == CONFIG_FETCH_ALWAYS ||
	    it->content == NULL || strlen(it->content) < POLLER_FULL_TEXT);
	if (want_page) {
		/* The same release reached from another source is one document. */
		if (state == STORE_ITEM_NEW &&
		    store_document_find(p->store, it->link, &doc_id) == 0 && doc_id != 0) {
			o->kind = POLLER_OUT_KNOWN;
			o->doc_id = doc_id;
		} else {
			o->kind = POLLER_OUT_PENDING; /* until its page is answered */
			poller_page_want(ps, it, idx);
		}
	} else if (poller_item_text(it) != NULL)
		o->kind = POLLER_OUT_TEXT;
	else
		o->kind = POLLER_OUT_NOTHING;
	return 1;
}

int
poller_items(struct poller_source *ps, struct feed *f, size_t *new_items)
{
	const struct config_source *cs = ps->cs;
	size_t n = f->nitems, nnew = 0;
	int64_t now = (int64_t)time(NULL);

	*new_items = 0;
	poller_items_drop(ps);
	ps->feed = f;
	/* Each said once a poll, at warning the first time for the source. */
	if (n > cs->max_items || f->dropped > 0) {
		(ps->warned_max_items ? log_debug : log_warnx)("source %s: %zu items, only the "
		    "first %zu are read (max_items)", ps->name, f->nitems + f->dropped,
		    cs->max_items);
		ps->warned_max_items = 1;
		n = n < cs->max_items ? n : cs->max_items;
	}
	if (f->duplicates > 0) {
		(ps->warned_dups ? log_debug : log_warnx)("source %s: %zu item%s repeat%s the id "
		    "of an earlier one: the first is kept", ps->name, f->duplicates,
		    f->duplicates == 1 ? "" : "s", f->duplicates == 1 ? "s" : "");
		ps->warned_dups = 1;
	}
	if ((ps->out = calloc(n + 1, sizeof(*ps->out))) == NULL) {
		ps->page_failed = 1;
		return -1;
	}
	ps->nout = n;
	for (size_t i = 0; i < n; i++)
		nnew += (size_t)poller_item_classify(ps, &f->items[i], i, now);
	*new_items = nnew;
	return 0;
}

/* A release of the round, sorted into publication order: earlier first,
 * undated ones last, feed order between equals. */
struct poller_when {
	int64_t t;
	size_t i;
};

static int
poller_by_time(const void *a, const void *b)
{
	const struct poller_when *x = a, *y = b;

	if (x->t != y->t) {
		if (x->t == DATE_UNKNOWN || y->t == DATE_UNKNOWN)
			return x->t == DATE_UNKNOWN ? 1 : -1;
		return x->t < y->t ? -1 : 1;
	}
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Store release k of the round (its page's or the feed's text); its doc
 * id, or 0 when it could not be stored (it stays pending). */
static int64_t
poller_release(struct poller_source *ps, size_t k)
{
	const struct feed_item *it = &ps->feed->items[k];
	const struct poller_out *o = &ps->out[k];
	const struct page *pg = o->page;

	if (o->kind == POLLER_OUT_PAGE)
		return poller_document(ps, it->link, pg->title, pg->date, pg->lang, pg->text,
		    poller_item_time(it), o->backlog);
	return poller_document(ps, it->link != NULL ? it->link : it->id, it->title, NULL,
	    it->lang, poller_item_text(it), poller_item_time(it), o->backlog);
}

int
poller_items_commit(struct poller_source *ps)
{
	struct poller *p = ps->p;
	size_t n = ps->nout, nrel = 0;
	struct poller_when *order;
	int64_t now = (int64_t)time(NULL);
	int r = 0;

	if (ps->feed == NULL || (order = calloc(n + 1, sizeof(*order))) == NULL)
		return ps->feed == NULL ? 0 : -1;
	for (size_t i = 0; i < n; i++) {
		const struct feed_item *it = &ps->feed->items[i];
		enum store_item_state state;
		int64_t first_seen;
		char hash[65];

		poller_item_hash(it, hash);
		if (store_item_record_seen(p->store, ps->name, it, hash, now, &state,
		    &first_seen) == -1) {
			log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
			r = -1;
			ps->out[i].kind = POLLER_OUT_PENDING;
		}
		if (ps->out[i].kind == POLLER_OUT_TEXT || ps->out[i].kind == POLLER_OUT_PAGE) {
			order[nrel].t = poller_item_time(it);
			order[nrel++].i = i;
		}
	}
	qsort(order, nrel, sizeof(*order), poller_by_time);
	for (size_t k = 0; k < nrel; k++) {
		struct poller_out *o = &ps->out[order[k].i];

		if ((o->doc_id = poller_release(ps, order[k].i)) == 0) {
			/* Not stored: the item stays pending and, as for a page that
			 * failed, the feed's validators are not saved, so the next
			 * poll reads it again. */
			ps->rep.unreadable++;
			ps->page_failed = 1;
			o->kind = POLLER_OUT_PENDING;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct poller_out *o = &ps->out[i];

		if (o->kind == POLLER_OUT_SAME || o->kind == POLLER_OUT_PENDING)
			continue;
		if (store_item_done(p->store, ps->name, ps->feed->items[i].id,
		    o->kind == POLLER_OUT_NOTHING ? 0 : o->doc_id) == -1) {
			log_warnx("source %s: %s", ps->name, store_errmsg(p->store));
			r = -1;
		}
	}
	free(order);
	return r;
}

void
poller_items_drop(struct poller_source *ps)
{
	for (size_t i = 0; ps->out != NULL && i < ps->nout; i++)
		page_free(ps->out[i].page);
	free(ps->out);
	ps->out = NULL;
	ps->nout = 0;
	feed_free(ps->feed);
	ps->feed = NULL;
}
