/*
 * xmltok_dtd — what is neither text nor a tag: the XML declaration,
 * processing instructions, comments, and the doctype with its internal
 * subset. All but the declaration are read byte by byte and resume at
 * any byte (they are rare and short; a long one stays linear).
 *
 * The doctype is read, never applied: an entity declaration refuses the
 * document, so does a subset with more than XT_MAX_DEFAULTS attribute
 * defaults; an external identifier (or a parameter entity reference) only
 * makes a reference to an undeclared entity be dropped rather than an
 * error, as a conforming parser that reads no external subset does.
 */
#include <string.h>
#include <strings.h>

#include "xmltok_int.h"

enum { D_HEAD, D_SUB, D_LT, D_BANG, D_DECL, D_ATT, D_COMMENT, D_PI, D_TAIL, D_PE };

/* A character that may not be in a document. */
static int
xt_bad_char(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/* Is the value s[v..e) good for pseudo-attribute k of the declaration? */
static int
xt_decl_value(const char *s, size_t v, size_t e, size_t k)
{
	size_t j;

	switch (k) {
	case 0: /* "1." and digits */
		if (e - v < 2 || memcmp(s + v, "1.", 2) != 0)
			return 0;
		for (j = v + 2; j < e && s[j] >= '0' && s[j] <= '9'; j++)
			;
		return j == e;
	case 1: /* a letter, then letters, digits, '.', '_', '-' */
		if (e == v || !((s[v] | 0x20) >= 'a' && (s[v] | 0x20) <= 'z'))
			return 0;
		for (j = v + 1; j < e; j++)
			if (!((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') && !(s[j] >= '0' &&
			    s[j] <= '9') && s[j] != '.' && s[j] != '_' && s[j] != '-')
				return 0;
		return 1;
	default:
		return (e - v == 3 && memcmp(s + v, "yes", 3) == 0) ||
		    (e - v == 2 && memcmp(s + v, "no", 2) == 0);
	}
}

/* The XML declaration s[i..q) ("<?xml" up to its "?>"). 0 or -1. */
static int
xt_decl(struct xmltok *t, const char *s, size_t i, size_t q)
{
	static const char *const names[] = { "version", "encoding", "standalone" };
	static const char *const bad[] = { "parsing XML declaration: '?>' expected",
		"Invalid XML encoding name", "parsing XML declaration: '?>' expected" };
	size_t p = i + 5, k = 0, got = 0;

	for (;;) {
		size_t ws = p, e, idx;
		const char *close;

		while (p < q && xt_is_ws(s[p]))
			p++;
		if (p == q)
			break;
		e = xt_name_end(s, p, q);
		for (idx = k; idx < 3 && !(e - p == strlen(names[idx]) &&
		    memcmp(s + p, names[idx], e - p) == 0); idx++)
			;
		if (got == 0 && idx != 0)
			return xt_fail(t, s, p, "Malformed declaration expecting version");
		if (idx == 3)
			return xt_fail(t, s, p, "parsing XML declaration: '?>' expected");
		if (ws == p)
			return xt_fail(t, s, p, "Blank needed here");
		for (p = e; p < q && xt_is_ws(s[p]); p++)
			;
		if (p == q || s[p] != '=')
			return xt_fail(t, s, p, "parsing XML declaration: '?>' expected");
		for (p++; p < q && xt_is_ws(s[p]); p++)
			;
		if (p == q || (s[p] != '"' && s[p] != '\'') ||
		    (close = memchr(s + p + 1, s[p], q - p - 1)) == NULL)
			return xt_fail(t, s, p, "parsing XML declaration: '?>' expected");
		if (!xt_decl_value(s, p + 1, (size_t)(close - s), idx)) {
			if (idx == 0 && (size_t)(close - s) > p + 1 && s[p + 1] != '1')
				return xt_fail(t, s, p, "Unsupported version '%.*s'",
				    (int)((size_t)(close - s) - p - 1 > 40 ? 40 : (size_t)(close - s) - p - 1),
				    s + p + 1);
			return xt_fail(t, s, p, "%s", bad[idx]);
		}
		p = (size_t)(close - s) + 1;
		k = idx + 1;
		got++;
	}
	if (got == 0)
		return xt_fail(t, s, p, "Malformed declaration expecting version");
	t->decl_seen = 1;
	return 0;
}

size_t
xt_pi_start(struct xmltok *t, const char *s, size_t i, size_t n, int last)
{
	size_t e = xt_name_end(s, i + 2, n);
	const char *gt;

	if (e == n)
		goto more;
	if (e == i + 2) {
		xt_fail(t, s, i, "xmlParsePI : no target name");
		return XT_ERR;
	}
	if (e - i - 2 == 3 && strncasecmp(s + i + 2, "xml", 3) == 0) {
		if (t->total + i != 0 || memcmp(s + i + 2, "xml", 3) != 0 || !xt_is_ws(s[e])) {
			xt_fail(t, s, i, "XML declaration allowed only at the start of the document");
			return XT_ERR;
		}
		for (gt = s + e; (gt = memchr(gt, '>', n - (size_t)(gt - s))) != NULL && gt[-1] != '?'; gt++)
			;
		if (gt == NULL) {
			if (last || n - i > 4096) {
				xt_fail(t, s, n, "parsing XML declaration: '?>' expected");
				return XT_ERR;
			}
			t->need = '>';
			return i;
		}
		if (xt_decl(t, s, i, (size_t)(gt - s) - 1) == -1)
			return XT_ERR;
		return (size_t)(gt - s) + 1;
	}
	if (s[e] == '?') {
		if (e + 1 == n)
			goto more;
		if (s[e + 1] == '>')
			return e + 2;
	} else if (xt_is_ws(s[e])) {
		t->st = XT_PI;
		t->match = 0;
		return e + 1;
	}
	xt_fail(t, s, e, "ParsePI: PI %.*s space expected", (int)(e - i - 2 > 60 ? 60 : e - i - 2),
	    s + i + 2);
	return XT_ERR;
more:
	/* a target longer than a name may be is no target */
	return xt_more(t, s, i, n, last || n - i > 50000, XT_ANY,
	    "Extra content at the end of the document");
}

/* A comment's or a PI's bytes from s[i]: on to its end. dash: the
 * comment's '-', else the PI's '?'. */
static size_t
xt_until(struct xmltok *t, const char *s, size_t i, size_t n, int comment)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; i < n; i++) {
		unsigned char c = u[i];

		if (xt_bad_char(c)) {
			xt_fail(t, s, i, comment ? "xmlParseComment: invalid xmlChar value %u" :
			    "ParsePI: PI invalid Char value %u", c);
			return XT_ERR;
		}
		if (comment) {
			if (t->match >= 2) {
				if (c != '>') {
					xt_fail(t, s, i, "Double hyphen within comment");
					return XT_ERR;
				}
				t->st = XT_TEXT;
				return i + 1;
			}
			t->match = c == '-' ? t->match + 1 : 0;
		} else {
			if (t->match && c == '>') {
				t->st = XT_TEXT;
				return i + 1;
			}
			t->match = c == '?';
		}
	}
	return n;
}

/* The keyword after "<!" in the subset is known (at a byte that cannot be
 * in it). Returns 0 or -1. */
static int
xt_dtd_keyword(struct xmltok *t, const char *s, size_t i)
{
	size_t k = t->dmatch;

	if (k == 6 && memcmp(t->dname, "ENTITY", 6) == 0)
		return xt_fail(t, s, i, "rejected: the DTD declares entities");
	if (!(k == 7 && memcmp(t->dname, "ELEMENT", 7) == 0) &&
	    !(k == 7 && memcmp(t->dname, "ATTLIST", 7) == 0) &&
	    !(k == 8 && memcmp(t->dname, "NOTATION", 8) == 0))
		return xt_fail(t, s, i, "DOCTYPE improperly terminated");
	t->dst = k == 7 && memcmp(t->dname, "ATTLIST", 7) == 0 ? D_ATT : D_DECL;
	t->text.len = 0;
	return 0;
}

/* One byte of the doctype, s[i]. Returns the next index or XT_ERR. */
static size_t
xt_dtd(struct xmltok *t, const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if ((t->dst == D_DECL || t->dst == D_ATT || t->dst == D_HEAD) && c != '>' &&
	    (c != '[' || t->dq != 0 || t->dst != D_HEAD) && t->text.len < XT_DECL_MAX &&
	    buf_putc(&t->text, (char)c) == -1)
		return xt_oom(t);
	if (t->dq != 0) {
		if (c == (unsigned char)t->dq)
			t->dq = 0;
		return i + 1;
	}
	if (xt_bad_char(c)) {
		xt_fail(t, s, i, "invalid character in the DTD");
		return XT_ERR;
	}
	switch (t->dst) {
	case D_HEAD:
		if (c == '"' || c == '\'') {
			t->dq = (char)c;
			t->ext_subset = 1; /* a system or public literal */
		} else if (c == '[' || c == '>') {
			if (t->text.len < XT_DECL_MAX && !xt_decl_ok(0, "DOCTYPE",
			    t->text.data != NULL ? t->text.data : "", t->text.len)) {
				xt_fail(t, s, i, "DOCTYPE improperly terminated");
				return XT_ERR;
			}
			if (c == '[')
				t->dst = D_SUB;
			else
				t->st = XT_TEXT;
		}
		return i + 1;
	case D_SUB:
		if (c == '<')
			t->dst = D_LT;
		else if (c == ']')
			t->dst = D_TAIL;
		else if (c == '%' && !t->ext_subset) {
			/* no parameter entity is ever declared here */
			xt_fail(t, s, i, "PEReference: no parameter entity is declared");
			return XT_ERR;
		} else if (c == '%')
			t->dst = D_PE;
		else if (!xt_is_ws((char)c)) {
			xt_fail(t, s, i, "DOCTYPE improperly terminated");
			return XT_ERR;
		}
		return i + 1;
	case D_LT:
		if (c != '!' && c != '?') {
			xt_fail(t, s, i, "DOCTYPE improperly terminated");
			return XT_ERR;
		}
		t->dst = c == '!' ? D_BANG : D_PI;
		t->dmatch = 0;
		t->match = 0;
		return i + 1;
	case D_BANG:
		if (t->dmatch == 2 && t->dname[0] == '-' && t->dname[1] == '-') {
			t->dst = D_COMMENT;
			t->match = 0;
			return i;
		}
		if (t->dmatch < 8 && ((c >= 'A' && c <= 'Z') || c == '-')) {
			t->dname[t->dmatch++] = (char)c;
			return i + 1;
		}
		return xt_dtd_keyword(t, s, i) == -1 ? XT_ERR : i;
	case D_DECL:
	case D_ATT:
		if (c == '"' || c == '\'') {
			t->dq = (char)c;
			if (t->dst == D_ATT && ++t->defaults > XT_MAX_DEFAULTS) {
				xt_fail(t, s, i, "rejected: the DTD declares too many attribute defaults");
				return XT_ERR;
			}
		} else if (c == '>') {
			/* a declaration too long to be kept is not checked */
			if (t->text.len < XT_DECL_MAX && !xt_decl_ok(t->dst == D_ATT, t->dname,
			    t->text.data != NULL ? t->text.data : "", t->text.len)) {
				xt_fail(t, s, i, "internal error: xmlParseInternalSubset: error "
				    "detected in Markup declaration");
				return XT_ERR;
			}
			t->dst = D_SUB;
		}
		return i + 1;
	case D_COMMENT:
	case D_PI:
		if (t->match >= (t->dst == D_COMMENT ? 2u : 1u) && c == '>')
			t->dst = D_SUB;
		t->match = c == (t->dst == D_COMMENT ? '-' : '?') ? t->match + 1 : 0;
		return i + 1;
	case D_PE: /* a parameter entity's name, to its ';' */
		if (c == ';')
			t->dst = D_SUB;
		return i + 1;
	default: /* D_TAIL */
		if (c == '>')
			t->st = XT_TEXT;
		else if (!xt_is_ws((char)c)) {
			xt_fail(t, s, i, "DOCTYPE improperly terminated");
			return XT_ERR;
		}
		return i + 1;
	}
}

size_t
xt_other(struct xmltok *t, const char *s, size_t i, size_t n, int last)
{
	(void)last;
	if (t->st == XT_COMMENT || t->st == XT_PI)
		return xt_until(t, s, i, n, t->st == XT_COMMENT);
	while (i < n && t->st == XT_DTD)
		if ((i = xt_dtd(t, s, i)) == XT_ERR)
			return XT_ERR;
	return i;
}
