/*
 * html_text — plain text from the HTML a feed carries in its descriptions
 * and content (RSS description, content:encoded, Atom type="html", JSON
 * Feed content_html), by one lightweight scanner that takes the HTML in
 * pieces of any size (as a SAX parser delivers it) and keeps no tree.
 *
 * Tags are dropped; block elements become paragraph breaks, <br>, <td>
 * and <th> line breaks; script and style are raw text that is skipped to
 * their end tag, and the other elements whose text is never prose (forms,
 * buttons, embedded objects) are skipped to their matching end tag;
 * comments, doctypes and processing instructions vanish; character
 * references are decoded (HTML 4 names through libxml2's table, numbers
 * as HTML5 reads them: 0x80-0x9F as windows-1252, invalid ones as U+FFFD).
 * Whitespace folds through feed_text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "rightswatch/utf8.h"
#include "feed_int.h"

/* Sorted by name. Inline elements are listed so that a title
 * holding them is known to be HTML. */
static const struct html_elem {
	const char *name;
	enum html_role role;
} html_elems[] = {
	{ "a", HTML_INLINE }, { "abbr", HTML_INLINE }, { "acronym", HTML_INLINE },
	{ "address", HTML_BLOCK }, { "article", HTML_BLOCK }, { "aside", HTML_BLOCK },
	{ "b", HTML_INLINE }, { "bdi", HTML_INLINE }, { "bdo", HTML_INLINE },
	{ "big", HTML_INLINE }, { "blockquote", HTML_BLOCK }, { "br", HTML_LINE },
	{ "button", HTML_SKIP }, { "caption", HTML_BLOCK }, { "cite", HTML_INLINE },
	{ "code", HTML_INLINE }, { "dd", HTML_BLOCK }, { "del", HTML_INLINE },
	{ "dfn", HTML_INLINE }, { "div", HTML_BLOCK }, { "dl", HTML_BLOCK },
	{ "dt", HTML_BLOCK }, { "em", HTML_INLINE }, { "figcaption", HTML_BLOCK },
	{ "figure", HTML_BLOCK }, { "font", HTML_INLINE }, { "footer", HTML_BLOCK },
	{ "form", HTML_SKIP }, { "h1", HTML_BLOCK }, { "h2", HTML_BLOCK },
	{ "h3", HTML_BLOCK }, { "h4", HTML_BLOCK }, { "h5", HTML_BLOCK },
	{ "h6", HTML_BLOCK }, { "head", HTML_SKIP }, { "header", HTML_BLOCK },
	{ "hr", HTML_BLOCK }, { "i", HTML_INLINE }, { "iframe", HTML_SKIP },
	{ "img", HTML_INLINE }, { "ins", HTML_INLINE }, { "kbd", HTML_INLINE },
	{ "li", HTML_BLOCK }, { "main", HTML_BLOCK }, { "mark", HTML_INLINE },
	{ "nav", HTML_BLOCK }, { "noscript", HTML_SKIP }, { "object", HTML_SKIP },
	{ "ol", HTML_BLOCK }, { "p", HTML_BLOCK }, { "pre", HTML_BLOCK },
	{ "q", HTML_INLINE }, { "s", HTML_INLINE }, { "samp", HTML_INLINE },
	{ "script", HTML_RAW }, { "section", HTML_BLOCK }, { "select", HTML_SKIP },
	{ "small", HTML_INLINE }, { "span", HTML_INLINE }, { "strike", HTML_INLINE },
	{ "strong", HTML_INLINE }, { "style", HTML_RAW }, { "sub", HTML_INLINE },
	{ "sup", HTML_INLINE }, { "svg", HTML_SKIP }, { "table", HTML_BLOCK },
	{ "td", HTML_LINE }, { "template", HTML_SKIP }, { "textarea", HTML_SKIP },
	{ "th", HTML_LINE }, { "time", HTML_INLINE }, { "tr", HTML_BLOCK },
	{ "tt", HTML_INLINE }, { "u", HTML_INLINE }, { "ul", HTML_BLOCK },
	{ "var", HTML_INLINE }, { "wbr", HTML_INLINE },
};

enum html_role
html_text_role(const char *name, size_t len)
{
	const size_t nelems = sizeof(html_elems) / sizeof(html_elems[0]);
	size_t lo = 0, hi = nelems;
	char low[16];

	if (len == 0 || len >= sizeof(low))
		return HTML_UNKNOWN;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		low[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	/* the first entry with this initial, by its initial alone; then the
	 * few that share it (string compares were a profile's hot spot) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if ((unsigned char)html_elems[mid].name[0] < (unsigned char)low[0])
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nelems && html_elems[lo].name[0] == low[0]; lo++) {
		const char *e = html_elems[lo].name;
		size_t k = 1;

		while (k < len && e[k] != '\0' && e[k] == low[k])
			k++;
		if (k == len && e[k] == '\0')
			return html_elems[lo].role;
	}
	return HTML_UNKNOWN;
}

static int
html_isalpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int
html_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The UTF-8 of a numeric reference's value, as HTML5 maps it. */
static size_t
html_charref(unsigned long v, char *out)
{
	if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		v = 0xfffd;
	else if (v >= 0x80 && v <= 0x9f)
		v = feed_cp1252((unsigned char)v);
	return utf8_put((unsigned)v, out);
}

size_t
html_text_entity(const char *name, size_t n, char *out)
{
	char tmp[36];
	const htmlEntityDesc *d;
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n >= sizeof(tmp))
		return 0;
	if (name[0] == '#') {
		int hex = n > 1 && (name[1] == 'x' || name[1] == 'X');

		i = hex ? 2 : 1;
		if (i == n || n - i > (hex ? 6 : 8))
			return 0;
		for (; i < n; i++) {
			unsigned char c = (unsigned char)name[i];
			unsigned d8 = c >= '0' && c <= '9' ? c - '0' :
			    hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : 99;
			if (d8 == 99)
				return 0;
			v = v * (hex ? 16 : 10) + d8;
		}
		return html_charref(v, out);
	}
	/* the few that make most of them, without a search */
	if (n == 3 && memcmp(name, "amp", 3) == 0)
		return out[0] = '&', 1;
	if (n == 2 && memcmp(name, "lt", 2) == 0)
		return out[0] = '<', 1;
	if (n == 2 && memcmp(name, "gt", 2) == 0)
		return out[0] = '>', 1;
	if (n == 4 && memcmp(name, "quot", 4) == 0)
		return out[0] = '"', 1;
	if (n == 4 && memcmp(name, "nbsp", 4) == 0)
		return memcpy(out, "\xc2\xa0", 2), 2;
	memcpy(tmp, name, n);
	tmp[n] = '\0';
	if ((d = htmlEntityLookup((const xmlChar *)tmp)) == NULL)
		return 0;
	return utf8_put(d->value, out);
}

void
html_text_init(struct html_text *h, struct feed_text *out)
{
	memset(h, 0, sizeof(*h));
	h->out = out;
}

static void
html_emit(struct html_text *h, const char *s, size_t n)
{
	if (h->skipdepth == 0 && n > 0)
		feed_text_add(h->out, s, n);
}

enum html_role
html_text_tag(struct feed_text *t, const char *name, size_t len, int end)
{
	enum html_role r = html_text_role(name, len);

	if (r == HTML_BLOCK)
		feed_text_break(t, 3);
	else if (r == HTML_LINE)
		feed_text_break(t, 2);
	else if (!end && (r == HTML_SKIP || r == HTML_RAW))
		feed_text_break(t, 1);
	return r;
}

/* A whole tag has been read: name (h->name, h->nlen), end, self-closing. */
static void
html_tag(struct html_text *h, int selfclose)
{
	size_t n = h->nlen < sizeof(h->name) ? h->nlen : 0;
	enum html_role r;

	h->st = HT_TEXT;
	if (h->skipdepth > 0) {
		/* inside a skipped element: only its own name nests */
		if (n == 0 || n != h->skiplen || memcmp(h->name, h->skip, n) != 0)
			return;
		if (h->end)
			h->skipdepth--;
		else if (!selfclose)
			h->skipdepth++;
		return;
	}
	r = html_text_tag(h->out, h->name, n, h->end);
	if (h->end || selfclose || (r != HTML_SKIP && r != HTML_RAW))
		return;
	memcpy(h->skip, h->name, n);
	h->skiplen = n;
	if (r == HTML_RAW) {
		h->st = HT_RAW;
		h->match = 0;
	} else
		h->skipdepth = 1;
}

/* In a raw-text element (script, style): look for its end tag "</name". */
static size_t
html_raw(struct html_text *h, const char *s, size_t i, size_t n)
{
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (h->match == 0) {
			const char *lt = memchr(s + i, '<', n - i);
			if (lt == NULL)
				return n;
			i = (size_t)(lt - s) + 1;
			h->match = 1;
			continue;
		}
		if (h->match == 1) {
			h->match = c == '/' ? 2 : 0;
			i += c == '/';
			continue;
		}
		if ((size_t)h->match - 2 < h->skiplen) {
			if ((c | 0x20) == (unsigned char)h->skip[h->match - 2]) {
				h->match++;
				i++;
			} else
				h->match = 0;
			continue;
		}
		if (html_isspace(c) || c == '>' || c == '/') {
			/* the end tag: read the rest of it as any tag's */
			memcpy(h->name, h->skip, h->skiplen);
			h->nlen = h->skiplen;
			h->end = 1;
			h->eq = h->slash = 0;
			h->st = HT_ATTRS;
			return i;
		}
		h->match = 0;
	}
	return i;
}

/* One byte of markup (states other than text, raw text and quoted values).
 * Returns 1 when c was consumed, 0 when it must be read again as text. */
static int
html_markup(struct html_text *h, unsigned char c)
{
	switch (h->st) {
	case HT_LT:
		if (html_isalpha(c)) {
			h->st = HT_NAME, h->end = 0, h->nlen = 0;
			return html_markup(h, c);
		}
		if (c == '/')
			h->st = HT_ENDLT;
		else if (c == '!')
			h->st = HT_BANG, h->match = 0;
		else if (c == '?')
			h->st = HT_BOGUS;
		else {
			h->st = HT_TEXT;
			html_emit(h, "<", 1);
			return 0;
		}
		return 1;
	case HT_ENDLT:
		if (html_isalpha(c)) {
			h->st = HT_NAME, h->end = 1, h->nlen = 0;
			return html_markup(h, c);
		}
		h->st = c == '>' ? HT_TEXT : HT_BOGUS;
		return 1;
	case HT_NAME:
		if (html_isspace(c) || c == '/' || c == '>') {
			h->st = HT_ATTRS, h->eq = 0, h->slash = 0;
			return html_markup(h, c);
		}
		if (h->nlen < sizeof(h->name))
			h->name[h->nlen] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		if (h->nlen <= sizeof(h->name))
			h->nlen++;
		return 1;
	case HT_ATTRS:
		if (c == '>')
			html_tag(h, h->slash);
		else if ((c == '"' || c == '\'') && h->eq)
			h->st = HT_QUOTED, h->quote = (char)c;
		else if (!html_isspace(c))
			h->eq = c == '=', h->slash = c == '/';
		return 1;
	case HT_BANG:
		if (c == '-' && ++h->match == 2)
			h->st = HT_COMMENT, h->match = 0;
		else if (c != '-')
			h->st = c == '>' ? HT_TEXT : HT_BOGUS;
		return 1;
	case HT_COMMENT:
		if (c == '>' && h->match >= 2)
			h->st = HT_TEXT;
		h->match = c == '-' ? h->match + (h->match < 2) : 0;
		return 1;
	case HT_BOGUS:
		if (c == '>')
			h->st = HT_TEXT;
		return 1;
	default:
		return 1;
	}
}

/* A character reference being read; returns 1 when c was consumed. */
static int
html_entity_byte(struct html_text *h, unsigned char c)
{
	char out[8];
	size_t k;

	if (c == ';') {
		h->st = HT_TEXT;
		if ((k = html_text_entity(h->ent, h->elen, out)) > 0) {
			html_emit(h, out, k);
			return 1;
		}
		html_emit(h, "&", 1);
		html_emit(h, h->ent, h->elen);
		html_emit(h, ";", 1);
		return 1;
	}
	if ((html_isalpha(c) || (c >= '0' && c <= '9') || (c == '#' && h->elen == 0)) &&
	    h->elen + 1 < sizeof(h->ent)) {
		h->ent[h->elen++] = (char)c;
		return 1;
	}
	/* not a reference: the text as written */
	h->st = HT_TEXT;
	html_emit(h, "&", 1);
	html_emit(h, h->ent, h->elen);
	return 0;
}

/* A plain tag at s[i] (after its '<'): "name>" or "/name>", whole in
 * the bytes, the name shorter than h->name. Read at once as html_markup
 * would read it byte by byte; returns the index after it, or i when the
 * tag is not that simple. */
static size_t
html_simple_tag(struct html_text *h, const char *s, size_t i, size_t n)
{
	size_t j = i + (i < n && s[i] == '/'), k;

	if (j >= n || !html_isalpha((unsigned char)s[j]))
		return i;
	for (k = j; k < n && k - j < sizeof(h->name) && s[k] != '>' && s[k] != '/' &&
	    !html_isspace((unsigned char)s[k]); k++) {
		char c = s[k];
		h->name[k - j] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	if (k == n || s[k] != '>')
		return i;
	h->nlen = k - j;
	h->end = j > i;
	h->eq = h->slash = 0;
	html_tag(h, 0);
	return k + 1;
}

void
html_text_feed(struct html_text *h, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n && !h->out->full) {
		if (h->st == HT_TEXT) {
			size_t r = feed_scan2(s, i, n, '<', '&');

			html_emit(h, s + i, r - i);
			if (r == n)
				return;
			h->elen = 0;
			i = r + 1;
			if (s[r] == '<' && (k = html_simple_tag(h, s, i, n)) > i) {
				i = k;
				continue;
			}
			h->st = s[r] == '<' ? HT_LT : HT_ENT;
		} else if (h->st == HT_RAW) {
			i = html_raw(h, s, i, n);
		} else if (h->st == HT_QUOTED) {
			const char *q = memchr(s + i, h->quote, n - i);
			if (q == NULL)
				return;
			h->st = HT_ATTRS, h->eq = 0;
			i = (size_t)(q - s) + 1;
		} else if (h->st == HT_ENT) {
			i += html_entity_byte(h, (unsigned char)s[i]);
		} else
			i += html_markup(h, (unsigned char)s[i]);
	}
}

void
html_text_end(struct html_text *h)
{
	if (h->st == HT_ENT) {
		html_emit(h, "&", 1);
		html_emit(h, h->ent, h->elen);
	} else if (h->st == HT_LT)
		html_emit(h, "<", 1);
	h->st = HT_TEXT;
	h->skipdepth = 0;
}

int
html_text_is_markup(const char *s, size_t n)
{
	const char *p, *end = s + n;
	char tmp[8];

	for (p = s; (p = memchr(p, '<', (size_t)(end - p))) != NULL; ) {
		const char *q = ++p;
		size_t k = 0;

		if (q < end && *q == '/')
			q++;
		while (q + k < end && (html_isalpha((unsigned char)q[k]) ||
		    (k > 0 && q[k] >= '1' && q[k] <= '6')))
			k++;
		if (k > 0 && (q + k == end || q[k] == '>' || q[k] == '/' ||
		    html_isspace((unsigned char)q[k])) && html_text_role(q, k) != HTML_UNKNOWN)
			return 1;
	}
	for (p = s; (p = memchr(p, '&', (size_t)(end - p))) != NULL; ) {
		size_t k;

		p++;
		for (k = 0; p + k < end && k < 34 && p[k] != ';' &&
		    !html_isspace((unsigned char)p[k]) && p[k] != '&' && p[k] != '<'; k++)
			;
		if (p + k < end && p[k] == ';' && html_text_entity(p, k, tmp) > 0)
			return 1;
	}
	return 0;
}

char *
feed_html_to_text(const char *html, size_t len, size_t max)
{
	struct feed_text t = { .max = max };
	struct html_text h;
	char *s;
	int oom = 0;

	html_text_init(&h, &t);
	html_text_feed(&h, html, len);
	html_text_end(&h);
	s = feed_text_take(&t, &oom);
	if (s == NULL && !oom)
		s = strdup("");
	return s;
}
