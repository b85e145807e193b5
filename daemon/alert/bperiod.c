/*
 * bperiod — parsing, formatting and arithmetic of baseline periods (see
 * bperiod.h). Everything is computed on day numbers from date.c, so leap
 * years and month lengths are handled in one place.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rightswatch/bperiod.h"

int
bperiod_valid(const struct bperiod *p)
{
	return date_valid(p->start.y, p->start.m, p->start.d) &&
	    date_valid(p->end.y, p->end.m, p->end.d) &&
	    date_days_from_civil(p->start.y, p->start.m, p->start.d) <=
	    date_days_from_civil(p->end.y, p->end.m, p->end.d);
}

int
bperiod_equal(const struct bperiod *a, const struct bperiod *b)
{
	return a->start.y == b->start.y && a->start.m == b->start.m &&
	    a->start.d == b->start.d && a->end.y == b->end.y &&
	    a->end.m == b->end.m && a->end.d == b->end.d;
}

/* Exactly n decimal digits at s; their value, or -1. */
static int
bperiod_digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Months first..last of year y. */
static struct bperiod
bperiod_months(int y, int first, int last)
{
	struct bperiod p;

	p.start.y = y, p.start.m = first, p.start.d = 1;
	p.end.y = y, p.end.m = last, p.end.d = date_days_in_month(y, last);
	return p;
}

struct bperiod
bperiod_year(int y)
{
	return bperiod_months(y, 1, 12);
}

int
bperiod_parse(const char *s, struct bperiod *out)
{
	struct bperiod p;
	size_t len;
	int y, n;

	if (s == NULL)
		return -1;
	len = strlen(s);
	if (len == 21 && s[10] == '/') {
		char a[11], b[11];

		memcpy(a, s, 10), a[10] = '\0';
		memcpy(b, s + 11, 10), b[10] = '\0';
		if (date_parse_ymd(a, &p.start) == -1 ||
		    date_parse_ymd(b, &p.end) == -1 || !bperiod_valid(&p))
			return -1;
		*out = p;
		return 0;
	}
	if (len < 4 || (y = bperiod_digits(s, 4)) < 1)
		return -1;
	if (len == 4)
		p = bperiod_year(y);
	else if (len == 7 && s[4] == '-' && (s[5] == 'H' || s[5] == 'h') &&
	    (n = bperiod_digits(s + 6, 1)) >= 1 && n <= 2)
		p = bperiod_months(y, n * 6 - 5, n * 6);
	else if (len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') &&
	    (n = bperiod_digits(s + 6, 1)) >= 1 && n <= 4)
		p = bperiod_months(y, n * 3 - 2, n * 3);
	else if (len == 7 && s[4] == '-' && (n = bperiod_digits(s + 5, 2)) >= 1 &&
	    n <= 12)
		p = bperiod_months(y, n, n);
	else
		return -1;
	*out = p;
	return 0;
}

char *
bperiod_format_range(const struct bperiod *p, char *out)
{
	date_format_ymd(p->start, out);
	out[10] = '/';
	date_format_ymd(p->end, out + 11);
	return out;
}

enum bperiod_unit
bperiod_unit(const struct bperiod *p)
{
	int y = p->start.y, m1 = p->start.m, m2 = p->end.m;

	if (p->start.d != 1 || p->end.y != y || m1 > m2 || y < 1 || y > 9999 ||
	    p->end.d != date_days_in_month(p->end.y, m2))
		return BPERIOD_OTHER;
	if (m1 == 1 && m2 == 12)
		return BPERIOD_YEAR;
	if (m2 - m1 == 5 && m1 % 6 == 1)
		return BPERIOD_HALF;
	if (m2 - m1 == 2 && m1 % 3 == 1)
		return BPERIOD_QUARTER;
	return m1 == m2 ? BPERIOD_MONTH : BPERIOD_OTHER;
}

char *
bperiod_format(const struct bperiod *p, char *out)
{
	int y = p->start.y, m2 = p->end.m;

	switch (bperiod_unit(p)) {
	case BPERIOD_YEAR:
		snprintf(out, BPERIOD_FMT_MAX, "%04d", y);
		break;
	case BPERIOD_HALF:
		snprintf(out, BPERIOD_FMT_MAX, "%04d-H%d", y, m2 / 6);
		break;
	case BPERIOD_QUARTER:
		snprintf(out, BPERIOD_FMT_MAX, "%04d-Q%d", y, m2 / 3);
		break;
	case BPERIOD_MONTH:
		snprintf(out, BPERIOD_FMT_MAX, "%04d-%02d", y, m2);
		break;
	default:
		bperiod_format_range(p, out);
		break;
	}
	return out;
}

int
bperiod_in_year(const struct bperiod *p, int *year)
{
	if (p->start.y != p->end.y)
		return 0;
	if (year != NULL)
		*year = p->start.y;
	return 1;
}

int
bperiod_prior_year(const struct bperiod *p, struct bperiod *out)
{
	int y;

	if (!bperiod_in_year(p, &y) || y <= 1)
		return -1;
	*out = bperiod_year(y - 1);
	return 0;
}

struct bperiod
bperiod_shift_years(const struct bperiod *p, int years)
{
	struct bperiod r;
	int last = p->end.d == date_days_in_month(p->end.y, p->end.m);

	/* date_add_months clamps the day, which turns 29 February into 28. */
	r.start = date_add_months(p->start, years * 12);
	r.end = date_add_months(p->end, years * 12);
	if (last)
		r.end.d = date_days_in_month(r.end.y, r.end.m);
	return r;
}

int64_t
bperiod_days(const struct bperiod *p)
{
	return date_days_from_civil(p->end.y, p->end.m, p->end.d) -
	    date_days_from_civil(p->start.y, p->start.m, p->start.d) + 1;
}

double
bperiod_annualize_factor(const struct bperiod *p)
{
	int64_t days = bperiod_days(p);
	int y;

	if (days < 1)
		return 0.0;
	if (bperiod_in_year(p, &y))
		return (double)(date_is_leap(y) ? 366 : 365) / (double)days;
	return 365.25 / (double)days;
}
