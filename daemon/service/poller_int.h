/*
 * poller_int.h — the poller's private state, shared by poller.c (the
 * per-source state machine and its schedule) and poller_items.c (a parsed
 * feed's items and the release pages they lead to), which poller.c calls
 * and which calls back only through round_done. Not for other modules.
 */
#ifndef RW_POLLER_INT_H
#define RW_POLLER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/buf.h"
#include "rightswatch/hash.h"
#include "rightswatch/poller.h"
#include "rightswatch/pollstate.h"
#include "rightswatch/store.h"

struct feed;
struct feed_item;
struct feed_stream;
struct poller_fetch;
struct page;
struct http_request;
struct http_response;
struct logonce;
struct url_policy;

/* A feed item whose content is at least this long carries the full text
 * (fetch_pages = auto then reads it from the feed instead of the page). */
#define POLLER_FULL_TEXT 1500 /* bytes */
#define POLLER_SYNC_AGE 5 /* seconds a lazy commit may wait for its sync (poller.c) */

/* What the poller asks for: a release page or an HTML listing, a feed. */
#define POLLER_ACCEPT_HTML "text/html,application/xhtml+xml"
#define POLLER_ACCEPT_FEED "application/rss+xml, application/atom+xml, " \
	"application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"

/* Bytes of a streamed feed kept to tell an empty body, an HTML page or a
 * challenge from a feed (poller_body.c). */
#define POLLER_PREFIX (64 * 1024)

/* A 200's body as the round's end sees it: the whole of it, or, when it
 * was streamed into the parser, its first POLLER_PREFIX bytes. */
struct poller_body {
	const char *data;    /* len bytes (never NULL) */
	size_t len;
	size_t total;        /* bytes of the whole body */
	int streamed;        /* data is a prefix; the parse is under way */
	char hash[65];       /* SHA-256 of the whole body, hex */
};

/* What an item of a round comes to (poller_items.c), written when the
 * round commits. */
enum poller_out_kind {
	POLLER_OUT_SAME = 0, /* seen before, unchanged: nothing but its sighting */
	POLLER_OUT_PENDING,  /* its page is in flight, or failed: it stays pending */
	POLLER_OUT_NOTHING,  /* nothing to read (no text; a link the policy refuses) */
	POLLER_OUT_KNOWN,    /* a release stored already (another source's): doc_id */
	POLLER_OUT_TEXT,     /* the feed carries the release's text */
	POLLER_OUT_PAGE      /* its release page was read: page */
};

struct poller_out {
	enum poller_out_kind kind;
	int backlog;         /* history: stored without alerting */
	int64_t doc_id;
	struct page *page;   /* POLLER_OUT_PAGE: owned, freed by poller_items_drop */
};

struct poller_source {
	struct poller *p;
	struct poller_source *next;
	char *name;
	const struct config_source *cs; /* NULL once removed by a reload */
	struct event *timer;
	struct pollstate st;     /* where the source stands (pollstate.h) */
	struct store_source row; /* its stored row, read once when a round starts */
	size_t pages;        /* release pages in flight */
	int page_failed;     /* a release of this round could not be read */
	int once_done;
	int once_failed;
	int catching_up;     /* this round is the source's catch-up: no alerts */
	struct poller_report rep; /* what this round came to */
	int warned_max_items;
	struct url_policy *feed_policy; /* where the feed's hops may go (url_policy.h) */
	struct url_policy *page_policy; /* where its release pages' hops may go */
	size_t skipped;      /* releases of this round not fetched: the policy refused them */
	char skip_first[320]; /* the first of them and why (escaped) */
	/* What the feed's answer came to, applied when the round ends. */
	struct pollstate_event verdict;
	char summary[256];
	char *etag;          /* validators of this round's answer, saved when it was read in full */
	char *last_modified;
	char *moved_to;      /* a permanent redirect's target */
	char *polled_url;    /* the configured url this round's feed request was for */
	struct feed *feed;   /* the feed this round read, kept until it commits */
	struct poller_out *out; /* what each of its first nout items comes to */
	size_t nout;
	int in_tx;           /* the round's transaction is open (poller_round_begin) */
	int warned_dups;     /* repeated item ids were logged at warning once */
	/* The feed being read as it arrives (poller_body.c). */
	int streaming;       /* this round's request has the stream as its sink */
	int stream_failed;   /* out of memory starting it */
	struct feed_stream *stream;
	struct hash_sha256 sha;  /* of the bytes so far */
	struct buf prefix;   /* their first POLLER_PREFIX bytes */
};

struct poller {
	struct event_base *base;
	struct http *http;
	struct store *store;
	const struct config *cf;
	struct extract_taxonomy *tx;
	enum poller_mode mode;
	poller_idle_fn *idle;
	void *idle_arg;
	struct poller_source *sources;
	size_t busy;
	size_t failures;
	int stopped;
	int started;
	int alert_backlog;   /* no catch-up: a first read alerts on history */
	int force;           /* once: poll even sources backing off */
	struct poller_report *reports; /* poller_reports' array */
	unsigned rng;
	struct logonce *skips;   /* per source: the last "not fetched" line, logged once */
	poller_alert_fn *alert_hook;
	void *alert_arg;
	struct metrics *metrics;
	struct poller_fetch *fetches; /* release pages of this round (poller_pages.c) */
	size_t nfetches;
	/* poller.c's end of a round, which poller_items.c calls when the last
	 * release page of a round is answered */
	void (*round_done)(struct poller_source *ps);
};

/* poller_row.c: drop what the last round stashed for its end (validators,
 * a redirect). */
void poller_source_forget(struct poller_source *ps);
/* Before the round starting from resting state rest fetches anything:
 * store the row that round leaves if it never ends. */
void poller_precommit(struct poller_source *ps, const struct pollstate *rest,
    const struct pollstate_policy *pol, int64_t now);
/* Store row with a lazy commit (store_set_lazy), for the marks a round
 * leaves before it fetches. 0 or -1. */
int poller_put_lazy(struct store *st, const struct store_source *row);
/* The hash of the body a round is about to parse, the same way: a round
 * that never finishes is known by it. 0 or -1. */
int poller_hash_lazy(struct store *st, const char *name, const char *hash);
/* A round that read the feed ends: open its transaction and write what
 * its items came to (poller_items_commit); on failure the round counts as
 * incomplete. */
void poller_round_begin(struct poller_source *ps);
/* Store the round's row: with everything it read in one synced commit
 * when read (then, when it raised alerts, the alert hook runs), else
 * lazily. Frees the round's feed and pages. */
void poller_round_end(struct poller_source *ps, int read);
/* poller_body.c: set the round's verdict on the feed's answer and its
 * one-line summary. */
void poller_verdict(struct poller_source *ps, enum pollstate_ev ev, enum store_health health,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Does an HTML answer look like a bot wall's challenge rather than
 * content? */
int poller_is_challenge(const char *body, size_t len);
/* The body of a 200 (b, from poller_stream_body): a feed or listing page
 * to read (its items go to poller_items), or what it is instead (empty, a
 * challenge, an HTML page, unparsable): the round's verdict. url anchors
 * a listing's links. */
void poller_read_body(struct poller_source *ps, const struct http_response *res,
    const struct poller_body *b, const char *url);
/* Make req stream the feed into the parser when this round may (the last
 * round finished, not quarantined, not a listing). */
void poller_stream_setup(struct poller_source *ps, struct http_request *req);
/* The body of a 200 (res) as the round's end sees it, into *b (its
 * pointers valid until poller_stream_drop or res is freed). 0. */
int poller_stream_body(struct poller_source *ps, const struct http_response *res,
    struct poller_body *b);
/* The feed of body b: the streamed parse finished, or the whole body
 * parsed with the HTTP charset and the source's caps. 0 and *out (free
 * with feed_free), or -1 with a one-line reason in err. */
int poller_stream_parse(struct poller_source *ps, const struct poller_body *b,
    const struct http_response *res, struct feed **out, char *err, size_t errlen);
/* Free what the round's stream holds. */
void poller_stream_drop(struct poller_source *ps);
/* The round was cancelled: store the row as it was before it. */
void poller_row_restore(struct poller_source *ps);
/* The round ended: bring ps->row up to it (url, redirect, validators when
 * it was read in full, the summary). */
void poller_row_update(struct poller_source *ps);
/* Count a fetch that ended (a cancelled one did not) in the metrics; kind
 * is "feed" or "page". */
void poller_count(struct poller *p, const char *kind, const struct http_response *res);
/* The GET of url accepting accept, with the configuration's timeout and
 * body cap (poller_pages.c). */
void poller_request(const struct poller *p, struct http_request *req, const char *url,
    const char *accept);
/* A release of this round the URL policy refused (link, redirect or
 * address): counted for the round's one line (poller_source_finish). */
void poller_skip(struct poller_source *ps, const char *link, const char *why);
/* poller_pages.c: read the release page of item idx of ps (it, its link):
 * joined to a fetch of the same URL in flight or answered in this round,
 * else fetched; what it comes to goes into ps->out[idx] (p->round_done
 * runs when the source's last page is answered, never from inside this
 * call). */
void poller_page_want(struct poller_source *ps, const struct feed_item *it, size_t idx);
/* Drop the answers kept for joining: all of them (all, when nothing is in
 * flight), else those past POLLER_FETCH_KEEP that nothing waits for. */
void poller_fetches_trim(struct poller *p, int all);
/* Look up the items of a parsed feed (writing nothing) and start reading
 * the releases that are new (p->round_done runs when the last page is
 * answered, never from inside this call). Takes f, kept in ps->feed until
 * poller_items_drop. 0 and the number of new or changed items in
 * *new_items, or -1 when out of memory (the round then counts as
 * incomplete: ps->page_failed). */
int poller_items(struct poller_source *ps, struct feed *f, size_t *new_items);
/* Write what the round learnt of its items inside the caller's
 * transaction: every item seen, the releases in publication order (with
 * their figures and alerts), the items done. 0, or -1 when something
 * could not be written (logged; the round counts as incomplete). */
int poller_items_commit(struct poller_source *ps);
/* Free the round's feed and what its items came to. */
void poller_items_drop(struct poller_source *ps);

#endif
