/*
 * http_value — pure parsers of HTTP header values (declared in http.h):
 * Retry-After (RFC 9110 10.2.3), Cache-Control max-age (RFC 9111 5.2) and
 * the charset parameter of a Content-Type (RFC 9110 8.3). No I/O, no clock:
 * the caller passes "now". Values come from servers and are untrusted, so
 * every scan is bounded by the string and numbers saturate. Also the
 * notifiers' verdict on a POST or SMTP result (success, retry, give up).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/date.h"
#include "rightswatch/http.h"

/* RFC 9111 1.2.2: delta-seconds beyond 2^31 are read as 2^31. */
#define HTTP_DELTA_MAX 2147483648LL

static int
http_is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* RFC 9110 5.6.2 tchar. */
static int
http_is_tchar(char c)
{
	return isalnum((unsigned char)c) || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* Digits [p, e) as delta-seconds, saturated at HTTP_DELTA_MAX; -1 when the
 * range is empty or holds anything but digits. */
static int64_t
http_delta(const char *p, const char *e)
{
	int64_t v = 0;

	if (p == e)
		return -1;
	for (; p < e; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		if (v < HTTP_DELTA_MAX)
			v = v * 10 + (*p - '0');
	}
	return v < HTTP_DELTA_MAX ? v : HTTP_DELTA_MAX;
}

/* An HTTP-date in any of its three forms (RFC 9110 5.6.7): IMF-fixdate,
 * the obsolete RFC 850 form and asctime. Both obsolete forms are rewritten
 * into RFC 822 text so that date_parse_rfc822 validates every field. */
static int64_t
http_date(const char *s)
{
	char wd[16], mon[4], text[64];
	int d, y, hh, mm, ss, n = 0;
	int64_t t = date_parse_rfc822(s);

	if (t != DATE_UNKNOWN)
		return t;
	/* RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; a two-digit year is the
	 * one in the last 100 years (here: 70..99 -> 19xx, else 20xx). */
	if (sscanf(s, "%15[A-Za-z], %2d-%3[A-Za-z]-%4d %2d:%2d:%2d GMT%n",
	    wd, &d, mon, &y, &hh, &mm, &ss, &n) == 7 && s[n] == '\0') {
		if (y < 100)
			y += y >= 70 ? 1900 : 2000;
	} else if (n = 0, sscanf(s, "%3[A-Za-z] %3[A-Za-z] %2d %2d:%2d:%2d %4d%n",
	    wd, mon, &d, &hh, &mm, &ss, &y, &n) != 7 || s[n] != '\0')
		return DATE_UNKNOWN; /* asctime: "Sun Nov  6 08:49:37 1994" */
	if (snprintf(text, sizeof(text), "%d %s %d %02d:%02d:%02d GMT", d, mon, y, hh, mm, ss) >=
	    (int)sizeof(text))
		return DATE_UNKNOWN;
	return date_parse_rfc822(text);
}

int64_t
http_retry_after(const char *value, int64_t now)
{
	char tmp[128];
	const char *p, *e;
	int64_t v;

	if (value == NULL)
		return -1;
	for (p = value; http_is_ows(*p); p++)
		;
	for (e = p + strlen(p); e > p && http_is_ows(e[-1]); e--)
		;
	if (p == e)
		return -1;
	if (isdigit((unsigned char)*p))
		return http_delta(p, e);
	if ((size_t)(e - p) >= sizeof(tmp))
		return -1;
	memcpy(tmp, p, (size_t)(e - p));
	tmp[e - p] = '\0';
	if ((v = http_date(tmp)) == DATE_UNKNOWN)
		return -1;
	return v > now ? v - now : 0;
}

/* Skip a quoted-string starting at the opening quote *p; returns the
 * position after the closing quote (or the end of the string). The content
 * is [*vs, *ve) with escapes still in place. */
static const char *
http_skip_quoted(const char *p, const char **vs, const char **ve)
{
	*vs = ++p;
	while (*p && *p != '"') {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	*ve = p;
	return *p == '"' ? p + 1 : p;
}

int64_t
http_max_age(const char *cc)
{
	const char *p = cc, *ns, *vs, *ve, *qs, *qe;
	int64_t max_age = -1;
	int nocache = 0, have = 0;
	size_t nl;

	if (cc == NULL)
		return -1;
	while (*p) {
		while (http_is_ows(*p) || *p == ',')
			p++;
		for (ns = p; http_is_tchar(*p); p++)
			;
		nl = (size_t)(p - ns);
		vs = ve = NULL;
		while (http_is_ows(*p))
			p++;
		if (*p == '=') {
			for (p++; http_is_ows(*p); p++)
				;
			if (*p == '"')
				p = http_skip_quoted(p, &vs, &ve);
			else {
				for (vs = p; http_is_tchar(*p); p++)
					;
				ve = p;
			}
		}
		/* Skip whatever is left of a malformed directive. */
		while (*p && *p != ',') {
			if (*p == '"')
				p = http_skip_quoted(p, &qs, &qe);
			else
				p++;
		}
		if ((nl == 8 && strncasecmp(ns, "no-cache", 8) == 0) ||
		    (nl == 8 && strncasecmp(ns, "no-store", 8) == 0))
			nocache = 1;
		else if (nl == 7 && strncasecmp(ns, "max-age", 7) == 0 && !have) {
			have = 1;
			/* A malformed max-age means stale (RFC 9111 4.2.1). */
			max_age = vs ? http_delta(vs, ve) : -1;
			if (max_age < 0)
				max_age = 0;
		}
	}
	if (nocache)
		return 0;
	return max_age;
}

int
http_charset(const char *ct, char *out, size_t outlen)
{
	const char *p, *ns, *vs, *ve;
	size_t nl, o;

	if (ct == NULL || out == NULL || outlen == 0)
		return -1;
	if ((p = strchr(ct, ';')) == NULL)
		return -1;
	while (*p) {
		while (*p == ';' || http_is_ows(*p))
			p++;
		for (ns = p; http_is_tchar(*p); p++)
			;
		nl = (size_t)(p - ns);
		while (http_is_ows(*p))
			p++;
		if (*p != '=') {
			while (*p && *p != ';')
				p++;
			continue;
		}
		for (p++; http_is_ows(*p); p++)
			;
		if (*p == '"')
			p = http_skip_quoted(p, &vs, &ve);
		else {
			for (vs = p; *p && *p != ';' && !http_is_ows(*p); p++)
				;
			ve = p;
		}
		if (nl != 7 || strncasecmp(ns, "charset", 7) != 0) {
			while (*p && *p != ';')
				p++;
			continue;
		}
		for (o = 0; vs < ve; vs++) {
			if (*vs == '\\' && vs + 1 < ve)
				vs++;
			if (!http_is_tchar(*vs) || o + 1 >= outlen)
				return -1;
			out[o++] = *vs;
		}
		if (o == 0)
			return -1;
		out[o] = '\0';
		return 0;
	}
	return -1;
}

enum http_outcome
http_post_outcome(long status, enum http_error e)
{
	if (e != HTTP_OK)
		return HTTP_OUTCOME_RETRY;
	if (status >= 200 && status <= 299)
		return HTTP_OUTCOME_SUCCESS;
	if (status >= 400 && status <= 499 && status != 429)
		return HTTP_OUTCOME_PERMANENT;
	return HTTP_OUTCOME_RETRY;
}

enum http_outcome
http_smtp_outcome(long status, enum http_error e)
{
	if (e == HTTP_OK)
		return HTTP_OUTCOME_SUCCESS;
	if (status >= 500 && status <= 599)
		return HTTP_OUTCOME_PERMANENT;
	return HTTP_OUTCOME_RETRY;
}
