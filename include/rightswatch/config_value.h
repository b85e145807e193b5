/*
 * config_value — the value syntaxes of the configuration: numbers, lists,
 * URLs, XPath expressions, paths with ${VAR}s. Pure functions; errors come
 * back as -1 or NULL with a reason in the caller's why buffer.
 * Durations and sizes are in config.h (config_parse_duration/_size).
 */
#ifndef RW_CONFIG_VALUE_H
#define RW_CONFIG_VALUE_H

#include <stddef.h>

/* Decimal digits only, within [min, max] -> *out; 0, or -1. */
int config_value_int(const char *s, long long min, long long max, long long *out);
/* yes/true -> 1, no/false -> 0, else -1. */
int config_value_bool(const char *s);
/* An absolute http or https URL with a host and no blanks or control
 * characters; glob allows '*' and '?'. 0, or -1 with why. */
int config_value_url(const char *s, int glob, char *why, size_t whylen);
/* Does s compile as an XPath 1.0 expression (libxml2)? 0, or -1 with why. */
int config_value_xpath(const char *s, char *why, size_t whylen);
/* Comma-separated list: elements trimmed, none empty; hosts: each a host or
 * host:port. On success *v (caller frees each and the array) and *n; on
 * -1 nothing is allocated and why says what is wrong (why empty: out of memory). */
int config_value_list(const char *s, int hosts, char ***v, size_t *n, char *why,
    size_t whylen);
/* Expand ${STATE_DIRECTORY} and ${CREDENTIALS_DIRECTORY} (env_state,
 * env_creds; NULL when unset), then anchor a relative result at dir.
 * A variable referenced but unset is an error, except an unset
 * ${CREDENTIALS_DIRECTORY} in a secret's path (a command run from a shell
 * has no credentials): the path is then kept as written, unanchored, for
 * its reader to refuse. Returns a malloc'd path, or NULL with why. */
char *config_value_path(const char *s, const char *dir, const char *env_state,
    const char *env_creds, int secret, char *why, size_t whylen);
/* The directory part of path ("." when none), malloc'd; NULL when out of memory. */
char *config_value_dirname(const char *path);
/* "a, b or c" from a NULL-terminated array of names, into out. */
void config_value_join_names(const char *const *names, char *out, size_t outlen);
/* Edit distance between two short strings (capped at 9). */
size_t config_value_distance(const char *a, const char *b);

#endif
