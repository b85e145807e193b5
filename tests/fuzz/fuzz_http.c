/*
 * libFuzzer target: the pure header-value parsers of the http module
 * (Retry-After, Cache-Control max-age, Content-Type charset) on arbitrary
 * bytes; they must neither crash nor read past the string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, out[16];

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)http_retry_after(s, 1628244000);
	(void)http_max_age(s);
	if (http_charset(s, out, sizeof(out)) == 0 && strlen(out) >= sizeof(out))
		abort();
	free(s);
	return 0;
}
