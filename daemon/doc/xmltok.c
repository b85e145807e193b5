/*
 * xmltok — the streaming XML tokenizer (see xmltok.h).
 *
 * The bytes are read where they lie: text and CDATA are scanned sixteen
 * bytes at a time for the few bytes that end a run ('<', '&', ']', CR,
 * a control character, the lead of U+FFFE/U+FFFF) and handed on as spans;
 * a run holding references is decoded into one buffer and handed on once.
 * A tag, a reference or a partial character that a chunk cuts is kept in
 * the carry and read again when the byte that may end it arrives.
 * Comments, processing instructions and the DTD (xmltok_dtd.c) go byte by
 * byte and resume anywhere, so they are never carried whole. The pieces
 * every reader uses (errors, names, namespaces, references) are in
 * xmltok_lex.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "xmltok_int.h"
#define XT_TEXT_FLUSH (64 * 1024) /* decoded text handed on at least this often */

/* Bytes that end a run of text: '<', '&', ']', CR, 0xEF, controls but
 * TAB and LF. */
static const unsigned char xt_stop[256] = {
	[0] = 1, 1, 1, 1, 1, 1, 1, 1, 1, [11] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, ['<'] = 1, ['&'] = 1, [']'] = 1, [0xEF] = 1,
};

/* The first byte of s[0..n) that ends a text run, or n. */
static size_t
xt_scan(const char *s, size_t n, int cdata)
{
	size_t i = 0;

#if defined(__SSE2__)
	const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), rb = _mm_set1_epi8(']'),
	    ef = _mm_set1_epi8((char)0xEF), c1f = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8('\t'),
	    lf = _mm_set1_epi8('\n');
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v);
		__m128i ok = _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf));
		__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, rb), _mm_cmpeq_epi8(v, ef));
		if (!cdata)
			m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));
		unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, _mm_andnot_si128(ok, ctl)));
		if (bits != 0)
			return i + (size_t)__builtin_ctz(bits);
	}
#endif
	while (i < n && (!xt_stop[(unsigned char)s[i]] || (cdata && (s[i] == '<' || s[i] == '&'))))
		i++;
	return i;
}

/* ---- text ------------------------------------------------------------ */

/* The text run so far: s[ps..pe) not yet handed on, after t->text when
 * that holds decoded bytes. */
struct xt_run {
	const char *s;
	size_t ps, pe;
};

static int
xt_run_flush(struct xmltok *t, struct xt_run *r)
{
	if (t->text.len > 0) {
		if (r->pe > r->ps && buf_append(&t->text, r->s + r->ps, r->pe - r->ps) == -1)
			return -1;
		t->ops->text(t->arg, t->text.data, t->text.len);
		t->text.len = 0;
	} else if (r->pe > r->ps)
		t->ops->text(t->arg, r->s + r->ps, r->pe - r->ps);
	r->ps = r->pe;
	return 0;
}

/* Decoded bytes (a reference, a line end) join the run at s[at]; the run
 * goes on from next. */
static int
xt_run_add(struct xmltok *t, struct xt_run *r, const char *d, size_t dn, size_t next)
{
	if (r->pe > r->ps && buf_append(&t->text, r->s + r->ps, r->pe - r->ps) == -1)
		return -1;
	if (buf_append(&t->text, d, dn) == -1)
		return -1;
	r->ps = r->pe = next;
	if (t->text.len >= XT_TEXT_FLUSH)
		return xt_run_flush(t, r);
	return 0;
}

/* How many bytes at the end of s[0..n) start a character they do not
 * finish. */
static size_t
xt_partial_char(const char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char c = (unsigned char)s[n - k];
		size_t need;

		if (c < 0x80)
			return 0;
		if (c < 0xC0)
			continue;
		need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		return need > k ? k : 0;
	}
	return 0;
}

/* What ends a run at s[j] (one of xt_stop's bytes). Returns the index to
 * go on from, XT_NEED when more bytes must come, XT_END when the run ends
 * (markup at s[j], or the CDATA section's end), XT_ERR. */
static size_t
xt_stop_at(struct xmltok *t, struct xt_run *r, size_t j, size_t n, int last, int cdata)
{
	const char *s = r->s;
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[j];
	char d[8];
	size_t k;

	switch (c) {
	case '<':
	case '&':
		if (cdata)
			return j + 1;
		if (c == '<')
			return XT_END;
		r->pe = j;
		k = xt_ref(t, s, j, n, last, d, sizeof(d), &c);
		if (k == XT_NEED || k == XT_ERR)
			return k;
		return xt_run_add(t, r, d, c, k) == -1 ? xt_oom(t) : k;
	case '\r':
		if (j + 1 == n && !last)
			return XT_NEED;
		r->pe = j;
		if (j + 1 < n && s[j + 1] == '\n') {
			/* CR LF: the LF stays where it is, in the run */
			if (xt_run_add(t, r, "", 0, j + 1) == -1)
				return xt_oom(t);
			return j + 2;
		}
		return xt_run_add(t, r, "\n", 1, j + 1) == -1 ? xt_oom(t) : j + 1;
	case ']':
		if (n - j < 3 && !last)
			return XT_NEED;
		if (n - j >= 3 && s[j + 1] == ']' && s[j + 2] == '>') {
			if (cdata)
				return XT_END;
			xt_fail(t, s, j, "Sequence ']]>' not allowed in content");
			return XT_ERR;
		}
		return j + 1;
	case 0xEF:
		if (n - j < 3 && !last)
			return XT_NEED;
		if (n - j >= 3 && u[j + 1] == 0xBF && (u[j + 2] == 0xBE || u[j + 2] == 0xBF)) {
			xt_fail(t, s, j, "Char 0x%X out of allowed range", 0xFFFE + (u[j + 2] & 1));
			return XT_ERR;
		}
		return j + 1;
	default:
		xt_fail(t, s, j, cdata ? "CData section: invalid Char value %u" :
		    "PCDATA invalid Char value %u", c);
		return XT_ERR;
	}
}

/* Character data (or a CDATA section's) from s[i]: handed on up to the
 * markup that ends it or the end of the bytes. Returns where it stopped:
 * at the '<' (text), after "]]>" (CDATA, state back to text), at a cut
 * token with t->need set, or XT_ERR. */
size_t
xt_chars(struct xmltok *t, const char *s, size_t i, size_t n, int last, int cdata)
{
	struct xt_run r = { s, i, i };
	size_t j = i, k;

	t->text.len = 0;
	for (;;) {
		j += xt_scan(s + j, n - j, cdata);
		if (j == n) {
			if (!last)
				j -= xt_partial_char(s, n);
			r.pe = j;
			if (xt_run_flush(t, &r) == -1)
				return xt_oom(t);
			if (j < n || !last)
				t->need = XT_ANY;
			return j;
		}
		r.pe = j;
		k = xt_stop_at(t, &r, j, n, last, cdata);
		if (k == XT_ERR)
			return XT_ERR;
		if (k == XT_NEED || k == XT_END) {
			r.pe = j;
			if (xt_run_flush(t, &r) == -1)
				return xt_oom(t);
			if (k == XT_NEED) {
				t->need = XT_ANY;
				return j;
			}
			if (cdata) {
				t->st = XT_TEXT;
				return j + 3;
			}
			return j;
		}
		j = k;
	}
}

/* ---- the document ------------------------------------------------------ */

struct xmltok *
xmltok_new(const struct xt_ops *ops, void *arg)
{
	struct xmltok *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->ops = ops;
	t->arg = arg;
	return t;
}

/* Markup at s[i] ('<'): which kind, and on to it. */
static size_t
xt_markup(struct xmltok *t, const char *s, size_t i, size_t n, int last)
{
	size_t have = n - i;

	if (have < 2)
		goto more;
	if (t->depth == 0 && (s[i + 1] == '/' || (t->root_seen && s[i + 1] != '?' &&
	    s[i + 1] != '!'))) {
		xt_fail(t, s, i, "Extra content at the end of the document");
		return XT_ERR;
	}
	if (s[i + 1] == '/')
		return xt_etag(t, s, i, n, last);
	if (s[i + 1] == '?')
		return xt_pi_start(t, s, i, n, last);
	if (s[i + 1] != '!')
		return xt_stag(t, s, i, n, last);
	if (have < 4)
		goto more;
	if (s[i + 2] == '-' && s[i + 3] == '-') {
		t->st = XT_COMMENT;
		t->match = 0;
		return i + 4;
	}
	if (s[i + 2] == '[' && t->depth > 0) {
		if (have < 9)
			goto more;
		if (memcmp(s + i, "<![CDATA[", 9) == 0) {
			t->st = XT_CDATA;
			return i + 9;
		}
	} else if (s[i + 2] == 'D' && t->depth == 0 && !t->root_seen && !t->dtd_seen) {
		if (have < 9)
			goto more;
		if (memcmp(s + i, "<!DOCTYPE", 9) == 0) {
			t->st = XT_DTD;
			t->dtd_seen = 1;
			t->dst = 0;
			t->text.len = 0;
			return i + 9;
		}
	}
	xt_fail(t, s, i, t->depth > 0 ? "StartTag: invalid element name" :
	    "Extra content at the end of the document");
	return XT_ERR;
more:
	return xt_more(t, s, i, n, last, XT_ANY, "Extra content at the end of the document");
}

/* Outside the root element: white space, comments, processing
 * instructions, a doctype before the root, the root's start tag. */
static size_t
xt_misc(struct xmltok *t, const char *s, size_t i, size_t n, int last)
{
	while (i < n && xt_is_ws(s[i]))
		i++;
	if (i == n)
		return n;
	if (s[i] != '<') {
		xt_fail(t, s, i, t->root_seen ? "Extra content at the end of the document" :
		    t->total + i == 0 ? "Document is empty" : "Start tag expected, '<' not found");
		return XT_ERR;
	}
	return xt_markup(t, s, i, n, last);
}

/* The bytes s[0..n): how many were read (the rest is a cut token). */
static size_t
xt_run(struct xmltok *t, const char *s, size_t n, int last)
{
	size_t i = 0, k;

	t->need = 0;
	while (i < n && !t->failed && !t->stopped) {
		switch (t->st) {
		case XT_TEXT:
			if (t->depth == 0)
				k = xt_misc(t, s, i, n, last);
			else if (s[i] == '<')
				k = xt_markup(t, s, i, n, last);
			else
				k = xt_chars(t, s, i, n, last, 0);
			break;
		case XT_CDATA:
			k = xt_chars(t, s, i, n, last, 1);
			break;
		default:
			k = xt_other(t, s, i, n, last);
		}
		if (k == XT_ERR)
			return i;
		if (t->need != 0)
			return k;
		i = k;
	}
	return i;
}

static int
xt_end_of_doc(struct xmltok *t)
{
	if (t->failed || t->stopped)
		return -1;
	t->lf_at = 0;
	t->lf_lines = t->lines;
	if (t->st == XT_COMMENT)
		return xt_fail(t, "", 0, "Comment not terminated");
	if (t->st == XT_PI)
		return xt_fail(t, "", 0, "ParsePI: PI never end ...");
	if (t->carry.len > 0 || t->st != XT_TEXT || t->depth > 0 || !t->root_seen)
		return xt_fail(t, "", 0, t->root_seen || t->total > 0 ?
		    "Extra content at the end of the document" : "Document is empty");
	return 0;
}

/* Read buf[0..n); what is left of it becomes the carry. */
static int
xt_take(struct xmltok *t, const char *s, size_t n, int last, int from_carry)
{
	size_t k, d;

	t->lf_at = 0;
	t->lf_lines = t->lines;
	k = xt_run(t, s, n, last);
	if (t->failed || t->stopped)
		return -1;
	/* the elements opened in these bytes and still open learn their
	 * lines now (in order: counting goes forward once) */
	for (d = t->depth; d > 0 && t->open[d].line == 0; d--)
		;
	while (++d <= t->depth)
		(void)xt_open_line(t, s, &t->open[d]);
	t->lines = xt_line(t, s, k) - 1;
	t->total += k;
	if (from_carry) {
		memmove(t->carry.data, t->carry.data + k, t->carry.len - k);
		t->carry.len -= k;
	} else if (k < n && buf_append(&t->carry, s + k, n - k) == -1) {
		xt_oom(t);
		return -1;
	}
	return 0;
}

int
xmltok_push(struct xmltok *t, const char *s, size_t n, int last)
{
	if (t->failed || t->stopped)
		return -1;
	/* a cut token is read again once the byte that may end it has come */
	while (t->carry.len > 0 && n > 0) {
		const char *hit = t->need == XT_ANY ? s : memchr(s, t->need, n);
		size_t take = hit != NULL ? (size_t)(hit - s) + 1 : n;

		if (buf_append(&t->carry, s, take) == -1) {
			xt_oom(t);
			return -1;
		}
		s += take;
		n -= take;
		/* past any token's cap, read it again to be refused */
		if ((hit != NULL || t->carry.len > XT_MAX_CUT) &&
		    xt_take(t, t->carry.data, t->carry.len, last && n == 0, 1) == -1)
			return -1;
	}
	if (n > 0 && xt_take(t, s, n, last, 0) == -1)
		return -1;
	if (n == 0 && last && t->carry.len > 0 &&
	    xt_take(t, t->carry.data, t->carry.len, 1, 1) == -1)
		return -1;
	if (last)
		return xt_end_of_doc(t);
	return 0;
}

void
xmltok_stop(struct xmltok *t)
{
	t->stopped = 1;
}

const char *
xmltok_error(const struct xmltok *t)
{
	return t->err;
}

int
xmltok_root_seen(const struct xmltok *t)
{
	return t->root_seen;
}

void
xmltok_free(struct xmltok *t)
{
	if (t == NULL)
		return;
	buf_free(&t->carry);
	buf_free(&t->names);
	buf_free(&t->nsmem);
	buf_free(&t->vals);
	buf_free(&t->text);
	free(t);
}
