/*
 * feed — the parser's front: sniffing a body, choosing the format parser
 * (feed_xml.c for RSS/RDF/Atom, feed_json.c for JSON Feed), the items'
 * ids, and the plain-text builder every field goes through.
 *
 * Owns struct feed and its items: feed_free releases them all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "feed_int.h"
#include "rightswatch/hash.h"

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

static void
feed_item_clear(struct feed_item *it)
{
	free(it->id);
	free(it->link);
	free(it->title);
	free(it->summary);
	free(it->content);
	for (size_t i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	free(it->lang);
}

void
feed_free(struct feed *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->nitems; i++)
		feed_item_clear(&f->items[i]);
	free(f->items);
	free(f->title);
	free(f->lang);
	free(f);
}

struct feed_item *
feed_item_add(struct feed *f)
{
	struct feed_item *it;

	/* Room for 16, then doubling whenever the count reaches a power of
	 * two: a feed of n items costs O(n) copies in all. */
	if (f->nitems == 0 || (f->nitems >= 16 && (f->nitems & (f->nitems - 1)) == 0)) {
		size_t cap = f->nitems == 0 ? 16 : f->nitems * 2;
		if ((it = realloc(f->items, cap * sizeof(*it))) == NULL)
			return NULL;
		f->items = it;
	}
	it = &f->items[f->nitems++];
	memset(it, 0, sizeof(*it));
	it->published = DATE_UNKNOWN;
	it->updated = DATE_UNKNOWN;
	return it;
}

int
feed_item_set_id(struct feed_item *it, const char *guid, const char *date_raw)
{
	struct hash_sha256 c;
	uint8_t d[32];
	char hex[65];

	if (guid != NULL && *guid != '\0')
		it->id = strdup(guid);
	else if (it->link != NULL)
		it->id = strdup(it->link);
	else {
		hash_sha256_init(&c);
		if (it->title != NULL)
			hash_sha256_update(&c, it->title, strlen(it->title));
		hash_sha256_update(&c, "\n", 1);
		if (date_raw != NULL)
			hash_sha256_update(&c, date_raw, strlen(date_raw));
		hash_sha256_final(&c, d);
		hash_hex(d, hex);
		if ((it->id = malloc(7 + 65)) != NULL) {
			memcpy(it->id, "sha256:", 7);
			memcpy(it->id + 7, hex, 65);
		}
	}
	return it->id != NULL ? 0 : -1;
}

int
feed_item_add_category(struct feed_item *it, const char *cat, size_t n)
{
	struct feed_text t = { .max = FEED_MAX_FIELD };
	char **v;
	char *s;
	int oom = 0;

	feed_text_add(&t, cat, n);
	if ((s = feed_text_take(&t, &oom)) == NULL)
		return oom ? -1 : 0;
	if ((v = realloc(it->categories, (it->ncategories + 1) * sizeof(*v))) == NULL) {
		free(s);
		return -1;
	}
	it->categories = v;
	v[it->ncategories++] = s;
	return 0;
}

size_t
feed_utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	/* Back off continuation bytes (10xxxxxx) to the start of a sequence. */
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* Append n bytes (no whitespace among them) after any pending separator. */
static void
feed_text_word(struct feed_text *t, const char *s, size_t n)
{
	static const char *const sep[] = { "", " ", "\n", "\n\n" };
	size_t seplen = 0, keep;

	if (t->b.len > 0)
		seplen = strlen(sep[t->pending]);
	if (t->b.len + seplen >= t->max) {
		t->full = 1;
		return;
	}
	keep = feed_utf8_cut(s, n, t->max - t->b.len - seplen);
	if (buf_reserve(&t->b, seplen + keep) == -1) {
		t->oom = t->full = 1;
		return;
	}
	buf_append(&t->b, sep[t->b.len > 0 ? t->pending : 0], seplen);
	buf_append(&t->b, s, keep);
	t->pending = 0;
	if (keep < n)
		t->full = 1;
}

void
feed_text_add(struct feed_text *t, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n && !t->full) {
		if (feed_isspace((unsigned char)s[i])) {
			if (t->pending < 1)
				t->pending = 1;
			i++;
			continue;
		}
		for (j = i; j < n && !feed_isspace((unsigned char)s[j]); j++)
			;
		feed_text_word(t, s + i, j - i);
		i = j;
	}
}

void
feed_text_break(struct feed_text *t, int level)
{
	if (t->pending < level)
		t->pending = level;
}

char *
feed_text_take(struct feed_text *t, int *oom)
{
	char *s = NULL;

	if (t->oom)
		*oom = 1;
	else if (t->b.len > 0 && (s = buf_detach(&t->b)) == NULL)
		*oom = 1;
	buf_free(&t->b);
	t->pending = t->full = t->oom = 0;
	return s;
}
