/*
 * page_listing — an HTML listing page (OHCHR's press-release index, a
 * country page) to its release links, as a struct feed of kind
 * FEED_KIND_HTML so a listing source flows through the same path as a feed.
 * Pure: bytes in, items out; links are resolved, never fetched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "rightswatch/page.h"
#include "page_doc.h"
#include "rightswatch/url.h"

#define LISTING_MAX_NODES (10 * PAGE_MAX_LINKS) /* XPath results looked at */
#define LISTING_MAX_TITLE 2048                  /* bytes of a link's title */

/* Links already taken: an open-addressing set of the items' ids. */
struct listing_seen {
	const char **slot;
	size_t cap;
};

static uint64_t
listing_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* Add s unless present: 1 added, 0 present, -1 out of memory. The set is
 * sized once for PAGE_MAX_LINKS, so it is never more than half full. */
static int
listing_seen_add(struct listing_seen *set, const char *s)
{
	size_t i;

	if (set->slot == NULL) {
		set->cap = 2 * PAGE_MAX_LINKS;
		if ((set->slot = calloc(set->cap, sizeof(*set->slot))) == NULL)
			return -1;
	}
	for (i = listing_hash(s) % set->cap; set->slot[i] != NULL; i = (i + 1) % set->cap)
		if (strcmp(set->slot[i], s) == 0)
			return 0;
	set->slot[i] = s;
	return 1;
}

/* The href and title of a selected node: an element with href (an <a>),
 * another element (its first descendant <a href>), an attribute (its value;
 * the title from its element) or a text node. href is malloc'd or NULL. */
static char *
listing_href(const xmlNode *n, const xmlNode **titled)
{
	const xmlNode *d;
	char *href;

	*titled = NULL;
	if (n->type == XML_ATTRIBUTE_NODE || n->type == XML_TEXT_NODE) {
		struct buf b = { 0 };
		const xmlNode *t = n->type == XML_TEXT_NODE ? n : n->children;

		for (; t != NULL; t = n->type == XML_TEXT_NODE ? NULL : t->next)
			if (t->content != NULL && buf_puts(&b, (const char *)t->content) == -1) {
				buf_free(&b);
				return NULL;
			}
		if (n->type == XML_ATTRIBUTE_NODE && n->parent != NULL)
			*titled = n->parent;
		return b.len > 0 ? buf_detach(&b) : (buf_free(&b), NULL);
	}
	if (n->type != XML_ELEMENT_NODE)
		return NULL;
	if ((href = page_doc_attr(n, "href")) != NULL) {
		*titled = n;
		return href;
	}
	for (d = n->children; d != NULL; d = page_doc_next(d, n, 1))
		if (page_doc_is(d, "a") && (href = page_doc_attr(d, "href")) != NULL) {
			*titled = d;
			return href;
		}
	return NULL;
}

/* Append one item to f (*cap items allocated, doubled when full); takes
 * link. 0, or -1 when out of memory. */
static int
listing_add(struct feed *f, size_t *cap, char *link, const xmlNode *titled)
{
	struct feed_item *items, *it;

	if (f->nitems == *cap) {
		size_t ncap = *cap == 0 ? 16 : *cap * 2;

		if ((items = realloc(f->items, ncap * sizeof(*items))) == NULL) {
			free(link);
			return -1;
		}
		f->items = items;
		*cap = ncap;
	}
	it = &f->items[f->nitems];
	memset(it, 0, sizeof(*it));
	it->published = it->updated = DATE_UNKNOWN;
	it->link = link;
	f->nitems++;
	if ((it->id = strdup(link)) == NULL)
		return -1;
	if (titled != NULL)
		it->title = page_doc_line(titled, LISTING_MAX_TITLE);
	return 0;
}

static int
listing_http(const char *u)
{
	return strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0;
}

static int
listing_fill(htmlDocPtr doc, const char *base_url, const char *links_xpath,
    const char *link_pattern, struct feed *f, char *err, size_t errlen)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *n;
	xmlXPathObjectPtr res;
	xmlNodeSetPtr set;
	struct listing_seen seen = { 0 };
	char *base, *lang;
	size_t cap = 0;
	int rc = 0;

	if ((res = page_doc_xpath(doc, links_xpath, err, errlen)) == NULL)
		return -1;
	base = page_doc_base(doc, base_url);
	for (n = root; n != NULL && !page_doc_is(n, "title");)
		n = page_doc_next(n, root, 1);
	if (n != NULL)
		f->title = page_doc_line(n, LISTING_MAX_TITLE);
	if ((lang = page_doc_attr(root, "lang")) != NULL && *lang != '\0')
		f->lang = lang;
	else
		free(lang);
	set = res->type == XPATH_NODESET ? res->nodesetval : NULL;
	for (int i = 0; set != NULL && i < set->nodeNr && i < LISTING_MAX_NODES &&
	    f->nitems < PAGE_MAX_LINKS && rc == 0; i++) {
		const xmlNode *titled;
		char *href = listing_href(set->nodeTab[i], &titled), *link;

		link = href != NULL ? url_resolve(base, href) : NULL;
		free(href);
		/* mailto:, javascript: and the like are never releases */
		if (link == NULL || !listing_http(link) ||
		    (link_pattern != NULL && *link_pattern != '\0' &&
		    !url_match_pattern(link, link_pattern))) {
			free(link);
			continue;
		}
		switch (listing_seen_add(&seen, link)) {
		case 0:
			free(link);
			break;
		case 1:
			/* the set keeps pointing at link, now the item's */
			rc = listing_add(f, &cap, link, titled);
			break;
		default:
			free(link);
			rc = -1;
		}
	}
	if (rc == -1)
		snprintf(err, errlen, "out of memory");
	free(seen.slot);
	free(base);
	xmlXPathFreeObject(res);
	return rc;
}

int
page_listing(const char *html, size_t len, const char *charset,
    const char *base_url, const char *links_xpath, const char *link_pattern,
    struct feed **out, char *err, size_t errlen)
{
	htmlDocPtr doc;
	struct feed *f;

	*out = NULL;
	if (links_xpath == NULL || *links_xpath == '\0') {
		snprintf(err, errlen, "no links XPath");
		return -1;
	}
	if ((doc = page_doc_parse(html, len, charset, err, errlen)) == NULL)
		return -1;
	if ((f = calloc(1, sizeof(*f))) == NULL) {
		xmlFreeDoc(doc);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	f->kind = FEED_KIND_HTML;
	if (listing_fill(doc, base_url, links_xpath, link_pattern, f, err,
	    errlen) == -1) {
		xmlFreeDoc(doc);
		feed_free(f);
		return -1;
	}
	xmlFreeDoc(doc);
	*out = f;
	return 0;
}
