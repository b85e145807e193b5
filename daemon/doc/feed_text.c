/*
 * feed_text — the plain-text builder every feed field goes through: runs of
 * whitespace fold to one space, breaks wait until more text follows, and
 * the text stops at its cap on a UTF-8 boundary.
 *
 * Text is folded over spans, not words: a single space between two other
 * characters is already folded, so everything up to the next run of
 * whitespace (or a tab or line break) is copied in one append. Spans are
 * found sixteen bytes at a time where SSE2 is available.
 */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rightswatch/utf8.h"
#include "feed_int.h"

static int
feed_text_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* End of the span that starts at s[i] (not whitespace): the first
 * whitespace byte that is not a lone space between two other bytes. */
static size_t
feed_text_span(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
	/* Bytes up to 0x20 are candidates (whitespace, and controls that are
	 * then kept as text); of those, a space is harmless when neither
	 * neighbour is a candidate. */
	const __m128i lim = _mm_set1_epi8(0x21), sp = _mm_set1_epi8(' ');

	while (i + 17 <= n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i ws = _mm_and_si128(_mm_cmplt_epi8(x, lim),
		    _mm_cmpgt_epi8(x, _mm_set1_epi8(-1)));
		unsigned m = (unsigned)_mm_movemask_epi8(ws);
		unsigned spc = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, sp));

		if (m != 0) {
			/* bit 16: the byte after the block; bit -1 is never set
			 * here: the span never starts on whitespace */
			unsigned ext = m | (feed_text_isspace(s[i + 16]) ? 0x10000u : 0);
			unsigned lone = spc & ~(ext << 1) & ~(ext >> 1);
			unsigned bad = m & ~lone;

			/* a control byte that is not whitespace is text */
			for (unsigned b = bad; b != 0; b &= b - 1) {
				unsigned k = (unsigned)__builtin_ctz(b);
				if (!feed_text_isspace(s[i + k]))
					bad &= ~(1u << k);
			}
			if (bad != 0)
				return i + (size_t)__builtin_ctz(bad);
		}
		i += 16;
	}
#endif
	while (i < n) {
		unsigned char c = s[i];

		if (c > ' ' || !feed_text_isspace(c)) {
			i++;
			continue;
		}
		if (c == ' ' && i + 1 < n && !feed_text_isspace(s[i + 1]) && i > 0 &&
		    !feed_text_isspace(s[i - 1])) {
			i++;
			continue;
		}
		break;
	}
	return i;
}

/* Append n bytes after any pending separator. */
static void
feed_text_put(struct feed_text *t, const char *s, size_t n)
{
	static const size_t seplen[] = { 0, 1, 1, 2 };
	size_t sl = t->b.len > 0 ? seplen[t->pending] : 0, keep = n;
	char *d;

	if (t->b.len + sl + n > t->max) {
		if (t->b.len + sl >= t->max) {
			t->full = 1;
			return;
		}
		keep = utf8_cut(s, n, t->max - t->b.len - sl);
		t->full = 1;
	}
	if (t->b.len + sl + keep >= t->b.cap && buf_reserve(&t->b, sl + keep) == -1) {
		t->oom = t->full = 1;
		return;
	}
	d = t->b.data + t->b.len;
	if (sl > 0) {
		d[0] = t->pending == 1 ? ' ' : '\n';
		d[sl - 1] = t->pending == 1 ? ' ' : '\n';
	}
	memcpy(d + sl, s, keep);
	t->b.len += sl + keep;
	t->b.data[t->b.len] = '\0';
	t->pending = 0;
}

void
feed_text_add(struct feed_text *t, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, j;

	while (i < n && !t->full) {
		if (feed_text_isspace(u[i])) {
			if (t->pending < 1)
				t->pending = 1;
			i++;
			continue;
		}
		j = feed_text_span(u, i, n);
		feed_text_put(t, s + i, j - i);
		i = j;
	}
}

void
feed_text_break(struct feed_text *t, int level)
{
	if (t->pending < level)
		t->pending = level;
}

const char *
feed_text_str(const struct feed_text *t)
{
	return t->b.len > 0 && !t->oom ? t->b.data : NULL;
}

void
feed_text_reset(struct feed_text *t)
{
	t->b.len = 0;
	if (t->b.data != NULL)
		t->b.data[0] = '\0';
	t->pending = t->full = 0;
}

void
feed_text_free(struct feed_text *t)
{
	buf_free(&t->b);
	t->pending = t->full = t->oom = 0;
}

char *
feed_text_take(struct feed_text *t, int *oom)
{
	char *s = NULL;

	if (t->oom)
		*oom = 1;
	else if (t->b.len > 0 && (s = buf_detach(&t->b)) == NULL)
		*oom = 1;
	feed_text_free(t);
	return s;
}

unsigned
feed_cp1252(unsigned char c)
{
	/* The windows-1252 code page at 0x80-0x9F. */
	static const unsigned short c1[32] = {
		0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
		0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
		0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
		0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
	};

	return c >= 0x80 && c <= 0x9f ? c1[c - 0x80] : c;
}

size_t
feed_scan2(const char *s, size_t i, size_t n, char a, char b)
{
#if defined(__SSE2__)
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);

	while (i + 16 <= n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, va),
		    _mm_cmpeq_epi8(x, vb)));

		if (m != 0)
			return i + (size_t)__builtin_ctz((unsigned)m);
		i += 16;
	}
#endif
	while (i < n && s[i] != a && s[i] != b)
		i++;
	return i;
}
