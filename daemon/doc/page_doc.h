/*
 * page_doc — groundwork shared by the page module's files (page.c,
 * page_listing.c): bytes in whatever charset to a libxml2 HTML document
 * parsed from valid UTF-8, and capped, whitespace-folded text of a subtree.
 * Internal to the page module: nobody else should include libxml2 through it.
 */
#ifndef RW_PAGE_DOC_H
#define RW_PAGE_DOC_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "rightswatch/buf.h"
#include "rightswatch/page.h"

/* Flags of page_doc_text. */
#define PAGE_DOC_BLOCKS      0x1 /* block elements make paragraph breaks */
#define PAGE_DOC_KEEP_HEADER 0x2 /* do not drop <header> (title and dateline live there) */

/* Does this look like HTML at all? 0, or -1 with a reason (empty input,
 * binary data, no markup). */
int page_doc_sniff(const char *data, size_t len, char *err, size_t errlen);

/* The bytes as valid UTF-8 in out (appended; BOM removed). charset is the
 * HTTP charset (wins when known) or NULL; then a BOM, then a <meta> charset,
 * then UTF-8 when the bytes are valid UTF-8, else windows-1252. Invalid
 * sequences become U+FFFD. 0, or -1 when out of memory. */
int page_doc_decode(const char *data, size_t len, const char *charset,
    struct buf *out);

/* Sniff, decode and parse. Returns the document (free with xmlFreeDoc) or
 * NULL with a reason in err. */
htmlDocPtr page_doc_parse(const char *data, size_t len, const char *charset,
    char *err, size_t errlen);

/* Is this element one whose text never counts (script, nav, footer ...)? */
int page_doc_dropped(const xmlNode *n, unsigned flags);

/* Append the text of the subtree at root to out, at most max bytes in all:
 * whitespace folded, entities decoded, dropped elements skipped; with
 * PAGE_DOC_BLOCKS, paragraphs separated by "\n\n". 0, or -1 when out of
 * memory (a full buffer is not an error). */
int page_doc_text(const xmlNode *root, unsigned flags, size_t max,
    struct buf *out);

/* Folded one-line text of a subtree, at most max bytes: malloc'd, or NULL
 * when empty or out of memory. */
char *page_doc_line(const xmlNode *root, size_t max);

/* Value of attribute name (ASCII case-insensitive) of n, trimmed: malloc'd,
 * or NULL when absent or out of memory. */
char *page_doc_attr(const xmlNode *n, const char *name);

/* Does the element have this (ASCII case-insensitive) name? */
int page_doc_is(const xmlNode *n, const char *name);

/* The base for relative links: the document's <base href> resolved against
 * base_url, else a copy of base_url; malloc'd, or NULL when neither. */
char *page_doc_base(const xmlDoc *doc, const char *base_url);

/* Evaluate an XPath expression over doc with a bound on the work it may
 * do and no error printed. Returns the result (free with
 * xmlXPathFreeObject) or NULL with a reason in err. */
xmlXPathObjectPtr page_doc_xpath(xmlDocPtr doc, const char *expr, char *err,
    size_t errlen);

/* Next node after n in document order within root: into n's children when
 * descend is set, else to its next sibling or an ancestor's; NULL at the end. */
const xmlNode *page_doc_next(const xmlNode *n, const xmlNode *root, int descend);

#endif
