/* libFuzzer target: the feed parser over arbitrary bytes, whole and as a
 * stream cut into chunks (the first byte sets their size), with items
 * collected and with items handed to a callback; the two must agree on
 * every document both accept. Then feed_html_to_text and feed_sniff. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct count {
	size_t n;
};

static int
count_item(void *arg, const struct feed_item *it)
{
	struct count *c = arg;

	/* every string an item hands over is readable to its end */
	if (it->id == NULL || strlen(it->id) == (size_t)-1)
		abort();
	c->n++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *base = "http://fuzz.example.org/feed";
	struct feed *f = NULL, *g = NULL;
	struct feed_stream *s;
	struct count c = { 0 };
	size_t chunk = size > 0 ? (size_t)data[0] % 64 + 1 : 1;
	char err[256];
	char *t;
	int whole;

	whole = feed_parse((const char *)data, size, base, &f, err, sizeof(err));
	if ((s = feed_stream_new(base, NULL, NULL, count_item, &c)) != NULL) {
		for (size_t i = 0; i < size; i += chunk)
			if (feed_stream_push(s, (const char *)data + i,
			    size - i < chunk ? size - i : chunk) == -1)
				break;
		if (feed_stream_finish(s, &g, err, sizeof(err)) == 0 && whole == 0 &&
		    c.n != f->nitems)
			abort(); /* same bytes, same items, however they were cut */
		feed_stream_free(s);
	}
	feed_free(g);
	feed_free(f);
	if ((t = feed_html_to_text((const char *)data, size, 4096)) != NULL)
		free(t);
	(void)feed_sniff((const char *)data, size);
	return 0;
}
