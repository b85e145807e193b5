/*
 * feed_json — JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) through
 * jansson. Items take id, url, title, content_html/content_text, summary,
 * date_published/date_modified (RFC 3339), tags and language; every string
 * is capped at FEED_MAX_FIELD bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "feed_int.h"
#include "rightswatch/url.h"

/* A string member of o, or NULL. */
static const char *
fj_str(const json_t *o, const char *key, size_t *len)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		return NULL;
	*len = json_string_length(v);
	return json_string_value(v);
}

/* Folded plain text of a string member (NULL when absent or empty). */
static char *
fj_plain(const json_t *o, const char *key, int *oom)
{
	struct feed_text t = { .max = FEED_MAX_FIELD };
	const char *s;
	size_t n;

	if ((s = fj_str(o, key, &n)) == NULL)
		return NULL;
	feed_text_add(&t, s, n);
	return feed_text_take(&t, oom);
}

static char *
fj_html(const json_t *o, const char *key, int *oom)
{
	const char *s;
	size_t n;
	char *r;

	if ((s = fj_str(o, key, &n)) == NULL)
		return NULL;
	if ((r = feed_html_to_text(s, n, FEED_MAX_FIELD)) == NULL)
		*oom = 1;
	else if (*r == '\0') {
		free(r);
		r = NULL;
	}
	return r;
}

static void
fj_item(struct feed *f, const json_t *o, const char *base, int *oom)
{
	struct feed_item *it;
	const json_t *id, *tags, *tag;
	char *guid = NULL, *url, *date_pub, *date_mod, numbuf[32];
	size_t i;

	if ((it = feed_item_add(f)) == NULL) {
		*oom = 1;
		return;
	}
	/* The spec says string; numbers occur in the wild and are kept as text. */
	id = json_object_get(o, "id");
	if (json_is_string(id))
		guid = fj_plain(o, "id", oom);
	else if (json_is_integer(id)) {
		snprintf(numbuf, sizeof(numbuf), "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		if ((guid = strdup(numbuf)) == NULL)
			*oom = 1;
	}
	if ((url = fj_plain(o, "url", oom)) == NULL)
		url = fj_plain(o, "external_url", oom);
	if (url != NULL) {
		it->link = url_resolve(base, url);
		/* Relative with no absolute base: kept as written. */
		if (it->link == NULL && strchr(url, ':') == NULL) {
			it->link = url;
			url = NULL;
		}
		free(url);
	}
	it->title = fj_plain(o, "title", oom);
	it->summary = fj_plain(o, "summary", oom);
	if ((it->content = fj_html(o, "content_html", oom)) == NULL)
		it->content = fj_plain(o, "content_text", oom);
	date_pub = fj_plain(o, "date_published", oom);
	date_mod = fj_plain(o, "date_modified", oom);
	if (date_pub != NULL)
		it->published = date_parse_rfc3339(date_pub);
	if (date_mod != NULL)
		it->updated = date_parse_rfc3339(date_mod);
	tags = json_object_get(o, "tags");
	json_array_foreach(tags, i, tag)
		if (json_is_string(tag) && feed_item_add_category(it, json_string_value(tag),
		    json_string_length(tag)) == -1)
			*oom = 1;
	it->lang = fj_plain(o, "language", oom);
	if (it->lang == NULL && f->lang != NULL && (it->lang = strdup(f->lang)) == NULL)
		*oom = 1;
	if (feed_item_set_id(it, guid, date_pub != NULL ? date_pub : date_mod) == -1)
		*oom = 1;
	free(guid);
	free(date_pub);
	free(date_mod);
}

int
feed_json_parse(const char *data, size_t len, const char *base_url,
    struct feed *f, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root, *items, *item;
	const char *version;
	char *base = NULL, *feed_url;
	size_t i, n;
	int oom = 0, rc = -1;

	if ((root = json_loadb(data, len, 0, &je)) == NULL) {
		snprintf(err, errlen, "not valid JSON (line %d): %.200s", je.line, je.text);
		return -1;
	}
	items = json_object_get(root, "items");
	version = fj_str(root, "version", &n);
	if (!json_is_array(items) || (version != NULL &&
	    strncmp(version, "https://jsonfeed.org/version/", 29) != 0)) {
		snprintf(err, errlen, "not a feed (JSON without a JSON Feed items array)");
		goto out;
	}
	f->title = fj_plain(root, "title", &oom);
	f->lang = fj_plain(root, "language", &oom);
	/* Relative item URLs: the document's own URL, else the one it states. */
	if (base_url != NULL)
		base = url_resolve(NULL, base_url);
	if (base == NULL && (feed_url = fj_plain(root, "feed_url", &oom)) != NULL) {
		base = url_resolve(NULL, feed_url);
		free(feed_url);
	}
	json_array_foreach(items, i, item) {
		if (oom)
			break;
		if (!json_is_object(item))
			continue;
		if (f->nitems >= FEED_MAX_ITEMS) {
			f->dropped++;
			continue;
		}
		fj_item(f, item, base, &oom);
	}
	if (oom) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	rc = 0;
out:
	free(base);
	json_decref(root);
	return rc;
}
