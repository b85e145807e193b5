/*
 * feed_field — where an element of RSS, RDF or Atom goes in the feed
 * (channel, item, which field) and what its text becomes:
 *   plain  text, whitespace folded (ids, links, dates, categories);
 *   title  RSS, dc: and media: titles: the text, read as HTML when it
 *          holds a known tag or a character reference (a Drupal title's
 *          "&amp;#039;" is an apostrophe, "<reported>" stays);
 *   html   the streaming HTML scanner (descriptions, escaped content,
 *          Atom type="html");
 *   xhtml  the child elements' roles and their text (Atom type="xhtml").
 * The first of each field wins; the first date that parses is the item's
 * publication, the latest update date its update; an item is emitted at
 * its end tag with its id and language.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/date.h"
#include "rightswatch/url.h"
#include "rightswatch/utf8.h"
#include "feed_sax.h"

void
feed_field_reset(struct fs_item *it)
{
	struct feed_text *t[] = { &it->title, &it->alt_title, &it->link, &it->guid,
		&it->summary, &it->content, &it->lang, &it->date_raw, &it->upd_raw, &it->about };

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		feed_text_reset(t[i]);
		t[i]->max = FEED_MAX_FIELD;
	}
	buf_reset(&it->cats);
	it->ncats = 0;
	it->published = it->updated = DATE_UNKNOWN;
	it->permalink = 0;
}

static int
fs_host_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static int
fs_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* A character curl leaves as it is in a path or query: letters, digits,
 * and -._~/?=&+,;:@!$*()' */
static int
fs_url_char(unsigned char c)
{
	static const uint32_t ok[8] = {
		0, 0xafffffd2U, 0x87ffffffU, 0x47fffffeU, 0, 0, 0, 0,
	};

	return (ok[c >> 5] >> (c & 31)) & 1;
}

/* A character fs_url_char allows that is none of '/', '?', '%', '#' and
 * NUL, which the path loop below looks at more closely. */
static int
fs_url_plain(unsigned char c)
{
	static const uint32_t ok[8] = {
		0, 0x2fff7fd2U, 0x87ffffffU, 0x47fffffeU, 0, 0, 0, 0,
	};

	return (ok[c >> 5] >> (c & 31)) & 1;
}

/* Is ref an absolute http(s) URL that curl would give back unchanged but
 * for its fragment? (Most links are, and curl's parser would be the
 * item's largest cost.) *len: the bytes to keep. Lower-case scheme and
 * host, no port or user, a path of characters that need no encoding, no
 * dot segments. */
static int
fs_link_plain(const char *ref, size_t *len)
{
	const unsigned char *p = (const unsigned char *)ref, *h;
	size_t i;

	if (strncmp(ref, "http://", 7) == 0)
		h = p + 7;
	else if (strncmp(ref, "https://", 8) == 0)
		h = p + 8;
	else
		return 0;
	for (i = 0; fs_host_char(h[i]); i++)
		if (h[i] == '.' && (i == 0 || h[i - 1] == '.' || h[i - 1] == '-'))
			return 0;
	if (i == 0 || h[i] != '/' || h[i - 1] == '.' || h[i - 1] == '-' || h[0] == '-')
		return 0;
	for (p = h + i; *p != '\0' && *p != '#'; p++) {
		/* the bytes that ask for nothing more, at once */
		while (fs_url_plain(p[0]) && fs_url_plain(p[1]))
			p += 2;
		if (*p == '\0' || *p == '#')
			break;
		if (*p == '/' && p[1] == '.' && (p[2] == '/' || p[2] == '?' || p[2] == '#' ||
		    p[2] == '\0' || (p[2] == '.' && (p[3] == '/' || p[3] == '?' || p[3] == '#' ||
		    p[3] == '\0'))))
			return 0;
		if (*p == '%') {
			if (!fs_hex(p[1]) || !fs_hex(p[2]))
				return 0;
			continue;
		}
		if (*p == '?' && (p[1] == '\0' || p[1] == '#'))
			return 0; /* curl drops an empty query */
		if (!fs_url_char(*p))
			return 0;
	}
	*len = (size_t)((const char *)p - ref);
	return 1;
}

/* A link as an absolute URL into out: resolved against base, else kept as
 * written when relative (never a "javascript:" or other scheme curl
 * refused). */
static void
fs_link(struct feed_text *out, const char *base, const char *ref)
{
	const char *colon, *slash;
	char *r;
	size_t n;

	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	if (*ref == '\0')
		return;
	if (fs_link_plain(ref, &n)) {
		feed_text_add(out, ref, n);
		return;
	}
	if ((r = url_resolve(base, ref)) != NULL) {
		feed_text_add(out, r, strlen(r));
		free(r);
		return;
	}
	colon = strchr(ref, ':');
	slash = strchr(ref, '/');
	if (colon != NULL && (slash == NULL || colon < slash))
		return;
	feed_text_add(out, ref, strlen(ref));
}

/* Atom text constructs (RFC 4287 3.1): type text, html or xhtml; in
 * content, a media type (text/html is HTML, any other text type plain text,
 * XML types are read as XHTML, anything else is binary and skipped). */
static enum fs_mode
fs_atom_mode(const char *type)
{
	size_t n;

	if (type == NULL)
		return M_PLAIN;
	while (*type == ' ' || *type == '\t')
		type++;
	n = strcspn(type, "; \t");
	if (n == 0 || (n == 4 && strncasecmp(type, "text", 4) == 0))
		return M_PLAIN;
	if ((n == 4 && strncasecmp(type, "html", 4) == 0) ||
	    (n == 9 && strncasecmp(type, "text/html", 9) == 0))
		return M_HTML;
	if ((n == 5 && strncasecmp(type, "xhtml", 5) == 0) ||
	    (n >= 4 && (strncasecmp(type + n - 4, "+xml", 4) == 0 ||
	    strncasecmp(type + n - 4, "/xml", 4) == 0)))
		return M_XHTML;
	if (n > 5 && strncasecmp(type, "text/", 5) == 0)
		return M_PLAIN;
	return M_IGNORE;
}

/* Read the text of the element just started into t, as mode says. */
static void
fs_capture(struct feed_sax *x, enum fs_field f, enum fs_mode m, struct feed_text *t)
{
	x->cap_depth = x->depth;
	x->skip_depth = 0;
	x->field = f;
	x->mode = m;
	x->cap = m == M_IGNORE ? NULL : t;
	if (m == M_TITLE) {
		buf_reset(&x->raw);
		x->raw_full = 0;
	}
	else if (m == M_HTML)
		html_text_init(&x->ht, t);
}

void
feed_field_chars(void *ctx, const char *ch, size_t len)
{
	struct feed_sax *x = ctx;
	size_t n = len, room;

	if (x->cap == NULL || x->skip_depth != 0)
		return;
	switch (x->mode) {
	case M_HTML:
		html_text_feed(&x->ht, ch, n);
		break;
	case M_TITLE:
		/* as written, up to the cap (cut on a character, then no more) */
		if (x->raw_full)
			break;
		room = utf8_cut(ch, n, FEED_MAX_FIELD - x->raw.len);
		if (buf_append(&x->raw, ch, room) == -1)
			x->oom = 1;
		x->raw_full = room < n;
		break;
	default:
		feed_text_add(x->cap, ch, n);
	}
}

/* Append a category (folded unless it already is) to the item's. */
static void
fs_add_category(struct feed_sax *x, const char *s, size_t n, int folded)
{
	struct feed_text t = { .max = FEED_MAX_FIELD };

	if (!folded) {
		feed_text_add(&t, s, n);
		s = feed_text_str(&t);
		n = t.b.len;
		x->oom |= t.oom;
	}
	if (s != NULL && n > 0) {
		if (buf_append(&x->it.cats, s, n) == -1 || buf_putc(&x->it.cats, '\0') == -1)
			x->oom = 1;
		else
			x->it.ncats++;
	}
	feed_text_free(&t);
}

/* The text of a captured element is complete. */
void
feed_field_end(struct feed_sax *x, const struct fs_frame *fr)
{
	struct fs_item *it = &x->it;
	const char *s;
	int64_t t;

	if (x->mode == M_TITLE && x->cap != NULL) {
		if (html_text_is_markup(x->raw.data != NULL ? x->raw.data : "", x->raw.len)) {
			html_text_init(&x->ht, x->cap);
			html_text_feed(&x->ht, x->raw.data, x->raw.len);
			html_text_end(&x->ht);
		} else if (x->raw.len > 0)
			feed_text_add(x->cap, x->raw.data, x->raw.len);
	} else if (x->mode == M_HTML)
		html_text_end(&x->ht);
	s = feed_text_str(&x->scratch);
	switch (x->field) {
	case F_GUID:
		if ((s = feed_text_str(&it->guid)) != NULL)
			feed_emit_prefetch(x->emit, s);
		break;
	case F_LINK:
		if (s != NULL && feed_text_str(&it->link) == NULL)
			fs_link(&it->link, fr->base, s);
		break;
	case F_PUBLISHED:
	case F_UPDATED:
		if (s == NULL)
			break;
		t = feed_date_parse(s, x->scratch.b.len);
		if (x->field == F_PUBLISHED) {
			if (it->published == DATE_UNKNOWN)
				it->published = t;
			if (feed_text_str(&it->date_raw) == NULL)
				feed_text_add(&it->date_raw, s, x->scratch.b.len);
		} else {
			if (t != DATE_UNKNOWN && (it->updated == DATE_UNKNOWN || t > it->updated))
				it->updated = t;
			if (feed_text_str(&it->upd_raw) == NULL)
				feed_text_add(&it->upd_raw, s, x->scratch.b.len);
		}
		break;
	case F_CATEGORY:
		if (s != NULL)
			fs_add_category(x, s, x->scratch.b.len, 1);
		break;
	case F_CHAN_TITLE:
		if (x->emit->f->title == NULL && s != NULL && (x->emit->f->title = strdup(s)) == NULL)
			x->oom = 1;
		break;
	case F_CHAN_LANG:
		if (x->emit->f->lang == NULL && s != NULL) {
			if ((x->emit->f->lang = strdup(s)) == NULL)
				x->oom = 1;
			feed_emit_settle(x->emit);
		}
		break;
	case F_CHAN_TTL:
		if (s != NULL && x->emit->f->ttl == 0) {
			char *end;
			long long m = strtoll(s, &end, 10);
			/* minutes; a week at most, so a hostile value cannot stop polling */
			if (*end == '\0' && m > 0)
				x->emit->f->ttl = (m > 7 * 24 * 60 ? 7 * 24 * 60 : m) * 60;
		}
		break;
	default:
		break;
	}
	if (x->scratch.oom)
		x->oom = 1;
	feed_text_reset(&x->scratch);
	x->cap_depth = 0;
	x->cap = NULL;
}

/* A tag inside a captured element: markup of its text (XHTML, or HTML
 * written unescaped in RSS). */
void
feed_field_nested(struct feed_sax *x, const char *name, size_t len, int end)
{
	enum html_role r;

	if (end && x->skip_depth == x->depth) {
		x->skip_depth = 0;
		return;
	}
	if (x->skip_depth != 0 || x->cap == NULL || x->mode == M_TITLE)
		return;
	r = html_text_tag(x->cap, name, len, end);
	if (!end && (r == HTML_SKIP || r == HTML_RAW))
		x->skip_depth = x->depth;
}

static void
fs_item_start(struct feed_sax *x, struct fs_frame *fr, const struct fs_attrs *at)
{
	x->item_depth = x->depth;
	if (!feed_emit_room(x->emit)) {
		fr->role = R_SKIPPED;
		return;
	}
	fr->role = R_ITEM;
	x->item_ns = fr->ns;
	feed_field_reset(&x->it);
	if (at->v[A_ABOUT] != NULL)
		feed_text_add(&x->it.about, at->v[A_ABOUT], strlen(at->v[A_ABOUT]));
}

/* What a child of an item becomes. The first rule that matches wins:
 * the format's own elements first, then those of other vocabularies,
 * read the same in RSS, RDF and Atom. */
enum { S_ITEM = S_NNS };  /* the item's own namespace (RSS 2.0: none) */
enum { M_TYPED = M_IGNORE + 1, M_HREF, M_TERM }; /* Atom: by type, from attributes */
static const struct fs_rule {
	unsigned char kind, ns, name, field, mode;
} fs_rules[] = {
	{ K_RSS, S_ITEM, N_TITLE, F_TITLE, M_TITLE },
	{ K_RSS, S_ITEM, N_LINK, F_LINK, M_PLAIN },
	{ K_RSS, S_ITEM, N_GUID, F_GUID, M_PLAIN },
	{ K_RSS, S_ITEM, N_DESCRIPTION, F_SUMMARY, M_HTML },
	{ K_RSS, S_ITEM, N_PUBDATE, F_PUBLISHED, M_PLAIN },
	{ K_RSS, S_ITEM, N_CATEGORY, F_CATEGORY, M_PLAIN },
	{ K_ATOM, S_ATOM, N_ID, F_GUID, M_PLAIN },
	{ K_ATOM, S_ATOM, N_TITLE, F_TITLE, M_TYPED },
	{ K_ATOM, S_ATOM, N_LINK, F_LINK, M_HREF },
	{ K_ATOM, S_ATOM, N_SUMMARY, F_SUMMARY, M_TYPED },
	{ K_ATOM, S_ATOM, N_CONTENT, F_CONTENT, M_TYPED },
	{ K_ATOM, S_ATOM, N_CATEGORY, F_CATEGORY, M_TERM },
	{ K_NONE, S_ATOM, N_PUBLISHED, F_PUBLISHED, M_PLAIN },
	{ K_NONE, S_ATOM, N_UPDATED, F_UPDATED, M_PLAIN },
	{ K_NONE, S_CONTENT, N_ENCODED, F_CONTENT, M_HTML },
	{ K_NONE, S_DC, N_DATE, F_PUBLISHED, M_PLAIN },
	{ K_NONE, S_DCTERMS, N_ISSUED, F_PUBLISHED, M_PLAIN },
	{ K_NONE, S_DCTERMS, N_CREATED, F_PUBLISHED, M_PLAIN },
	{ K_NONE, S_DCTERMS, N_MODIFIED, F_UPDATED, M_PLAIN },
	{ K_NONE, S_DC, N_SUBJECT, F_CATEGORY, M_PLAIN },
	{ K_NONE, S_DC, N_LANGUAGE, F_LANG, M_PLAIN },
	{ K_NONE, S_DC, N_TITLE, F_ALT_TITLE, M_TITLE },
	{ K_NONE, S_MEDIA, N_TITLE, F_ALT_TITLE, M_TITLE },
};

/* Where a field's text goes; first: only its first element counts. */
static struct feed_text *
fs_target(struct feed_sax *x, enum fs_field f, int *first)
{
	struct fs_item *it = &x->it;

	*first = 1;
	switch (f) {
	case F_TITLE: return &it->title;
	case F_ALT_TITLE: return &it->alt_title;
	case F_GUID: return &it->guid;
	case F_SUMMARY: return &it->summary;
	case F_CONTENT: return &it->content;
	case F_LANG: return &it->lang;
	case F_LINK: return &it->link;
	default:
		*first = 0;
		return &x->scratch;
	}
}

/* A child of an item: start reading it as its rule says. */
static void
fs_item_field(struct feed_sax *x, const struct fs_frame *fr, const struct fs_attrs *at)
{
	enum fs_kind kind = x->kind == K_ATOM ? K_ATOM : K_RSS;
	const struct fs_rule *r = NULL;
	struct feed_text *t;
	const char *rel = at->v[A_REL];
	int first;

	for (size_t i = 0; i < sizeof(fs_rules) / sizeof(fs_rules[0]) && r == NULL; i++)
		if (fs_rules[i].name == fr->name && (fs_rules[i].kind == K_NONE ||
		    fs_rules[i].kind == kind) && (fs_rules[i].ns == fr->ns ||
		    (fs_rules[i].ns == S_ITEM && fr->ns == x->item_ns)))
			r = &fs_rules[i];
	if (r == NULL)
		return;
	t = fs_target(x, r->field, &first);
	if (first && feed_text_str(t) != NULL)
		return;
	switch (r->mode) {
	case M_HREF:
		if (at->v[A_HREF] != NULL && (rel == NULL || strcmp(rel, "alternate") == 0))
			fs_link(t, fr->base, at->v[A_HREF]);
		return;
	case M_TERM:
		if (at->v[A_TERM] != NULL)
			fs_add_category(x, at->v[A_TERM], strlen(at->v[A_TERM]), 0);
		return;
	case M_TYPED:
		if (r->field == F_CONTENT && at->v[A_SRC] != NULL)
			return; /* the content is elsewhere */
		fs_capture(x, r->field, fs_atom_mode(at->v[A_TYPE]), t);
		return;
	default:
		if (r->field == F_GUID)
			/* RSS 2.0: a guid is a permalink unless it says otherwise */
			x->it.permalink = at->v[A_PERMA] == NULL || strcmp(at->v[A_PERMA], "true") == 0;
		/* a link is resolved from its text at its end */
		fs_capture(x, r->field, (enum fs_mode)r->mode, r->field == F_LINK ? &x->scratch : t);
	}
}

/* A child of an RSS or RDF channel. */
static void
fs_channel_field(struct feed_sax *x, const struct fs_frame *fr)
{
	struct feed *f = x->emit->f;

	if (fr->ns == x->chan_ns && fr->name == N_TITLE && f->title == NULL)
		fs_capture(x, F_CHAN_TITLE, M_TITLE, &x->scratch);
	else if ((fr->ns == x->chan_ns && fr->name == N_LANGUAGE) ||
	    (fr->ns == S_DC && fr->name == N_LANGUAGE))
		fs_capture(x, F_CHAN_LANG, M_PLAIN, &x->scratch);
	else if (fr->ns == x->chan_ns && fr->name == N_TTL)
		fs_capture(x, F_CHAN_TTL, M_PLAIN, &x->scratch);
}

static int
fs_item_oom(const struct fs_item *it)
{
	return it->title.oom | it->alt_title.oom | it->link.oom | it->guid.oom |
	    it->summary.oom | it->content.oom | it->lang.oom | it->date_raw.oom |
	    it->upd_raw.oom | it->about.oom;
}

/* The item's end tag: its id, its language, and on to the emitter. */
void
feed_field_item_end(struct feed_sax *x, const struct fs_frame *fr)
{
	struct fs_item *it = &x->it;
	struct feed_item v = { 0 };
	const char *guid = feed_text_str(&it->guid), *date_raw, *p;
	char hashed[80];

	x->item_depth = 0;
	v.title = (char *)(uintptr_t)feed_text_str(&it->title);
	if (v.title == NULL)
		v.title = (char *)(uintptr_t)feed_text_str(&it->alt_title);
	if (feed_text_str(&it->link) == NULL && guid != NULL && it->permalink &&
	    strncasecmp(guid, "http", 4) == 0)
		fs_link(&it->link, fr->base, guid);
	v.link = (char *)(uintptr_t)feed_text_str(&it->link);
	/* RSS 1.0 names each item by its rdf:about */
	if (guid == NULL)
		guid = feed_text_str(&it->about);
	if (guid != NULL)
		v.id = (char *)(uintptr_t)guid;
	else if (v.link != NULL)
		v.id = v.link;
	else {
		date_raw = feed_text_str(&it->date_raw);
		if (date_raw == NULL && x->kind == K_ATOM)
			date_raw = feed_text_str(&it->upd_raw);
		feed_item_hash_id(v.title, date_raw, hashed);
		v.id = hashed;
	}
	v.published = it->published;
	v.updated = it->updated;
	v.summary = (char *)(uintptr_t)feed_text_str(&it->summary);
	v.content = (char *)(uintptr_t)feed_text_str(&it->content);
	if (it->ncats > x->catv_cap) {
		char **cv = realloc(x->catv, it->ncats * sizeof(*cv));
		if (cv == NULL) {
			x->oom = 1;
			return;
		}
		x->catv = cv;
		x->catv_cap = it->ncats;
	}
	p = it->cats.data;
	for (size_t i = 0; i < it->ncats; i++, p += strlen(p) + 1)
		x->catv[i] = (char *)(uintptr_t)p;
	v.categories = x->catv;
	v.ncategories = it->ncats;
	/* dc:language, else the item's own xml:lang (Atom: the one in
	 * effect), else the channel's language or an inherited xml:lang */
	v.lang = (char *)(uintptr_t)feed_text_str(&it->lang);
	if (v.lang == NULL && (fr->lang_owned != NULL || x->kind == K_ATOM))
		v.lang = (char *)(uintptr_t)fr->lang;
	if (fs_item_oom(it)) {
		x->oom = 1;
		return;
	}
	feed_emit_item(x->emit, &v, x->stack[x->depth - 1].lang);
}

/* An element neither captured nor inside one: where is it in the feed? */
void
feed_field_place(struct feed_sax *x, struct fs_frame *fr, const struct fs_attrs *at)
{
	int d = x->depth;

	if (x->item_depth > 0) {
		if (x->stack[x->item_depth].role == R_SKIPPED)
			return;
		if (d == x->item_depth + 1)
			fs_item_field(x, fr, at);
		else if (fr->ns == S_MEDIA && fr->name == N_TITLE &&
		    feed_text_str(&x->it.alt_title) == NULL)
			/* in media:group or media:content */
			fs_capture(x, F_ALT_TITLE, M_TITLE, &x->it.alt_title);
		return;
	}
	if (x->chan_depth > 0 && d == x->chan_depth + 1) {
		if (x->kind == K_RSS && fr->name == N_ITEM && fr->ns == S_NONE)
			fs_item_start(x, fr, at);
		else
			fs_channel_field(x, fr);
		return;
	}
	if (d != 2)
		return;
	if (x->kind == K_RSS && fr->name == N_CHANNEL && fr->ns == S_NONE && !x->chan_done) {
		fr->role = R_CHANNEL;
		x->chan_depth = d;
		x->chan_ns = S_NONE;
	} else if (x->kind == K_RDF && (fr->ns == S_RSS10 || fr->ns == S_RSS090)) {
		if (fr->name == N_CHANNEL && !x->chan_done) {
			fr->role = R_CHANNEL;
			x->chan_depth = d;
			x->chan_ns = fr->ns;
		} else if (fr->name == N_ITEM)
			fs_item_start(x, fr, at);
	} else if (x->kind == K_ATOM && fr->ns == S_ATOM) {
		if (fr->name == N_ENTRY)
			fs_item_start(x, fr, at);
		else if (fr->name == N_TITLE && x->emit->f->title == NULL)
			fs_capture(x, F_CHAN_TITLE, fs_atom_mode(at->v[A_TYPE]), &x->scratch);
	}
}

