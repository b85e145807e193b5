/*
 * jsonl — JSON strings and numbers appended to a struct buf (see jsonl.h).
 *
 * Most text needs no escaping: runs of it are found sixteen bytes at a time
 * (SSE2 where the compiler has it, else eight at a time) and copied whole.
 */
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rightswatch/jsonl.h"
#include "rightswatch/utf8.h"

/* Index of the first byte at or after i that is a control, '"', '\\' or
 * above 0x7F; n when there is none. */
static size_t
jsonl_plain_run(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
	const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
	const __m128i sp = _mm_set1_epi8(0x20);

	while (i + 16 <= n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* signed compare: bytes above 0x7F are negative, below 0x20 too */
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, q),
		    _mm_cmpeq_epi8(x, bs)), _mm_cmplt_epi8(x, sp));
		int mask = _mm_movemask_epi8(m);

		if (mask != 0)
			return i + (size_t)__builtin_ctz((unsigned)mask);
		i += 16;
	}
#else
	while (i + 8 <= n) {
		const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
		uint64_t x, q, b;

		memcpy(&x, s + i, 8);
		q = x ^ (ones * '"');
		b = x ^ (ones * '\\');
		if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) | x) & highs)
			break;
		i += 8;
	}
#endif
	while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
		i++;
	return i;
}

/* The escape of an ASCII byte that needs one, into esc (7 bytes); its length. */
static size_t
jsonl_escape(unsigned char c, char *esc)
{
	static const char hex[] = "0123456789ABCDEF";

	esc[0] = '\\';
	switch (c) {
	case '"': esc[1] = '"'; return 2;
	case '\\': esc[1] = '\\'; return 2;
	case '\b': esc[1] = 'b'; return 2;
	case '\f': esc[1] = 'f'; return 2;
	case '\n': esc[1] = 'n'; return 2;
	case '\r': esc[1] = 'r'; return 2;
	case '\t': esc[1] = 't'; return 2;
	default:
		memcpy(esc + 1, "u00", 3);
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 15];
		return 6;
	}
}

/* The body of the string; with valid set, a non-ASCII byte that starts no
 * valid sequence returns 1 (the caller starts again with valid clear). */
static int
jsonl_body(struct buf *o, const unsigned char *s, size_t n, int valid)
{
	size_t i = 0;

	while (i < n) {
		size_t r = jsonl_plain_run(s, i, n), k;
		char esc[8];

		if (r > i && buf_append(o, s + i, r - i) == -1)
			return -1;
		if (r == n)
			break;
		if (s[r] >= 0x80) {
			if (!valid) {
				if (buf_putc(o, '?') == -1)
					return -1;
				i = r + 1;
				continue;
			}
			if ((k = utf8_len((const char *)s + r, n - r)) == 0)
				return 1;
			if (buf_append(o, s + r, k) == -1)
				return -1;
			i = r + k;
			continue;
		}
		k = jsonl_escape(s[r], esc);
		if (buf_append(o, esc, k) == -1)
			return -1;
		i = r + 1;
	}
	return 0;
}

int
jsonl_str(struct buf *o, const char *s, size_t n)
{
	size_t start = o->len;
	int rc;

	/* room for the common case at once, and the common case done at
	 * once: nothing to escape */
	if (buf_reserve(o, n + 2) == -1)
		return -1;
	o->data[o->len] = '"';
	if (jsonl_plain_run((const unsigned char *)s, 0, n) == n) {
		memcpy(o->data + o->len + 1, s, n);
		o->len += n + 2;
		o->data[o->len - 1] = '"';
		o->data[o->len] = '\0';
		return 0;
	}
	o->len++;
	rc = jsonl_body(o, (const unsigned char *)s, n, 1);
	if (rc == 1) {
		o->len = start + 1;
		rc = jsonl_body(o, (const unsigned char *)s, n, 0);
	}
	if (rc != 0)
		return -1;
	return buf_putc(o, '"');
}

int
jsonl_strz(struct buf *o, const char *s)
{
	if (s == NULL)
		return buf_append(o, "null", 4);
	return jsonl_str(o, s, strlen(s));
}

int
jsonl_uint(struct buf *o, unsigned long long u)
{
	char s[24];
	size_t i = sizeof(s);

	/* by hand: snprintf's format parsing shows in a profile */
	do {
		s[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	return buf_append(o, s + i, sizeof(s) - i);
}

int
jsonl_int(struct buf *o, long long v)
{
	if (v < 0) {
		if (buf_putc(o, '-') == -1)
			return -1;
		return jsonl_uint(o, 0ULL - (unsigned long long)v);
	}
	return jsonl_uint(o, (unsigned long long)v);
}
