/* Fuzz target: config_parse over arbitrary bytes — the INI line reader,
 * libinih, value parsing and config_free on half-built configurations. */
#include <stddef.h>
#include <stdint.h>

#include "rightswatch/config.h"

static void
fuzz_diag(const char *msg, void *arg)
{
	(void)msg;
	(void)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *cf;

	cf = config_parse((const char *)data, size, "fuzz.ini", "/state", "/creds",
	    fuzz_diag, NULL);
	config_free(cf);
	return 0;
}
