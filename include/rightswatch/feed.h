/*
 * feed — RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.1 parsing:
 * a pure function from bytes to items (no network, no globals), in one
 * streaming pass. The bytes may arrive in chunks of any size (a curl write
 * callback's), and each item is handed over as soon as it is complete, so
 * memory does not follow the document's size.
 *
 * Our own streaming XML tokenizer reads it and builds no tree. Before any
 * byte reaches it, the bytes are decoded to UTF-8 here and scanned for the
 * costly shapes: an element with more than FEED_MAX_ATTRS attributes, more
 * than FEED_MAX_NS namespace declarations in scope, nesting deeper than
 * FEED_MAX_DEPTH or a start tag longer than FEED_MAX_TAG end the parse
 * there. Nothing is ever fetched, no entity is ever expanded: any entity
 * declaration ends the parse (a "billion laughs" costs nothing) and the
 * document is rejected. Every document also has a CPU-time budget.
 */
#ifndef RW_FEED_H
#define RW_FEED_H

#include <stddef.h>
#include <stdint.h>

enum feed_kind {
	FEED_KIND_UNKNOWN = 0,
	FEED_KIND_RSS,  /* RSS 0.9x / 2.0 */
	FEED_KIND_RDF,  /* RSS 1.0 */
	FEED_KIND_ATOM, /* Atom 1.0 */
	FEED_KIND_JSON, /* JSON Feed 1.x */
	FEED_KIND_HTML  /* an HTML listing page (listing.h) */
};

/* What a body looks like before parsing, for health checks. */
enum feed_sniff {
	FEED_SNIFF_EMPTY = 0, /* no bytes, or only whitespace */
	FEED_SNIFF_XML,       /* XML whose root may be a feed */
	FEED_SNIFF_JSON,      /* a JSON object */
	FEED_SNIFF_HTML,      /* an HTML document */
	FEED_SNIFF_OTHER
};

#define FEED_MAX_FIELD  (256 * 1024)      /* bytes kept of one text field */
#define FEED_MAX_ITEMS  100000            /* items kept of one document; also
                                           * the ceiling of a source's max_items */
#define FEED_MAX_ATTRS  256               /* attributes on one element */
#define FEED_MAX_NS     256               /* namespace declarations in scope */
#define FEED_MAX_DEPTH  128               /* elements nested */
#define FEED_MAX_TAG    (256 * 1024)      /* bytes of one start tag */
#define FEED_MAX_BODY   ((size_t)1 << 30) /* bytes of a document, when the caller sets no cap */
#define FEED_BUDGET_MS  2000              /* CPU milliseconds for any document ... */
#define FEED_BUDGET_KIB_PER_MS 16         /* ... plus one for every 16 KiB of it */
#define FEED_HOLD_BYTES (1024 * 1024)     /* item bytes held back while an RSS
                                           * channel's <language> may still come */

struct feed_item {
	char *id;        /* guid/id, else link, else "sha256:" of title and date; never NULL */
	char *link;      /* absolute URL (fragment dropped), or NULL; a relative
	                  * link stays as written when no absolute base is known */
	char *title;     /* plain text: entities decoded, markup dropped, whitespace folded; or NULL */
	int64_t published; /* seconds UTC, or DATE_UNKNOWN (date.h): the first date that parses */
	int64_t updated;   /* seconds UTC, or DATE_UNKNOWN: the latest of the update dates */
	char *summary;   /* plain text (markup removed), or NULL */
	char *content;   /* plain text of the full content, or NULL */
	char **categories;
	size_t ncategories;
	char *lang;      /* item or feed language ("en", "fr-FR"), or NULL */
};

struct feed {
	enum feed_kind kind;
	char *title;
	char *lang;
	int64_t ttl; /* seconds from RSS <ttl>, or 0 when absent */
	struct feed_item *items;
	size_t nitems;
	size_t dropped;    /* items past the item cap: counted, not kept (warn once) */
	size_t duplicates; /* items whose id an earlier item of the same document
	                    * had: the first is kept, these are dropped (log once) */
};

/* Caps of one document; a zeroed struct (or NULL) means the defaults. */
struct feed_limits {
	size_t max_body;   /* bytes; 0: FEED_MAX_BODY */
	size_t max_items;  /* items kept; 0 or more than FEED_MAX_ITEMS: FEED_MAX_ITEMS */
	int64_t budget_ms; /* CPU milliseconds; 0: FEED_BUDGET_MS plus one per
	                    * FEED_BUDGET_KIB_PER_MS KiB received */
};

enum feed_sniff feed_sniff(const char *data, size_t len);

/* Called with each item as soon as it is complete, in document order. The
 * item and its strings are valid during the call only (copy what you
 * keep). Return 0 to go on, -1 to stop the parse (feed_stream_finish then
 * fails with "stopped by the item consumer"). */
typedef int feed_item_fn(void *arg, const struct feed_item *it);

struct feed_stream;

/* A parse in progress. base_url (may be NULL) anchors relative links, after
 * any xml:base; charset is the HTTP charset label (may be NULL), used when
 * the document names none (no BOM, no encoding in its XML declaration).
 * With fn, items go to fn and the feed that feed_stream_finish returns has
 * none; without, they are collected in it. NULL when out of memory. */
struct feed_stream *feed_stream_new(const char *base_url, const char *charset,
    const struct feed_limits *limits, feed_item_fn *fn, void *arg);
/* Parse len more bytes. 0, or -1 once the document is rejected (stop
 * sending; feed_stream_finish says why). */
int feed_stream_push(struct feed_stream *s, const char *data, size_t len);
/* End of the bytes. Returns 0 and *out (the feed-level fields, the counts,
 * and the items unless fn took them; free with feed_free), or -1 with a
 * one-line reason in err. Either way s is then only fit for
 * feed_stream_free. */
int feed_stream_finish(struct feed_stream *s, struct feed **out, char *err,
    size_t errlen);
void feed_stream_free(struct feed_stream *s);

/* The whole of a document at once: feed_stream with the default limits,
 * no HTTP charset, items collected. 0 and *out (free with feed_free), or -1
 * with a one-line reason in err. */
int feed_parse(const char *data, size_t len, const char *base_url,
    struct feed **out, char *err, size_t errlen);
void feed_free(struct feed *f);

/* Plain text of an HTML fragment (a feed's summary or content): tags
 * removed, entities decoded, block elements as paragraph breaks, script
 * and style dropped, at most max bytes. Returns a malloc'd string or NULL
 * (out of memory). */
char *feed_html_to_text(const char *html, size_t len, size_t max);

#endif
