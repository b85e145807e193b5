/*
 * period_int — what the period module's files share (private): the
 * sentence being scanned, the primitives that read dates and keywords
 * (period_date.c), and the phrase recognisers (period_phrase.c) that
 * period_scan (period.c) tries at each word.
 */
#ifndef RW_PERIOD_INT_H
#define RW_PERIOD_INT_H

#include <stddef.h>

#include "rightswatch/date.h"
#include "rightswatch/period.h"

/* The folded sentence f[lo, hi) and the release date. */
struct pc {
	const char *f;
	size_t lo, hi;
	struct date_ymd rel;
};

/* A date as read: a year, a month of a year, or a day. */
struct dt {
	int y, m, d;
	int prec; /* 1 year, 2 month, 3 day */
};

static inline int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Primitives (period_date.c). Each returns the end of what it read, or 0
 * (or a negative value for the int readers) when nothing is there. */
/* Skip spaces, apostrophes and line feeds from f[i]. */
size_t period_sp(const struct pc *c, size_t i);
/* Words of pat (space separated, alternatives split by '/') at f[i]: the end, or 0. */
size_t period_kw(const struct pc *c, size_t i, const char *pat);
/* An integer of at most maxd digits at f[i]; -1 if none or longer. */
int period_read_int(const struct pc *c, size_t i, size_t *e, int maxd);
/* A year 1900..2100 (four digits, no letter after) at f[i], or -1. */
int period_read_year(const struct pc *c, size_t i, size_t *e);
/* A date with no year gets the release's, or the year before when that
 * would put it after the release. */
void period_fill_year(const struct pc *c, struct dt *d);
/* A day number with its ordinal suffix ("1er", "1st"), or -1. */
int period_read_day(const struct pc *c, size_t i, size_t *e);
/* A date, month or year at f[i] (strict: a bare year needs a preposition). */
size_t period_date_at(const struct pc *c, size_t i, struct dt *d, int strict);
/* "14 and 15 May": the first and last day of a list sharing one month; end or 0. */
size_t period_day_list(const struct pc *c, size_t i, struct dt *first, struct dt *last);
/* The first and last day d covers. */
void period_bounds(const struct dt *d, struct date_ymd *s, struct date_ymd *e);
struct date_ymd period_add_days(struct date_ymd d, int n);
/* "of this year", "de l'annee", "2021": the year (the release's when none is stated). */
size_t period_year_of(const struct pc *c, size_t i, int *y, int *stated);
/* "first" .. "fourth", "premier", "last": 1..4; "Q1".."Q4": -1..-4;
 * "H1", "H2": -11, -12; 0 for any other word. */
int period_ordinal(const struct pc *c, size_t i, size_t *e);
/* Months [m1, m2] of year y (0: the release's) into pm. */
void period_months(const struct pc *c, int y, int m1, int m2, struct period_mention *pm);

/* Phrase recognisers (period_phrase.c): each reads a phrase at f[i],
 * fills pm and returns its end, or returns 0. */
size_t period_part_of_year(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_relative(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_comparative(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_range(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_since(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_days_of_week(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_as_of(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_month_span(const struct pc *c, size_t i, struct period_mention *pm);

#endif
