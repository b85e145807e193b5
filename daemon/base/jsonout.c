/*
 * jsonout — JSON values shared by every machine-readable output (see
 * jsonout.h).
 */
#include <stdint.h>

#include <jansson.h>

#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/jsonout.h"

json_t *
jsonout_text(const char *s)
{
	char esc[1024];
	json_t *v;

	if (s == NULL)
		return json_null();
	/* jansson refuses invalid UTF-8: then the escaped form. */
	if ((v = json_string(s)) != NULL)
		return v;
	return json_string(escape_logs(esc, sizeof(esc), s));
}

json_t *
jsonout_time(int64_t t)
{
	char out[32];

	return t == 0 ? json_null() : json_string(date_format_rfc3339(t, out));
}
