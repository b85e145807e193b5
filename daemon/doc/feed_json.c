/*
 * feed_json — JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) through
 * jansson, the document whole (a JSON Feed is small, and its items may
 * come before anything says it is one). Items take id, url, title,
 * content_html/content_text, summary, date_published/date_modified,
 * tags and language; every string is capped at FEED_MAX_FIELD bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/date.h"
#include "rightswatch/url.h"
#include "feed_int.h"

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
	struct feed_text t = { .max = FEED_MAX_FIELD };
	struct html_text h;
	const char *s;
	size_t n;

	if ((s = fj_str(o, key, &n)) == NULL)
		return NULL;
	html_text_init(&h, &t);
	html_text_feed(&h, s, n);
	html_text_end(&h);
	return feed_text_take(&t, oom);
}

/* The strings of one item, owned here until it is emitted. */
struct fj_item {
	char *guid, *link, *title, *summary, *content, *lang, *pub, *mod;
	char **cats;
	size_t ncats;
};

static void
fj_item_free(struct fj_item *j)
{
	free(j->guid);
	free(j->link);
	free(j->title);
	free(j->summary);
	free(j->content);
	free(j->lang);
	free(j->pub);
	free(j->mod);
	for (size_t i = 0; i < j->ncats; i++)
		free(j->cats[i]);
	free(j->cats);
}

static void
fj_link(struct fj_item *j, const json_t *o, const char *base, int *oom)
{
	char *url;

	if ((url = fj_plain(o, "url", oom)) == NULL)
		url = fj_plain(o, "external_url", oom);
	if (url == NULL)
		return;
	j->link = url_resolve(base, url);
	/* relative with no absolute base: kept as written */
	if (j->link == NULL && strchr(url, ':') == NULL) {
		j->link = url;
		url = NULL;
	}
	free(url);
}

static void
fj_tags(struct fj_item *j, const json_t *o, int *oom)
{
	const json_t *tags = json_object_get(o, "tags"), *tag;
	size_t i, n = json_is_array(tags) ? json_array_size(tags) : 0;

	if (n == 0 || (j->cats = calloc(n, sizeof(char *))) == NULL) {
		*oom |= n > 0;
		return;
	}
	json_array_foreach(tags, i, tag) {
		struct feed_text t = { .max = FEED_MAX_FIELD };
		char *c;

		if (!json_is_string(tag))
			continue;
		feed_text_add(&t, json_string_value(tag), json_string_length(tag));
		if ((c = feed_text_take(&t, oom)) != NULL)
			j->cats[j->ncats++] = c;
	}
}

static void
fj_item(struct feed_emit *e, const json_t *o, const char *base, int *oom)
{
	struct fj_item j = { 0 };
	struct feed_item v = { 0 };
	const json_t *id = json_object_get(o, "id");
	char numbuf[32], hashed[80];

	/* The spec says string; numbers occur in the wild and are kept as text. */
	if (json_is_string(id))
		j.guid = fj_plain(o, "id", oom);
	else if (json_is_integer(id)) {
		snprintf(numbuf, sizeof(numbuf), "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		if ((j.guid = strdup(numbuf)) == NULL)
			*oom = 1;
	}
	fj_link(&j, o, base, oom);
	j.title = fj_plain(o, "title", oom);
	j.summary = fj_plain(o, "summary", oom);
	if ((j.content = fj_html(o, "content_html", oom)) == NULL)
		j.content = fj_plain(o, "content_text", oom);
	j.pub = fj_plain(o, "date_published", oom);
	j.mod = fj_plain(o, "date_modified", oom);
	j.lang = fj_plain(o, "language", oom);
	fj_tags(&j, o, oom);
	v.title = j.title;
	v.link = j.link;
	v.summary = j.summary;
	v.content = j.content;
	v.lang = j.lang;
	v.categories = j.cats;
	v.ncategories = j.ncats;
	v.published = j.pub != NULL ? feed_date_parse(j.pub, strlen(j.pub)) : DATE_UNKNOWN;
	v.updated = j.mod != NULL ? feed_date_parse(j.mod, strlen(j.mod)) : DATE_UNKNOWN;
	if (j.guid != NULL)
		v.id = j.guid;
	else if (j.link != NULL)
		v.id = j.link;
	else {
		feed_item_hash_id(j.title, j.pub != NULL ? j.pub : j.mod, hashed);
		v.id = hashed;
	}
	if (!*oom)
		feed_emit_item(e, &v, NULL);
	fj_item_free(&j);
}

int
feed_json_parse(const char *data, size_t len, const char *base_url,
    struct feed_emit *e, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root, *items, *item;
	const char *version;
	char *base = NULL, *feed_url;
	struct feed *f = e->f;
	size_t i, n;
	int oom = 0, rc = -1;

	if ((root = json_loadb(data != NULL ? data : "", len, 0, &je)) == NULL) {
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
	feed_emit_settle(e);
	/* Relative item URLs: the document's own URL, else the one it states. */
	if (base_url != NULL)
		base = strdup(base_url);
	if (base == NULL && (feed_url = fj_plain(root, "feed_url", &oom)) != NULL) {
		base = url_resolve(NULL, feed_url);
		free(feed_url);
	}
	json_array_foreach(items, i, item) {
		if (oom || e->oom || e->stopped)
			break;
		if (json_is_object(item) && feed_emit_room(e))
			fj_item(e, item, base, &oom);
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
