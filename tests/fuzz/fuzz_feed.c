/* libFuzzer target: feed_parse and feed_html_to_text over arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "rightswatch/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed *f = NULL;
	char err[256];
	char *s;

	if (feed_parse((const char *)data, size, "http://fuzz.example.org/feed", &f,
	    err, sizeof(err)) == 0)
		feed_free(f);
	if ((s = feed_html_to_text((const char *)data, size, 4096)) != NULL)
		free(s);
	(void)feed_sniff((const char *)data, size);
	return 0;
}
