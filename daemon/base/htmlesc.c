/*
 * htmlesc — escaping for HTML and SVG pages: text and attribute values,
 * URL components, and links from untrusted documents (see htmlesc.h).
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/buf.h"
#include "rightswatch/htmlesc.h"
#include "rightswatch/utf8.h"

/* U+FFFD REPLACEMENT CHARACTER */
#define HTMLESC_REPLACEMENT "\xef\xbf\xbd"

int
htmlesc_textn(struct buf *b, const char *s, size_t len)
{
	size_t i = 0, run = 0, k;
	uint32_t cp;

	if (s == NULL)
		return 0;
	if (buf_reserve(b, len) == -1)
		return -1;
	while (i < len) {
		const char *ref = NULL;

		switch (s[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		default: break;
		}
		if (ref != NULL) {
			if (buf_append(b, s + run, i - run) == -1 || buf_puts(b, ref) == -1)
				return -1;
			run = ++i;
			continue;
		}
		/* Tab and line feed are plain white space in text. */
		if (s[i] == '\t' || s[i] == '\n') {
			i++;
			continue;
		}
		if ((k = utf8_unsafe(s + i, len - i)) == 0) {
			k = utf8_decode(s + i, len - i, &cp);
			i += k > 0 ? k : 1;
			continue;
		}
		if (buf_append(b, s + run, i - run) == -1 ||
		    buf_puts(b, HTMLESC_REPLACEMENT) == -1)
			return -1;
		i += k;
		run = i;
	}
	return buf_append(b, s + run, len - run);
}

int
htmlesc_text(struct buf *b, const char *s)
{
	return s == NULL ? 0 : htmlesc_textn(b, s, strlen(s));
}

int
htmlesc_url_component(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; s != NULL && *p; p++) {
		int plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';
		char pct[3] = { '%', hex[*p >> 4], hex[*p & 15] };

		if ((plain ? buf_putc(b, (char)*p) : buf_append(b, pct, 3)) == -1)
			return -1;
	}
	return 0;
}

int
htmlesc_href(struct buf *b, const char *url)
{
	size_t n;

	if (url == NULL)
		return 1;
	if (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0)
		return 1;
	n = strlen(url);
	/* Printable ASCII only: a blank, a control or a raw non-ASCII byte
	 * would make the link mean something other than what it shows. */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f)
			return 1;
	return htmlesc_textn(b, url, n) == -1 ? -1 : 0;
}
