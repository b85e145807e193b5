/*
 * crashpoint — abort (or hang) at a point named by $RIGHTSWATCH_CRASH_AT (tests only;
 * unset in production, where each call is one getenv).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

void
crashpoint_hang(const char *name)
{
	const char *at = getenv("RIGHTSWATCH_CRASH_AT");

	if (at == NULL || strcmp(at, name) != 0)
		return;
	log_error("RIGHTSWATCH_CRASH_AT=%s: the event loop stops here, as asked", name);
	/* libevent's signal handlers only write to its socketpair, which the
	 * loop no longer reads: SIGTERM is ignored, as in a real hang. */
	for (;;)
		sleep(3600);
}
