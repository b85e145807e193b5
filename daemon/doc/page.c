/*
 * page — a release page to its title, publication date, language,
 * alternate-language links and main text. Pure: bytes in, struct page out.
 *
 * The main text comes from the first of these that has any text: the
 * source's content_xpath, <main>, the first <article>, an element with
 * role="main", the element holding the most paragraph text, <body>.
 * Boilerplate inside it (scripts, navigation, headers, footers, asides,
 * forms, cookie banners) is dropped.
 *
 * The title is the <h1> of that main content when there is one: it is the
 * headline as the reader sees it, where og:title and <title> are often
 * shortened or carry the site's name. Else og:title, else <title> with a
 * trailing " | Site" suffix removed.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/page.h"
#include "page_date.h"
#include "page_doc.h"
#include "rightswatch/url.h"
#include "rightswatch/utf8.h"

#define PAGE_MAX_TITLE   2048 /* bytes of title kept */
#define PAGE_DATELINE    2000 /* bytes at the top of the text searched for a date */
#define PAGE_SUFFIX_MAX  40   /* bytes of a " | Site" title suffix removed */
#define PAGE_P_ANCESTORS 8    /* levels searched up from text for its <p> */

/* Date meta tags, most trusted first (name, property or itemprop). */
static const char *const page_date_metas[] = {
	"article:published_time", "og:article:published_time",
	"datepublished", "date", "dc.date", "dc.date.issued", "dcterms.date",
	"dcterms.issued", "dcterms.created", "citation_publication_date",
};

/* What the document's head (and stray tags elsewhere) tell. */
struct page_head {
	char date[11];
	size_t date_rank;  /* index into page_date_metas of date; nmetas if none */
	char *og_title;
	char *title;
	char *lang_meta;   /* content-language, language, dc.language */
	char *og_locale;
};

static void
page_head_free(struct page_head *h)
{
	free(h->og_title);
	free(h->title);
	free(h->lang_meta);
	free(h->og_locale);
}

void
page_free(struct page *p)
{
	if (p == NULL)
		return;
	free(p->title);
	free(p->date);
	free(p->lang);
	free(p->text);
	for (size_t i = 0; i < p->nalternates; i++)
		free(p->alternates[i]);
	free(p->alternates);
	free(p);
}

/* Replace *s with a valid UTF-8 copy when it is not valid UTF-8. */
static int
page_clean(char **s)
{
	struct buf b = { 0 };
	size_t n;

	if (*s == NULL || utf8_valid(*s, (n = strlen(*s))))
		return 0;
	if (page_doc_decode(*s, n, "UTF-8", &b) == -1 || buf_append(&b, "", 0) == -1) {
		buf_free(&b);
		return -1;
	}
	free(*s);
	*s = buf_detach(&b);
	return 0;
}

/* The primary language subtag of a tag ("fr-FR", "en_GB", "fr, en") in
 * lower case, or NULL when it is not one. */
static char *
page_lang_norm(const char *tag)
{
	char out[9];
	size_t n = 0;

	if (tag == NULL)
		return NULL;
	while (isspace((unsigned char)*tag))
		tag++;
	while (isalpha((unsigned char)*tag) && n < 8)
		out[n++] = (char)tolower((unsigned char)*tag++);
	if (n < 2 || isalnum((unsigned char)*tag))
		return NULL;
	out[n] = '\0';
	return strdup(out);
}

/* Does the space-separated token list contain tok? */
static int
page_has_token(const char *list, const char *tok)
{
	size_t n = strlen(tok);

	while (list != NULL && *list != '\0') {
		while (isspace((unsigned char)*list))
			list++;
		if (strncasecmp(list, tok, n) == 0 &&
		    (list[n] == '\0' || isspace((unsigned char)list[n])))
			return 1;
		while (*list != '\0' && !isspace((unsigned char)*list))
			list++;
	}
	return 0;
}

static int
page_add_alternate(struct page *p, const char *base, const char *href)
{
	char *u, **v;

	if (p->nalternates >= PAGE_MAX_ALTERNATES || *href == '\0')
		return 0;
	if ((u = url_resolve(base, href)) == NULL)
		return 0;
	for (size_t i = 0; i < p->nalternates; i++)
		if (strcmp(p->alternates[i], u) == 0) {
			free(u);
			return 0;
		}
	if ((v = realloc(p->alternates, (p->nalternates + 1) * sizeof(*v))) == NULL) {
		free(u);
		return -1;
	}
	p->alternates = v;
	p->alternates[p->nalternates++] = u;
	return 0;
}

/* One <meta>: a date, a title, a language. */
static void
page_meta(const xmlNode *n, struct page_head *h)
{
	static const char *const keys[] = { "property", "name", "itemprop", "http-equiv" };
	char *key = NULL, *content = NULL, d[11];

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && key == NULL; i++)
		key = page_doc_attr(n, keys[i]);
	if (key == NULL)
		return;
	if ((content = page_doc_attr(n, "content")) == NULL) {
		free(key);
		return;
	}
	for (size_t i = 0; i < h->date_rank; i++)
		if (strcasecmp(key, page_date_metas[i]) == 0 &&
		    page_date_value(content, d) == 0) {
			memcpy(h->date, d, sizeof(d));
			h->date_rank = i;
			break;
		}
	if (strcasecmp(key, "og:title") == 0 && h->og_title == NULL && *content)
		h->og_title = content, content = NULL;
	else if ((strcasecmp(key, "content-language") == 0 ||
	    strcasecmp(key, "language") == 0 ||
	    strcasecmp(key, "dc.language") == 0) && h->lang_meta == NULL)
		h->lang_meta = content, content = NULL;
	else if (strcasecmp(key, "og:locale") == 0 && h->og_locale == NULL)
		h->og_locale = content, content = NULL;
	free(key);
	free(content);
}

/* One pass over every element for head-like information. */
static int
page_scan_head(const xmlNode *root, const char *base, struct page *p,
    struct page_head *h)
{
	const xmlNode *n;

	for (n = root; n != NULL; n = page_doc_next(n, root, 1)) {
		char *rel, *href, *hreflang;
		int rc = 0;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (page_doc_is(n, "meta")) {
			page_meta(n, h);
		} else if (page_doc_is(n, "title") && h->title == NULL) {
			h->title = page_doc_line(n, PAGE_MAX_TITLE);
		} else if (page_doc_is(n, "link")) {
			rel = page_doc_attr(n, "rel");
			hreflang = page_doc_attr(n, "hreflang");
			href = page_doc_attr(n, "href");
			if (rel != NULL && hreflang != NULL && href != NULL &&
			    page_has_token(rel, "alternate"))
				rc = page_add_alternate(p, base, href);
			free(rel);
			free(hreflang);
			free(href);
			if (rc == -1)
				return -1;
		}
	}
	return 0;
}

/* The first element under root (not inside dropped boilerplate) with this
 * name, or with role="main" when name is NULL. */
static const xmlNode *
page_find(const xmlNode *root, const char *name, unsigned flags)
{
	const xmlNode *n = root;

	while (n != NULL) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE &&
		    (n == root || !page_doc_dropped(n, flags))) {
			if (name != NULL && page_doc_is(n, name))
				return n;
			if (name == NULL) {
				char *role = page_doc_attr(n, "role");
				int hit = role != NULL && strcasecmp(role, "main") == 0;

				free(role);
				if (hit)
					return n;
			}
			descend = 1;
		}
		n = page_doc_next(n, root, descend);
	}
	return NULL;
}

/* Text counted for an element that holds <p> children. */
struct page_score {
	const xmlNode *node;
	size_t score;
};

static int
page_score_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct page_score *)a)->node;
	uintptr_t y = (uintptr_t)((const struct page_score *)b)->node;

	return x < y ? -1 : x > y;
}

/* The element whose <p> children hold the most text (the first in
 * document order of those with the most): each text node counts for the
 * parent of its nearest <p>. The counts go to a side table, sorted by
 * node, so the tree is only read. NULL when none, or out of memory. */
static const xmlNode *
page_densest(const xmlNode *root)
{
	struct page_score *v = NULL, *grown, key = { NULL, 0 };
	const xmlNode *n = root, *best = NULL;
	size_t nv = 0, cap = 0, best_score = 0, k;

	while (n != NULL) {
		int descend = n->type == XML_ELEMENT_NODE &&
		    (n == root || !page_doc_dropped(n, 0));

		if (n->type == XML_TEXT_NODE && n->content != NULL) {
			const xmlNode *a = n->parent;

			for (int i = 0; a != NULL && i < PAGE_P_ANCESTORS; i++, a = a->parent)
				if (page_doc_is(a, "p") || a == root)
					break;
			if (a != NULL && a != root && page_doc_is(a, "p") && a->parent != NULL) {
				if (nv == cap) {
					cap = cap * 2 + 16;
					if ((grown = realloc(v, cap * sizeof(*v))) == NULL) {
						free(v);
						return NULL;
					}
					v = grown;
				}
				v[nv].node = a->parent;
				v[nv++].score = strlen((const char *)n->content);
			}
		}
		n = page_doc_next(n, root, descend);
	}
	if (nv == 0)
		return NULL;
	/* One entry per element, its counts summed. */
	qsort(v, nv, sizeof(*v), page_score_cmp);
	for (size_t i = k = 0; i < nv; i++) {
		if (k > 0 && v[k - 1].node == v[i].node)
			v[k - 1].score += v[i].score;
		else
			v[k++] = v[i];
	}
	for (n = root; n != NULL; n = page_doc_next(n, root, 1)) {
		const struct page_score *e;

		key.node = n;
		if ((e = bsearch(&key, v, k, sizeof(*v), page_score_cmp)) != NULL &&
		    e->score > best_score) {
			best_score = e->score;
			best = n;
		}
	}
	free(v);
	return best;
}

/* The node content_xpath selects (its first element, or the element of its
 * first attribute or text node), or NULL. */
static const xmlNode *
page_xpath_node(xmlDocPtr doc, const char *expr, xmlXPathObjectPtr *keep,
    char *err, size_t errlen)
{
	xmlXPathObjectPtr res;
	xmlNodeSetPtr set;

	if ((res = page_doc_xpath(doc, expr, err, errlen)) == NULL)
		return NULL;
	*keep = res;
	set = res->type == XPATH_NODESET ? res->nodesetval : NULL;
	for (int i = 0; set != NULL && i < set->nodeNr; i++) {
		const xmlNode *n = set->nodeTab[i];

		if (n->type == XML_ELEMENT_NODE)
			return n;
		if ((n->type == XML_ATTRIBUTE_NODE || n->type == XML_TEXT_NODE) &&
		    n->parent != NULL && n->parent->type == XML_ELEMENT_NODE)
			return n->parent;
	}
	return NULL;
}

/* Title from <title>: drop a trailing " | Site" of a few words. */
static char *
page_title_strip(char *t)
{
	char *bar;

	if (t == NULL || (bar = strstr(t, " | ")) == NULL)
		return t;
	while (strstr(bar + 3, " | ") != NULL)
		bar = strstr(bar + 3, " | ");
	if (bar > t && strlen(bar + 3) <= PAGE_SUFFIX_MAX)
		*bar = '\0';
	return t;
}

/* The date of the first <time datetime> under root. */
static int
page_time(const xmlNode *root, char *out)
{
	const xmlNode *n = root;

	while (n != NULL) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE &&
		    (n == root || !page_doc_dropped(n, PAGE_DOC_KEEP_HEADER))) {
			if (page_doc_is(n, "time")) {
				char *v = page_doc_attr(n, "datetime");
				int rc = v != NULL ? page_date_value(v, out) : -1;

				free(v);
				if (rc == 0)
					return 0;
			}
			descend = 1;
		}
		n = page_doc_next(n, root, descend);
	}
	return -1;
}

/* The date near the top of the text of root. */
static int
page_dateline(const xmlNode *root, unsigned flags, char *out)
{
	struct buf b = { 0 };
	int rc = -1;

	if (page_doc_text(root, flags, PAGE_DATELINE, &b) == 0 && b.len > 0)
		rc = page_date_find(b.data, b.len, out);
	buf_free(&b);
	return rc;
}

static int
page_fill(xmlDocPtr doc, const char *base_url, const char *content_xpath,
    struct page *p, char *err, size_t errlen)
{
	struct page_head h = { .date_rank = sizeof(page_date_metas) / sizeof(page_date_metas[0]) };
	xmlNode *root = xmlDocGetRootElement(doc);
	const xmlNode *cand[6] = { 0 }, *body, *mainn = NULL, *h1;
	xmlXPathObjectPtr xres = NULL;
	struct buf text = { 0 };
	char *base, d[11], *v;
	int rc = -1;

	base = page_doc_base(doc, base_url);
	if (page_scan_head(root, base, p, &h) == -1)
		goto oom;
	if ((body = page_find(root, "body", 0)) == NULL)
		body = root;
	if (content_xpath != NULL && *content_xpath != '\0') {
		cand[0] = page_xpath_node(doc, content_xpath, &xres, err, errlen);
		if (xres == NULL)
			goto out;
	}
	cand[1] = page_find(body, "main", 0);
	cand[2] = page_find(body, "article", 0);
	cand[3] = page_find(body, NULL, 0);
	cand[4] = page_densest(body);
	cand[5] = body;
	for (size_t i = 0; i < sizeof(cand) / sizeof(cand[0]) && mainn == NULL; i++) {
		if (cand[i] == NULL)
			continue;
		buf_reset(&text);
		if (page_doc_text(cand[i], PAGE_DOC_BLOCKS, PAGE_MAX_TEXT, &text) == -1)
			goto oom;
		if (text.len > 0 || i + 1 == sizeof(cand) / sizeof(cand[0]))
			mainn = cand[i];
	}
	if (buf_append(&text, "", 0) == -1)
		goto oom;
	p->text = buf_detach(&text);

	h1 = page_find(mainn, "h1", mainn == body ? 0 : PAGE_DOC_KEEP_HEADER);
	if (h1 != NULL)
		p->title = page_doc_line(h1, PAGE_MAX_TITLE);
	if (p->title == NULL && h.og_title != NULL)
		p->title = h.og_title, h.og_title = NULL;
	if (p->title == NULL)
		p->title = page_title_strip(h.title), h.title = NULL;

	if (h.date[0] != '\0' || page_time(mainn, h.date) == 0 ||
	    page_dateline(mainn, PAGE_DOC_BLOCKS, d) == 0 ||
	    page_dateline(mainn, PAGE_DOC_BLOCKS | PAGE_DOC_KEEP_HEADER, d) == 0) {
		if ((p->date = strdup(h.date[0] != '\0' ? h.date : d)) == NULL)
			goto oom;
	}

	v = page_doc_attr(root, "lang");
	if (v == NULL)
		v = page_doc_attr(root, "xml:lang");
	p->lang = page_lang_norm(v);
	free(v);
	if (p->lang == NULL)
		p->lang = page_lang_norm(h.lang_meta);
	if (p->lang == NULL)
		p->lang = page_lang_norm(h.og_locale);

	if (page_clean(&p->title) == -1 || page_clean(&p->text) == -1)
		goto oom;
	rc = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	buf_free(&text);
	xmlXPathFreeObject(xres);
	page_head_free(&h);
	free(base);
	return rc;
}

int
page_extract(const char *html, size_t len, const char *charset,
    const char *base_url, const char *content_xpath, struct page **out,
    char *err, size_t errlen)
{
	htmlDocPtr doc;
	struct page *p;

	*out = NULL;
	if ((doc = page_doc_parse(html, len, charset, err, errlen)) == NULL)
		return -1;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		xmlFreeDoc(doc);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (page_fill(doc, base_url, content_xpath, p, err, errlen) == -1) {
		xmlFreeDoc(doc);
		page_free(p);
		return -1;
	}
	xmlFreeDoc(doc);
	*out = p;
	return 0;
}

int
page_xpath_check(const char *expr, char *err, size_t errlen)
{
	xmlDocPtr doc;
	xmlXPathObjectPtr res;

	if (expr == NULL || *expr == '\0') {
		snprintf(err, errlen, "empty XPath expression");
		return -1;
	}
	xmlInitParser();
	if ((doc = htmlReadMemory("<p></p>", 7, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	res = page_doc_xpath(doc, expr, err, errlen);
	xmlXPathFreeObject(res);
	xmlFreeDoc(doc);
	if (res == NULL)
		snprintf(err, errlen, "invalid XPath expression");
	return res == NULL ? -1 : 0;
}
