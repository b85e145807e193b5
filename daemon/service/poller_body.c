/*
 * poller_body — the body of a feed's 200, and what it comes to. A feed is
 * read as it arrives: curl's chunks (http.h's sink) go straight into the
 * streaming parser (feed_stream_push), with the HTTP charset for a
 * document that names none and the source's caps (body, items; fields
 * and shapes are the parser's), so no whole-body buffer is kept for it. What the round's end still needs of the
 * bytes is kept on the way: their SHA-256 (the crash-loop guard's body
 * hash) and the first POLLER_PREFIX bytes (to tell an empty body, an HTML
 * page or a bot wall's challenge from a feed).
 *
 * A round streams only when the source's last round finished and it is
 * not quarantined: after a round that never finished (a parser that
 * crashed or hung) the body is read whole, its hash stored before the
 * parser sees a byte, and a probe compares it, as issue 11 requires.
 * Listing pages (type = html) are read whole too. Then the body is
 * judged (empty, a challenge, an HTML page, a feed that did not parse)
 * or its items go to poller_items.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "rightswatch/buf.h"
#include "rightswatch/config_types.h"
#include "rightswatch/crashpoint.h"
#include "rightswatch/feed.h"
#include "rightswatch/hash.h"
#include "rightswatch/http.h"
#include "rightswatch/log.h"
#include "rightswatch/page.h"
#include "rightswatch/pollstate.h"
#include "poller_int.h"

/* The caps of one feed document of ps. */
static void
poller_stream_limits(const struct poller_source *ps, struct feed_limits *lim)
{
	memset(lim, 0, sizeof(*lim));
	lim->max_body = (size_t)ps->p->cf->max_body;
	lim->max_items = ps->cs->max_items;
}

static int
poller_stream_sink(void *arg, const char *content_type, const char *data, size_t len)
{
	struct poller_source *ps = arg;
	struct feed_limits lim;
	char charset[64];

	if (ps->stream == NULL) {
		if (ps->stream_failed)
			return -1;
		/* A parser crash here is what a round that never finished
		 * means: the next round reads the body whole (see above). */
		crashpoint("before_feed_parse");
		poller_stream_limits(ps, &lim);
		ps->stream = feed_stream_new(ps->cs->url, http_charset(content_type, charset,
		    sizeof(charset)) == 0 ? charset : NULL, &lim, NULL, NULL);
		if (ps->stream == NULL) {
			ps->stream_failed = 1;
			return -1;
		}
	}
	hash_sha256_update(&ps->sha, data, len);
	if (ps->prefix.len < POLLER_PREFIX &&
	    buf_append(&ps->prefix, data, len < POLLER_PREFIX - ps->prefix.len ? len :
	    POLLER_PREFIX - ps->prefix.len) == -1) {
		ps->stream_failed = 1;
		return -1;
	}
	/* A rejected document stops the transfer: feed_stream_finish says why. */
	return feed_stream_push(ps->stream, data, len);
}

void
poller_stream_setup(struct poller_source *ps, struct http_request *req)
{
	poller_stream_drop(ps);
	if (ps->cs->type == CONFIG_TYPE_HTML || ps->st.state == POLLSTATE_PROBING ||
	    ps->row.unfinished > 0)
		return;
	hash_sha256_init(&ps->sha);
	ps->streaming = 1;
	req->sink = poller_stream_sink;
	req->sink_arg = ps;
}

int
poller_stream_body(struct poller_source *ps, const struct http_response *res,
    struct poller_body *b)
{
	uint8_t digest[32];

	memset(b, 0, sizeof(*b));
	if (!ps->streaming || res->body != NULL || res->sunk == 0) {
		/* Read whole (or a 200 with no body at all). */
		b->data = res->body != NULL ? res->body : "";
		b->len = b->total = res->len;
		hash_sha256_hex(b->data, b->len, b->hash);
		return 0;
	}
	b->streamed = 1;
	b->data = ps->prefix.data != NULL ? ps->prefix.data : "";
	b->len = ps->prefix.len;
	b->total = res->sunk;
	hash_sha256_final(&ps->sha, digest);
	hash_hex(digest, b->hash);
	return 0;
}

int
poller_stream_parse(struct poller_source *ps, const struct poller_body *b,
    const struct http_response *res, struct feed **out, char *err, size_t errlen)
{
	struct feed_stream *s;
	struct feed_limits lim;
	char charset[64];
	int r;

	*out = NULL;
	if (b->streamed) {
		if (ps->stream == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		r = feed_stream_finish(ps->stream, out, err, errlen);
		feed_stream_free(ps->stream);
		ps->stream = NULL;
		return r;
	}
	poller_stream_limits(ps, &lim);
	if ((s = feed_stream_new(ps->cs->url, http_charset(res->content_type, charset,
	    sizeof(charset)) == 0 ? charset : NULL, &lim, NULL, NULL)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	(void)feed_stream_push(s, b->data, b->len);
	r = feed_stream_finish(s, out, err, errlen);
	feed_stream_free(s);
	return r;
}

void
poller_verdict(struct poller_source *ps, enum pollstate_ev ev, enum store_health health,
    const char *fmt, ...)
{
	va_list ap;

	ps->verdict.ev = ev;
	ps->verdict.health = health;
	va_start(ap, fmt);
	vsnprintf(ps->summary, sizeof(ps->summary), fmt, ap);
	va_end(ap);
}

int
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

/* A feed that parsed: READING while poller_items.c looks up its items
 * and reads its new releases (it takes f); the round's summary. */
static void
poller_read_items(struct poller_source *ps, struct feed *f, long status)
{
	struct pollstate_policy pol = { ps->cs->interval, 0.0 };
	size_t nnew = 0;
	size_t nitems = f->nitems;

	ps->verdict.ev = POLLSTATE_EV_READ;
	ps->verdict.ttl = f->ttl;
	pollstate_apply(&ps->st, &ps->verdict, &pol, (int64_t)time(NULL), NULL);
	if (poller_items(ps, f, &nnew) == -1)
		snprintf(ps->summary, sizeof(ps->summary), "%ld, %zu items, out of memory", status,
		    nitems);
	else
		snprintf(ps->summary, sizeof(ps->summary), "%ld, %zu items, %zu new", status,
		    nitems, nnew);
}

void
poller_read_body(struct poller_source *ps, const struct http_response *res,
    const struct poller_body *b, const char *url)
{
	const struct config_source *cs = ps->cs;
	enum feed_sniff sniff = feed_sniff(b->data, b->len);
	struct feed *f = NULL;
	char err[256], charset[64];
	long st = res->status;

	if (sniff == FEED_SNIFF_EMPTY && b->total == b->len) {
		poller_verdict(ps, POLLSTATE_EV_FAILED, STORE_HEALTH_EMPTY,
		    "%ld with an empty body", st);
	} else if (cs->type == CONFIG_TYPE_HTML) {
		if (b->len < 32768 && poller_is_challenge(b->data, b->len))
			poller_verdict(ps, POLLSTATE_EV_WALL, STORE_HEALTH_BLOCKED,
			    "%ld, a challenge page", st);
		else if (page_listing(b->data, b->len,
		    http_charset(res->content_type, charset, sizeof(charset)) == 0 ? charset : NULL,
		    url, cs->links, cs->link_pattern, &f, err, sizeof(err)) == -1)
			poller_verdict(ps, POLLSTATE_EV_FAILED, STORE_HEALTH_INVALID, "listing: %s",
			    err);
		else {
			poller_read_items(ps, f, st);
			f = NULL;
		}
	} else if (sniff == FEED_SNIFF_HTML) {
		if (poller_is_challenge(b->data, b->len))
			poller_verdict(ps, POLLSTATE_EV_WALL, STORE_HEALTH_BLOCKED,
			    "%ld, an HTML page", st);
		else
			poller_verdict(ps, POLLSTATE_EV_FAILED, STORE_HEALTH_NOT_A_FEED,
			    "%ld, an HTML page", st);
	} else if (poller_stream_parse(ps, b, res, &f, err, sizeof(err)) == -1) {
		poller_verdict(ps, POLLSTATE_EV_FAILED, STORE_HEALTH_INVALID, "%s", err);
	} else {
		poller_read_items(ps, f, st);
		f = NULL;
	}
	feed_free(f);
}

void
poller_stream_drop(struct poller_source *ps)
{
	feed_stream_free(ps->stream);
	ps->stream = NULL;
	buf_free(&ps->prefix);
	ps->streaming = 0;
	ps->stream_failed = 0;
}
