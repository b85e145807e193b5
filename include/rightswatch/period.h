/*
 * period — baseline periods: a closed range of calendar days written as a
 * year ("2020"), a half ("2020-H1"), a quarter ("2020-Q3"), a month
 * ("2020-05") or an explicit range ("2020-01-01/2020-06-30"), and the
 * arithmetic the threshold rules need (the prior year, the same period a
 * year earlier, lengths and annualisation). Pure functions, no allocation.
 */
#ifndef RW_PERIOD_H
#define RW_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/date.h"

/* Longest canonical form, "YYYY-MM-DD/YYYY-MM-DD", plus the NUL. */
#define PERIOD_FMT_MAX 22

struct period {
	struct date_ymd start, end; /* both included; start <= end */
};

/* 1 when both ends are real days and start <= end, else 0. */
int period_valid(const struct period *p);
/* 1 when a and b cover exactly the same days. */
int period_equal(const struct period *a, const struct period *b);
/* Parse one of the five written forms into *out; 0, or -1 (and *out untouched). */
int period_parse(const char *s, struct period *out);
/* Canonical form (the shortest of the five that fits) into out (at least
 * PERIOD_FMT_MAX bytes). Returns out. */
char *period_format(const struct period *p, char *out);
/* "start/end" whatever the period, into out (PERIOD_FMT_MAX bytes). Returns out. */
char *period_format_range(const struct period *p, char *out);
/* The whole year y. */
struct period period_year(int y);
/* 1 and *year when the period lies inside one calendar year, else 0. */
int period_in_year(const struct period *p, int *year);
/* The whole year before the one p lies in: 0 and *out, or -1 when p spans years. */
int period_prior_year(const struct period *p, struct period *out);
/* The same period shifted by years (negative: earlier). A start on 29
 * February becomes 28 February in a common year (2020-02-29 -> 2019-02-28);
 * an end on the last day of its month stays on the last day, so a whole
 * month stays a whole month (2021-02-28 one year back is 2020-02-29). */
struct period period_shift_years(const struct period *p, int years);
/* Number of days covered (both ends included); at least 1 for a valid period. */
int64_t period_days(const struct period *p);
/* Factor that scales a figure for p to twelve months: the days of p's year
 * (365 or 366) over p's days when p lies in one year, else 365.25 over
 * p's days. */
double period_annualize_factor(const struct period *p);

#endif
