/*
 * tagguard — the markup scan in front of libxml2 (see tagguard.h).
 *
 * A state machine over bytes: text is skipped to the next '<' sixteen
 * bytes at a time; tags are read byte by byte (they are short); quoted
 * values, comments, CDATA sections and processing instructions are
 * skipped to the byte that may end them. In XML, text, end tags, start
 * tags without attributes and CDATA sections whole in the piece are taken
 * in one loop, without a turn through the states. Every state resumes at
 * any byte, so a piece may end anywhere.
 */
#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "tagguard.h"

enum {
	G_TEXT = 0,
	G_LT,        /* after '<' */
	G_NAME,      /* a start tag's name */
	G_ATTRS,     /* between attributes */
	G_ANAME,     /* an attribute's name */
	G_AFTERNAME, /* after it, before '=' */
	G_BEFOREVAL, /* after '=' */
	G_VALUE,     /* a quoted value */
	G_UNQUOTED,  /* an unquoted value (HTML) */
	G_ENDTAG,    /* an end tag, to its '>' */
	G_BANG,      /* after "<!" */
	G_COMMENT,   /* to "-->" */
	G_CDATA,     /* to "]]>" (XML) */
	G_PI,        /* to "?>" (XML) */
	G_DOCTYPE,   /* a doctype before its internal subset or '>' (XML) */
	G_SUBSET,    /* the internal subset, between declarations (XML) */
	G_SUB_LT,    /* '<' in it */
	G_SUB_BANG,  /* "<!" in it */
	G_SUB_DECL,  /* a markup declaration, to its '>' */
	G_SUB_COMMENT,
	G_SUB_PI,
	G_DOCTAIL,   /* after the subset's ']', to '>' */
	G_RAW        /* script or style text, to "</name" (HTML) */
};

static int
g_refuse(struct tagguard *g, size_t i, const char *what, size_t limit)
{
	snprintf(g->why, sizeof(g->why), "%s %zu (at byte %llu)", what, limit,
	    (unsigned long long)(g->offset + i));
	return -1;
}

/* Index of the first byte c in s[i, n), or n. Inline: the distances
 * between two tags are short, and a call to memchr for each cost more
 * than the scan. */
static size_t
g_find(const char *s, size_t i, size_t n, char c)
{
#if defined(__SSE2__)
	const __m128i v = _mm_set1_epi8(c);

	for (; i + 16 <= n; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(s + i)), v));
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < n && s[i] != c)
		i++;
	return i;
}

/* A start tag ends (XML): nesting and namespace scope. */
static int
g_start_done(struct tagguard *g, size_t i, int selfclose)
{
	if (g->html)
		return 0;
	if (g->ns_scope + g->tag_ns > g->max_ns)
		return g_refuse(g, i, "more namespace declarations in scope than", g->max_ns);
	if (selfclose)
		return 0;
	if (g->depth + 1 > g->max_depth || g->depth + 1 > TAGGUARD_MAX_DEPTH)
		return g_refuse(g, i, "elements nested deeper than", g->max_depth);
	g->depth++;
	g->ns_at[g->depth] = (uint16_t)g->tag_ns;
	g->ns_scope += g->tag_ns;
	return 0;
}

static void
g_end_done(struct tagguard *g)
{
	if (!g->html && g->depth > 0) {
		g->ns_scope -= g->ns_at[g->depth];
		g->depth--;
	}
}

/* Skip to the end of a terminator: a run of at least need bytes a, then
 * z ("-->" is two '-' then '>'). Returns the index after it with *found
 * set, or n with g->match keeping the progress for the next piece. */
static size_t
g_until(struct tagguard *g, const char *s, size_t i, size_t n, char a, unsigned need,
    char z, int *found)
{
	*found = 0;
	while (i < n) {
		char c = s[i];

		if (g->match == 0 && c != a) {
			if ((i = g_find(s, i, n, a)) == n)
				return n;
			continue;
		}
		i++;
		if (c == z && g->match >= need) {
			g->match = 0;
			*found = 1;
			return i;
		}
		g->match = c == a ? (g->match < need ? g->match + 1 : need) : 0;
	}
	return n;
}

/* "<!" in XML: a comment, a CDATA section or a doctype, told apart by
 * the bytes after it (kept in g->name). */
static void
g_bang_xml(struct tagguard *g, char c)
{
	static const char *const what[] = { "--", "[CDATA[", "DOCTYPE" };
	static const int next[] = { G_COMMENT, G_CDATA, G_DOCTYPE };
	size_t k, n = g->nlen;

	for (k = 0; k < 3; k++)
		if (what[k][0] == (n > 0 ? g->name[0] : c))
			break;
	if (k == 3 || what[k][n] != c) {
		g->st = G_TEXT; /* not well-formed: the parser stops here */
		return;
	}
	g->name[g->nlen++] = c;
	if (what[k][n + 1] == '\0') {
		g->st = next[k];
		g->match = 0;
		g->quote = 0;
	}
}

/* An attribute name ends (XML): is it a namespace declaration? */
static void
g_attr_named(struct tagguard *g)
{
	if (!g->html && ((g->nlen == 5 && memcmp(g->name, "xmlns", 5) == 0) ||
	    (g->nlen > 5 && memcmp(g->name, "xmlns:", 6) == 0)))
		g->tag_ns++;
}

/* Byte classes inside a tag. */
enum { C_CH = 0, C_WS, C_EQ, C_QUOTE, C_GT, C_SLASH };
static const unsigned char g_cls[256] = {
	['\t'] = C_WS, ['\n'] = C_WS, ['\f'] = C_WS, ['\r'] = C_WS, [' '] = C_WS,
	['='] = C_EQ, ['"'] = C_QUOTE, ['\''] = C_QUOTE, ['>'] = C_GT, ['/'] = C_SLASH,
};

/* A start tag ends at s[i] ('>'). */
static int
g_tag_done(struct tagguard *g, size_t i)
{
	g->st = G_TEXT;
	if (!g->html && g->taglen > g->max_tag)
		return g_refuse(g, i, "a start tag longer than", g->max_tag);
	if (g->html && !g->slash && ((g->tnlen == 6 && memcmp(g->tname, "script", 6) == 0) ||
	    (g->tnlen == 5 && memcmp(g->tname, "style", 5) == 0))) {
		/* libxml2 reads their text raw up to "</" and the name */
		g->raw = (int)g->tnlen;
		g->st = G_RAW;
		g->match = 0;
	}
	return g_start_done(g, i, g->slash);
}

/* The states inside a start tag, from s[i] for as long as they last.
 * Returns the index of the next byte to read, or (size_t)-1 on a refusal. */
static size_t
g_tag(struct tagguard *g, const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t from = i;
	unsigned char c, k;

	while (i < n) {
		c = u[i];
		k = g_cls[c];
		switch (g->st) {
		case G_NAME:
			while (k == C_CH || k == C_EQ || k == C_QUOTE) {
				if (g->tnlen < sizeof(g->tname))
					g->tname[g->tnlen++] = (char)(c | 0x20);
				else
					g->tnlen = sizeof(g->tname) + 1;
				if (++i == n)
					goto out;
				c = u[i];
				k = g_cls[c];
			}
			g->slash = k == C_SLASH;
			g->st = G_ATTRS;
			if (k == C_GT)
				goto done;
			i++;
			continue;
		case G_ATTRS:
			if (k == C_GT)
				goto done;
			i++;
			if (k == C_WS)
				continue;
			g->slash = k == C_SLASH;
			if (k == C_SLASH)
				continue;
			if (++g->attrs > g->max_attrs) {
				g_refuse(g, i - 1, "an element with more attributes than", g->max_attrs);
				return (size_t)-1;
			}
			g->st = G_ANAME;
			g->name[0] = (char)c;
			g->nlen = 1;
			continue;
		case G_ANAME:
			while (k == C_CH || k == C_QUOTE) {
				if (g->nlen < sizeof(g->name))
					g->name[g->nlen++] = (char)c;
				if (++i == n)
					goto out;
				c = u[i];
				k = g_cls[c];
			}
			g_attr_named(g);
			g->st = k == C_EQ ? G_BEFOREVAL : k == C_WS ? G_AFTERNAME : G_ATTRS;
			if (g->st != G_ATTRS)
				i++;
			continue;
		case G_AFTERNAME:
			if (k == C_WS) {
				i++;
				continue;
			}
			g->st = k == C_EQ ? G_BEFOREVAL : G_ATTRS;
			i += k == C_EQ;
			continue;
		case G_BEFOREVAL:
			if (k == C_WS) {
				i++;
				continue;
			}
			if (k == C_QUOTE) {
				g->st = G_VALUE;
				g->quote = (char)c;
				i++;
				goto out;
			}
			if (!g->html) {
				g->st = G_TEXT; /* not well-formed: the parser stops here */
				goto out;
			}
			if (k == C_GT)
				goto done;
			g->st = G_UNQUOTED;
			i++;
			continue;
		case G_UNQUOTED:
			if (k == C_GT)
				goto done;
			if (k == C_WS)
				g->st = G_ATTRS;
			i++;
			continue;
		default:
			goto out;
		}
	}
out:
	g->taglen += i - from;
	if (!g->html && g->taglen > g->max_tag) {
		g_refuse(g, i, "a start tag longer than", g->max_tag);
		return (size_t)-1;
	}
	return i;
done:
	g->taglen += i + 1 - from;
	if (g_tag_done(g, i) == -1)
		return (size_t)-1;
	return i + 1;
}

/* "</name" of a raw text element (the name kept in g->name). */
static size_t
g_raw(struct tagguard *g, const char *s, size_t i, size_t n)
{
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (g->match == 0) {
			const char *p = memchr(s + i, '<', n - i);
			if (p == NULL)
				return n;
			i = (size_t)(p - s) + 1;
			g->match = 1;
		} else if (g->match == 1) {
			g->match = c == '/' ? 2 : 0;
			i += c == '/';
		} else if ((unsigned char)(c | 0x20) == (unsigned char)g->tname[g->match - 2]) {
			i++;
			if (++g->match - 2 == (unsigned)g->raw) {
				g->st = G_ENDTAG;
				g->match = 0;
				return i;
			}
		} else
			g->match = 0;
	}
	return n;
}

/* The internal subset and its doctype (XML), one byte or a skip. */
static size_t
g_dtd(struct tagguard *g, const char *s, size_t i, size_t n)
{
	unsigned char c = (unsigned char)s[i];
	int found;

	if (g->quote != 0) {
		const char *p = memchr(s + i, g->quote, n - i);
		if (p == NULL)
			return n;
		g->quote = 0;
		return (size_t)(p - s) + 1;
	}
	switch (g->st) {
	case G_DOCTYPE:
	case G_SUB_DECL:
		if (c == '"' || c == '\'')
			g->quote = (char)c;
		else if (c == '[' && g->st == G_DOCTYPE)
			g->st = G_SUBSET;
		else if (c == '>')
			g->st = g->st == G_DOCTYPE ? G_TEXT : G_SUBSET;
		return i + 1;
	case G_SUBSET:
		if (c == '<')
			g->st = G_SUB_LT;
		else if (c == ']')
			g->st = G_DOCTAIL;
		return i + 1;
	case G_SUB_LT:
		g->st = c == '!' ? G_SUB_BANG : c == '?' ? G_SUB_PI : G_SUBSET;
		g->match = 0;
		return i + 1;
	case G_SUB_BANG:
		if (c == '-' && g->match == 0) {
			g->match = 1;
			return i + 1;
		}
		if (c == '-') {
			g->st = G_SUB_COMMENT;
			g->match = 0;
			return i + 1;
		}
		g->st = G_SUB_DECL;
		g->match = 0;
		return i; /* read c again as part of the declaration */
	case G_SUB_COMMENT:
	case G_SUB_PI:
		i = g->st == G_SUB_PI ? g_until(g, s, i, n, '?', 1, '>', &found) :
		    g_until(g, s, i, n, '-', 2, '>', &found);
		if (found)
			g->st = G_SUBSET;
		return i;
	case G_DOCTAIL:
		if (c == '>')
			g->st = G_TEXT;
		return i + 1;
	default:
		return i + 1;
	}
}

/* After "<" or "<!": which kind of markup this is. Returns the index of
 * the next byte to read. */
static size_t
g_open(struct tagguard *g, unsigned char c, size_t i)
{
	if (g->st == G_BANG) {
		if (g->html) {
			if (c == '-' && g->match == 0) {
				g->match = 1;
				return i + 1;
			}
			g->st = c == '-' ? G_COMMENT : G_TEXT;
			g->match = 0;
			return c == '-' ? i + 1 : i;
		}
		g_bang_xml(g, (char)c);
		return i + 1;
	}
	/* G_LT */
	if (c == '/') {
		g->st = G_ENDTAG;
		return i + 1;
	}
	if (c == '!') {
		g->st = G_BANG;
		g->nlen = 0;
		g->match = 0;
		return i + 1;
	}
	if (c == '?' && !g->html) {
		g->st = G_PI;
		g->match = 0;
		return i + 1;
	}
	if (g->html && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c != '_' &&
	    c != ':' && c != '.') {
		g->st = G_TEXT; /* a '<' in text */
		return i;
	}
	g->st = G_NAME;
	g->tnlen = 0;
	g->attrs = g->tag_ns = 0;
	g->taglen = 1;
	g->slash = 0;
	return i;
}

/* XML, just after '<': most tags are an end tag or a start tag without
 * attributes, whole in this piece; take those at once. Returns where to
 * go on (the state is G_LT unless a tag was taken). */
static size_t
g_xml_fast(struct tagguard *g, const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j;

	if (i >= n)
		return i;
	if (u[i] == '/') {
		if ((j = g_find(s, i, n, '>')) == n)
			return i;
		g_end_done(g);
		g->st = G_TEXT;
		return j + 1;
	}
	if (g_cls[u[i]] != C_CH || u[i] == '!' || u[i] == '?')
		return i;
	for (j = i + 1; j < n && g_cls[u[j]] == C_CH; j++)
		;
	if (j == n || u[j] != '>' || j - i + 2 > g->max_tag)
		return i;
	g->attrs = g->tag_ns = 0;
	g->taglen = j - i + 2;
	g->slash = 0;
	g->st = G_TEXT;
	if (g_start_done(g, j, 0) == -1)
		return n; /* refused: g->why says why */
	return j + 1;
}

/* XML text from s[i] and the simple tags after it, for as long as they
 * last. Returns where to go on (the state says in what). */
static size_t
g_xml_text(struct tagguard *g, const char *s, size_t i, size_t n)
{
	size_t k;

	int found;

	while (g->st == G_TEXT && g->why[0] == '\0') {
		if ((i = g_find(s, i, n, '<')) == n)
			return n;
		g->st = G_LT;
		k = g_xml_fast(g, s, i + 1, n);
		if (g->st == G_LT) {
			/* a CDATA section whole in the piece: what g_bang_xml
			 * would reach byte by byte */
			if (n - k < 8 || memcmp(s + k, "![CDATA[", 8) != 0)
				return k;
			g->st = G_CDATA;
			g->match = 0;
			g->quote = 0;
			g->nlen = 7;
			memcpy(g->name, "[CDATA[", 7);
			k = g_until(g, s, k + 8, n, ']', 2, '>', &found);
			if (!found)
				return k;
			g->st = G_TEXT;
		}
		i = k;
	}
	return i;
}

int
tagguard_scan(struct tagguard *g, const char *s, size_t n)
{
	size_t i = 0;

	if (g->why[0] != '\0')
		return -1;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *p;
		int found;

		switch (g->st) {
		case G_TEXT:
			if (!g->html) {
				i = g_xml_text(g, s, i, n);
				break;
			}
			if ((p = memchr(s + i, '<', n - i)) == NULL) {
				i = n;
				break;
			}
			i = (size_t)(p - s) + 1;
			g->st = G_LT;
			break;
		case G_LT:
		case G_BANG:
			i = g_open(g, c, i);
			break;
		case G_VALUE:
			if ((p = memchr(s + i, g->quote, n - i)) == NULL) {
				g->taglen += n - i;
				i = n;
			} else {
				g->taglen += (size_t)(p - s) + 1 - i;
				i = (size_t)(p - s) + 1;
				g->st = G_ATTRS;
			}
			if (!g->html && g->taglen > g->max_tag)
				return g_refuse(g, i, "a start tag longer than", g->max_tag);
			break;
		case G_ENDTAG:
			if ((p = memchr(s + i, '>', n - i)) == NULL) {
				i = n;
				break;
			}
			i = (size_t)(p - s) + 1;
			g->st = G_TEXT;
			g_end_done(g);
			break;
		case G_COMMENT:
		case G_CDATA:
		case G_PI:
			i = g_until(g, s, i, n, g->st == G_COMMENT ? '-' : g->st == G_CDATA ? ']' : '?',
			    g->st == G_PI ? 1 : 2, '>', &found);
			if (found)
				g->st = G_TEXT;
			break;
		case G_RAW:
			i = g_raw(g, s, i, n);
			break;
		case G_DOCTYPE: case G_SUBSET: case G_SUB_LT: case G_SUB_BANG:
		case G_SUB_DECL: case G_SUB_COMMENT: case G_SUB_PI: case G_DOCTAIL:
			i = g_dtd(g, s, i, n);
			break;
		default:
			if ((i = g_tag(g, s, i, n)) == (size_t)-1)
				return -1;
		}
		if (g->why[0] != '\0')
			return -1;
	}
	g->offset += n;
	return 0;
}
