/*
 * xmltok_int — what the tokenizer's files share: its state, and the
 * readers of each kind of token (xmltok.c: text, the chunks; xmltok_lex.c:
 * errors, names, namespaces, references;
 * xmltok_tag.c: start and end tags, namespaces; xmltok_dtd.c: the XML
 * declaration, comments, processing instructions, the doctype).
 *
 * A reader takes the bytes s[i..n) and returns the index to go on from;
 * XT_ERR once it failed (t->err set); and when the bytes end inside its
 * token, the token's start with t->need set to the byte whose arrival may
 * finish it (XT_ANY: any byte).
 */
#ifndef RW_XMLTOK_INT_H
#define RW_XMLTOK_INT_H

#include <stdarg.h>

#include "rightswatch/buf.h"
#include "xmltok.h"

#define XT_ERR  ((size_t)-1)
#define XT_NEED ((size_t)-2)
#define XT_END  ((size_t)-3)
#define XT_ANY  1              /* t->need: any byte may finish the token */
#define XT_MAX_NAME 50000      /* bytes of a name (libxml2's limit too) */
#define XT_MAX_CUT  (1024 * 1024) /* bytes of a tag kept while it is cut */

enum xt_state { XT_TEXT, XT_CDATA, XT_COMMENT, XT_PI, XT_DTD };

/* The local part of a qualified name (what libxml2's messages show). */
size_t xt_local(const char *q, size_t qlen, const char **local);

struct xt_ns {
	size_t pre, plen, uri, ulen; /* in nsmem */
	int tag;
};

struct xt_open {
	size_t name, nlen;   /* the qualified name, in names */
	size_t nns, nsmem;   /* declarations in scope before it */
	uint64_t line;       /* its start tag's line; 0 until asked for or
	                      * until the bytes it is in are done */
	size_t at;           /* ... and, while 0, where it is in them */
	size_t loff, llen;   /* its local name, in the qualified one */
	int bind;            /* its namespace (xt_resolve's answer) */
};

struct xt_raw {            /* an attribute as written */
	size_t q, qlen, v, vlen; /* the name in the tag, the value in vals */
};

struct xmltok {
	const struct xt_ops *ops;
	void *arg;
	enum xt_state st;
	int failed, stopped, root_seen, dtd_seen, decl_seen, ext_subset;
	size_t depth;
	uint64_t total, lines;     /* bytes read before the current ones; their LFs */
	size_t lf_at;              /* LFs of the current bytes counted up to here */
	uint64_t lf_lines;         /* ... the line there, less one */
	struct buf carry;          /* a cut token */
	int need;
	unsigned match;            /* comment, PI: progress towards the end */
	int dst;                   /* the doctype's state (xmltok_dtd.c) */
	char dq;                   /* ... the quote it is in */
	unsigned dmatch, defaults;
	char dname[9];             /* ... the start of a declaration's keyword */
	struct buf names;          /* the open elements' names */
	struct xt_open open[XT_MAX_DEPTH + 1];
	struct xt_ns ns[XT_MAX_NS + 1];
	size_t nns;
	struct buf nsmem;
	struct buf vals;           /* a start tag's attribute values */
	struct xt_raw raw[XT_MAX_ATTRS + 1];
	struct xt_attr at[XT_MAX_ATTRS + 1];
	struct buf text;           /* a text run with references, decoded */
	char err[256];
};

int xt_fail(struct xmltok *t, const char *s, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
size_t xt_oom(struct xmltok *t);
uint64_t xt_count_lf(const char *s, size_t n);
uint64_t xt_line(struct xmltok *t, const char *s, size_t at);
/* The line of open element o, s being the current bytes. */
uint64_t xt_open_line(struct xmltok *t, const char *s, struct xt_open *o);
size_t xt_more(struct xmltok *t, const char *s, size_t i, size_t n, int last, int need,
    const char *msg);
size_t xt_chars(struct xmltok *t, const char *s, size_t i, size_t n, int last, int cdata);
size_t xt_ref(struct xmltok *t, const char *s, size_t i, size_t n, int last, char *d,
    size_t dlen, unsigned *dn);
size_t xt_name_end(const char *s, size_t i, size_t n);
int xt_is_ws(char c);
struct xt_ns *xt_ns_find(struct xmltok *t, const char *p, size_t plen);
/* Resolve a qualified name into out; returns the binding it found: an
 * index in t->ns, XT_BIND_XML or XT_BIND_NONE. */
#define XT_BIND_NONE (-1)
#define XT_BIND_XML  (-2)
int xt_resolve(struct xmltok *t, const char *q, size_t qlen, int attr, struct xt_name *out);
/* The namespace of a binding xt_resolve returned (still in scope) into out. */
void xt_bound(struct xmltok *t, int bind, struct xt_name *out);

/* xmltok_tag.c */
size_t xt_stag(struct xmltok *t, const char *s, size_t i, size_t n, int last);
size_t xt_etag(struct xmltok *t, const char *s, size_t i, size_t n, int last);

/* xmltok_decl.c: is the declaration s[0..n) after the keyword kw
 * (ELEMENT, ATTLIST, NOTATION, DOCTYPE: its head) well-formed? */
#define XT_DECL_MAX 4096
int xt_decl_ok(int attlist, const char *kw, const char *s, size_t n);

/* xmltok_dtd.c */
size_t xt_pi_start(struct xmltok *t, const char *s, size_t i, size_t n, int last);
size_t xt_other(struct xmltok *t, const char *s, size_t i, size_t n, int last);

#endif
