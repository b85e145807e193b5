/*
 * feed — the parser's front: a stream of bytes (in chunks of any size) to
 * items. It holds the first bytes until it knows what the document is
 * (feed_sniff: XML, JSON or an HTML page) and its charset (feed_input.c),
 * then passes XML on as it comes, decoded to UTF-8, to feed_sax.c; a JSON
 * Feed is kept whole and read at the end (feed_json.c). Every cap holds
 * while the bytes stream: the body's size, the parse's CPU time, and
 * those of feed_sax.c and feed_item.c.
 *
 * Owns the stream; the feed it returns is the caller's (feed_free).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/url.h"
#include "feed_int.h"

#define FEED_HEAD_MAX (64 * 1024)  /* bytes held while the prolog says nothing yet */
#define FEED_SLICE    (256 * 1024) /* bytes parsed between two looks at the budget */

enum feed_state { FS_HEAD, FS_XML, FS_JSON, FS_FAILED };

struct feed_stream {
	struct feed *f;
	struct feed_emit emit;
	struct feed_sax *sax;
	struct feed_input in;
	int in_open;
	struct buf head;       /* held bytes; all of a JSON document */
	char *base, *charset;
	size_t max_body, total;
	int64_t budget_ms, start_ns;
	enum feed_state st;
	char err[320];
};

static int
feed_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Skip whitespace from p[i]; returns the new position. */
static size_t
feed_skip_ws(const char *p, size_t len, size_t i)
{
	while (i < len && feed_isspace((unsigned char)p[i]))
		i++;
	return i;
}

/* Does p[i..] start with word (ASCII case-insensitive)? 1, 0, or -1 when
 * the bytes end before the answer is known. */
static int
feed_prefix(const char *p, size_t len, size_t i, const char *word)
{
	size_t n = strlen(word), have = len - i < n ? len - i : n;

	if (strncasecmp(p + i, word, have) != 0)
		return 0;
	return have == n ? 1 : -1;
}

/* Skip from p[i] past the next "end"; returns len when it never comes. */
static size_t
feed_skip_until(const char *p, size_t len, size_t i, const char *end)
{
	size_t n = strlen(end);

	for (; i + n <= len; i++)
		if (memcmp(p + i, end, n) == 0)
			return i + n;
	return len;
}

/* feed_sniff's work; *more set when the bytes end before it can decide
 * (the answer then stands only if no more bytes come). */
static enum feed_sniff
feed_sniff_more(const char *data, size_t len, int *more)
{
	static const char *const roots[] = { "<html", "<head", "<body" };
	size_t i = 0, j;
	int r;

	*more = 1;
	if (data == NULL)
		return FEED_SNIFF_EMPTY;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if ((i = feed_skip_ws(data, len, i)) == len)
		return FEED_SNIFF_EMPTY;
	*more = 0;
	if (data[i] == '{')
		return FEED_SNIFF_JSON;
	if (data[i] != '<')
		return FEED_SNIFF_OTHER;
	/* The prolog (declaration, comments, processing instructions, doctype)
	 * says nothing yet: the first element decides. */
	for (;;) {
		if ((i = feed_skip_ws(data, len, i)) == len)
			return *more = 1, FEED_SNIFF_OTHER;
		if (data[i] != '<')
			return FEED_SNIFF_OTHER;
		if ((r = feed_prefix(data, len, i, "<?")) == 1 ||
		    (r = feed_prefix(data, len, i, "<!--")) == 1) {
			j = feed_skip_until(data, len, i + 2, data[i + 1] == '?' ? "?>" : "-->");
			if (j == len)
				return *more = 1, FEED_SNIFF_OTHER;
			i = j;
			continue;
		}
		if (r == -1 || (r = feed_prefix(data, len, i, "<!doctype")) == -1)
			return *more = 1, FEED_SNIFF_XML;
		if (r == 1) {
			j = feed_skip_ws(data, len, i + 9);
			if ((r = feed_prefix(data, len, j, "html")) != 0 || j == len) {
				*more = r != 1;
				return r == 1 ? FEED_SNIFF_HTML : FEED_SNIFF_XML;
			}
			if ((i = feed_skip_until(data, len, i, ">")) == len)
				return *more = 1, FEED_SNIFF_XML;
			continue;
		}
		for (size_t k = 0; k < 3; k++) {
			if ((r = feed_prefix(data, len, i, roots[k])) == -1 || (r == 1 && i + 5 == len))
				return *more = 1, r == 1 ? FEED_SNIFF_HTML : FEED_SNIFF_XML;
			if (r == 1)
				return feed_isspace((unsigned char)data[i + 5]) || data[i + 5] == '>' ||
				    data[i + 5] == '/' ? FEED_SNIFF_HTML : FEED_SNIFF_XML;
		}
		return FEED_SNIFF_XML;
	}
}

enum feed_sniff
feed_sniff(const char *data, size_t len)
{
	int more;

	return feed_sniff_more(data, len, &more);
}

static int
feed_fail(struct feed_stream *s, const char *msg)
{
	if (s->st != FS_FAILED)
		snprintf(s->err, sizeof(s->err), "%s", msg);
	s->st = FS_FAILED;
	return -1;
}

struct feed_stream *
feed_stream_new(const char *base_url, const char *charset,
    const struct feed_limits *limits, feed_item_fn *fn, void *arg)
{
	struct feed_stream *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	if ((s->f = calloc(1, sizeof(*s->f))) == NULL ||
	    (charset != NULL && (s->charset = strdup(charset)) == NULL)) {
		feed_stream_free(s);
		return NULL;
	}
	/* a base that is not an absolute URL anchors nothing */
	if (base_url != NULL)
		s->base = url_resolve(NULL, base_url);
	s->max_body = limits != NULL && limits->max_body > 0 ? limits->max_body : FEED_MAX_BODY;
	s->budget_ms = limits != NULL ? limits->budget_ms : 0;
	feed_emit_init(&s->emit, s->f, limits != NULL ? limits->max_items : 0, fn, arg);
	s->start_ns = feed_cpu_ns();
	return s;
}

/* Decoded UTF-8 on its way to the SAX reader. */
static int
feed_to_sax(void *arg, const char *utf8, size_t n)
{
	struct feed_stream *s = arg;

	return feed_sax_push(s->sax, utf8, n, 0);
}

static int
feed_over_budget(struct feed_stream *s)
{
	int64_t ms = s->budget_ms;

	if (ms <= 0)
		ms = FEED_BUDGET_MS + (int64_t)(s->total / (FEED_BUDGET_KIB_PER_MS * 1024));
	return feed_cpu_ns() - s->start_ns > ms * 1000000;
}

static int feed_after(struct feed_stream *s, int rc);

/* Bytes of an XML document to the decoder and the parser, in slices so
 * that the budget is looked at within a large push too. 0 or -1. */
static int
feed_xml_push(struct feed_stream *s, const char *data, size_t len, int last)
{
	while (len > FEED_SLICE) {
		if (feed_after(s, feed_input_push(&s->in, data, FEED_SLICE, 0, feed_to_sax, s)) == -1)
			return -1;
		data += FEED_SLICE;
		len -= FEED_SLICE;
	}
	return feed_input_push(&s->in, data, len, last, feed_to_sax, s);
}

/* The format is known to be XML: start the decoder and the SAX reader,
 * and pass them the bytes held so far. */
static int
feed_start_xml(struct feed_stream *s, int last)
{
	size_t skip;
	int rc;

	if ((s->sax = feed_sax_new(&s->emit, s->base)) == NULL)
		return feed_fail(s, "out of memory");
	feed_input_open(&s->in, s->head.data, s->head.len, s->charset, &skip);
	s->in_open = 1;
	s->st = FS_XML;
	rc = feed_xml_push(s, s->head.data + skip, s->head.len - skip, last);
	buf_free(&s->head);
	return rc;
}

/* Bytes held while the format or the charset is not known yet. */
static int
feed_head(struct feed_stream *s, int last)
{
	enum feed_sniff kind;
	int more;

	kind = feed_sniff_more(s->head.data, s->head.len, &more);
	/* four bytes at least: a BOM, or UTF-16's "<?" */
	if ((more || s->head.len < 4) && !last && s->head.len < FEED_HEAD_MAX)
		return 0;
	switch (kind) {
	case FEED_SNIFF_EMPTY:
		if (!last)
			return 0;
		return feed_fail(s, "empty document");
	case FEED_SNIFF_HTML:
		return feed_fail(s, "not a feed (an HTML page)");
	case FEED_SNIFF_JSON:
		s->st = FS_JSON;
		s->f->kind = FEED_KIND_JSON;
		return 0;
	default:
		break;
	}
	/* the XML declaration, which names the charset, is whole by now:
	 * the sniff read past it */
	return feed_start_xml(s, last);
}

static int
feed_after(struct feed_stream *s, int rc)
{
	char why[sizeof(s->err)];

	if (s->st == FS_FAILED)
		return -1;
	if (rc == -1) {
		if (s->sax != NULL)
			feed_sax_why(s->sax, why, sizeof(why));
		else
			snprintf(why, sizeof(why), "out of memory");
		return feed_fail(s, why);
	}
	if (feed_over_budget(s)) {
		snprintf(why, sizeof(why), "rejected: parsing took more CPU time than its budget");
		return feed_fail(s, why);
	}
	return 0;
}

int
feed_stream_push(struct feed_stream *s, const char *data, size_t len)
{
	char why[64];
	int rc = 0;

	if (s->st == FS_FAILED)
		return -1;
	if (len > s->max_body - s->total) {
		snprintf(why, sizeof(why), "document larger than %zu bytes", s->max_body);
		return feed_fail(s, why);
	}
	s->total += len;
	switch (s->st) {
	case FS_HEAD:
		if (buf_append(&s->head, data, len) == -1)
			return feed_fail(s, "out of memory");
		rc = feed_head(s, 0);
		break;
	case FS_JSON:
		if (buf_append(&s->head, data, len) == -1)
			return feed_fail(s, "out of memory");
		break;
	case FS_XML:
		rc = feed_xml_push(s, data, len, 0);
		break;
	default:
		break;
	}
	return feed_after(s, rc);
}

int
feed_stream_finish(struct feed_stream *s, struct feed **out, char *err,
    size_t errlen)
{
	int rc = 0;

	*out = NULL;
	if (errlen > 0)
		err[0] = '\0';
	if (s->st == FS_HEAD)
		rc = feed_after(s, feed_head(s, 1));
	if (rc == 0 && s->st == FS_XML)
		rc = feed_after(s, feed_xml_push(s, "", 0, 1));
	/* The decoder is flushed: now the parser learns the document ended,
	 * so that a feed cut short is an error, not a shorter feed. */
	if (rc == 0 && s->st == FS_XML)
		rc = feed_after(s, feed_sax_push(s->sax, "", 0, 1));
	if (rc == 0 && s->st == FS_JSON) {
		if (feed_json_parse(s->head.data, s->head.len, s->base, &s->emit, s->err,
		    sizeof(s->err)) == -1)
			s->st = FS_FAILED;
		else if (s->emit.oom)
			feed_fail(s, "out of memory");
		else if (s->emit.stopped)
			feed_fail(s, "stopped by the item consumer");
	}
	if (s->st == FS_FAILED) {
		snprintf(err, errlen, "%s", s->err);
		return -1;
	}
	*out = s->f;
	s->f = NULL;
	s->st = FS_FAILED;
	snprintf(s->err, sizeof(s->err), "finished");
	return 0;
}

void
feed_stream_free(struct feed_stream *s)
{
	if (s == NULL)
		return;
	feed_sax_free(s->sax);
	if (s->in_open)
		feed_input_close(&s->in);
	feed_emit_free(&s->emit);
	feed_free(s->f);
	buf_free(&s->head);
	free(s->base);
	free(s->charset);
	free(s);
}

int
feed_parse(const char *data, size_t len, const char *base_url,
    struct feed **out, char *err, size_t errlen)
{
	struct feed_stream *s;
	int rc;

	*out = NULL;
	if ((s = feed_stream_new(base_url, NULL, NULL, NULL, NULL)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	(void)feed_stream_push(s, data != NULL ? data : "", len);
	rc = feed_stream_finish(s, out, err, errlen);
	feed_stream_free(s);
	return rc;
}
