/*
 * xmltok_lex — what every reader of the tokenizer uses: errors with their
 * line, the end of the bytes inside a token, names (XML 1.0 fifth edition)
 * and their namespaces, references.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rightswatch/utf8.h"
#include "xmltok_int.h"

#define NS_XML "http://www.w3.org/XML/1998/namespace"

/* ASCII name characters: 1 may start a name, 2 may follow. */
static const unsigned char xt_namech[256] = {
	['A' ... 'Z'] = 3, ['a' ... 'z'] = 3, ['_'] = 3, [':'] = 3,
	['0' ... '9'] = 2, ['-'] = 2, ['.'] = 2,
};

int
xt_fail(struct xmltok *t, const char *s, size_t at, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	if (t->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failed = 1;
	if (strncmp(msg, "rejected: ", 10) == 0)
		snprintf(t->err, sizeof(t->err), "%s", msg);
	else
		snprintf(t->err, sizeof(t->err), "not well-formed XML (line %llu): %s",
		    (unsigned long long)xt_line(t, s, at), msg);
	return -1;
}

/* The line of s[at], s being the current bytes (counted on from the
 * last place asked, so that asking at every tag stays linear). */
uint64_t
xt_line(struct xmltok *t, const char *s, size_t at)
{
	if (at >= t->lf_at)
		t->lf_lines += xt_count_lf(s + t->lf_at, at - t->lf_at);
	else
		t->lf_lines -= xt_count_lf(s + at, t->lf_at - at);
	t->lf_at = at;
	return t->lf_lines + 1;
}

/* Lines are counted when a message needs one and once over the bytes of
 * each push, not at every start tag: an open element keeps where it is
 * until its line is asked for or its bytes are done (xmltok.c). */
uint64_t
xt_open_line(struct xmltok *t, const char *s, struct xt_open *o)
{
	if (o->line == 0)
		o->line = xt_line(t, s, o->at);
	return o->line;
}

uint64_t
xt_count_lf(const char *s, size_t n)
{
	uint64_t k = 0;
	size_t i = 0;

#if defined(__SSE2__)
	const __m128i lf = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
	while (i + 16 <= n) {
		/* each byte counts its LFs down from 0, at most 255 blocks */
		__m128i acc = zero;
		size_t stop = i + 255 * 16 < n ? i + 255 * 16 : n;

		for (; i + 16 <= stop; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, lf));
		}
		acc = _mm_sad_epu8(acc, zero);
		k += (uint64_t)_mm_cvtsi128_si32(acc) + (uint64_t)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
	}
#endif
	for (; i < n; i++)
		k += s[i] == '\n';
	return k;
}

/* ---- references ----------------------------------------------------- */

/* A reference at s[i] ('&'): its UTF-8 into d (*dn bytes; 0 for an
 * undeclared entity that is dropped). Returns the index after it, XT_NEED
 * or XT_ERR. */
size_t
xt_ref(struct xmltok *t, const char *s, size_t i, size_t n, int last, char *d, size_t dlen,
    unsigned *dn)
{
	static const struct { const char *name; char c; } pre[] = {
		{ "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "apos", '\'' }, { "quot", '"' },
	};
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i + 1, k;
	uint32_t cp = 0;

	(void)dlen;
	if (j < n && s[j] == '#') {
		int hex = j + 1 < n && s[j + 1] == 'x';
		for (j += 1 + (size_t)hex; j < n && s[j] != ';'; j++) {
			unsigned v = (u[j] >= '0' && u[j] <= '9') ? u[j] - '0' :
			    hex && (u[j] | 0x20) >= 'a' && (u[j] | 0x20) <= 'f' ? (u[j] | 0x20) - 'a' + 10 : 99;
			if (v == 99) {
				xt_fail(t, s, j, hex ? "xmlParseCharRef: invalid hexadecimal value" :
				    "xmlParseCharRef: invalid decimal value");
				return XT_ERR;
			}
			cp = cp > 0x110000 ? 0x110000 : cp * (hex ? 16 : 10) + v;
			if (j - i > XT_MAX_NAME) { /* a carry must stay bounded */
				xt_fail(t, s, j, "xmlParseCharRef: invalid xmlChar value %u", cp);
				return XT_ERR;
			}
		}
		if (j == n)
			goto more;
		if (j == i + 2 + (size_t)hex)
			cp = 0;
		if (!(cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
		    (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF))) {
			xt_fail(t, s, i, "xmlParseCharRef: invalid xmlChar value %u", cp);
			return XT_ERR;
		}
		*dn = (unsigned)utf8_put(cp, d);
		return j + 1;
	}
	if (j < n && (k = xt_name_end(s, j, n)) == j) {
		xt_fail(t, s, j, "xmlParseEntityRef: no name");
		return XT_ERR;
	}
	if (j < n && k - j > XT_MAX_NAME) {
		xt_fail(t, s, j, "xmlParseEntityRef: name too long");
		return XT_ERR;
	}
	if (j < n)
		j = k;
	if (j == n)
		goto more;
	if (s[j] != ';') {
		xt_fail(t, s, j, "EntityRef: expecting ';'");
		return XT_ERR;
	}
	k = j - i - 1;
	for (size_t p = 0; p < sizeof(pre) / sizeof(pre[0]); p++)
		if (strlen(pre[p].name) == k && memcmp(s + i + 1, pre[p].name, k) == 0) {
			d[0] = pre[p].c;
			*dn = 1;
			return j + 1;
		}
	if (!t->ext_subset) {
		xt_fail(t, s, i, "Entity '%.*s' not defined", (int)(k > 60 ? 60 : k), s + i + 1);
		return XT_ERR;
	}
	*dn = 0;
	return j + 1;
more:
	return xt_more(t, s, n, n, last, ';', "EntityRef: expecting ';'") == XT_ERR ? XT_ERR : XT_NEED;
}

/* The bytes end inside a token at s[i]: an error (msg) when no more will
 * come, else the token waits for the byte need. Returns what a reader
 * returns then. */
size_t
xt_more(struct xmltok *t, const char *s, size_t i, size_t n, int last, int need,
    const char *msg)
{
	if (last) {
		xt_fail(t, s, n, "%s", msg);
		return XT_ERR;
	}
	t->need = need;
	return i;
}

size_t
xt_oom(struct xmltok *t)
{
	t->failed = 1;
	snprintf(t->err, sizeof(t->err), "out of memory");
	return XT_ERR;
}

/* ---- names ----------------------------------------------------------- */

/* Is cp (not ASCII) a character that may start a name (start), or be
 * in one? XML 1.0 fifth edition's NameStartChar and NameChar. */
static int
xt_name_cp(uint32_t cp, int start)
{
	static const uint32_t starts[][2] = {
		{ 0xC0, 0xD6 }, { 0xD8, 0xF6 }, { 0xF8, 0x2FF }, { 0x370, 0x37D }, { 0x37F, 0x1FFF },
		{ 0x200C, 0x200D }, { 0x2070, 0x218F }, { 0x2C00, 0x2FEF }, { 0x3001, 0xD7FF },
		{ 0xF900, 0xFDCF }, { 0xFDF0, 0xFFFD }, { 0x10000, 0xEFFFF },
	};

	for (size_t k = 0; k < sizeof(starts) / sizeof(starts[0]); k++)
		if (cp >= starts[k][0] && cp <= starts[k][1])
			return 1;
	return !start && (cp == 0xB7 || (cp >= 0x300 && cp <= 0x36F) ||
	    (cp >= 0x203F && cp <= 0x2040));
}

/* The length of the character at s[i] when it is a name's (start: its
 * first), else 0; -1 when the bytes end inside it. */
static int
xt_name_char(const char *s, size_t i, size_t n, int start)
{
	const unsigned char *u = (const unsigned char *)s + i;
	uint32_t cp;
	size_t len;

	if (u[0] < 0x80)
		return (xt_namech[u[0]] & (start ? 1 : 2)) ? 1 : 0;
	len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
	if (len == 1)
		return 0;
	if (n - i < len)
		return -1;
	cp = u[0] & (0xFF >> (len + 1));
	for (size_t k = 1; k < len; k++)
		cp = cp << 6 | (u[k] & 0x3F);
	return xt_name_cp(cp, start) ? (int)len : 0;
}

/* The end of a name starting at s[i] (i when none starts there; n when
 * the bytes end inside it). */
size_t
xt_name_end(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	int k;

	if (i < n && (xt_namech[u[i]] & 1)) {
		/* ASCII names, the usual ones, without a call a byte */
		for (i++; i < n && (xt_namech[u[i]] & 2); i++)
			;
		if (i == n || u[i] < 0x80)
			return i;
		k = 0;
		goto more;
	}
	if (i >= n)
		return i;
	if ((k = xt_name_char(s, i, n, 1)) <= 0)
		return k == 0 ? i : n;
more:
	for (i += (size_t)k; i < n; i += (size_t)k) {
		if (u[i] < 0x80 && (xt_namech[u[i]] & 2))
			k = 1;
		else if ((k = xt_name_char(s, i, n, 0)) <= 0)
			return k == 0 ? i : n;
	}
	return i;
}

size_t
xt_local(const char *q, size_t qlen, const char **local)
{
	const char *colon = memchr(q, ':', qlen);

	if (colon == NULL || colon == q || colon + 1 == q + qlen) {
		*local = q;
		return qlen;
	}
	*local = colon + 1;
	return qlen - (size_t)(colon + 1 - q);
}

int
xt_is_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The URI bound to prefix p (plen 0: the default namespace), or NULL. */
struct xt_ns *
xt_ns_find(struct xmltok *t, const char *p, size_t plen)
{
	for (size_t k = t->nns; k > 0; k--) {
		struct xt_ns *b = &t->ns[k - 1];
		if (b->plen == plen && (plen == 0 || memcmp(t->nsmem.data + b->pre, p, plen) == 0))
			return b->ulen > 0 ? b : NULL;
	}
	return NULL;
}

/* Resolve a qualified name; attr: an unprefixed attribute is in no
 * namespace. An undeclared prefix leaves the name in none (libxml2 does
 * the same and only warns). */
static int xml_tag = -1;

void
xt_bound(struct xmltok *t, int bind, struct xt_name *out)
{
	if (bind == XT_BIND_XML) {
		out->uri = NS_XML;
		out->ulen = sizeof(NS_XML) - 1;
		out->tag = &xml_tag;
	} else if (bind >= 0) {
		out->uri = t->nsmem.data + t->ns[bind].uri;
		out->ulen = t->ns[bind].ulen;
		out->tag = &t->ns[bind].tag;
	} else {
		out->uri = NULL;
		out->ulen = 0;
		out->tag = NULL;
	}
}

int
xt_resolve(struct xmltok *t, const char *q, size_t qlen, int attr, struct xt_name *out)
{
	const char *colon = NULL;
	struct xt_ns *b;
	int bind = XT_BIND_NONE;

	for (size_t k = 0; k < qlen; k++) /* names are short: no call */
		if (q[k] == ':') {
			colon = q + k;
			break;
		}
	out->uri = NULL;
	out->ulen = 0;
	out->tag = NULL;
	out->local = q;
	out->llen = qlen;
	if (colon != NULL && colon > q && colon + 1 < q + qlen) {
		size_t plen = (size_t)(colon - q);
		out->local = colon + 1;
		out->llen = qlen - plen - 1;
		if (plen == 3 && memcmp(q, "xml", 3) == 0) {
			xt_bound(t, XT_BIND_XML, out);
			return XT_BIND_XML;
		}
		b = xt_ns_find(t, q, plen);
	} else if (attr)
		return bind;
	else
		b = xt_ns_find(t, "", 0);
	if (b != NULL) {
		bind = (int)(b - t->ns);
		xt_bound(t, bind, out);
	}
	return bind;
}

