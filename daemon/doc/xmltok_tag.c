/*
 * xmltok_tag — start and end tags: names, attributes (values decoded and
 * normalised), namespace declarations and their scope, the nesting.
 */
#include <stdio.h>
#include <string.h>

#include "xmltok_int.h"

/* Bytes a value copies as they are (not '&', '<', white space but the
 * space, controls, 0xEF). */
static const unsigned char xt_plain[256] = {
	[0x20 ... 0x25] = 1, [0x27 ... 0x3B] = 1, [0x3D ... 0xEE] = 1, [0xF0 ... 0xFF] = 1,
};

/* The value s[i..e) of an attribute named q, decoded into t->vals with a
 * NUL after it. 0, or -1 once failed. */
static int
xt_value(struct xmltok *t, const char *s, size_t i, size_t e, const char *q, size_t qlen)
{
	const unsigned char *u = (const unsigned char *)s;
	char d[8];
	unsigned dn;

	while (i < e) {
		size_t j = i, k;

		while (j < e && xt_plain[u[j]])
			j++;
		if (j > i && buf_append(&t->vals, s + i, j - i) == -1)
			return (int)xt_oom(t);
		if (j == e)
			break;
		switch (u[j]) {
		case '<':
			return xt_fail(t, s, j, "Unescaped '<' not allowed in attributes values");
		case '&':
			if ((k = xt_ref(t, s, j, e, 1, d, sizeof(d), &dn)) == XT_ERR)
				return -1;
			if (buf_append(&t->vals, d, dn) == -1)
				return (int)xt_oom(t);
			i = k;
			continue;
		case '\r':
			if (j + 1 < e && s[j + 1] == '\n')
				j++;
			/* FALLTHROUGH */
		case '\t':
		case '\n':
			if (buf_putc(&t->vals, ' ') == -1)
				return (int)xt_oom(t);
			i = j + 1;
			continue;
		case 0xEF:
			if (e - j >= 3 && u[j + 1] == 0xBF && (u[j + 2] == 0xBE || u[j + 2] == 0xBF))
				return xt_fail(t, s, j, "Char 0x%X out of allowed range", 0xFFFE + (u[j + 2] & 1));
			if (buf_putc(&t->vals, (char)0xEF) == -1)
				return (int)xt_oom(t);
			i = j + 1;
			continue;
		default:
			return xt_fail(t, s, j, "invalid character in attribute value %.*s",
			    (int)(qlen > 60 ? 60 : qlen), q);
		}
	}
	return buf_putc(&t->vals, '\0') == -1 ? (int)xt_oom(t) : 0;
}

/* A start tag q that does not end well at s[at]. -1. */
static int
xt_no_end(struct xmltok *t, const char *s, size_t at, const char *q, size_t qlen)
{
	const char *local;
	size_t llen = xt_local(q, qlen, &local);

	return xt_fail(t, s, at, "Couldn't find end of Start Tag %.*s", (int)(llen > 60 ? 60 : llen),
	    local);
}

/* The attributes of a start tag from s[*p] to its end; *self set for
 * "/>". Returns the number read, -1 once failed, -2 when the bytes end
 * first. */
static int
xt_attrs(struct xmltok *t, const char *s, size_t *pp, size_t n, const char *q, size_t qlen,
    int *self)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t p = *pp, e, na = 0;
	const char *close;

	for (;;) {
		int ws = 0;
		struct xt_raw *r;

		while (p < n && xt_is_ws(s[p]))
			p++, ws = 1;
		if (p == n)
			return -2;
		if (s[p] == '>' || s[p] == '/') {
			if (s[p] == '/' && p + 1 == n)
				return -2;
			if (s[p] == '/' && s[p + 1] != '>')
				return xt_no_end(t, s, p, q, qlen);
			*self = s[p] == '/';
			*pp = p + 1 + (size_t)*self;
			return (int)na;
		}
		if (!ws || xt_name_end(s, p, n) == p)
			return xt_no_end(t, s, p, q, qlen);
		if ((e = xt_name_end(s, p, n)) == n)
			return -2;
		if (na == XT_MAX_ATTRS)
			return xt_fail(t, s, p, "rejected: an element with more attributes than %d",
			    XT_MAX_ATTRS);
		r = &t->raw[na];
		r->q = p;
		r->qlen = e - p;
		for (p = e; p < n && xt_is_ws(s[p]); p++)
			;
		if (p == n)
			return -2;
		if (s[p] != '=')
			return xt_fail(t, s, p, "Specification mandates value for attribute %.*s",
			    (int)(r->qlen > 60 ? 60 : r->qlen), s + r->q);
		for (p++; p < n && xt_is_ws(s[p]); p++)
			;
		if (p >= n)
			return -2;
		if (u[p] != '"' && u[p] != '\'')
			return xt_fail(t, s, p, "AttValue: \" or ' expected");
		if ((close = memchr(s + p + 1, s[p], n - p - 1)) == NULL)
			return -2;
		r->v = t->vals.len;
		if (xt_value(t, s, p + 1, (size_t)(close - s), s + r->q, r->qlen) == -1)
			return -1;
		r->vlen = t->vals.len - 1 - r->v;
		p = (size_t)(close - s) + 1;
		na++;
	}
}

/* The namespace declarations among the attributes, into scope. 0 or -1. */
static int
xt_declare(struct xmltok *t, const char *s, size_t na)
{
	for (size_t k = 0; k < na; k++) {
		const struct xt_raw *r = &t->raw[k];
		const char *q = s + r->q;
		struct xt_ns *b;
		size_t plen;

		if (r->qlen < 5 || memcmp(q, "xmlns", 5) != 0 || (r->qlen > 5 && q[5] != ':'))
			continue;
		plen = r->qlen > 5 ? r->qlen - 6 : 0;
		/* an empty prefixed binding, and xml's own, are not declared */
		if (plen > 0 && (r->vlen == 0 || (plen == 3 && memcmp(q + 6, "xml", 3) == 0)))
			continue;
		if (t->nns == XT_MAX_NS)
			return xt_fail(t, s, r->q, "rejected: more namespace declarations in scope than %d",
			    XT_MAX_NS);
		b = &t->ns[t->nns++];
		b->pre = t->nsmem.len;
		b->plen = plen;
		b->uri = t->nsmem.len + plen;
		b->ulen = r->vlen;
		b->tag = -1;
		if (buf_append(&t->nsmem, q + 6 - (plen == 0), plen) == -1 ||
		    buf_append(&t->nsmem, t->vals.data + r->v, r->vlen) == -1)
			return (int)xt_oom(t);
	}
	return 0;
}

/* Two attributes of one name are an error. */
static int
xt_unique(struct xmltok *t, const char *s, size_t na)
{
	for (size_t a = 1; a < na; a++)
		for (size_t b = 0; b < a; b++)
			if (t->raw[a].qlen == t->raw[b].qlen && s[t->raw[a].q] == s[t->raw[b].q] &&
			    memcmp(s + t->raw[a].q, s + t->raw[b].q, t->raw[a].qlen) == 0)
				return xt_fail(t, s, t->raw[a].q, "Attribute %.*s redefined",
				    (int)(t->raw[a].qlen > 60 ? 60 : t->raw[a].qlen), s + t->raw[a].q);
	return 0;
}

/* The start tag is read: scope, names, the callbacks. */
static int
xt_started(struct xmltok *t, const char *s, size_t i, size_t q, size_t qlen, size_t na, int self)
{
	size_t nns0 = t->nns, nsmem0 = t->nsmem.len, nat = 0;
	struct xt_name el;
	int bind;

	if (xt_unique(t, s, na) == -1 || xt_declare(t, s, na) == -1)
		return -1;
	bind = xt_resolve(t, s + q, qlen, 0, &el);
	for (size_t k = 0; k < na; k++) {
		const struct xt_raw *r = &t->raw[k];
		struct xt_attr *a = &t->at[nat];

		if (r->qlen >= 5 && memcmp(s + r->q, "xmlns", 5) == 0 && (r->qlen == 5 || s[r->q + 5] == ':'))
			continue;
		xt_resolve(t, s + r->q, r->qlen, 1, &a->n);
		a->val = t->vals.data + r->v;
		a->vlen = r->vlen;
		nat++;
	}
	if (!self) {
		struct xt_open *o;

		if (t->depth == XT_MAX_DEPTH)
			return xt_fail(t, s, i, "rejected: elements nested deeper than %d", XT_MAX_DEPTH);
		o = &t->open[++t->depth];
		o->name = t->names.len;
		o->nlen = qlen;
		o->nns = nns0;
		o->nsmem = nsmem0;
		o->line = 0;
		o->at = i;
		o->loff = (size_t)(el.local - (s + q));
		o->llen = el.llen;
		o->bind = bind;
		/* every start tag comes here: the room is looked at inline */
		if (t->names.len + qlen < t->names.cap) {
			memcpy(t->names.data + t->names.len, s + q, qlen);
			t->names.len += qlen;
			t->names.data[t->names.len] = '\0';
		} else if (buf_append(&t->names, s + q, qlen) == -1)
			return (int)xt_oom(t);
	}
	t->root_seen = 1;
	t->ops->start(t->arg, &el, t->at, nat);
	if (self) {
		if (!t->stopped)
			t->ops->end(t->arg, &el);
		t->nns = nns0;
		t->nsmem.len = nsmem0;
	}
	return 0;
}

size_t
xt_stag(struct xmltok *t, const char *s, size_t i, size_t n, int last)
{
	size_t p = i + 1, e;
	int na, self = 0;

	if ((e = xt_name_end(s, p, n)) == p) {
		xt_fail(t, s, p, "StartTag: invalid element name");
		return XT_ERR;
	}
	if (e == n)
		goto more;
	t->vals.len = 0;
	p = e;
	if ((na = xt_attrs(t, s, &p, n, s + i + 1, e - i - 1, &self)) == -1)
		return XT_ERR;
	if (na == -2)
		goto more;
	if (xt_started(t, s, i, i + 1, e - i - 1, (size_t)na, self) == -1)
		return XT_ERR;
	return p;
more:
	if ((last || n - i > XT_MAX_CUT) && e < n) {
		xt_no_end(t, s, n, s + i + 1, e - i - 1);
		return XT_ERR;
	}
	/* the tagguard's cap is far smaller; this one holds without it */
	return xt_more(t, s, i, n, last || n - i > XT_MAX_CUT, '>',
	    "Extra content at the end of the document");
}

size_t
xt_etag(struct xmltok *t, const char *s, size_t i, size_t n, int last)
{
	size_t p = i + 2, e;
	const struct xt_open *o = &t->open[t->depth];
	struct xt_name el;

	if (n - p > o->nlen && s[p + o->nlen] == '>' &&
	    memcmp(s + p, t->names.data + o->name, o->nlen) == 0) {
		/* the usual "</name>", whole */
		e = p = p + o->nlen;
		goto done;
	}
	if ((e = xt_name_end(s, p, n)) == n)
		goto more;
	if (e - i - 2 != o->nlen || memcmp(s + i + 2, t->names.data + o->name, o->nlen) != 0) {
		const char *local;
		size_t llen = xt_local(t->names.data + o->name, o->nlen, &local);

		xt_fail(t, s, i, "Opening and ending tag mismatch: %.*s line %llu and %.*s",
		    (int)(llen > 60 ? 60 : llen), local,
		    (unsigned long long)xt_open_line(t, s, &t->open[t->depth]),
		    (int)(e - i - 2 > 60 ? 60 : e - i - 2), s + i + 2);
		return XT_ERR;
	}
	for (p = e; p < n && xt_is_ws(s[p]); p++)
		;
	if (p == n)
		goto more;
	if (s[p] != '>') {
		xt_fail(t, s, p, "expected '>'");
		return XT_ERR;
	}
done:
	/* the name is the start tag's, and so is the scope: resolved then */
	el.local = s + i + 2 + o->loff;
	el.llen = o->llen;
	xt_bound(t, o->bind, &el);
	t->ops->end(t->arg, &el);
	t->nns = o->nns;
	t->nsmem.len = o->nsmem;
	t->names.len = o->name;
	t->depth--;
	return p + 1;
more:
	/* an end tag is not capped by the tagguard */
	return xt_more(t, s, i, n, last || n - i > XT_MAX_NAME + 1024, '>',
	    "Extra content at the end of the document");
}
