/*
 * url — URL handling through curl's URL API (CURLU): resolving relative
 * links and deciding which URLs the daemon may fetch.
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

/* May the daemon fetch link, found in the feed or listing at source_url?
 * Only http and https, and only the source's own host and port or one of
 * page_hosts ("host" or "host:port"; a bare host allows 80 and 443).
 * Returns 1 when allowed, 0 when not (reason in why). */
int url_allowed(const char *link, const char *source_url,
    char *const *page_hosts, size_t npage_hosts, char *why, size_t whylen);

/* Does url match pattern: a prefix, or a glob with '*' (any run of
 * characters) and '?' when the pattern contains either? 1 or 0. */
int url_match_pattern(const char *url, const char *pattern);

#endif
