/*
 * jsonout — the JSON values every machine-readable output shares (`status
 * --json`, /status, the commands' --json): times as RFC 3339 strings in
 * UTC, unknowns as null, and text that may hold controls or invalid UTF-8
 * (a server's or a feed's words) escaped rather than dropped. Each function returns a new
 * reference (NULL only when out of memory).
 */
#ifndef RW_JSONOUT_H
#define RW_JSONOUT_H

#include <stdint.h>

#include <jansson.h>

/* s as a JSON string: as it is when it is valid UTF-8 without controls,
 * else with those escaped (escape_controls); null for NULL. */
json_t *jsonout_text(const char *s);
/* t (seconds UTC) in RFC 3339, or null for 0. */
json_t *jsonout_time(int64_t t);

#endif
