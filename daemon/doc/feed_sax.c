/*
 * feed_sax — RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 from the events of
 * our streaming tokenizer (xmltok.c), with no document tree: each item is
 * built as its elements go by and emitted at its end tag.
 *
 * Elements are recognised by namespace URI and local name (what a URI is
 * is remembered in its declaration's slot, so looked up once); this file
 * keeps the open elements (xml:base, xml:lang) and the root, and
 * feed_field.c decides what each element is and what its text becomes.
 *
 * Safety: see feed.h. Bytes pass a tagguard before the tokenizer sees
 * them; the tokenizer refuses an entity declaration, or more than a few
 * attribute defaults, in the DTD, and never applies nor fetches one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/url.h"
#include "feed_sax.h"

#define FEED_SAX_SLICE    (256 * 1024) /* bytes handed to the tokenizer at once */

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS10   "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_MEDIA   "http://search.yahoo.com/mrss/"
#define NS_XML     "http://www.w3.org/XML/1998/namespace"

/* Local names and attributes we act on, in the order of their enums. */
#define FS_N(lit) { lit, sizeof(lit) - 1 }
static const struct fs_word { const char *s; size_t len; } fs_names[N_NNAMES] = {
	FS_N(""), FS_N("rss"), FS_N("channel"), FS_N("item"), FS_N("title"), FS_N("link"),
	FS_N("guid"), FS_N("description"), FS_N("pubDate"), FS_N("category"), FS_N("language"),
	FS_N("ttl"), FS_N("encoded"), FS_N("date"), FS_N("subject"), FS_N("issued"),
	FS_N("created"), FS_N("modified"), FS_N("updated"), FS_N("published"), FS_N("id"),
	FS_N("entry"), FS_N("feed"), FS_N("summary"), FS_N("content"), FS_N("RDF"),
}, fs_attr_names[A_N] = {
	FS_N("base"), FS_N("lang"), FS_N("type"), FS_N("rel"), FS_N("href"), FS_N("src"),
	FS_N("term"), FS_N("isPermaLink"), FS_N("about"),
};

static void
fs_stop(struct feed_sax *x, const char *why)
{
	if (x->why == NULL)
		x->why = why;
	xmltok_stop(x->tok);
}

static int
fs_is(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* What a namespace URI is; remembered in its declaration's slot. */
static enum fs_ns
fs_ns_of(const struct xt_name *nm)
{
	static const struct { const char *uri; enum fs_ns id; } known[] = {
		{ NS_ATOM, S_ATOM }, { NS_RDF, S_RDF }, { NS_RSS10, S_RSS10 },
		{ NS_RSS090, S_RSS090 }, { NS_DC, S_DC }, { NS_DCTERMS, S_DCTERMS },
		{ NS_CONTENT, S_CONTENT }, { NS_MEDIA, S_MEDIA }, { "http://search.yahoo.com/mrss", S_MEDIA },
	};
	enum fs_ns id = S_OTHER;

	if (nm->uri == NULL)
		return S_NONE;
	if (*nm->tag >= 0)
		return (enum fs_ns)*nm->tag;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (fs_is(nm->uri, nm->ulen, known[i].uri))
			id = known[i].id;
	*nm->tag = (int)id;
	return id;
}

_Static_assert(N_NNAMES <= 32, "fs_name_of keeps the names of one length in 32 bits");

/* The name of every element is looked up: only those of its length are
 * compared, byte by byte (they are short). */
static enum fs_name
fs_name_of(const struct feed_sax *x, const char *s, size_t n)
{
	uint32_t m = n < sizeof(x->by_len) / sizeof(x->by_len[0]) ? x->by_len[n] : 0;

	for (; m != 0; m &= m - 1) {
		int i = __builtin_ctz(m);
		const char *w = fs_names[i].s;
		size_t k = 0;
		uint64_t a, b;

		/* eight bytes at a time: the names here are that long and more */
		for (; k + 8 <= n; k += 8) {
			memcpy(&a, s + k, 8);
			memcpy(&b, w + k, 8);
			if (a != b)
				break;
		}
		if (k + 8 <= n)
			continue;
		while (k < n && s[k] == w[k])
			k++;
		if (k == n)
			return (enum fs_name)i;
	}
	return N_OTHER;
}

static void
fs_read_attrs(const struct xt_attr *a, size_t n, struct fs_attrs *out)
{
	memset(out->v, 0, sizeof(out->v));
	out->used = 0;
	for (size_t i = 0; i < n; i++, a++) {
		for (int k = 0; k < A_N; k++) {
			int xmlns;

			if (fs_attr_names[k].len != a->n.llen ||
			    memcmp(a->n.local, fs_attr_names[k].s, a->n.llen) != 0)
				continue;
			/* xml:base and xml:lang; rdf:about; the others bare */
			xmlns = a->n.uri != NULL && fs_is(a->n.uri, a->n.ulen, NS_XML);
			if ((k <= A_LANG) != xmlns || (k == A_ABOUT) != (a->n.uri != NULL && !xmlns))
				continue;
			/* a value that does not fit whole is not read (a cut
			 * link would be a wrong one) */
			if (out->used + a->vlen + 1 >= FS_ATTRS_MEM) {
				out->v[k] = NULL;
				continue;
			}
			out->v[k] = a->val;
			out->used += a->vlen + 1;
		}
	}
}

static void
fs_root(struct feed_sax *x, struct fs_frame *fr, const struct xt_name *el)
{
	struct feed *f = x->emit->f;

	x->root_seen = 1;
	if (fr->name == N_RSS && fr->ns == S_NONE) {
		x->kind = K_RSS;
		f->kind = FEED_KIND_RSS;
	} else if (fr->name == N_RDF && fr->ns == S_RDF) {
		x->kind = K_RDF;
		f->kind = FEED_KIND_RDF;
	} else if (fr->name == N_FEED && fr->ns == S_ATOM) {
		x->kind = K_ATOM;
		f->kind = FEED_KIND_ATOM;
		if (fr->lang != NULL && (f->lang = strdup(fr->lang)) == NULL)
			x->oom = 1;
		feed_emit_settle(x->emit);
	} else {
		snprintf(x->root, sizeof(x->root), "%.*s", (int)(el->llen > 40 ? 40 : el->llen),
		    el->local);
		fs_stop(x, "not a feed");
	}
}

static void
fs_start(void *ctx, const struct xt_name *el, const struct xt_attr *attrs, size_t nattrs)
{
	struct feed_sax *x = ctx;
	struct fs_frame *up, *fr;
	struct fs_attrs at;

	if (x->why != NULL)
		return;
	if (x->depth >= FEED_MAX_DEPTH) {
		fs_stop(x, "rejected: elements nested too deep");
		return;
	}
	up = &x->stack[x->depth];
	fr = &x->stack[++x->depth];
	fr->ns = (unsigned char)fs_ns_of(el);
	fr->name = (unsigned char)fs_name_of(x, el->local, el->llen);
	fr->role = R_NONE;
	fr->base = up->base;
	fr->lang = up->lang;
	fr->base_owned = fr->lang_owned = NULL;
	memset(at.v, 0, sizeof(at.v));
	if (nattrs > 0) {
		fs_read_attrs(attrs, nattrs, &at);
		/* a base that cannot be made absolute leaves the parent's */
		if (at.v[A_BASE] != NULL &&
		    (fr->base_owned = url_resolve(up->base, at.v[A_BASE])) != NULL)
			fr->base = fr->base_owned;
		if (at.v[A_LANG] != NULL && *at.v[A_LANG] != '\0') {
			if ((fr->lang_owned = strdup(at.v[A_LANG])) == NULL)
				x->oom = 1;
			fr->lang = fr->lang_owned;
		}
	}
	if (x->cap_depth > 0)
		feed_field_nested(x, el->local, el->llen, 0);
	else if (x->depth == 1)
		fs_root(x, fr, el);
	else
		feed_field_place(x, fr, &at);
	if (x->oom)
		fs_stop(x, "out of memory");
}

static void
fs_end(void *ctx, const struct xt_name *el)
{
	struct feed_sax *x = ctx;
	struct fs_frame *fr;

	if (x->depth == 0)
		return;
	fr = &x->stack[x->depth];
	if (x->cap_depth > 0) {
		if (x->depth == x->cap_depth)
			feed_field_end(x, fr);
		else
			feed_field_nested(x, el->local, el->llen, 1);
	} else if (fr->role == R_ITEM)
		feed_field_item_end(x, fr);
	else if (fr->role == R_SKIPPED)
		x->item_depth = 0;
	else if (fr->role == R_CHANNEL) {
		x->chan_depth = 0;
		x->chan_done = 1;
		/* no <language>: the channel's own xml:lang stands for it */
		if (x->emit->f->lang == NULL && fr->lang != NULL &&
		    (x->emit->f->lang = strdup(fr->lang)) == NULL)
			x->oom = 1;
		feed_emit_settle(x->emit);
	}
	if (x->depth == 1)
		feed_emit_settle(x->emit);
	/* most elements own neither: no call for them */
	if (fr->base_owned != NULL || fr->lang_owned != NULL) {
		free(fr->base_owned);
		free(fr->lang_owned);
		fr->base_owned = fr->lang_owned = NULL;
	}
	x->depth--;
	if (x->oom)
		fs_stop(x, "out of memory");
}

static const struct xt_ops fs_ops = { fs_start, fs_end, feed_field_chars };

struct feed_sax *
feed_sax_new(struct feed_emit *e, const char *base)
{
	struct feed_sax *x;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->emit = e;
	x->scratch.max = FEED_MAX_FIELD;
	for (int i = 1; i < N_NNAMES; i++)
		if (fs_names[i].len < sizeof(x->by_len) / sizeof(x->by_len[0]))
			x->by_len[fs_names[i].len] |= (uint32_t)1 << i;
	feed_field_reset(&x->it);
	x->guard.max_attrs = FEED_MAX_ATTRS;
	x->guard.max_ns = FEED_MAX_NS;
	x->guard.max_depth = FEED_MAX_DEPTH;
	x->guard.max_tag = FEED_MAX_TAG;
	if (base != NULL && (x->docbase = strdup(base)) == NULL)
		goto fail;
	x->stack[0].base = x->docbase;
	if ((x->tok = xmltok_new(&fs_ops, x)) == NULL)
		goto fail;
	return x;
fail:
	feed_sax_free(x);
	return NULL;
}

static int
fs_failed(const struct feed_sax *x)
{
	return x->why != NULL || x->oom || x->emit->oom || x->emit->stopped ||
	    x->guard.why[0] != '\0' || xmltok_error(x->tok)[0] != '\0';
}

int
feed_sax_push(struct feed_sax *x, const char *utf8, size_t n, int last)
{
	while (n > 0) {
		size_t k = n < FEED_SAX_SLICE ? n : FEED_SAX_SLICE;

		if (fs_failed(x))
			return -1;
		/* the guard first: the tokenizer never meets what it refuses */
		if (tagguard_scan(&x->guard, utf8, k) == -1)
			return -1;
		(void)xmltok_push(x->tok, utf8, k, 0);
		utf8 += k;
		n -= k;
	}
	if (last && !fs_failed(x)) {
		(void)xmltok_push(x->tok, NULL, 0, 1);
		if (!fs_failed(x))
			feed_emit_settle(x->emit);
	}
	if (last && !fs_failed(x) && !x->root_seen)
		x->why = "not a feed (no root element)";
	return fs_failed(x) ? -1 : 0;
}

void
feed_sax_why(const struct feed_sax *x, char *err, size_t errlen)
{
	if (x->oom || x->emit->oom)
		snprintf(err, errlen, "out of memory");
	else if (x->emit->stopped)
		snprintf(err, errlen, "stopped by the item consumer");
	else if (x->guard.why[0] != '\0')
		snprintf(err, errlen, "rejected: %s", x->guard.why);
	else if (x->why != NULL && strcmp(x->why, "not a feed") == 0)
		snprintf(err, errlen, "not a feed (root element <%s>)", x->root);
	else if (x->why != NULL)
		snprintf(err, errlen, "%s", x->why);
	else if (xmltok_error(x->tok)[0] != '\0')
		snprintf(err, errlen, "%s", xmltok_error(x->tok));
	else
		snprintf(err, errlen, "not well-formed XML");
}

void
feed_sax_free(struct feed_sax *x)
{
	if (x == NULL)
		return;
	struct feed_text *t[] = { &x->it.title, &x->it.alt_title, &x->it.link, &x->it.guid,
		&x->it.summary, &x->it.content, &x->it.lang, &x->it.date_raw, &x->it.upd_raw,
		&x->it.about, &x->scratch };

	xmltok_free(x->tok);
	for (int d = x->depth; d > 0; d--) {
		free(x->stack[d].base_owned);
		free(x->stack[d].lang_owned);
	}
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		feed_text_free(t[i]);
	buf_free(&x->it.cats);
	buf_free(&x->raw);
	free(x->catv);
	free(x->docbase);
	free(x);
}
