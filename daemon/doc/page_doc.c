/*
 * page_doc — the groundwork of the page module: decide a document's charset
 * (the HTTP charset, else a BOM, else <meta charset>, else UTF-8 when the
 * bytes are valid UTF-8, else windows-1252), convert it to valid UTF-8
 * ourselves, and parse that with libxml2's HTML parser told to ignore any
 * encoding the document declares; then walk the tree without recursion to
 * collect capped, whitespace-folded text.
 *
 * Converting before parsing keeps libxml2 2.9 from switching encodings in
 * the middle of a document or stopping at the first conversion error.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_walk.h"
#include "page_doc.h"
#include "rightswatch/feed.h"
#include "rightswatch/url.h"
#include "rightswatch/utf8.h"
#include "tagguard.h"

#define PAGE_DOC_PRESCAN 4096 /* bytes searched for a <meta> charset */
#define PAGE_DOC_SNIFF   8192 /* bytes inspected for binary data */

static const char page_doc_repl[] = "\xef\xbf\xbd"; /* U+FFFD */

/* Charset labels with a fixed meaning; the Latin-1 family is read as
 * windows-1252, as browsers do (WHATWG Encoding), so 0x80-0x9F become the
 * quotes and dashes the author meant. Sorted for bsearch. */
static const struct page_doc_alias {
	const char *label;
	const char *name;
} page_doc_aliases[] = {
	{ "ascii", "WINDOWS-1252" },
	{ "cp1252", "WINDOWS-1252" },
	{ "cp819", "WINDOWS-1252" },
	{ "csisolatin1", "WINDOWS-1252" },
	{ "ibm819", "WINDOWS-1252" },
	{ "iso-8859-1", "WINDOWS-1252" },
	{ "iso-ir-100", "WINDOWS-1252" },
	{ "iso8859-1", "WINDOWS-1252" },
	{ "iso88591", "WINDOWS-1252" },
	{ "iso_8859-1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" },
	{ "latin1", "WINDOWS-1252" },
	{ "unicode-1-1-utf-8", "UTF-8" },
	{ "us-ascii", "WINDOWS-1252" },
	{ "utf-16", "UTF-16LE" },
	{ "utf-16be", "UTF-16BE" },
	{ "utf-16le", "UTF-16LE" },
	{ "utf-8", "UTF-8" },
	{ "utf8", "UTF-8" },
	{ "windows-1252", "WINDOWS-1252" },
	{ "x-cp1252", "WINDOWS-1252" },
};

/* Elements whose text never belongs to a release's text. Sorted. */
static const char *const page_doc_drop[] = {
	"aside", "button", "canvas", "embed", "footer", "form", "head",
	"header", "iframe", "nav", "noscript", "object", "script", "select",
	"style", "svg", "template", "textarea", "title",
};

/* ARIA landmarks that are boilerplate whatever the element. Sorted. */
static const char *const page_doc_drop_roles[] = {
	"banner", "complementary", "contentinfo", "dialog", "navigation",
	"search",
};

/* Elements that start and end a paragraph. Sorted. */
static const char *const page_doc_blocks[] = {
	"address", "article", "blockquote", "br", "dd", "details", "div",
	"dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3",
	"h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
	"summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
};

static int
page_doc_cmp(const void *a, const void *b)
{
	return strcasecmp(a, *(const char *const *)b);
}

static int
page_doc_alias_cmp(const void *a, const void *b)
{
	return strcmp(a, ((const struct page_doc_alias *)b)->label);
}

static int
page_doc_in(const char *name, const char *const *set, size_t n)
{
	return bsearch(name, set, n, sizeof(*set), page_doc_cmp) != NULL;
}

/* Append s as UTF-8, each invalid byte as U+FFFD and NUL bytes dropped. */
static int
page_doc_sanitize(const char *s, size_t len, struct buf *out)
{
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_len(s + i, len - i);

		if (n == 0) {
			if (buf_append(out, page_doc_repl, 3) == -1)
				return -1;
			i++;
		} else if (n == 1 && s[i] == '\0') {
			i++;
		} else {
			if (buf_append(out, s + i, n) == -1)
				return -1;
			i += n;
		}
	}
	return 0;
}

/* Canonical converter name of a charset label, or NULL when unknown.
 * in_meta: a label read from the document itself, where UTF-16 cannot be
 * meant (the <meta> was readable as ASCII) and is taken as UTF-8. */
static const char *
page_doc_charset(const char *label, size_t len, int in_meta, char *tmp,
    size_t tmplen)
{
	const struct page_doc_alias *a;
	size_t i, n = 0;
	iconv_t cd;

	for (i = 0; i < len && n + 1 < tmplen; i++) {
		unsigned char c = (unsigned char)label[i];

		if (c == ' ' || c == '\t' || c == '"' || c == '\'')
			continue;
		if (!isalnum(c) && c != '-' && c != '_' && c != '.' && c != ':')
			return NULL;
		tmp[n++] = (char)tolower(c);
	}
	if (n == 0 || i < len)
		return NULL;
	tmp[n] = '\0';
	a = bsearch(tmp, page_doc_aliases, sizeof(page_doc_aliases) /
	    sizeof(page_doc_aliases[0]), sizeof(page_doc_aliases[0]),
	    page_doc_alias_cmp);
	if (a != NULL) {
		if (in_meta && strncmp(a->name, "UTF-16", 6) == 0)
			return "UTF-8";
		return a->name;
	}
	if ((cd = iconv_open("UTF-8", tmp)) == (iconv_t)-1)
		return NULL;
	iconv_close(cd);
	return tmp;
}

/* The charset label of the first <meta> that declares one near the top
 * (charset="x" or content="text/html; charset=x"); *len set; or NULL. */
static const char *
page_doc_meta_charset(const char *data, size_t len, size_t *outlen)
{
	size_t end = len < PAGE_DOC_PRESCAN ? len : PAGE_DOC_PRESCAN;
	size_t i, j, k;

	for (i = 0; i + 5 < end; i++) {
		if (data[i] != '<' || strncasecmp(data + i + 1, "meta", 4) != 0)
			continue;
		for (j = i + 5; j < end && data[j] != '>'; j++) {
			if (end - j < 7 || strncasecmp(data + j, "charset", 7) != 0)
				continue;
			k = j + 7;
			while (k < end && (data[k] == ' ' || data[k] == '\t'))
				k++;
			if (k >= end || data[k] != '=')
				continue;
			k++;
			while (k < end && (data[k] == ' ' || data[k] == '"' ||
			    data[k] == '\''))
				k++;
			j = k;
			while (k < end && (isalnum((unsigned char)data[k]) ||
			    data[k] == '-' || data[k] == '_' || data[k] == '.' ||
			    data[k] == ':'))
				k++;
			if (k == j)
				continue;
			*outlen = k - j;
			return data + j;
		}
	}
	return NULL;
}

/* Convert with iconv; undecodable input becomes U+FFFD. */
static int
page_doc_iconv(const char *data, size_t len, const char *name, struct buf *out)
{
	iconv_t cd;
	char *copy, *in;
	size_t inleft = len, unit = strncmp(name, "UTF-16", 6) == 0 ? 2 : 1;
	int rc = 0;

	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return page_doc_sanitize(data, len, out);
	/* iconv takes its input as char **: it gets a copy of its own rather
	 * than the caller's const bytes. */
	if ((copy = malloc(len + 1)) == NULL) {
		iconv_close(cd);
		return -1;
	}
	memcpy(copy, data, len);
	in = copy;
	for (;;) {
		char *o;
		size_t oleft, r;

		if (buf_reserve(out, 4096 + inleft) == -1) {
			rc = -1;
			break;
		}
		o = out->data + out->len;
		oleft = out->cap - out->len - 1;
		r = iconv(cd, inleft > 0 ? &in : NULL, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r != (size_t)-1) {
			if (inleft == 0)
				break;
			continue;
		}
		if (errno == E2BIG)
			continue;
		if (buf_append(out, page_doc_repl, 3) == -1) {
			rc = -1;
			break;
		}
		if (errno != EILSEQ || inleft <= unit)
			break;
		in += unit;
		inleft -= unit;
	}
	iconv_close(cd);
	free(copy);
	return rc;
}

int
page_doc_decode(const char *data, size_t len, const char *charset,
    struct buf *out)
{
	char tmp[64];
	const char *name = NULL, *meta;
	size_t mlen = 0, skip = 0;
	int from_meta = 0, rc;
	struct buf raw = { 0 };

	if (charset != NULL)
		name = page_doc_charset(charset, strlen(charset), 0, tmp,
		    sizeof(tmp));
	if (name == NULL) {
		if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
			name = "UTF-8";
		else if (len >= 2 && memcmp(data, "\xff\xfe", 2) == 0)
			name = "UTF-16LE", skip = 2;
		else if (len >= 2 && memcmp(data, "\xfe\xff", 2) == 0)
			name = "UTF-16BE", skip = 2;
	}
	if (name == NULL && (meta = page_doc_meta_charset(data, len, &mlen)) != NULL)
		if ((name = page_doc_charset(meta, mlen, 1, tmp, sizeof(tmp))) != NULL)
			from_meta = 1;
	/* Undeclared, or declared UTF-8 by a page whose bytes say otherwise:
	 * the likeliest truth is a legacy Western encoding. */
	if (name == NULL || (from_meta && strcmp(name, "UTF-8") == 0))
		name = utf8_valid(data, len) ? "UTF-8" : "WINDOWS-1252";
	if (strcmp(name, "UTF-8") == 0) {
		if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
			skip = 3;
		return page_doc_sanitize(data + skip, len - skip, out);
	}
	if (page_doc_iconv(data + skip, len - skip, name, &raw) == -1) {
		buf_free(&raw);
		return -1;
	}
	/* A BOM the converter kept, NUL bytes and anything invalid go. */
	skip = raw.len >= 3 && memcmp(raw.data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	rc = page_doc_sanitize(raw.data ? raw.data + skip : "", raw.len - skip, out);
	buf_free(&raw);
	return rc;
}

int
page_doc_sniff(const char *data, size_t len, char *err, size_t errlen)
{
	size_t i, n = len < PAGE_DOC_SNIFF ? len : PAGE_DOC_SNIFF, ctl = 0;
	int utf16;

	for (i = 0; i < len; i++)
		if (!isspace((unsigned char)data[i]))
			break;
	if (i == len) {
		snprintf(err, errlen, "empty document");
		return -1;
	}
	if (len > PAGE_MAX_INPUT) {
		snprintf(err, errlen, "document larger than %d bytes", PAGE_MAX_INPUT);
		return -1;
	}
	utf16 = len >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 ||
	    memcmp(data, "\xfe\xff", 2) == 0);
	/* A stray NUL in a textual page counts as one control character
	 * among the rest (page_doc_sanitize drops it). Text has next to no
	 * controls; random bytes have about 10 %: more than 5 % is binary. */
	for (i = 0; i < n && !utf16; i++) {
		unsigned char c = (unsigned char)data[i];

		if ((c < 0x20 && !isspace(c)) || c == 0x7f)
			ctl++;
	}
	if (ctl * 20 > n) {
		snprintf(err, errlen, "binary data, not HTML");
		return -1;
	}
	if (memchr(data, '<', len) == NULL) {
		snprintf(err, errlen, "no HTML markup");
		return -1;
	}
	return 0;
}

htmlDocPtr
page_doc_parse(const char *data, size_t len, const char *charset, char *err,
    size_t errlen)
{
	struct tagguard g = { .html = 1, .max_attrs = FEED_MAX_ATTRS };
	struct buf u = { 0 };
	htmlDocPtr doc;

	if (page_doc_sniff(data, len, err, errlen) == -1)
		return NULL;
	if (page_doc_decode(data, len, charset, &u) == -1) {
		buf_free(&u);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	/* libxml2 2.9 checks an element's attributes for duplicates in
	 * quadratic time: a page with thousands on one element is refused
	 * before it parses (tagguard.h). */
	if (tagguard_scan(&g, u.data != NULL ? u.data : "", u.len) == -1) {
		buf_free(&u);
		snprintf(err, errlen, "rejected: %s", g.why);
		return NULL;
	}
	xmlInitParser();
	doc = htmlReadMemory(u.data ? u.data : "", (int)u.len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
	buf_free(&u);
	if (doc != NULL && xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL)
		snprintf(err, errlen, "not an HTML document");
	return doc;
}

int
page_doc_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcasecmp((const char *)n->name, name) == 0;
}

char *
page_doc_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;
	const xmlNode *t;
	struct buf b = { 0 };
	size_t i, j;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next)
		if (a->name != NULL && strcasecmp((const char *)a->name, name) == 0)
			break;
	if (a == NULL)
		return NULL;
	for (t = a->children; t != NULL; t = t->next)
		if (t->content != NULL && buf_puts(&b, (const char *)t->content) == -1) {
			buf_free(&b);
			return NULL;
		}
	if (buf_append(&b, "", 0) == -1)
		return NULL;
	for (i = 0; i < b.len && isspace((unsigned char)b.data[i]); i++)
		;
	for (j = b.len; j > i && isspace((unsigned char)b.data[j - 1]); j--)
		;
	memmove(b.data, b.data + i, j - i);
	b.data[j - i] = '\0';
	b.len = j - i;
	return buf_detach(&b);
}

int
page_doc_dropped(const xmlNode *n, unsigned flags)
{
	const char *name = (const char *)n->name;
	char *v;
	int drop = 0;

	if (n->type != XML_ELEMENT_NODE || name == NULL)
		return 0;
	if (page_doc_in(name, page_doc_drop, sizeof(page_doc_drop) /
	    sizeof(page_doc_drop[0])))
		return !((flags & PAGE_DOC_KEEP_HEADER) &&
		    strcasecmp(name, "header") == 0);
	if (n->properties == NULL)
		return 0;
	if ((v = page_doc_attr(n, "hidden")) != NULL) {
		free(v);
		return 1;
	}
	if ((v = page_doc_attr(n, "aria-hidden")) != NULL) {
		drop = strcasecmp(v, "true") == 0;
		free(v);
		if (drop)
			return 1;
	}
	if ((v = page_doc_attr(n, "role")) != NULL) {
		drop = page_doc_in(v, page_doc_drop_roles,
		    sizeof(page_doc_drop_roles) / sizeof(page_doc_drop_roles[0]));
		free(v);
		if (drop)
			return 1;
	}
	/* Cookie-consent banners carry no other reliable marker. */
	if ((v = page_doc_attr(n, "id")) != NULL) {
		drop = strcasestr(v, "cookie") != NULL;
		free(v);
		if (drop)
			return 1;
	}
	if ((v = page_doc_attr(n, "class")) != NULL) {
		drop = strcasestr(v, "cookie") != NULL;
		free(v);
	}
	return drop;
}

struct page_doc_out {
	struct buf *b;
	const xmlNode *root; /* entered even when it would be dropped */
	unsigned flags;
	size_t start; /* where this text began in b */
	size_t max;   /* bytes this text may take */
	int space;    /* a space is due before the next word */
	int brk;      /* a paragraph break is due before the next word */
	int full;
};

/* Append n bytes of a word (no whitespace), preceded by the separator due. */
static int
page_doc_word(struct page_doc_out *o, const char *s, size_t n)
{
	size_t used = o->b->len - o->start, room;
	const char *sep = NULL;

	if (used > 0)
		sep = o->brk ? "\n\n" : o->space ? " " : NULL;
	o->space = o->brk = 0;
	if (sep != NULL) {
		if (strlen(sep) >= o->max - used) {
			o->full = 1;
			return 0;
		}
		if (buf_puts(o->b, sep) == -1)
			return -1;
		used += strlen(sep);
	}
	room = o->max - used;
	if (n > room) {
		/* cut on a character boundary so the text stays valid UTF-8 */
		n = utf8_cut(s, n, room);
		o->full = 1;
	}
	return buf_append(o->b, s, n);
}

static int
page_doc_chars(const char *s, void *arg)
{
	struct page_doc_out *o = arg;
	size_t i = 0, j;

	while (s[i] != '\0' && !o->full) {
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f) {
			o->space = 1;
			i++;
			continue;
		}
		for (j = i; (unsigned char)s[j] > 0x20 && s[j] != 0x7f; j++)
			;
		if (page_doc_word(o, s + i, j - i) == -1)
			return -1;
		i = j;
	}
	return 0;
}

static void
page_doc_edge(struct page_doc_out *o, const xmlNode *n, unsigned flags)
{
	const char *name = (const char *)n->name;

	if (name == NULL)
		return;
	if ((flags & PAGE_DOC_BLOCKS) && page_doc_in(name, page_doc_blocks,
	    sizeof(page_doc_blocks) / sizeof(page_doc_blocks[0])))
		o->brk = 1;
	else if (strcasecmp(name, "td") == 0 || strcasecmp(name, "th") == 0 ||
	    page_doc_in(name, page_doc_blocks, sizeof(page_doc_blocks) /
	    sizeof(page_doc_blocks[0])))
		o->space = 1;
}

static int
page_doc_open(const xmlNode *n, void *arg)
{
	struct page_doc_out *o = arg;

	if (n != o->root && page_doc_dropped(n, o->flags))
		return 0;
	page_doc_edge(o, n, o->flags);
	return 1;
}

static void
page_doc_close(const xmlNode *n, void *arg)
{
	struct page_doc_out *o = arg;

	page_doc_edge(o, n, o->flags);
}

static int
page_doc_full(void *arg)
{
	return ((struct page_doc_out *)arg)->full;
}

int
page_doc_text(const xmlNode *root, unsigned flags, size_t max, struct buf *out)
{
	static const struct html_walk_ops ops = {
		page_doc_open, page_doc_close, page_doc_chars, page_doc_full
	};
	struct page_doc_out o = { out, root, flags, out->len, max, 0, 0, 0 };

	if (buf_append(out, "", 0) == -1)
		return -1;
	return html_walk(root, 1, &ops, &o);
}

char *
page_doc_line(const xmlNode *root, size_t max)
{
	struct buf b = { 0 };

	if (page_doc_text(root, 0, max, &b) == -1 || b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

char *
page_doc_base(const xmlDoc *doc, const char *base_url)
{
	const xmlNode *root = xmlDocGetRootElement(doc), *n;
	char *href = NULL, *res = NULL;

	/* <base> belongs in the head: the body is not searched */
	for (n = root; n != NULL && href == NULL;
	    n = page_doc_next(n, root, n->type == XML_ELEMENT_NODE && !page_doc_is(n, "body")))
		if (page_doc_is(n, "base"))
			href = page_doc_attr(n, "href");
	if (href != NULL && *href != '\0')
		res = url_resolve(base_url, href);
	free(href);
	if (res == NULL && base_url != NULL)
		res = strdup(base_url);
	return res;
}

#define PAGE_DOC_XPATH_OPS 50000000UL /* XPath steps one evaluation may take */

static void
page_doc_xpath_quiet(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

xmlXPathObjectPtr
page_doc_xpath(xmlDocPtr doc, const char *expr, char *err, size_t errlen)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr res;

	if ((ctx = xmlXPathNewContext(doc)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	ctx->error = page_doc_xpath_quiet;
	ctx->opLimit = PAGE_DOC_XPATH_OPS;
	res = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	if (res == NULL)
		snprintf(err, errlen, "invalid or too costly XPath expression");
	return res;
}

const xmlNode *
page_doc_next(const xmlNode *n, const xmlNode *root, int descend)
{
	if (descend && n->children != NULL)
		return n->children;
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}
