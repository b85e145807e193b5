/*
 * feed_input — a feed's bytes, in whatever charset, to the UTF-8 that the
 * tokenizer (xmltok.c) then takes as it is, whatever the declaration
 * says: one decoder for every document, chosen once from its first bytes.
 *
 * The charset is the BOM's, else the XML declaration's, else the HTTP
 * charset, else UTF-8. The Latin-1 family is read as windows-1252 (as
 * browsers do), so 0x80-0x9F are the quotes and dashes their authors
 * meant; a byte that is not valid UTF-8 in a UTF-8 document is read the
 * same way rather than ending the parse. Other charsets go through iconv,
 * an undecodable sequence becoming U+FFFD.
 *
 * Valid UTF-8 is passed on without a copy; the check runs sixteen bytes at
 * a time over ASCII.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "rightswatch/utf8.h"
#include "feed_int.h"

#define FEED_INPUT_DECL 512 /* bytes searched for the XML declaration's end */

static const char feed_input_fffd[] = "\xef\xbf\xbd";

/* Labels read as windows-1252 (WHATWG Encoding's list for it). Sorted. */
static const char *const feed_input_latin[] = {
	"ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819",
	"iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
	"iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252",
};

static int
feed_input_cmp(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

/* The encoding label of the XML declaration at the start of head, into
 * out (lower case); 0, or -1 when there is none. */
static int
feed_input_decl(const char *head, size_t len, char *out, size_t outlen)
{
	size_t end = len < FEED_INPUT_DECL ? len : FEED_INPUT_DECL, i, k = 0;
	const char *p;
	char q;

	if (end < 5 || memcmp(head, "<?xml", 5) != 0)
		return -1;
	for (i = 5; i + 1 < end && !(head[i] == '?' && head[i + 1] == '>'); i++)
		;
	if ((p = memmem(head, i, "encoding", 8)) == NULL)
		return -1;
	i = (size_t)(p - head) + 8;
	while (i < end && isspace((unsigned char)head[i]))
		i++;
	if (i >= end || head[i++] != '=')
		return -1;
	while (i < end && isspace((unsigned char)head[i]))
		i++;
	if (i >= end || (head[i] != '"' && head[i] != '\''))
		return -1;
	q = head[i++];
	while (i < end && head[i] != q && k + 1 < outlen)
		out[k++] = (char)tolower((unsigned char)head[i++]);
	if (i >= end || head[i] != q || k == 0)
		return -1;
	out[k] = '\0';
	return 0;
}

/* Set up the decoder for a label (lower case). ascii_head: the document
 * begins in an ASCII-compatible form, so a UTF-16 label cannot be true. */
static void
feed_input_label(struct feed_input *in, const char *label, int ascii_head)
{
	if (strcmp(label, "utf-8") == 0 || strcmp(label, "utf8") == 0)
		return;
	if (bsearch(label, feed_input_latin, sizeof(feed_input_latin) /
	    sizeof(feed_input_latin[0]), sizeof(feed_input_latin[0]), feed_input_cmp) != NULL) {
		in->enc = FEED_ENC_1252;
		return;
	}
	if (ascii_head && (strncmp(label, "utf-16", 6) == 0 || strncmp(label, "utf-32", 6) == 0 ||
	    strncmp(label, "ucs-", 4) == 0))
		return;
	if ((in->cd = iconv_open("UTF-8", label)) == (iconv_t)-1)
		return; /* unknown: UTF-8, with the windows-1252 fallback */
	in->enc = FEED_ENC_ICONV;
	in->unit = strncmp(label, "utf-16", 6) == 0 ? 2 : strncmp(label, "utf-32", 6) == 0 ? 4 : 1;
}

void
feed_input_open(struct feed_input *in, const char *head, size_t len,
    const char *http_charset, size_t *skip)
{
	const unsigned char *u = (const unsigned char *)head;
	char label[64];

	memset(in, 0, sizeof(*in));
	in->enc = FEED_ENC_UTF8;
	in->cd = (iconv_t)-1;
	*skip = 0;
	if (len >= 3 && memcmp(u, "\xef\xbb\xbf", 3) == 0) {
		*skip = 3;
		return;
	}
	if (len >= 2 && (memcmp(u, "\xff\xfe", 2) == 0 || memcmp(u, "\xfe\xff", 2) == 0)) {
		*skip = 2;
		feed_input_label(in, u[0] == 0xff ? "utf-16le" : "utf-16be", 0);
		return;
	}
	if (len >= 4 && memcmp(u, "<\0?\0", 4) == 0) {
		feed_input_label(in, "utf-16le", 0);
		return;
	}
	if (len >= 4 && memcmp(u, "\0<\0?", 4) == 0) {
		feed_input_label(in, "utf-16be", 0);
		return;
	}
	if (feed_input_decl(head, len, label, sizeof(label)) == 0) {
		feed_input_label(in, label, 1);
		return;
	}
	if (http_charset != NULL && *http_charset != '\0') {
		size_t k = 0;

		for (; http_charset[k] != '\0' && k + 1 < sizeof(label); k++)
			label[k] = (char)tolower((unsigned char)http_charset[k]);
		label[k] = '\0';
		feed_input_label(in, label, 1);
	}
}

/* Index of the first byte at or after i above 0x7F, or n. */
static size_t
feed_input_ascii(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
	while (i + 16 <= n) {
		int m = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		if (m != 0)
			return i + (size_t)__builtin_ctz((unsigned)m);
		i += 16;
	}
#endif
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/* Append the windows-1252 reading of byte c to out. */
static int
feed_input_put1252(struct buf *out, unsigned char c)
{
	char u[4];

	return buf_append(out, u, utf8_put(feed_cp1252(c), u));
}

/* UTF-8 in; s[0, n) holds no cut sequence but the last (kept in pend). */
static int
feed_input_utf8(struct feed_input *in, const char *s, size_t n, int last,
    feed_sink_fn *sink, void *arg)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, from = 0;
	int copying = 0, k;

	buf_reset(&in->out);
	while (i < n) {
		if ((i = feed_input_ascii(u, i, n)) == n)
			break;
		if ((k = utf8_seq(s + i, n - i)) > 0) {
			i += (size_t)k;
			continue;
		}
		if (k == -1 && !last) {
			/* cut by the end of the piece: decided with the next */
			memcpy(in->pend, s + i, n - i);
			in->npend = n - i;
			n = i;
			break;
		}
		/* not UTF-8: its windows-1252 reading, in a copy */
		if (buf_append(&in->out, s + from, i - from) == -1 ||
		    feed_input_put1252(&in->out, u[i]) == -1)
			return -1;
		copying = 1;
		from = ++i;
	}
	if (!copying)
		return n > 0 ? sink(arg, s, n) : 0;
	if (buf_append(&in->out, s + from, n - from) == -1)
		return -1;
	return sink(arg, in->out.data, in->out.len);
}

static int
feed_input_latin1(struct feed_input *in, const char *s, size_t n,
    feed_sink_fn *sink, void *arg)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, j;

	buf_reset(&in->out);
	if (buf_reserve(&in->out, n + n / 2) == -1)
		return -1;
	while (i < n) {
		j = feed_input_ascii(u, i, n);
		if (buf_append(&in->out, s + i, j - i) == -1 ||
		    (j < n && feed_input_put1252(&in->out, u[j]) == -1))
			return -1;
		i = j + 1;
	}
	return in->out.len > 0 ? sink(arg, in->out.data, in->out.len) : 0;
}

static int
feed_input_iconv(struct feed_input *in, const char *s, size_t n, int last,
    feed_sink_fn *sink, void *arg)
{
	/* iconv takes char ** for its input but never writes through it */
	char *ip = (char *)(uintptr_t)s;
	size_t left = n;

	buf_reset(&in->out);
	while (left > 0) {
		char *op;
		size_t oleft, r;

		if (buf_reserve(&in->out, left * 4 + 16) == -1)
			return -1;
		op = in->out.data + in->out.len;
		oleft = in->out.cap - in->out.len - 1;
		r = iconv(in->cd, &ip, &left, &op, &oleft);
		in->out.len = (size_t)(op - in->out.data);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !last && left < sizeof(in->pend)) {
			memcpy(in->pend, ip, left);
			in->npend = left;
			break;
		}
		if (buf_append(&in->out, feed_input_fffd, 3) == -1)
			return -1;
		if (errno != EILSEQ && errno != EINVAL)
			break;
		r = left < in->unit ? left : in->unit;
		ip += r;
		left -= r;
	}
	return in->out.len > 0 ? sink(arg, in->out.data, in->out.len) : 0;
}

/* One piece with nothing pending before it. */
static int
feed_input_piece(struct feed_input *in, const char *s, size_t n, int last,
    feed_sink_fn *sink, void *arg)
{
	switch (in->enc) {
	case FEED_ENC_1252:
		return feed_input_latin1(in, s, n, sink, arg);
	case FEED_ENC_ICONV:
		return feed_input_iconv(in, s, n, last, sink, arg);
	default:
		return feed_input_utf8(in, s, n, last, sink, arg);
	}
}

int
feed_input_push(struct feed_input *in, const char *s, size_t n, int last,
    feed_sink_fn *sink, void *arg)
{
	char tmp[sizeof(in->pend) * 2];

	/* A sequence cut at the end of the last piece: decode it with the
	 * first bytes of this one (a tail cut again is pending again). */
	while (in->npend > 0) {
		size_t had = in->npend, take = n < sizeof(in->pend) ? n : sizeof(in->pend);

		if (n == 0 && !last)
			return 0;
		memcpy(tmp, in->pend, had);
		memcpy(tmp + had, s, take);
		in->npend = 0;
		if (feed_input_piece(in, tmp, had + take, last && take == n, sink, arg) == -1)
			return -1;
		s += take;
		n -= take;
		if (n == 0)
			return 0;
	}
	return n > 0 || last ? feed_input_piece(in, s, n, last, sink, arg) : 0;
}

void
feed_input_close(struct feed_input *in)
{
	if (in->enc == FEED_ENC_ICONV && in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	buf_free(&in->out);
	memset(in, 0, sizeof(*in));
	in->cd = (iconv_t)-1;
}
