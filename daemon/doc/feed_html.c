/*
 * feed_html — plain text from the HTML a feed carries in its descriptions
 * and content (RSS description, content:encoded, Atom type="html" and
 * type="xhtml", JSON Feed content_html), through libxml2's HTML parser.
 *
 * Script, style and the like are dropped; block elements become paragraph
 * breaks and <br> a line break; whitespace folds as a browser would.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "rightswatch/feed.h"
#include "feed_int.h"
#include "html_walk.h"

enum feed_html_role { FH_INLINE, FH_SKIP, FH_BLOCK, FH_LINE };

/* Sorted by name for bsearch. */
static const struct feed_html_elem {
	const char *name;
	enum feed_html_role role;
} feed_html_elems[] = {
	{ "address", FH_BLOCK }, { "article", FH_BLOCK }, { "aside", FH_BLOCK },
	{ "blockquote", FH_BLOCK }, { "br", FH_LINE }, { "button", FH_SKIP },
	{ "caption", FH_BLOCK }, { "dd", FH_BLOCK }, { "div", FH_BLOCK },
	{ "dl", FH_BLOCK }, { "dt", FH_BLOCK }, { "figcaption", FH_BLOCK },
	{ "figure", FH_BLOCK }, { "footer", FH_BLOCK }, { "form", FH_SKIP },
	{ "h1", FH_BLOCK }, { "h2", FH_BLOCK }, { "h3", FH_BLOCK },
	{ "h4", FH_BLOCK }, { "h5", FH_BLOCK }, { "h6", FH_BLOCK },
	{ "head", FH_SKIP }, { "header", FH_BLOCK }, { "hr", FH_BLOCK },
	{ "iframe", FH_SKIP }, { "li", FH_BLOCK }, { "main", FH_BLOCK },
	{ "nav", FH_BLOCK }, { "noscript", FH_SKIP }, { "object", FH_SKIP },
	{ "ol", FH_BLOCK }, { "p", FH_BLOCK }, { "pre", FH_BLOCK },
	{ "script", FH_SKIP }, { "section", FH_BLOCK }, { "select", FH_SKIP },
	{ "style", FH_SKIP }, { "svg", FH_SKIP }, { "table", FH_BLOCK },
	{ "template", FH_SKIP }, { "textarea", FH_SKIP }, { "td", FH_LINE },
	{ "th", FH_LINE }, { "tr", FH_BLOCK }, { "ul", FH_BLOCK },
};

static int
feed_html_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct feed_html_elem *)elem)->name);
}

static enum feed_html_role
feed_html_role(const xmlNode *n)
{
	const struct feed_html_elem *e;

	e = bsearch(n->name, feed_html_elems,
	    sizeof(feed_html_elems) / sizeof(feed_html_elems[0]),
	    sizeof(feed_html_elems[0]), feed_html_cmp);
	return e != NULL ? e->role : FH_INLINE;
}

static int
feed_html_open(const xmlNode *n, void *arg)
{
	struct feed_text *t = arg;
	enum feed_html_role r = feed_html_role(n);

	if (r == FH_SKIP) {
		feed_text_break(t, 1);
		return 0;
	}
	if (r == FH_BLOCK)
		feed_text_break(t, 3);
	else if (r == FH_LINE)
		feed_text_break(t, 2);
	return 1;
}

static void
feed_html_close(const xmlNode *n, void *arg)
{
	struct feed_text *t = arg;
	enum feed_html_role r = feed_html_role(n);

	if (r == FH_BLOCK)
		feed_text_break(t, 3);
	else if (r == FH_LINE)
		feed_text_break(t, 2);
}

static int
feed_html_text(const char *s, void *arg)
{
	feed_text_add(arg, s, strlen(s));
	return 0;
}

static int
feed_html_full(void *arg)
{
	return ((struct feed_text *)arg)->full;
}

void
feed_tree_text(struct feed_text *t, const xmlNode *root)
{
	static const struct html_walk_ops ops = {
		feed_html_open, feed_html_close, feed_html_text, feed_html_full
	};

	html_walk(root, 0, &ops, t);
}

char *
feed_html_to_text(const char *html, size_t len, size_t max)
{
	struct feed_text t = { .max = max };
	htmlDocPtr doc;
	char *s;
	int oom = 0;

	/* Text without markup or references needs no parser (most titles
	 * and many plain descriptions): fold it directly. */
	if (memchr(html, '<', len) == NULL && memchr(html, '&', len) == NULL)
		feed_text_add(&t, html, len);
	else if (len <= (size_t)INT32_MAX) {
		/* The text is UTF-8 already (libxml2 or jansson produced it): a
		 * <meta charset> inside a fragment must not re-decode it. */
		doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
		    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		    HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
		if (doc != NULL) {
			feed_tree_text(&t, (const xmlNode *)doc);
			xmlFreeDoc(doc);
		}
	}
	s = feed_text_take(&t, &oom);
	if (s == NULL && !oom)
		s = strdup("");
	return s;
}
