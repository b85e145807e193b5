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
