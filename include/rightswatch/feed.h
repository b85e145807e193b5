/*
 * feed — RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.1 parsing:
 * a pure function from bytes to items (no network, no clock, no globals).
 *
 * libxml2 runs on untrusted input with XML_PARSE_NONET and without entity
 * substitution, DTD loading or XInclude; a document whose DTD declares
 * entities is rejected; every text field is collected with a byte cap.
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

#define FEED_MAX_FIELD   (256 * 1024) /* bytes kept of one text field */
#define FEED_MAX_ITEMS   10000        /* items read from one document */

struct feed_item {
	char *id;        /* guid/id, else link, else "sha256:" of title and date; never NULL */
	char *link;      /* absolute URL (fragment dropped), or NULL; a relative
	                  * link stays as written when no absolute base is known */
	char *title;     /* entities decoded once, whitespace folded; or NULL */
	int64_t published; /* seconds UTC, or DATE_UNKNOWN (date.h) */
	int64_t updated;   /* seconds UTC, or DATE_UNKNOWN */
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
	size_t dropped; /* items past FEED_MAX_ITEMS, not kept */
};

enum feed_sniff feed_sniff(const char *data, size_t len);

/* Parse a feed. base_url (may be NULL) anchors relative links, after any
 * xml:base. Returns 0 and *out (free with feed_free), or -1 with a one-line
 * reason in err. */
int feed_parse(const char *data, size_t len, const char *base_url,
    struct feed **out, char *err, size_t errlen);
void feed_free(struct feed *f);

/* Plain text of an HTML fragment (a feed's summary or content): tags
 * removed, entities decoded, block elements as paragraph breaks, at most
 * max bytes. Returns a malloc'd string or NULL (out of memory). */
char *feed_html_to_text(const char *html, size_t len, size_t max);

#endif
