/*
 * xmltok — a streaming XML 1.0 tokenizer with namespaces, for feeds: the
 * UTF-8 bytes of a document pushed in chunks of any size, out come start
 * tags (namespace resolved, attribute values decoded), end tags and text
 * (character data and CDATA, references decoded, line ends normalised) as
 * spans. Nothing of the document is kept but the open elements' names,
 * the namespace declarations in scope and the bytes of one unfinished
 * token (a tag, a reference, a partial character).
 *
 * Well-formedness is checked as a conforming parser checks it (names,
 * nesting, attributes, references, comments, processing instructions,
 * characters); the first error ends the parse with a message and its line.
 * A DOCTYPE is read but nothing of it is applied: an entity declaration
 * is refused, as are more than XT_MAX_DEFAULTS attribute defaults; an
 * external subset is never fetched (a reference to an undeclared entity
 * is then dropped, as the subset might have declared it).
 *
 * The input must be valid UTF-8 (feed_input.c makes it so). Owns its
 * buffers; the spans and names handed to the callbacks live until the
 * callback returns.
 */
#ifndef RW_XMLTOK_H
#define RW_XMLTOK_H

#include <stddef.h>
#include <stdint.h>

#define XT_MAX_DEFAULTS 16   /* attribute defaults a DTD may declare */
#define XT_MAX_ATTRS    256  /* attributes of one start tag */
#define XT_MAX_NS       256  /* namespace declarations in scope */
#define XT_MAX_DEPTH    256  /* elements open */

/* An element or attribute name. uri is NULL when it is in no namespace;
 * tag is a slot the caller may use to remember what uri is (it starts at
 * -1 for each declaration and lives as long as the declaration). */
struct xt_name {
	const char *local, *uri;
	size_t llen, ulen;
	int *tag;
};

struct xt_attr {
	struct xt_name n;
	const char *val;     /* decoded, NUL-terminated */
	size_t vlen;
};

struct xt_ops {
	void (*start)(void *arg, const struct xt_name *el, const struct xt_attr *at, size_t nat);
	void (*end)(void *arg, const struct xt_name *el);
	void (*text)(void *arg, const char *s, size_t n);
};

struct xmltok;

struct xmltok *xmltok_new(const struct xt_ops *ops, void *arg);
/* Parse n more bytes; last: the document ends after them. 0, or -1 once
 * the document is refused or stopped (later calls return -1 too). */
int xmltok_push(struct xmltok *t, const char *s, size_t n, int last);
/* From a callback: parse no further. */
void xmltok_stop(struct xmltok *t);
/* The reason of a -1: a well-formedness error ("not well-formed XML
 * (line N): ...") or a refusal of the DTD ("rejected: ..."); "" when the
 * parse was stopped by a callback or has not failed. */
const char *xmltok_error(const struct xmltok *t);
/* Has a root element started? */
int xmltok_root_seen(const struct xmltok *t);
void xmltok_free(struct xmltok *t);

#endif
