/*
 * jsonout — JSON values shared by every machine-readable output (see
 * jsonout.h).
 */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/jsonout.h"
#include "rightswatch/utf8.h"

/* A control (utf8_is_control) or invalid UTF-8 anywhere gives the form the
 * tables show (escape_controls), so no reader of the JSON meets a
 * bidirectional override or a C1 control a server sent. */
json_t *
jsonout_text(const char *s)
{
	char esc[1024];

	if (s == NULL)
		return json_null();
	for (size_t i = 0, n = strlen(s); i < n; i += utf8_len(s + i, n - i))
		if (utf8_unsafe(s + i, n - i) > 0)
			return json_string(escape_controls(esc, sizeof(esc), s));
	return json_string(s);
}

json_t *
jsonout_time(int64_t t)
{
	char out[32];

	return t == 0 ? json_null() : json_string(date_format_rfc3339(t, out));
}
