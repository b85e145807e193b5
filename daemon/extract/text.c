/*
 * text — folding with offsets, and sentence splitting (see text.h).
 *
 * Folding maps each code point of the original to zero or more ASCII-ish
 * bytes, so that matching elsewhere can compare plain lower-case bytes;
 * every folded byte remembers the original offset of its code point, so
 * evidence is always quoted from the original. Linear in the input.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "rightswatch/text.h"

/* The folded form of each byte: ASCII lower case; other control bytes
 * and DEL a space; a backquote an apostrophe; 0 for the bytes folded one
 * code point at a time (a carriage return, which may be half of CR LF,
 * and every byte of a multibyte sequence). */
static const unsigned char byte_fold[256] = {
	0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x0a, 0x20, 0x20, 0x00, 0x20, 0x20,
	0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
	0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
	0x27, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x20,
};

/* TEXT_ALPHA: A-Z, a-z and every byte from 0x80 (a folded letter's UTF-8);
 * TEXT_DIGIT: 0-9. */
const unsigned char text_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* Room for n more folded bytes and their NUL. */
static int
out_room(struct text *o, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap * 2 + n + 16;
		char *f;

		if (cap >= UINT32_MAX || (f = realloc(o->f, cap)) == NULL)
			return -1;
		o->f = f;
		o->cap = cap;
	}
	return 0;
}

/* The next folded byte stands for original offset at: a jump when that
 * breaks the one-for-one run. */
static int
out_at(struct text *o, size_t at)
{
	if (at == o->next)
		return 0;
	if (o->njump == o->capjump) {
		size_t nc = o->capjump * 2 + 16;
		struct text_jump *nv = realloc(o->jump, nc * sizeof(*nv));

		if (nv == NULL)
			return -1;
		o->jump = nv;
		o->capjump = nc;
	}
	o->jump[o->njump].f = (uint32_t)o->len;
	o->jump[o->njump].o = (uint32_t)at;
	o->njump++;
	o->next = at;
	return 0;
}

/* n folded bytes s, all standing for the code point at original offset at. */
static int
out_put(struct text *o, const char *s, size_t n, size_t at)
{
	if (out_room(o, n) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (out_at(o, at) == -1)
			return -1;
		o->f[o->len++] = s[i];
		o->next = at + 1;
	}
	return 0;
}

/* The typographic characters that stand for an ASCII one, or for nothing. */
static const char *
special(int32_t cp)
{
	switch (cp) {
	case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
	case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008:
	case 0x2009: case 0x200A: case 0x202F: case 0x205F: case 0x3000:
	case 0x1680:
		return " ";
	case 0x200B: case 0x200C: case 0x200D: case 0xFEFF: case 0x00AD:
	case 0x2060:
		return "";
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
	case 0x02BC: case 0x0060: case 0x00B4:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
	case 0x2033:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		return "-";
	case 0x2026:
		return "...";
	case 0x2028: case 0x2029:
		return "\n";
	case 0x0153: case 0x0152:
		return "oe";
	case 0x00E6: case 0x00C6:
		return "ae";
	case 0x2044: case 0x2215:
		return "/";
	default:
		return NULL;
	}
}

/* The code point at u[i] (not ASCII) folded into o; the bytes it took. */
static size_t
fold_cp(const unsigned char *u, size_t i, size_t to, utf8proc_option_t opt, struct text *o, int *err)
{
	int32_t cp, dec[8];
	utf8proc_ssize_t n, k;
	utf8proc_category_t cat;
	const char *sp;
	char enc[8 * 4];
	size_t elen = 0;

	n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(to - i), &cp);
	if (n <= 0) {
		*err = out_put(o, " ", 1, i);
		return 1;
	}
	if ((sp = special(cp)) != NULL) {
		*err = out_put(o, sp, strlen(sp), i);
		return (size_t)n;
	}
	cat = utf8proc_category(cp);
	if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_ZS ||
	    cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP) {
		*err = out_put(o, " ", 1, i);
		return (size_t)n;
	}
	k = utf8proc_decompose_char(cp, dec, 8, opt, NULL);
	if (k < 0 || k > 8) {
		dec[0] = cp;
		k = 1;
	}
	for (utf8proc_ssize_t j = 0; j < k; j++)
		elen += (size_t)utf8proc_encode_char(dec[j], (utf8proc_uint8_t *)enc + elen);
	*err = out_put(o, enc, elen, i);
	return (size_t)n;
}

/* Fold the original's [i, to) onto the end of o (NUL-terminated). 0, or -1. */
static int
fold_span(struct text *o, size_t i, size_t to)
{
	const unsigned char *u = (const unsigned char *)o->orig;
	utf8proc_option_t opt = UTF8PROC_CASEFOLD;
	int err = 0;

	if (!o->accents)
		opt |= UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK;
	if (out_room(o, to - i) == -1)
		return -1;
	while (i < to) {
		unsigned char c;

		/* ASCII, nearly every byte of a release: a run of table lookups,
		 * its offsets following the original's one for one (the buffer
		 * holds to - i bytes more than were folded so far) */
		if (byte_fold[u[i]] != 0) {
			char *f;

			if (out_room(o, to - i) == -1 || out_at(o, i) == -1)
				return -1;
			f = o->f + o->len;
			for (const unsigned char *p = u + i, *pe = u + to;; p++) {
				if (p == pe || (c = byte_fold[*p]) == 0) {
					i = (size_t)(p - u);
					break;
				}
				*f++ = (char)c;
			}
			o->len = (size_t)(f - o->f);
			o->next = i;
			continue;
		}
		if (u[i] == '\r') {
			/* CR LF is one line feed: the CR folds to nothing */
			if (!(i + 1 < to && u[i + 1] == '\n') && out_put(o, "\n", 1, i) == -1)
				return -1;
			i++;
			continue;
		}
		i += fold_cp(u, i, to, opt, o, &err);
		if (err == -1)
			return -1;
	}
	o->oend = to;
	o->f[o->len] = '\0';
	return 0;
}

int
text_fold_begin(const char *s, size_t len, int accents, struct text *t)
{
	memset(t, 0, sizeof(*t));
	if (len >= UINT32_MAX)
		return -1;
	t->orig = s;
	t->olen = len;
	t->accents = accents;
	return 0;
}

int
text_fold_more(struct text *t, size_t n)
{
	const unsigned char *u = (const unsigned char *)t->orig;
	size_t to = t->oend + n < t->olen ? t->oend + n : t->olen;

	/* end just after an ASCII byte other than CR: the folding of the
	 * whole reads the next byte as the start of a code point too, and
	 * a CR there is not the half of a CR LF */
	while (to < t->olen && (u[to - 1] >= 0x80 || u[to - 1] == '\r'))
		to++;
	if (fold_span(t, t->oend, to) == -1)
		return -1;
	/* the whole's last offset, as text_fold's */
	return to == t->olen ? out_at(t, to) : 0;
}

void
text_fold_drop(struct text *t, size_t n)
{
	size_t k = 0;

	if (n == 0)
		return;
	t->obase = text_orig(t, n);
	while (k < t->njump && t->jump[k].f <= n)
		k++;
	for (size_t j = k; j < t->njump; j++)
		t->jump[j - k] = (struct text_jump){ (uint32_t)(t->jump[j].f - n), t->jump[j].o };
	t->njump -= k;
	memmove(t->f, t->f + n, t->len - n + 1);
	t->len -= n;
}

int
text_fold_range(const char *s, size_t len, size_t from, size_t to, int accents, struct text *t)
{
	if (from > to || to > len || text_fold_begin(s, len, accents, t) == -1)
		return -1;
	t->obase = t->next = t->oend = from;
	t->cap = to - from + 16;
	if ((t->f = malloc(t->cap)) == NULL)
		return -1;
	t->f[0] = '\0';
	if (fold_span(t, from, to) == -1 || out_at(t, to) == -1) {
		text_free(t);
		return -1;
	}
	return 0;
}

int
text_fold(const char *s, size_t len, int accents, struct text *t)
{
	return text_fold_range(s, len, 0, len, accents, t);
}

void
text_free(struct text *t)
{
	if (t == NULL)
		return;
	free(t->f);
	free(t->jump);
	memset(t, 0, sizeof(*t));
}

size_t
text_orig(const struct text *t, size_t i)
{
	size_t lo = 0, hi = t->njump;

	/* the last jump at or before i */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->jump[mid].f <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return t->obase + i;
	return t->jump[lo - 1].o + (i - t->jump[lo - 1].f);
}

/* Abbreviations after which a full stop does not end a sentence, in
 * strcmp order (is_abbrev halves the list). */
static const char *const abbrevs[] = {
	"al", "apr", "art", "aug", "capt", "cf", "col", "dec", "dr", "feb",
	"fig", "gen", "gov", "hon", "jan", "jr", "jul", "jun", "lt", "maj",
	"mar", "me", "messrs", "mlle", "mm", "mme", "mr", "mrs", "ms", "mt",
	"no", "nos", "nov", "oct", "para", "paras", "pp", "prof", "rev", "sen",
	"sep", "sept", "sgt", "sr", "st", "vol", "vs",
};

static int
is_abbrev(const char *f, size_t ws, size_t we)
{
	size_t n = we - ws;

	size_t lo = 0, hi = sizeof(abbrevs) / sizeof(abbrevs[0]);

	if (n == 1 && text_isalpha((unsigned char)f[ws]))
		return 1; /* an initial, or the last letter of "U.N.", "e.g.", "p.m." */
	/* the list is in strcmp order: halve it */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = text_word_cmp(abbrevs[mid], f + ws, n);

		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
orig_upperish(const struct text *t, size_t j)
{
	unsigned char c = (unsigned char)t->orig[text_orig(t, j)];

	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
	    c == '"' || c == '(' || c == '\'' || c == '[';
}

/* A dateline at the start of a paragraph: capitals, then within a few
 * dozen bytes a parenthesis or comma holding a digit, then a dash. Returns
 * the offset just past it, or start. */
static size_t
skip_dateline(const struct text *t, size_t start, size_t end)
{
	const char *f = t->f;
	size_t i = start, lim = start + 80;
	int digit = 0, caps = 0;

	if (lim > end)
		lim = end;
	while (i < lim && (text_isalpha((unsigned char)f[i]) || f[i] == ' ' || f[i] == '/')) {
		unsigned char c = (unsigned char)t->orig[text_orig(t, i)];

		if (c >= 'a' && c <= 'z')
			return start;
		if (c >= 'A' && c <= 'Z')
			caps++;
		i++;
	}
	if (caps < 2 || i >= lim || (f[i] != '(' && f[i] != ','))
		return start;
	for (; i < lim; i++) {
		if (f[i] >= '0' && f[i] <= '9')
			digit = 1;
		if (f[i] == '-' && digit && i > start && (f[i - 1] == ' ' || f[i - 1] == ')')) {
			i++;
			while (i < end && (f[i] == ' ' || f[i] == '-'))
				i++;
			return i;
		}
		if (f[i] == '.' || f[i] == '\n')
			return start;
	}
	return start;
}

static int
push(struct text_sentence **v, size_t *n, size_t *cap, const struct text *t,
    size_t s, size_t e, size_t para, int *first)
{
	while (s < e && (t->f[s] == ' ' || t->f[s] == '\n'))
		s++;
	while (e > s && (t->f[e - 1] == ' ' || t->f[e - 1] == '\n'))
		e--;
	if (s >= e)
		return 0;
	if (*first)
		s = skip_dateline(t, s, e);
	if (*n == *cap) {
		size_t nc = *cap * 2 + 16;
		struct text_sentence *nv = realloc(*v, nc * sizeof(*nv));

		if (nv == NULL)
			return -1;
		*v = nv;
		*cap = nc;
	}
	(*v)[*n].start = s;
	(*v)[*n].end = e;
	(*v)[*n].para = para;
	(*v)[*n].first = *first;
	(*n)++;
	*first = 0;
	return 0;
}

/* The bytes that may end a sentence or a paragraph. */
static const unsigned char sentence_stop[256] = {
	['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1,
};

int
text_sentences(const struct text *t, struct text_sentence **out, size_t *nout)
{
	size_t next;

	return text_sentences_from(t, 0, out, nout, &next);
}

int
text_sentences_from(const struct text *t, size_t para, struct text_sentence **out, size_t *nout,
    size_t *next)
{
	const char *f = t->f;
	struct text_sentence *v = NULL;
	size_t n = 0, cap = 0, s = 0, i = 0;
	int first = 1;

	while (i < t->len) {
		char c = f[i];

		if (c != '\n' && c != '.' && c != '!' && c != '?') {
			/* nearly every byte: on to the next that may end a sentence */
			while (++i < t->len && !sentence_stop[(unsigned char)f[i]])
				;
			continue;
		}
		if (c == '\n') {
			size_t j = i + 1;

			while (j < t->len && (f[j] == ' ' || f[j] == '\n'))
				j++;
			if (memchr(f + i + 1, '\n', j - i - 1) != NULL || j == t->len) {
				if (push(&v, &n, &cap, t, s, i, para, &first) == -1)
					goto fail;
				if (!first)
					para++;
				first = 1;
				s = j;
			}
			i = j;
			continue;
		}
		if (c == '.' || c == '!' || c == '?') {
			size_t j = i + 1, ws = i;

			while (j < t->len && (f[j] == '"' || f[j] == '\'' || f[j] == ')'))
				j++;
			if (j < t->len && (f[j] == '.' || f[j] == '!' || f[j] == '?')) {
				i = j;
				continue;
			}
			if (j >= t->len || (f[j] != ' ' && f[j] != '\n')) {
				i++;
				continue;
			}
			while (ws > 0 && text_isalnum((unsigned char)f[ws - 1]))
				ws--;
			if (c == '.' && ws < i && is_abbrev(f, ws, i) &&
			    (ws == 0 || !text_isalnum((unsigned char)f[ws - 1]))) {
				i++;
				continue;
			}
			{
				size_t k = j;

				while (k < t->len && f[k] == ' ')
					k++;
				if (k < t->len && f[k] != '\n' && !orig_upperish(t, k)) {
					i++;
					continue;
				}
			}
			if (push(&v, &n, &cap, t, s, j, para, &first) == -1)
				goto fail;
			s = j;
			i = j;
			continue;
		}
		i++;
	}
	if (push(&v, &n, &cap, t, s, t->len, para, &first) == -1)
		goto fail;
	*out = v;
	*nout = n;
	*next = first ? para : para + 1;
	return 0;
fail:
	free(v);
	return -1;
}

/* A space or line feed: the bytes of a break. */
static int
is_gap(char c)
{
	return c == ' ' || c == '\n';
}

size_t
text_break_last(const struct text *t, size_t from)
{
	const char *f = t->f, *nl;
	size_t last = 0, j = from;

	/* from one line feed to the next (memchr: most bytes are read no
	 * other way): each gap holding one is walked once, from where it
	 * begins (the first may begin before from) to where it ends */
	while (j < t->len && (nl = memchr(f + j, '\n', t->len - j)) != NULL) {
		size_t k = (size_t)(nl - f), e = k, n = 0;

		while (k > 0 && is_gap(f[k - 1]))
			k--;
		while (e < t->len && is_gap(f[e]))
			n += f[e++] == '\n';
		for (size_t i = k; i < (size_t)(nl - f); i++)
			n += f[i] == '\n';
		if (n >= 2 && k > 0 && e < t->len)
			last = k;
		j = e;
	}
	return last;
}

int
text_capital_at(const struct text *t, size_t i)
{
	const utf8proc_uint8_t *o;
	utf8proc_int32_t cp;
	size_t left, at;

	if (i >= t->len || (at = text_orig(t, i)) >= t->olen)
		return 0;
	o = (const utf8proc_uint8_t *)t->orig + at;
	left = t->olen - at;
	if (utf8proc_iterate(o, (utf8proc_ssize_t)left, &cp) <= 0)
		return 0;
	return (cp >= '0' && cp <= '9') || utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}
