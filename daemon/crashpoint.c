/*
 * crashpoint — abort at a point named by $RIGHTSWATCH_CRASH_AT (tests only;
 * unset in production, where each call is one getenv).
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/crashpoint.h"
#include "rightswatch/log.h"

void
crashpoint(const char *name)
{
	const char *at = getenv("RIGHTSWATCH_CRASH_AT");

	if (at != NULL && strcmp(at, name) == 0) {
		log_error("RIGHTSWATCH_CRASH_AT=%s: aborting here, as asked", name);
		abort();
	}
}
