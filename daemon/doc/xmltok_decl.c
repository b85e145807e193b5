/*
 * xmltok_decl — the syntax of an element, attribute-list or notation
 * declaration of the internal subset (XML 1.0 sections 3.2, 3.3, 4.7),
 * checked once the declaration is whole. Nothing declared is applied; a
 * declaration that is not well-formed refuses the document, as a
 * conforming parser does.
 */
#include <string.h>

#include "xmltok_int.h"

enum { K_END, K_NAME, K_LIT, K_GROUP, K_BAD };

struct xt_lex {
	const char *s;
	size_t n, p;
	size_t at, len; /* the token */
	int ws;         /* white space came before it */
};

/* A parenthesised group from s[p] ('('): balanced, of names, '#PCDATA',
 * separators and occurrence marks, with its own mark after it. */
static int
xt_group(struct xt_lex *x)
{
	int depth = 0;

	for (; x->p < x->n; x->p++) {
		char c = x->s[x->p];
		size_t e;

		if (c == '(')
			depth++;
		else if (c == ')') {
			if (--depth == 0) {
				x->p++;
				if (x->p < x->n && (x->s[x->p] == '?' || x->s[x->p] == '*' ||
				    x->s[x->p] == '+'))
					x->p++;
				return K_GROUP;
			}
		} else if (c == '#') {
			if (x->n - x->p < 7 || memcmp(x->s + x->p, "#PCDATA", 7) != 0)
				return K_BAD;
			x->p += 6;
		} else if ((e = xt_name_end(x->s, x->p, x->n)) > x->p)
			x->p = e - 1;
		else if (!xt_is_ws(c) && c != '|' && c != ',' && c != '?' && c != '*' && c != '+')
			return K_BAD;
	}
	return K_BAD;
}

static int
xt_lex(struct xt_lex *x)
{
	size_t from = x->p, e;
	const char *q;

	while (x->p < x->n && xt_is_ws(x->s[x->p]))
		x->p++;
	x->ws = x->p > from;
	x->at = x->p;
	if (x->p == x->n)
		return K_END;
	switch (x->s[x->p]) {
	case '"':
	case '\'':
		if ((q = memchr(x->s + x->p + 1, x->s[x->p], x->n - x->p - 1)) == NULL)
			return K_BAD;
		x->p = (size_t)(q - x->s) + 1;
		x->len = x->p - x->at;
		return K_LIT;
	case '(':
		return xt_group(x);
	case '#':
		e = xt_name_end(x->s, x->p + 1, x->n);
		break;
	default:
		e = xt_name_end(x->s, x->p, x->n);
	}
	if (e == x->p || (x->s[x->p] == '#' && e == x->p + 1))
		return K_BAD;
	x->p = e;
	x->len = e - x->at;
	return K_NAME;
}

/* The next token is a name among words (NULL: any name), after white
 * space. */
static int
xt_word(struct xt_lex *x, const char *const *words)
{
	if (xt_lex(x) != K_NAME || !x->ws || (words == NULL && x->s[x->at] == '#'))
		return 0;
	for (; words != NULL && *words != NULL; words++)
		if (strlen(*words) == x->len && memcmp(x->s + x->at, *words, x->len) == 0)
			return 1;
	return words == NULL;
}

static int
xt_attlist(struct xt_lex *x)
{
	static const char *const types[] = { "CDATA", "ID", "IDREF", "IDREFS", "ENTITY",
		"ENTITIES", "NMTOKEN", "NMTOKENS", NULL };
	static const char *const defaults[] = { "#REQUIRED", "#IMPLIED", NULL };
	int k;

	if (!xt_word(x, NULL))
		return 0;
	for (;;) {
		if ((k = xt_lex(x)) == K_END)
			return 1;
		if (k != K_NAME || !x->ws || x->s[x->at] == '#')
			return 0;
		k = xt_lex(x);
		if (!x->ws)
			return 0;
		if (k == K_NAME && x->len == 8 && memcmp(x->s + x->at, "NOTATION", 8) == 0) {
			if (xt_lex(x) != K_GROUP || !x->ws)
				return 0;
		} else if (k == K_NAME) {
			size_t p = x->p;
			x->p = x->at - 1; /* read it again as a word */
			if (!xt_word(x, types) || x->p != p)
				return 0;
		} else if (k != K_GROUP)
			return 0;
		k = xt_lex(x);
		if (!x->ws)
			return 0;
		if (k == K_NAME && x->len == 6 && memcmp(x->s + x->at, "#FIXED", 6) == 0)
			k = xt_lex(x) == K_LIT && x->ws ? K_LIT : K_BAD;
		else if (k == K_NAME) {
			size_t p = x->p;
			x->p = x->at - 1;
			k = xt_word(x, defaults) && x->p == p ? K_LIT : K_BAD;
		}
		if (k != K_LIT)
			return 0;
	}
}

/* A public identifier's characters (PubidChar), quotes included. */
static int
xt_pubid(const char *s, size_t n)
{
	for (size_t i = 1; i + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') &&
		    strchr(" \r\n-'()+,./:=?;!*#@$_%", c) == NULL)
			return 0;
		if (c == '\'' && s[0] == '\'')
			return 0;
	}
	return 1;
}

/* A doctype's head, from after "<!DOCTYPE" to its '[' or '>': a name and
 * an external identifier. */
static int
xt_doctype(struct xt_lex *x)
{
	static const char *const ids[] = { "SYSTEM", "PUBLIC", NULL };
	int k;

	if (!xt_word(x, NULL))
		return 0;
	if ((k = xt_lex(x)) == K_END)
		return 1;
	if (k != K_NAME || !x->ws || (x->p = x->at - 1, !xt_word(x, ids)))
		return 0;
	if (x->s[x->at] == 'P') {
		if (xt_lex(x) != K_LIT || !x->ws || !xt_pubid(x->s + x->at, x->len))
			return 0;
	}
	if (xt_lex(x) != K_LIT || !x->ws)
		return 0;
	return xt_lex(x) == K_END;
}

int
xt_decl_ok(int attlist, const char *kw, const char *s, size_t n)
{
	static const char *const content[] = { "EMPTY", "ANY", NULL };
	static const char *const ids[] = { "SYSTEM", "PUBLIC", NULL };
	struct xt_lex x = { s, n, 0, 0, 0, 0 };
	int k;

	if (attlist)
		return xt_attlist(&x);
	if (kw[0] == 'D')
		return xt_doctype(&x);
	if (!xt_word(&x, NULL))
		return 0;
	if (kw[0] == 'E') { /* ELEMENT */
		k = xt_lex(&x);
		if (!x.ws || (k != K_GROUP && (k != K_NAME || (x.p = x.at - 1, !xt_word(&x, content)))))
			return 0;
		return xt_lex(&x) == K_END;
	}
	/* NOTATION */
	if (!xt_word(&x, ids) || xt_lex(&x) != K_LIT || !x.ws)
		return 0;
	k = xt_lex(&x);
	return k == K_END || (k == K_LIT && x.ws && s[x.at - 1] != 0 && xt_lex(&x) == K_END);
}
