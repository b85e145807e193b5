/*
 * feed_item — the items of a parsed feed: appending one, giving it its id,
 * adding a category; and feed_free, which releases a feed and everything
 * its items own. The format parsers (feed_xml.c, feed_json.c) and the
 * front (feed.c) call it; it calls only the text builder.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "rightswatch/hash.h"
#include "feed_int.h"

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
