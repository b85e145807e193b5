/*
 * feed_sax — RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 from libxml2's SAX2
 * events, with no document tree: each item is built as its elements go by
 * and emitted at its end tag.
 *
 * Elements are recognised by namespace URI and local name (both interned
 * in the parser's dictionary, so compared by pointer once looked up); this
 * file keeps the open elements (xml:base, xml:lang) and the root, and
 * feed_field.c decides what each element is and what its text becomes.
 *
 * Safety: see feed.h. Bytes pass a tagguard before libxml2 sees them; an
 * entity declaration, or more than a few attribute defaults, stops the
 * parse from the DTD's SAX hooks before anything is expanded or applied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parserInternals.h>

#include "rightswatch/url.h"
#include "feed_sax.h"

#define FEED_SAX_DEFAULTS 16  /* attribute defaults a DTD may declare */
#define FEED_SAX_SLICE    (256 * 1024) /* bytes handed to libxml2 at once */
#define FS_NAME_SLOT(p)   ((unsigned)((uintptr_t)(p) >> 3) % FS_NAME_SLOTS)

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
static const char *const fs_names[N_NNAMES] = { "", "rss", "channel", "item", "title",
	"link", "guid", "description", "pubDate", "category", "language", "ttl", "encoded",
	"date", "subject", "issued", "created", "modified", "updated", "published", "id",
	"entry", "feed", "summary", "content", "RDF" };

static const char *const fs_attr_names[A_N] = { "base", "lang", "type", "rel", "href", "src",
	"term", "isPermaLink", "about" };


static void
fs_stop(struct feed_sax *x, const char *why)
{
	if (x->why == NULL)
		x->why = why;
	xmlStopParser(x->ctxt);
}

static enum fs_ns
fs_ns_of(struct feed_sax *x, const xmlChar *uri)
{
	static const struct { const char *uri; enum fs_ns id; } known[] = {
		{ NS_ATOM, S_ATOM }, { NS_RDF, S_RDF }, { NS_RSS10, S_RSS10 },
		{ NS_RSS090, S_RSS090 }, { NS_DC, S_DC }, { NS_DCTERMS, S_DCTERMS },
		{ NS_CONTENT, S_CONTENT }, { NS_MEDIA, S_MEDIA }, { "http://search.yahoo.com/mrss", S_MEDIA },
	};
	enum fs_ns id = S_OTHER;

	if (uri == NULL)
		return S_NONE;
	/* URIs are interned: a few pointers remember what they were */
	for (unsigned i = 0; i < 8; i++)
		if (x->ns_ptr[i] == uri)
			return (enum fs_ns)x->ns_id[i];
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp((const char *)uri, known[i].uri) == 0)
			id = known[i].id;
	x->ns_ptr[x->ns_next] = uri;
	x->ns_id[x->ns_next] = (unsigned char)id;
	x->ns_next = (x->ns_next + 1) % 8;
	return id;
}

static enum fs_name
fs_name_of(const struct feed_sax *x, const xmlChar *name)
{
	/* the names are interned: a small table keyed by their addresses */
	for (unsigned h = FS_NAME_SLOT(name); x->name_at[h] != NULL; h = (h + 1) % FS_NAME_SLOTS)
		if (x->name_at[h] == name)
			return (enum fs_name)x->name_id[h];
	return N_OTHER;
}

/* An attribute value (not NUL-terminated in libxml2's buffer) as a string
 * in buf, or NULL when it does not fit whole (a cut link would be a wrong
 * one). Without entity substitution libxml2 passes '&' as "&#38;". */
static const char *
fs_attr_value(const xmlChar *v, const xmlChar *end, char *buf, size_t buflen)
{
	size_t n = 0;
	const xmlChar *p;

	for (p = v; p < end && n + 1 < buflen; p++) {
		if (*p == '&' && end - p >= 5 && memcmp(p, "&#38;", 5) == 0)
			p += 4;
		buf[n++] = (char)*p;
	}
	if (p < end)
		return NULL;
	buf[n] = '\0';
	return buf;
}

static void
fs_read_attrs(struct feed_sax *x, int n, const xmlChar **a, struct fs_attrs *out)
{
	memset(out->v, 0, sizeof(out->v));
	out->used = 0;
	for (int i = 0; i < n; i++, a += 5) {
		for (int k = 0; k < A_N; k++) {
			int xmlns;

			if (a[0] != x->attrs[k])
				continue;
			/* xml:base and xml:lang; rdf:about; the others bare */
			xmlns = a[2] != NULL && strcmp((const char *)a[2], NS_XML) == 0;
			if ((k <= A_LANG) != xmlns || (k == A_ABOUT) != (a[2] != NULL && !xmlns))
				continue;
			out->v[k] = fs_attr_value(a[3], a[4], out->mem + out->used,
			    sizeof(out->mem) - out->used);
			if (out->v[k] != NULL)
				out->used += strlen(out->v[k]) + 1;
		}
	}
}

static void
fs_root(struct feed_sax *x, struct fs_frame *fr, const xmlChar *localname)
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
		snprintf(x->root, sizeof(x->root), "%.40s", (const char *)localname);
		fs_stop(x, "not a feed");
	}
}

static void
fs_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
    int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
    const xmlChar **attributes)
{
	struct feed_sax *x = ctx;
	struct fs_frame *up, *fr;
	struct fs_attrs at;

	(void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
	if (x->why != NULL)
		return;
	if (x->depth >= FEED_MAX_DEPTH) {
		fs_stop(x, "rejected: elements nested too deep");
		return;
	}
	up = &x->stack[x->depth];
	fr = &x->stack[++x->depth];
	fr->ns = (unsigned char)fs_ns_of(x, uri);
	fr->name = (unsigned char)fs_name_of(x, localname);
	fr->role = R_NONE;
	fr->base = up->base;
	fr->lang = up->lang;
	fr->base_owned = fr->lang_owned = NULL;
	memset(at.v, 0, sizeof(at.v));
	if (nb_attributes > 0) {
		fs_read_attrs(x, nb_attributes, attributes, &at);
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
		feed_field_nested(x, localname, 0);
	else if (x->depth == 1)
		fs_root(x, fr, localname);
	else
		feed_field_place(x, fr, &at);
	if (x->oom)
		fs_stop(x, "out of memory");
}

static void
fs_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct feed_sax *x = ctx;
	struct fs_frame *fr;

	(void)prefix, (void)uri;
	if (x->depth == 0)
		return;
	fr = &x->stack[x->depth];
	if (x->cap_depth > 0) {
		if (x->depth == x->cap_depth)
			feed_field_end(x, fr);
		else
			feed_field_nested(x, localname, 1);
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
	free(fr->base_owned);
	free(fr->lang_owned);
	fr->base_owned = fr->lang_owned = NULL;
	x->depth--;
	if (x->oom)
		fs_stop(x, "out of memory");
}

/* Any entity declaration, general or parameter, internal or external,
 * ends the parse before anything is expanded. */
static void
fs_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
    const xmlChar *system_id, xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	fs_stop(ctx, "rejected: the DTD declares entities");
}

/* libxml2 adds an attribute's declared default to every element it names
 * and checks it against the element's attributes: a few are allowed. */
static void
fs_attribute_decl(void *ctx, const xmlChar *elem, const xmlChar *fullname, int type,
    int def, const xmlChar *default_value, xmlEnumerationPtr tree)
{
	struct feed_sax *x = ctx;

	(void)elem, (void)fullname, (void)type, (void)def;
	xmlFreeEnumeration(tree);
	if (default_value != NULL && ++x->defaults > FEED_SAX_DEFAULTS)
		fs_stop(x, "rejected: the DTD declares too many attribute defaults");
}

/* Errors are reported through feed_sax_why, never printed. */
static void
fs_silent(void *ctx, xmlErrorPtr error)
{
	(void)ctx, (void)error;
}

struct feed_sax *
feed_sax_new(struct feed_emit *e, const char *base)
{
	xmlSAXHandler sax;
	struct feed_sax *x;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->emit = e;
	x->scratch.max = FEED_MAX_FIELD;
	feed_field_reset(&x->it);
	x->guard.max_attrs = FEED_MAX_ATTRS;
	x->guard.max_ns = FEED_MAX_NS;
	x->guard.max_depth = FEED_MAX_DEPTH;
	x->guard.max_tag = FEED_MAX_TAG;
	if (base != NULL && (x->docbase = strdup(base)) == NULL)
		goto fail;
	x->stack[0].base = x->docbase;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = fs_start;
	sax.endElementNs = fs_end;
	sax.characters = feed_field_chars;
	sax.cdataBlock = feed_field_chars;
	sax.ignorableWhitespace = feed_field_chars;
	sax.entityDecl = fs_entity_decl;
	sax.attributeDecl = fs_attribute_decl;
	sax.serror = fs_silent;
	xmlInitParser();
	if ((x->ctxt = xmlCreatePushParserCtxt(&sax, x, NULL, 0, NULL)) == NULL)
		goto fail;
	/* Never NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE: libxml2's own
	 * limits hold, no entity is substituted, nothing is fetched. The
	 * bytes are UTF-8 already (feed_input.c). */
	xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_IGNORE_ENC);
	/* and libxml2 must not guess otherwise from the first bytes (four
	 * NULs and a '<' would make it UCS-4) */
	xmlSwitchEncoding(x->ctxt, XML_CHAR_ENCODING_UTF8);
	for (int i = 1; i < N_NNAMES; i++) {
		const xmlChar *p = xmlDictLookup(x->ctxt->dict, (const xmlChar *)fs_names[i], -1);
		unsigned h;

		if (p == NULL)
			goto fail;
		for (h = FS_NAME_SLOT(p); x->name_at[h] != NULL; h = (h + 1) % FS_NAME_SLOTS)
			;
		x->name_at[h] = p;
		x->name_id[h] = (unsigned char)i;
	}
	for (int i = 0; i < A_N; i++)
		if ((x->attrs[i] = xmlDictLookup(x->ctxt->dict, (const xmlChar *)fs_attr_names[i], -1)) == NULL)
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
	    x->guard.why[0] != '\0' || !x->ctxt->wellFormed;
}

int
feed_sax_push(struct feed_sax *x, const char *utf8, size_t n, int last)
{
	while (n > 0) {
		size_t k = n < FEED_SAX_SLICE ? n : FEED_SAX_SLICE;

		if (fs_failed(x))
			return -1;
		/* the guard first: libxml2 must never meet what it refuses */
		if (tagguard_scan(&x->guard, utf8, k) == -1)
			return -1;
		xmlParseChunk(x->ctxt, utf8, (int)k, 0);
		utf8 += k;
		n -= k;
	}
	if (last && !fs_failed(x)) {
		xmlParseChunk(x->ctxt, NULL, 0, 1);
		feed_emit_settle(x->emit);
	}
	if (last && !fs_failed(x) && !x->root_seen)
		x->why = "not a feed (no root element)";
	return fs_failed(x) ? -1 : 0;
}

void
feed_sax_why(const struct feed_sax *x, char *err, size_t errlen)
{
	const xmlError *e;

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
	else if ((e = xmlCtxtGetLastError(x->ctxt)) != NULL && e->message != NULL) {
		size_t n = strcspn(e->message, "\n");
		snprintf(err, errlen, "not well-formed XML (line %d): %.*s", e->line,
		    (int)(n > 200 ? 200 : n), e->message);
	} else
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

	if (x->ctxt != NULL) {
		/* libxml2 makes a document to hold a DTD's declarations even
		 * without a tree, and leaves it to the caller */
		xmlFreeDoc(x->ctxt->myDoc);
		xmlFreeParserCtxt(x->ctxt);
	}
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
