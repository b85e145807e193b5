/*
 * feed — the parser's front: sniffing a body and choosing the format
 * parser (feed_xml.c for RSS/RDF/Atom, feed_json.c for JSON Feed). The
 * parsers build items with feed_item.c and text with feed_text.c, below
 * them all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/feed.h"
#include "feed_int.h"

static int
feed_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Skip a BOM and whitespace from p; returns the new position. */
static size_t
feed_skip_ws(const char *p, size_t len, size_t i)
{
	while (i < len && feed_isspace((unsigned char)p[i]))
		i++;
	return i;
}

static int
feed_startswith_ci(const char *p, size_t len, size_t i, const char *word)
{
	size_t n = strlen(word);

	return len - i >= n && strncasecmp(p + i, word, n) == 0;
}

/* Skip from p[i] (at "<!--" or "<?") past the matching "-->" or "?>";
 * returns len when it never ends. */
static size_t
feed_skip_until(const char *p, size_t len, size_t i, const char *end)
{
	size_t n = strlen(end);

	for (; i + n <= len; i++)
		if (memcmp(p + i, end, n) == 0)
			return i + n;
	return len;
}

enum feed_sniff
feed_sniff(const char *data, size_t len)
{
	size_t i = 0;

	if (data == NULL)
		return FEED_SNIFF_EMPTY;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	i = feed_skip_ws(data, len, i);
	if (i == len)
		return FEED_SNIFF_EMPTY;
	if (data[i] == '{')
		return FEED_SNIFF_JSON;
	if (data[i] != '<')
		return FEED_SNIFF_OTHER;
	/* The prolog (declaration, comments, processing instructions, doctype)
	 * says nothing yet: the first element decides. */
	for (;;) {
		i = feed_skip_ws(data, len, i);
		if (i >= len || data[i] != '<')
			return FEED_SNIFF_OTHER;
		if (feed_startswith_ci(data, len, i, "<?"))
			i = feed_skip_until(data, len, i + 2, "?>");
		else if (feed_startswith_ci(data, len, i, "<!--"))
			i = feed_skip_until(data, len, i + 4, "-->");
		else if (feed_startswith_ci(data, len, i, "<!doctype")) {
			size_t j = feed_skip_ws(data, len, i + 9);
			if (feed_startswith_ci(data, len, j, "html"))
				return FEED_SNIFF_HTML;
			i = feed_skip_until(data, len, i, ">");
		} else if (feed_startswith_ci(data, len, i, "<html") ||
		    feed_startswith_ci(data, len, i, "<head") ||
		    feed_startswith_ci(data, len, i, "<body")) {
			size_t j = i + 5;
			if (j == len || feed_isspace((unsigned char)data[j]) ||
			    data[j] == '>' || data[j] == '/')
				return FEED_SNIFF_HTML;
			return FEED_SNIFF_XML;
		} else
			return FEED_SNIFF_XML;
	}
}

int
feed_parse(const char *data, size_t len, const char *base_url,
    struct feed **out, char *err, size_t errlen)
{
	struct feed *f;
	enum feed_sniff kind = feed_sniff(data, len);
	int rc;

	*out = NULL;
	if (errlen > 0)
		err[0] = '\0';
	switch (kind) {
	case FEED_SNIFF_EMPTY:
		snprintf(err, errlen, "empty document");
		return -1;
	case FEED_SNIFF_HTML:
		snprintf(err, errlen, "not a feed (an HTML page)");
		return -1;
	default:
		break;
	}
	if ((f = calloc(1, sizeof(*f))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (kind == FEED_SNIFF_JSON) {
		f->kind = FEED_KIND_JSON;
		rc = feed_json_parse(data, len, base_url, f, err, errlen);
	} else
		rc = feed_xml_parse(data, len, base_url, f, err, errlen);
	if (rc == -1) {
		feed_free(f);
		return -1;
	}
	*out = f;
	return 0;
}
