/*
 * url — URLs through curl's URL API (CURLU). Resolution follows RFC 3986
 * as curl implements it; where a fetch may go is url_policy.c's, which
 * splits URLs with these functions.
 *
 * Fragments are dropped by url_resolve: a release link names a document,
 * and "#top" and "#comments" must not make the same release two items.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "rightswatch/url.h"

/* Any scheme parses (the policy refuses it later, with a reason); a space
 * inside a link, common in feeds, is percent-encoded rather than fatal. */
#define URL_SET_FLAGS (CURLU_NON_SUPPORT_SCHEME | CURLU_ALLOW_SPACE | CURLU_URLENCODE)

/* Copy s without leading and trailing ASCII whitespace (links in feeds are
 * often wrapped in newlines and indentation). NULL when out of memory. */
static char *
url_trimdup(const char *s)
{
	size_t n;
	char *r;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
	    s[n - 1] == '\r' || s[n - 1] == '\f'))
		n--;
	if ((r = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* Parse an absolute URL into a new handle; NULL when it is not one. No
 * default scheme is guessed: "example.org/x" is not a URL here. */
static CURLU *
url_parse(const char *s)
{
	CURLU *h;

	if ((h = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(h, CURLUPART_URL, s, URL_SET_FLAGS) != CURLUE_OK) {
		curl_url_cleanup(h);
		return NULL;
	}
	return h;
}

/* The handle's URL without its fragment, with its host in lower case and
 * without the scheme's default port (so one page is one string), malloc'd
 * (not curl's allocator). */
static char *
url_get(CURLU *h)
{
	char *u = NULL, *r, *host = NULL;
	int upper = 0;

	if (curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		for (char *p = host; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z') {
				*p = (char)(*p - 'A' + 'a');
				upper = 1;
			}
		if (upper && curl_url_set(h, CURLUPART_HOST, host, 0) != CURLUE_OK) {
			curl_free(host);
			return NULL;
		}
		curl_free(host);
	}
	if (curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_URL, &u, CURLU_NO_DEFAULT_PORT) != CURLUE_OK)
		return NULL;
	r = strdup(u);
	curl_free(u);
	return r;
}

char *
url_resolve(const char *base, const char *ref)
{
	CURLU *h = NULL;
	char *r = NULL, *tref = NULL, *tbase = NULL;

	/* An empty link (<link/>) is no link, not the document itself. */
	if (ref == NULL || (tref = url_trimdup(ref)) == NULL || *tref == '\0')
		goto out;
	/* An absolute ref stands alone, whatever the base. */
	if ((h = url_parse(tref)) != NULL) {
		r = url_get(h);
		goto out;
	}
	if (base == NULL || (tbase = url_trimdup(base)) == NULL ||
	    (h = url_parse(tbase)) == NULL)
		goto out;
	/* With a URL already in the handle, curl resolves a relative one
	 * against it (including "//host/path" and "?query"). */
	if (curl_url_set(h, CURLUPART_URL, tref, URL_SET_FLAGS) != CURLUE_OK)
		goto out;
	r = url_get(h);
out:
	curl_url_cleanup(h);
	free(tref);
	free(tbase);
	return r;
}

/* Copy src into dst (dstlen bytes) lowercased; -1 when it does not fit. */
static int
url_lower(char *dst, size_t dstlen, const char *src)
{
	size_t n = strlen(src);

	if (n >= dstlen)
		return -1;
	for (size_t i = 0; i <= n; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	return 0;
}

/* Split h; *userinfo is set to 1 when the URL carries a user or password. */
static int
url_split_handle(CURLU *h, char *scheme, size_t schemelen, char *host,
    size_t hostlen, int *port, int *userinfo)
{
	char *s = NULL, *ho = NULL, *p = NULL, *u = NULL;
	int rc = -1;

	if (curl_url_get(h, CURLUPART_SCHEME, &s, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_HOST, &ho, 0) != CURLUE_OK || *ho == '\0')
		goto out;
	if (url_lower(scheme, schemelen, s) == -1 || url_lower(host, hostlen, ho) == -1)
		goto out;
	/* A scheme curl does not know has no default port: 0 then. */
	*port = 0;
	if (curl_url_get(h, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) == CURLUE_OK)
		*port = atoi(p);
	if (userinfo != NULL) {
		*userinfo = 0;
		if (curl_url_get(h, CURLUPART_USER, &u, 0) == CURLUE_OK) {
			*userinfo = 1;
			curl_free(u);
			u = NULL;
		}
		if (curl_url_get(h, CURLUPART_PASSWORD, &u, 0) == CURLUE_OK)
			*userinfo = 1;
	}
	rc = 0;
out:
	curl_free(s);
	curl_free(ho);
	curl_free(p);
	curl_free(u);
	return rc;
}

int
url_split(const char *url, char *scheme, size_t schemelen, char *host,
    size_t hostlen, int *port)
{
	CURLU *h;
	char *t;
	int rc;

	if (url == NULL || (t = url_trimdup(url)) == NULL)
		return -1;
	h = url_parse(t);
	free(t);
	if (h == NULL)
		return -1;
	rc = url_split_handle(h, scheme, schemelen, host, hostlen, port, NULL);
	curl_url_cleanup(h);
	return rc;
}

int
url_userinfo(const char *url)
{
	char scheme[16], host[256], *t;
	int port, userinfo = 0;
	CURLU *h;

	if (url == NULL || (t = url_trimdup(url)) == NULL)
		return -1;
	h = url_parse(t);
	free(t);
	if (h == NULL)
		return -1;
	if (url_split_handle(h, scheme, sizeof(scheme), host, sizeof(host), &port, &userinfo) == -1)
		userinfo = -1;
	curl_url_cleanup(h);
	return userinfo;
}

/* Glob match of the whole string: '*' any run (also across '/'), '?' one
 * byte. Backtracks only to the last '*', so it is O(len(s) * len(p)) at
 * worst and needs no recursion. */
static int
url_glob(const char *s, const char *p)
{
	const char *star = NULL, *mark = NULL;

	while (*s != '\0') {
		if (*p == '*') {
			star = p++;
			mark = s;
		} else if (*p == '?' || *p == *s) {
			p++;
			s++;
		} else if (star != NULL) {
			p = star + 1;
			s = ++mark;
		} else
			return 0;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

int
url_match_pattern(const char *url, const char *pattern)
{
	if (url == NULL || pattern == NULL)
		return 0;
	if (strpbrk(pattern, "*?") != NULL)
		return url_glob(url, pattern);
	return strncmp(url, pattern, strlen(pattern)) == 0;
}
