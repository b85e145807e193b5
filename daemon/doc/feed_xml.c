/*
 * feed_xml — RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 through libxml2's
 * tree parser, on untrusted bytes.
 *
 * Safety: parsed from memory with XML_PARSE_NONET and never with NOENT,
 * DTDLOAD, DTDVALID, XINCLUDE or HUGE (so libxml2's own size and depth
 * limits hold). An entity declaration in the DTD stops the parser at once
 * (a SAX hook, so a "billion laughs" costs nothing) and the document is
 * rejected; the internal subset is checked again after the parse. Text is
 * gathered by walking text nodes with a byte cap per field, never with
 * xmlNodeGetContent. Elements are recognised by namespace URI, not prefix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "feed_int.h"
#include "rightswatch/url.h"
#include "rightswatch/utf8.h"

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS10   "http://purl.org/rss/1.0/"
#define NS_RSS090  "http://my.netscape.com/rdf/simple/0.9/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

/* Where an element's text goes. */
enum fx_mode {
	FX_PLAIN,  /* text, whitespace folded (titles, ids) */
	FX_HTML,   /* escaped or CDATA HTML, converted to text */
	FX_XHTML   /* inline XHTML elements (Atom type="xhtml") */
};

struct fx {
	struct feed *f;
	int oom;
	int entities; /* the DTD declared an entity: reject */
};

/* Context inherited down the tree: xml:base and xml:lang. */
struct fx_ctx {
	const char *base; /* absolute base URL, or NULL */
	const char *lang;
};

static int
fx_ns_is(const xmlNode *n, const char *ns)
{
	if (ns == NULL)
		return n->ns == NULL || n->ns->href == NULL;
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0;
}

/* Is n the element ns:name? (ns NULL: no namespace) */
static int
fx_is(const xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
	    fx_ns_is(n, ns);
}

/* Does n share the namespace of elem (both none, or the same URI)? */
static int
fx_same_ns(const xmlNode *n, const xmlNode *elem)
{
	return fx_ns_is(n, elem->ns != NULL ? (const char *)elem->ns->href : NULL);
}

/* The value of an attribute without namespace, or NULL; points into the tree. */
static const char *
fx_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0 &&
		    a->children != NULL && a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL)
			return (const char *)a->children->content;
	return NULL;
}

/* xml:base or xml:lang of n, or NULL. */
static const char *
fx_xml_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (a->ns != NULL && a->ns->href != NULL &&
		    strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) == 0 &&
		    strcmp((const char *)a->name, name) == 0 && a->children != NULL &&
		    a->children->type == XML_TEXT_NODE && a->children->next == NULL)
			return (const char *)a->children->content;
	return NULL;
}

/* Descend into n: its xml:base (resolved against the parent's) and
 * xml:lang. *owned receives a base that the caller frees. */
static void
fx_enter(struct fx *x, const struct fx_ctx *parent, const xmlNode *n,
    struct fx_ctx *out, char **owned)
{
	const char *b, *l;

	*out = *parent;
	*owned = NULL;
	if ((b = fx_xml_attr(n, "base")) != NULL) {
		/* A base that cannot be made absolute leaves the parent's. */
		if ((*owned = url_resolve(parent->base, b)) != NULL)
			out->base = *owned;
	}
	if ((l = fx_xml_attr(n, "lang")) != NULL && *l != '\0')
		out->lang = l;
	(void)x;
}

/* Append the raw text of n's subtree (text and CDATA nodes in document
 * order) to b, at most FEED_MAX_FIELD bytes in all. */
static void
fx_raw(struct fx *x, const xmlNode *root, struct buf *b)
{
	const xmlNode *n = root->children;

	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL) {
			size_t len = strlen((const char *)n->content), keep;
			if (b->len >= FEED_MAX_FIELD)
				return;
			keep = utf8_cut((const char *)n->content, len, FEED_MAX_FIELD - b->len);
			if (buf_append(b, n->content, keep) == -1) {
				x->oom = 1;
				return;
			}
			if (keep < len)
				return;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			return;
		n = n->next;
	}
}

/* The text of element n as mode says; NULL when empty (or out of memory,
 * which sets x->oom). Caller frees. */
static char *
fx_text(struct fx *x, const xmlNode *n, enum fx_mode mode)
{
	struct feed_text t = { .max = FEED_MAX_FIELD };
	struct buf raw = { 0 };
	char *s = NULL;
	int oom = 0;

	if (mode == FX_XHTML) {
		feed_tree_text(&t, n);
		if ((s = feed_text_take(&t, &oom)) == NULL && oom)
			x->oom = 1;
		return s;
	}
	fx_raw(x, n, &raw);
	if (raw.len == 0) {
		buf_free(&raw);
		return NULL;
	}
	if (mode == FX_HTML) {
		s = feed_html_to_text(raw.data, raw.len, FEED_MAX_FIELD);
		if (s == NULL)
			x->oom = 1;
		else if (*s == '\0') {
			free(s);
			s = NULL;
		}
	} else {
		feed_text_add(&t, raw.data, raw.len);
		if ((s = feed_text_take(&t, &oom)) == NULL && oom)
			x->oom = 1;
	}
	buf_free(&raw);
	return s;
}

/* Atom text constructs (RFC 4287 3.1): type text, html or xhtml. */
static enum fx_mode
fx_atom_mode(const xmlNode *n)
{
	const char *type = fx_attr(n, "type");

	if (type == NULL || strcmp(type, "text") == 0)
		return FX_PLAIN;
	if (strcmp(type, "xhtml") == 0)
		return FX_XHTML;
	return FX_HTML; /* "html", and media types such as text/html */
}

static void
fx_set(char **field, char *value)
{
	if (*field == NULL)
		*field = value;
	else
		free(value);
}

/* Link of an item: resolved against ctx's base; as written when no
 * absolute base is known. */
static void
fx_set_link(struct fx *x, struct feed_item *it, const struct fx_ctx *ctx, const char *ref)
{
	char *r;

	if (it->link != NULL || ref == NULL)
		return;
	if ((r = url_resolve(ctx->base, ref)) == NULL) {
		struct feed_text t = { .max = FEED_MAX_FIELD };
		int oom = 0;
		/* Not resolvable; keep a relative reference as written, but no
		 * "javascript:" or other scheme curl refused. */
		if (strchr(ref, ':') != NULL && (strchr(ref, '/') == NULL ||
		    strchr(ref, ':') < strchr(ref, '/')))
			return;
		feed_text_add(&t, ref, strlen(ref));
		r = feed_text_take(&t, &oom);
		if (oom)
			x->oom = 1;
	}
	it->link = r;
}

static void
fx_lang(struct fx *x, struct feed_item *it, const char *lang)
{
	if (it->lang == NULL && lang != NULL && *lang != '\0' &&
	    (it->lang = strdup(lang)) == NULL)
		x->oom = 1;
}

/* Finish an item: its id, and the date text the id may need. */
static void
fx_finish(struct fx *x, struct feed_item *it, char *guid, char *date_raw)
{
	if (feed_item_set_id(it, guid, date_raw) == -1)
		x->oom = 1;
	free(guid);
	free(date_raw);
}

static void
fx_category(struct fx *x, struct feed_item *it, const xmlNode *n)
{
	char *c = fx_text(x, n, FX_PLAIN);

	if (c != NULL && feed_item_add_category(it, c, strlen(c)) == -1)
		x->oom = 1;
	free(c);
}

static const char *
fx_rdf_about(const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (a->ns != NULL && a->ns->href != NULL &&
		    strcmp((const char *)a->ns->href, NS_RDF) == 0 &&
		    strcmp((const char *)a->name, "about") == 0 && a->children != NULL &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

/* One RSS 0.9x/2.0 or RSS 1.0 item; rss elements share the item's namespace. */
static void
fx_rss_item(struct fx *x, const xmlNode *item, const struct fx_ctx *pctx)
{
	struct feed_item *it;
	struct fx_ctx ctx, cctx;
	char *owned, *cowned, *guid = NULL, *date_raw = NULL, *upd = NULL, *s;
	const char *about, *permalink_guid = NULL;
	int permalink = 0;

	if ((it = feed_item_add(x->f)) == NULL) {
		x->oom = 1;
		return;
	}
	fx_enter(x, pctx, item, &ctx, &owned);
	for (const xmlNode *n = item->children; n != NULL && !x->oom; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (fx_same_ns(n, item)) {
			const char *name = (const char *)n->name;
			if (strcmp(name, "title") == 0)
				fx_set(&it->title, fx_text(x, n, FX_PLAIN));
			else if (strcmp(name, "link") == 0 && it->link == NULL) {
				fx_enter(x, &ctx, n, &cctx, &cowned);
				s = fx_text(x, n, FX_PLAIN);
				fx_set_link(x, it, &cctx, s);
				free(s);
				free(cowned);
			} else if (strcmp(name, "guid") == 0) {
				const char *pl = fx_attr(n, "isPermaLink");
				fx_set(&guid, fx_text(x, n, FX_PLAIN));
				permalink = pl == NULL || strcmp(pl, "true") == 0;
			} else if (strcmp(name, "description") == 0)
				fx_set(&it->summary, fx_text(x, n, FX_HTML));
			else if (strcmp(name, "pubDate") == 0)
				fx_set(&date_raw, fx_text(x, n, FX_PLAIN));
			else if (strcmp(name, "category") == 0)
				fx_category(x, it, n);
		} else if (fx_is(n, NS_CONTENT, "encoded"))
			fx_set(&it->content, fx_text(x, n, FX_HTML));
		else if (fx_is(n, NS_DC, "date"))
			fx_set(&date_raw, fx_text(x, n, FX_PLAIN));
		else if (fx_is(n, NS_DC, "subject"))
			fx_category(x, it, n);
		else if (fx_is(n, NS_DC, "language")) {
			s = fx_text(x, n, FX_PLAIN);
			fx_lang(x, it, s);
			free(s);
		} else if (fx_is(n, NS_DCTERMS, "modified") || fx_is(n, NS_ATOM, "updated"))
			fx_set(&upd, fx_text(x, n, FX_PLAIN));
	}
	/* RSS 2.0: a guid is a permalink unless it says otherwise. */
	if (guid != NULL && permalink)
		permalink_guid = guid;
	if (it->link == NULL && permalink_guid != NULL && strncasecmp(guid, "http", 4) == 0)
		fx_set_link(x, it, &ctx, permalink_guid);
	/* RSS 1.0 names each item by its rdf:about. */
	if (guid == NULL && (about = fx_rdf_about(item)) != NULL && *about != '\0' &&
	    (guid = strdup(about)) == NULL)
		x->oom = 1;
	if (date_raw != NULL)
		it->published = date_parse_any(date_raw);
	if (upd != NULL)
		it->updated = date_parse_any(upd);
	free(upd);
	fx_lang(x, it, ctx.lang);
	fx_finish(x, it, guid, date_raw);
	free(owned);
}

static void
fx_atom_entry(struct fx *x, const xmlNode *entry, const struct fx_ctx *pctx)
{
	struct feed_item *it;
	struct fx_ctx ctx, cctx;
	char *owned, *cowned, *guid = NULL, *pub = NULL, *upd = NULL;

	if ((it = feed_item_add(x->f)) == NULL) {
		x->oom = 1;
		return;
	}
	fx_enter(x, pctx, entry, &ctx, &owned);
	for (const xmlNode *n = entry->children; n != NULL && !x->oom; n = n->next) {
		const char *name, *rel, *term;

		if (n->type != XML_ELEMENT_NODE || !fx_ns_is(n, NS_ATOM))
			continue;
		name = (const char *)n->name;
		if (strcmp(name, "id") == 0)
			fx_set(&guid, fx_text(x, n, FX_PLAIN));
		else if (strcmp(name, "title") == 0)
			fx_set(&it->title, fx_text(x, n, fx_atom_mode(n)));
		else if (strcmp(name, "link") == 0) {
			rel = fx_attr(n, "rel");
			if (it->link == NULL && (rel == NULL || strcmp(rel, "alternate") == 0)) {
				fx_enter(x, &ctx, n, &cctx, &cowned);
				fx_set_link(x, it, &cctx, fx_attr(n, "href"));
				free(cowned);
			}
		} else if (strcmp(name, "published") == 0)
			fx_set(&pub, fx_text(x, n, FX_PLAIN));
		else if (strcmp(name, "updated") == 0)
			fx_set(&upd, fx_text(x, n, FX_PLAIN));
		else if (strcmp(name, "summary") == 0)
			fx_set(&it->summary, fx_text(x, n, fx_atom_mode(n)));
		else if (strcmp(name, "content") == 0 && fx_attr(n, "src") == NULL)
			fx_set(&it->content, fx_text(x, n, fx_atom_mode(n)));
		else if (strcmp(name, "category") == 0 && (term = fx_attr(n, "term")) != NULL &&
		    feed_item_add_category(it, term, strlen(term)) == -1)
			x->oom = 1;
	}
	if (pub != NULL)
		it->published = date_parse_rfc3339(pub);
	if (upd != NULL)
		it->updated = date_parse_rfc3339(upd);
	fx_lang(x, it, ctx.lang);
	fx_finish(x, it, guid, pub != NULL ? pub : upd);
	if (pub != NULL)
		free(upd);
	else
		free(pub);
	free(owned);
}

/* Room for one more item? Past FEED_MAX_ITEMS items are counted, not kept. */
static int
fx_room(struct fx *x)
{
	if (x->f->nitems < FEED_MAX_ITEMS)
		return 1;
	x->f->dropped++;
	return 0;
}

/* Channel-level fields shared by RSS 2.0 and RSS 1.0 channels. */
static void
fx_channel_field(struct fx *x, const xmlNode *chan, const xmlNode *n)
{
	char *s;

	if (fx_same_ns(n, chan) && strcmp((const char *)n->name, "title") == 0)
		fx_set(&x->f->title, fx_text(x, n, FX_PLAIN));
	else if ((fx_same_ns(n, chan) && strcmp((const char *)n->name, "language") == 0) ||
	    fx_is(n, NS_DC, "language"))
		fx_set(&x->f->lang, fx_text(x, n, FX_PLAIN));
	else if (fx_same_ns(n, chan) && strcmp((const char *)n->name, "ttl") == 0 &&
	    (s = fx_text(x, n, FX_PLAIN)) != NULL) {
		char *end;
		long long m = strtoll(s, &end, 10);
		/* Minutes; a week at most, so a hostile value cannot stop polling. */
		if (*end == '\0' && m > 0)
			x->f->ttl = (m > 7 * 24 * 60 ? 7 * 24 * 60 : m) * 60;
		free(s);
	}
}

static void
fx_rss(struct fx *x, const xmlNode *root, const struct fx_ctx *rctx)
{
	struct fx_ctx cctx;
	char *cowned;

	for (const xmlNode *chan = root->children; chan != NULL; chan = chan->next) {
		if (!fx_is(chan, NULL, "channel"))
			continue;
		fx_enter(x, rctx, chan, &cctx, &cowned);
		/* Channel fields first: <language> may follow the items. */
		for (const xmlNode *n = chan->children; n != NULL; n = n->next)
			if (n->type == XML_ELEMENT_NODE && !fx_is(n, NULL, "item"))
				fx_channel_field(x, chan, n);
		if (x->f->lang != NULL)
			cctx.lang = x->f->lang;
		for (const xmlNode *n = chan->children; n != NULL && !x->oom; n = n->next)
			if (fx_is(n, NULL, "item") && fx_room(x))
				fx_rss_item(x, n, &cctx);
		if (x->f->lang == NULL && cctx.lang != NULL && (x->f->lang = strdup(cctx.lang)) == NULL)
			x->oom = 1;
		free(cowned);
		break;
	}
}

static void
fx_rdf(struct fx *x, const xmlNode *root, const struct fx_ctx *rctx)
{
	struct fx_ctx ctx = *rctx;

	/* The channel comes first in RSS 1.0, but nothing requires it. */
	for (const xmlNode *n = root->children; n != NULL; n = n->next)
		if (fx_is(n, NS_RSS10, "channel") || fx_is(n, NS_RSS090, "channel"))
			for (const xmlNode *c = n->children; c != NULL; c = c->next)
				if (c->type == XML_ELEMENT_NODE)
					fx_channel_field(x, n, c);
	if (x->f->lang != NULL && ctx.lang == NULL)
		ctx.lang = x->f->lang;
	for (const xmlNode *n = root->children; n != NULL && !x->oom; n = n->next)
		if ((fx_is(n, NS_RSS10, "item") || fx_is(n, NS_RSS090, "item")) && fx_room(x))
			fx_rss_item(x, n, &ctx);
}

static void
fx_atom(struct fx *x, const xmlNode *root, const struct fx_ctx *rctx)
{
	if (rctx->lang != NULL && (x->f->lang = strdup(rctx->lang)) == NULL)
		x->oom = 1;
	for (const xmlNode *n = root->children; n != NULL && !x->oom; n = n->next) {
		if (fx_is(n, NS_ATOM, "title"))
			fx_set(&x->f->title, fx_text(x, n, fx_atom_mode(n)));
		else if (fx_is(n, NS_ATOM, "entry") && fx_room(x))
			fx_atom_entry(x, n, rctx);
	}
}

/* SAX hook: any entity declaration, general or parameter, internal or
 * external, ends the parse before anything is expanded. */
static void
fx_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
    const xmlChar *systemId, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct fx *x = ctxt->_private;

	(void)name, (void)type, (void)publicId, (void)systemId, (void)content;
	x->entities = 1;
	xmlStopParser(ctxt);
}

/* Errors are reported through the return value, never printed. */
static void
fx_silent(void *ctx, xmlErrorPtr error)
{
	(void)ctx, (void)error;
}

static int
fx_declares_entities(const xmlDoc *doc)
{
	const xmlDtd *dtd = doc->intSubset;

	if (dtd == NULL)
		return 0;
	if (dtd->entities != NULL || dtd->pentities != NULL)
		return 1;
	for (const xmlNode *n = dtd->children; n != NULL; n = n->next)
		if (n->type == XML_ENTITY_DECL)
			return 1;
	return 0;
}

int
feed_xml_parse(const char *data, size_t len, const char *base_url,
    struct feed *f, char *err, size_t errlen)
{
	struct fx x = { .f = f };
	struct fx_ctx ctx = { 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	const xmlNode *root;
	char *owned = NULL, *docbase = NULL;
	int rc = -1;

	if (len > (size_t)INT32_MAX) {
		snprintf(err, errlen, "document too large");
		return -1;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ctxt->_private = &x;
	ctxt->sax->entityDecl = fx_entity_decl;
	ctxt->sax->serror = fx_silent;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	if (x.entities || (doc != NULL && fx_declares_entities(doc))) {
		snprintf(err, errlen, "rejected: the DTD declares entities");
		goto out;
	}
	if (doc == NULL || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		if (e != NULL && e->message != NULL) {
			size_t n = strcspn(e->message, "\n");
			snprintf(err, errlen, "not well-formed XML (line %d): %.*s", e->line,
			    (int)(n > 200 ? 200 : n), e->message);
		} else
			snprintf(err, errlen, "not well-formed XML");
		goto out;
	}
	if ((root = xmlDocGetRootElement(doc)) == NULL) {
		snprintf(err, errlen, "not a feed (no root element)");
		goto out;
	}
	if (base_url != NULL && (docbase = url_resolve(NULL, base_url)) != NULL)
		ctx.base = docbase;
	fx_enter(&x, &ctx, root, &ctx, &owned);
	if (fx_is(root, NULL, "rss")) {
		f->kind = FEED_KIND_RSS;
		fx_rss(&x, root, &ctx);
	} else if (fx_is(root, NS_RDF, "RDF")) {
		f->kind = FEED_KIND_RDF;
		fx_rdf(&x, root, &ctx);
	} else if (fx_is(root, NS_ATOM, "feed")) {
		f->kind = FEED_KIND_ATOM;
		fx_atom(&x, root, &ctx);
	} else {
		snprintf(err, errlen, "not a feed (root element <%.40s>)", (const char *)root->name);
		goto out;
	}
	if (x.oom) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	rc = 0;
out:
	free(owned);
	free(docbase);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return rc;
}
