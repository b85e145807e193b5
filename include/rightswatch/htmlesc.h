/*
 * htmlesc — untrusted text (titles, sentences, server messages, URLs) made
 * safe for the three places a page or an SVG puts it: element text, a
 * quoted attribute value, and a URL (a query value we build, or a link a
 * release gave us). Every function appends to a struct buf and returns 0,
 * or -1 out of memory. Pure.
 *
 * In text and attributes: & < > " ' become character references; a
 * control character (utf8_is_control: C0 but tab and line feed, DEL, C1,
 * the bidirectional controls, U+2028, U+2029) and a byte of invalid UTF-8
 * become U+FFFD, so a title can neither close an element nor reorder the
 * text around it. The output is valid for HTML and for XML (SVG) alike.
 */
#ifndef RW_HTMLESC_H
#define RW_HTMLESC_H

#include <stddef.h>

struct buf;

/* s (NULL: nothing) as element text or as a double-quoted attribute's
 * value (the same escaping serves both). */
int htmlesc_text(struct buf *b, const char *s);
/* The first len bytes of s, the same way. */
int htmlesc_textn(struct buf *b, const char *s, size_t len);
/* s as one component of a URL we build (a path segment or a query value):
 * every byte but ALPHA / DIGIT / - . _ ~ percent-encoded (RFC 3986 2.3). */
int htmlesc_url_component(struct buf *b, const char *s);
/* A link taken from a document, for an href attribute: an absolute
 * http:// or https:// URL of printable ASCII without blanks is appended
 * attribute-escaped and 0 returned; anything else (javascript:, data:,
 * relative, controls) appends nothing and returns 1. -1 out of memory. */
int htmlesc_href(struct buf *b, const char *url);

#endif
