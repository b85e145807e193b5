/*
 * url — URL handling through curl's URL API (CURLU): resolving relative
 * links, splitting URLs, matching link patterns. Which URLs the daemon may
 * fetch is url_policy.h.
 */
#ifndef RW_URL_H
#define RW_URL_H

#include <stddef.h>

/* Resolve ref against base (either may be absolute). Returns a malloc'd
 * normalised absolute URL, or NULL when it cannot be parsed. */
char *url_resolve(const char *base, const char *ref);

/* Scheme ("http"), lowercased host and port (the scheme's default when
 * absent) of url. Returns 0, or -1 when url is not an absolute URL. */
int url_split(const char *url, char *scheme, size_t schemelen,
    char *host, size_t hostlen, int *port);

/* Does url carry a user name or a password? 1 or 0; -1 when url is not
 * an absolute URL. */
int url_userinfo(const char *url);

/* Does url match pattern: a prefix, or a glob with '*' (any run of
 * characters) and '?' when the pattern contains either? 1 or 0. */
int url_match_pattern(const char *url, const char *pattern);

#endif
