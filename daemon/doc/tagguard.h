/*
 * tagguard — a byte-level scan of markup, run over a document before the
 * parser sees it, that stops the shapes libxml2 2.9 parses in quadratic
 * time: an element with more than max_attrs attributes (its duplicate
 * check compares each attribute with every earlier one), more namespace
 * declarations in scope than max_ns, nesting deeper than max_depth, a
 * start tag longer than max_tag. The scan takes the bytes in pieces of any
 * size and is linear in their number.
 *
 * It follows the parser where the parser is strict (XML: comments, CDATA,
 * processing instructions, the DTD's internal subset) and otherwise errs
 * towards seeing a tag (HTML: only comments and the raw text of script and
 * style are skipped), so that what it counts is never less than what the
 * parser will meet.
 */
#ifndef RW_TAGGUARD_H
#define RW_TAGGUARD_H

#include <stddef.h>
#include <stdint.h>

#define TAGGUARD_MAX_DEPTH 256 /* the deepest max_depth */

struct tagguard {
	/* set by the caller before the first scan */
	int html;           /* HTML tokenising (pages) rather than XML (feeds) */
	size_t max_attrs;   /* attributes on one element */
	size_t max_ns;      /* XML: namespace declarations in scope */
	size_t max_depth;   /* XML: elements nested, at most TAGGUARD_MAX_DEPTH */
	size_t max_tag;     /* XML: bytes of one start tag */
	/* scan state, zero at the start */
	int st;
	int end, slash, bang, raw;
	unsigned match;
	char quote;
	char name[8];       /* the start of an attribute's name, or after "<!" */
	size_t nlen;
	char tname[8];      /* the start of a tag's name, lower case */
	size_t tnlen;
	size_t attrs, tag_ns, taglen;
	size_t depth, ns_scope;
	uint16_t ns_at[TAGGUARD_MAX_DEPTH + 1];
	uint64_t offset;    /* bytes scanned before this piece */
	char why[96];       /* the refusal ("" until there is one), with the
	                     * limit and the byte offset where it was passed */
};

/* Scan n more bytes. 0, or -1 once the document is refused (g->why says
 * why and where; later calls return -1 too). */
int tagguard_scan(struct tagguard *g, const char *s, size_t n);

#endif
