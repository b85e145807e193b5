/*
 * date — calendar arithmetic (Howard Hinnant's days-from-civil algorithm,
 * public domain) and timestamp parsing that validates every field itself:
 * curl_getdate and timegm silently normalise 30 February to 1 March, and a
 * wrong date is worse than an unknown one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/date.h"

int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return mdays[m - 1] + (m == 2 && date_is_leap(y));
}

int
date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_days_in_month(y, m);
}

int64_t
date_days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct date_ymd
date_civil_from_days(int64_t z)
{
	struct date_ymd r;
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

struct date_ymd
date_add_months(struct date_ymd d, int n)
{
	int64_t idx = (int64_t)d.y * 12 + (d.m - 1) + n;
	struct date_ymd r;
	int dim;

	r.y = (int)(idx >= 0 ? idx / 12 : (idx - 11) / 12);
	r.m = (int)(idx - (int64_t)r.y * 12) + 1;
	dim = date_days_in_month(r.y, r.m);
	r.d = d.d > dim ? dim : d.d;
	return r;
}

int
date_parse_ymd(const char *s, struct date_ymd *out)
{
	int y, m, d, n = 0;

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return -1;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return -1;
	if (!date_valid(y, m, d))
		return -1;
	out->y = y, out->m = m, out->d = d;
	return 0;
}

char *
date_format_ymd(struct date_ymd d, char *out)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", d.y % 10000, d.m % 100, d.d % 100);
	memcpy(out, tmp, 11);
	return out;
}

char *
date_format_rfc3339(int64_t t, char *out)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400;
	struct date_ymd d = date_civil_from_days(days);
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02dZ", d.y % 10000, d.m % 100,
	    d.d % 100, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	memcpy(out, tmp, 21);
	return out;
}

/* Skip spaces and tabs. */
static const char *
date_skipws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

/* Read 1..maxd digits into *v; returns the new position or NULL. */
static const char *
date_digits(const char *p, int mind, int maxd, int *v)
{
	int n = 0, x = 0;

	while (n < maxd && isdigit((unsigned char)p[n])) {
		x = x * 10 + (p[n] - '0');
		n++;
	}
	if (n < mind)
		return NULL;
	*v = x;
	return p + n;
}

/* Seconds UTC of a validated broken-down time, or DATE_UNKNOWN. */
static int64_t
date_make(int y, int mo, int d, int h, int mi, int s, int offset_min)
{
	if (!date_valid(y, mo, d) || h > 23 || mi > 59 || s > 60)
		return DATE_UNKNOWN;
	if (s == 60) /* a leap second is the last second of its minute */
		s = 59;
	return date_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
	    (int64_t)offset_min * 60;
}

/* RFC 822 zone names (RFC 2822 section 4.3 obsolete zones), in minutes. */
static int
date_zone(const char *p, size_t n, int *minutes)
{
	static const struct {
		const char *name;
		int off;
	} zones[] = {
		{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
		{ "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
		{ "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
	};
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (strlen(zones[i].name) == n && strncasecmp(p, zones[i].name, n) == 0) {
			*minutes = zones[i].off;
			return 0;
		}
	/* Military single letters other than Z: RFC 2822 says their sense was
	 * reversed in RFC 822 and they must be read as +0000. */
	if (n == 1 && isalpha((unsigned char)*p) && tolower((unsigned char)*p) != 'j') {
		*minutes = 0;
		return 0;
	}
	return -1;
}

int64_t
date_parse_rfc822(const char *s)
{
	static const char months[][4] = { "jan", "feb", "mar", "apr", "may", "jun",
		"jul", "aug", "sep", "oct", "nov", "dec" };
	const char *p;
	int d, mo = 0, y, h, mi, sec = 0, off = 0;
	size_t n;

	if (s == NULL)
		return DATE_UNKNOWN;
	p = date_skipws(s);
	/* Optional day name and comma. */
	if (isalpha((unsigned char)*p)) {
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		p = date_skipws(p);
	}
	if ((p = date_digits(p, 1, 2, &d)) == NULL)
		return DATE_UNKNOWN;
	p = date_skipws(p);
	if (*p == '-')
		p++;
	for (n = 0; isalpha((unsigned char)p[n]); n++)
		;
	if (n < 3)
		return DATE_UNKNOWN;
	for (int i = 0; i < 12; i++)
		if (strncasecmp(p, months[i], 3) == 0)
			mo = i + 1;
	if (mo == 0)
		return DATE_UNKNOWN;
	p = date_skipws(p + n);
	if (*p == '-')
		p++;
	{
		const char *q = date_digits(p, 2, 4, &y);

		if (q == NULL)
			return DATE_UNKNOWN;
		if (q - p == 2) /* RFC 2822 4.3: two-digit years */
			y += y < 50 ? 2000 : 1900;
		else if (q - p == 3)
			y += 1900;
		p = date_skipws(q);
	}
	if ((p = date_digits(p, 1, 2, &h)) == NULL || *p++ != ':' ||
	    (p = date_digits(p, 2, 2, &mi)) == NULL)
		return DATE_UNKNOWN;
	if (*p == ':' && (p = date_digits(p + 1, 2, 2, &sec)) == NULL)
		return DATE_UNKNOWN;
	p = date_skipws(p);
	if (*p == '+' || *p == '-') {
		int hh, mm, sign = *p == '-' ? -1 : 1;
		const char *q = p + 1;

		if (!isdigit((unsigned char)q[0]) || !isdigit((unsigned char)q[1]) ||
		    !isdigit((unsigned char)q[2]) || !isdigit((unsigned char)q[3]))
			return DATE_UNKNOWN;
		hh = (q[0] - '0') * 10 + (q[1] - '0');
		mm = (q[2] - '0') * 10 + (q[3] - '0');
		if (mm > 59 || hh * 60 + mm > DATE_MAX_OFFSET)
			return DATE_UNKNOWN;
		off = sign * (hh * 60 + mm);
		p = q + 4;
	} else if (isalpha((unsigned char)*p)) {
		for (n = 0; isalpha((unsigned char)p[n]); n++)
			;
		if (date_zone(p, n, &off) == -1)
			return DATE_UNKNOWN;
		p += n;
	}
	/* A trailing comment such as "(UTC)" is allowed; other text is not. */
	p = date_skipws(p);
	if (*p != '\0' && *p != '(')
		return DATE_UNKNOWN;
	return date_make(y, mo, d, h, mi, sec, off);
}

int64_t
date_parse_rfc3339(const char *s)
{
	const char *p;
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 0;

	if (s == NULL)
		return DATE_UNKNOWN;
	p = date_skipws(s);
	if ((p = date_digits(p, 4, 4, &y)) == NULL || *p++ != '-' ||
	    (p = date_digits(p, 2, 2, &mo)) == NULL || *p++ != '-' ||
	    (p = date_digits(p, 2, 2, &d)) == NULL)
		return DATE_UNKNOWN;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if ((p = date_digits(p, 2, 2, &h)) == NULL || *p++ != ':' ||
		    (p = date_digits(p, 2, 2, &mi)) == NULL)
			return DATE_UNKNOWN;
		if (*p == ':' && (p = date_digits(p + 1, 2, 2, &sec)) == NULL)
			return DATE_UNKNOWN;
		if (*p == '.' || *p == ',') {
			p++;
			if (!isdigit((unsigned char)*p))
				return DATE_UNKNOWN;
			while (isdigit((unsigned char)*p))
				p++;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int hh, mm, sign = *p == '-' ? -1 : 1;

			if ((p = date_digits(p + 1, 2, 2, &hh)) == NULL)
				return DATE_UNKNOWN;
			if (*p == ':')
				p++;
			if ((p = date_digits(p, 2, 2, &mm)) == NULL || mm > 59 ||
			    hh * 60 + mm > DATE_MAX_OFFSET)
				return DATE_UNKNOWN;
			off = sign * (hh * 60 + mm);
		}
	}
	p = date_skipws(p);
	if (*p != '\0')
		return DATE_UNKNOWN;
	return date_make(y, mo, d, h, mi, sec, off);
}

int64_t
date_parse_any(const char *s)
{
	int64_t t = date_parse_rfc3339(s);

	return t != DATE_UNKNOWN ? t : date_parse_rfc822(s);
}
