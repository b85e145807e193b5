/*
 * utf8 — strict UTF-8 decoding (RFC 3629 section 4), and which characters
 * are controls that no sink shows raw; see utf8.h.
 */
#include <stdint.h>

#include "rightswatch/utf8.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;
	uint32_t cp, min;

	if (n == 0)
		return 0;
	if (p[0] < 0x80) {
		*out = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f, min = 0x80;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f, min = 0x800;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates and code points past U+10FFFF. */
	if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	*out = cp;
	return len;
}

size_t
utf8_len(const char *s, size_t n)
{
	uint32_t cp;

	return utf8_decode(s, n, &cp);
}

int
utf8_is_control(uint32_t cp)
{
	/* Ranges, in order; each one a kind of character that moves the
	 * cursor, reorders what follows or breaks a line. */
	static const struct {
		uint32_t lo, hi;
	} controls[] = {
		{ 0x0000, 0x001f }, /* C0 */
		{ 0x007f, 0x009f }, /* DEL and C1 */
		{ 0x061c, 0x061c }, /* ARABIC LETTER MARK */
		{ 0x200e, 0x200f }, /* LEFT-TO-RIGHT and RIGHT-TO-LEFT MARK */
		{ 0x2028, 0x202e }, /* LINE and PARAGRAPH SEPARATOR, the embeddings and overrides */
		{ 0x2066, 0x2069 }, /* the isolates */
	};

	for (size_t i = 0; i < sizeof(controls) / sizeof(controls[0]); i++)
		if (cp >= controls[i].lo && cp <= controls[i].hi)
			return 1;
	return 0;
}

size_t
utf8_unsafe(const char *s, size_t n)
{
	uint32_t cp;
	size_t len;

	if (n == 0)
		return 0;
	if ((len = utf8_decode(s, n, &cp)) == 0)
		return 1;
	return utf8_is_control(cp) ? len : 0;
}

int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0, l;

	while (i < n) {
		if ((l = utf8_len(s + i, n - i)) == 0)
			return 0;
		i += l;
	}
	return 1;
}

size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	/* Back off continuation bytes (10xxxxxx) to the start of a sequence. */
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

int
utf8_seq(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, k;

	if (n == 0)
		return 0;
	if ((len = utf8_len(s, n)) > 0)
		return (int)len;
	/* invalid, or only cut short: a lead byte, continuation bytes so far,
	 * and none of the second bytes that make it overlong, a surrogate or
	 * too large */
	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (n >= len)
		return 0;
	for (k = 1; k < n; k++)
		if ((p[k] & 0xc0) != 0x80)
			return 0;
	if (n > 1 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f)))
		return 0;
	return -1;
}

size_t
utf8_put(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}
