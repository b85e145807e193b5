/*
 * period — parsing, formatting and arithmetic of baseline periods (see
 * period.h). Everything is computed on day numbers from date.c, so leap
 * years and month lengths are handled in one place.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rightswatch/period.h"

int
period_valid(const struct period *p)
{
	return date_valid(p->start.y, p->start.m, p->start.d) &&
	    date_valid(p->end.y, p->end.m, p->end.d) &&
	    date_days_from_civil(p->start.y, p->start.m, p->start.d) <=
	    date_days_from_civil(p->end.y, p->end.m, p->end.d);
}

int
period_equal(const struct period *a, const struct period *b)
{
	return a->start.y == b->start.y && a->start.m == b->start.m &&
	    a->start.d == b->start.d && a->end.y == b->end.y &&
	    a->end.m == b->end.m && a->end.d == b->end.d;
}

/* Exactly n decimal digits at s; their value, or -1. */
static int
period_digits(const char *s, size_t n)
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
static struct period
period_months(int y, int first, int last)
{
	struct period p;

	p.start.y = y, p.start.m = first, p.start.d = 1;
	p.end.y = y, p.end.m = last, p.end.d = date_days_in_month(y, last);
	return p;
}

struct period
period_year(int y)
{
	return period_months(y, 1, 12);
}

int
period_parse(const char *s, struct period *out)
{
	struct period p;
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
		    date_parse_ymd(b, &p.end) == -1 || !period_valid(&p))
			return -1;
		*out = p;
		return 0;
	}
	if (len < 4 || (y = period_digits(s, 4)) < 1)
		return -1;
	if (len == 4)
		p = period_year(y);
	else if (len == 7 && s[4] == '-' && (s[5] == 'H' || s[5] == 'h') &&
	    (n = period_digits(s + 6, 1)) >= 1 && n <= 2)
		p = period_months(y, n * 6 - 5, n * 6);
	else if (len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') &&
	    (n = period_digits(s + 6, 1)) >= 1 && n <= 4)
		p = period_months(y, n * 3 - 2, n * 3);
	else if (len == 7 && s[4] == '-' && (n = period_digits(s + 5, 2)) >= 1 &&
	    n <= 12)
		p = period_months(y, n, n);
	else
		return -1;
	*out = p;
	return 0;
}

char *
period_format_range(const struct period *p, char *out)
{
	date_format_ymd(p->start, out);
	out[10] = '/';
	date_format_ymd(p->end, out + 11);
	return out;
}

char *
period_format(const struct period *p, char *out)
{
	int y = p->start.y, m1 = p->start.m, m2 = p->end.m;
	int whole = p->start.d == 1 && p->end.y == y &&
	    p->end.d == date_days_in_month(p->end.y, m2) && m1 <= m2;

	if (whole && y >= 1 && y <= 9999) {
		if (m1 == 1 && m2 == 12)
			snprintf(out, PERIOD_FMT_MAX, "%04d", y);
		else if (m2 - m1 == 5 && m1 % 6 == 1)
			snprintf(out, PERIOD_FMT_MAX, "%04d-H%d", y, m2 / 6);
		else if (m2 - m1 == 2 && m1 % 3 == 1)
			snprintf(out, PERIOD_FMT_MAX, "%04d-Q%d", y, m2 / 3);
		else if (m1 == m2)
			snprintf(out, PERIOD_FMT_MAX, "%04d-%02d", y, m1);
		else
			period_format_range(p, out);
		return out;
	}
	return period_format_range(p, out);
}

int
period_in_year(const struct period *p, int *year)
{
	if (p->start.y != p->end.y)
		return 0;
	if (year != NULL)
		*year = p->start.y;
	return 1;
}

int
period_prior_year(const struct period *p, struct period *out)
{
	int y;

	if (!period_in_year(p, &y) || y <= 1)
		return -1;
	*out = period_year(y - 1);
	return 0;
}

struct period
period_shift_years(const struct period *p, int years)
{
	struct period r;
	int last = p->end.d == date_days_in_month(p->end.y, p->end.m);

	/* date_add_months clamps the day, which turns 29 February into 28. */
	r.start = date_add_months(p->start, years * 12);
	r.end = date_add_months(p->end, years * 12);
	if (last)
		r.end.d = date_days_in_month(r.end.y, r.end.m);
	return r;
}

int64_t
period_days(const struct period *p)
{
	return date_days_from_civil(p->end.y, p->end.m, p->end.d) -
	    date_days_from_civil(p->start.y, p->start.m, p->start.d) + 1;
}

double
period_annualize_factor(const struct period *p)
{
	int64_t days = period_days(p);
	int y;

	if (days < 1)
		return 0.0;
	if (period_in_year(p, &y))
		return (double)(date_is_leap(y) ? 366 : 365) / (double)days;
	return 365.25 / (double)days;
}
