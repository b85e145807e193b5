/*
 * feed_int — what the feed parser's files (feed.c, feed_html.c,
 * feed_xml.c, feed_json.c) share with one another. Not for other modules:
 * they use feed.h.
 */
#ifndef RW_FEED_INT_H
#define RW_FEED_INT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "rightswatch/buf.h"
#include "rightswatch/feed.h"

/* Plain text being built: runs of whitespace fold to one space, breaks
 * ("\n" or "\n\n") are pending until more text follows, and the text stops
 * at max bytes on a UTF-8 boundary. A zeroed struct with max set is empty. */
struct feed_text {
	struct buf b;
	size_t max;
	int pending; /* 0 nothing, 1 a space, 2 a line break, 3 a paragraph break */
	int full;    /* max reached: everything else is dropped */
	int oom;
};

void feed_text_add(struct feed_text *t, const char *s, size_t n);
void feed_text_break(struct feed_text *t, int level);
/* The text (caller frees), or NULL when it is empty or memory ran out
 * (*oom set then). Empties t. */
char *feed_text_take(struct feed_text *t, int *oom);

/* Plain text of a libxml2 subtree (HTML or XHTML elements): script and
 * style dropped, block elements as paragraph breaks, at most max bytes.
 * Appends to t. */
void feed_tree_text(struct feed_text *t, const xmlNode *node);


/* Append a zeroed item to f. NULL when out of memory. */
struct feed_item *feed_item_add(struct feed *f);
/* Give it its id: guid when non-empty, else link, else "sha256:" and the
 * hex SHA-256 of title, "\n" and the date as written. 0, or -1 (memory). */
int feed_item_set_id(struct feed_item *it, const char *guid, const char *date_raw);
/* Append a copy of cat (folded; ignored when empty) to it's categories. */
int feed_item_add_category(struct feed_item *it, const char *cat, size_t n);

/* The format parsers behind feed_parse; same contract. f is allocated by
 * the caller and freed by it on error. */
int feed_xml_parse(const char *data, size_t len, const char *base_url,
    struct feed *f, char *err, size_t errlen);
int feed_json_parse(const char *data, size_t len, const char *base_url,
    struct feed *f, char *err, size_t errlen);

#endif
