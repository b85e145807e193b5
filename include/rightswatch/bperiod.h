/*
 * bperiod — baseline periods (named apart from period.h, the extractor's
 * resolver of temporal phrases): a closed range of calendar days written as a
 * year ("2020"), a half ("2020-H1"), a quarter ("2020-Q3"), a month
 * ("2020-05") or an explicit range ("2020-01-01/2020-06-30"), and the
 * arithmetic the threshold rules need (the prior year, the same period a
 * year earlier, lengths and annualisation). Pure functions, no allocation.
 */
#ifndef RW_BPERIOD_H
#define RW_BPERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/date.h"

/* Longest canonical form, "YYYY-MM-DD/YYYY-MM-DD", plus the NUL. */
#define BPERIOD_FMT_MAX 22

struct bperiod {
	struct date_ymd start, end; /* both included; start <= end */
};

/* 1 when both ends are real days and start <= end, else 0. */
int bperiod_valid(const struct bperiod *p);
/* 1 when a and b cover exactly the same days. */
int bperiod_equal(const struct bperiod *a, const struct bperiod *b);
/* Parse one of the five written forms into *out; 0, or -1 (and *out untouched). */
int bperiod_parse(const char *s, struct bperiod *out);
/* What a period is: a whole calendar year, half, quarter or month, or
 * another range of days. */
enum bperiod_unit {
	BPERIOD_OTHER = 0,
	BPERIOD_MONTH,
	BPERIOD_QUARTER,
	BPERIOD_HALF,
	BPERIOD_YEAR
};
enum bperiod_unit bperiod_unit(const struct bperiod *p);
/* Canonical form (the shortest of the five that fits) into out (at least
 * BPERIOD_FMT_MAX bytes). Returns out. */
char *bperiod_format(const struct bperiod *p, char *out);
/* "start/end" whatever the period, into out (BPERIOD_FMT_MAX bytes). Returns out. */
char *bperiod_format_range(const struct bperiod *p, char *out);
/* The whole year y. */
struct bperiod bperiod_year(int y);
/* 1 and *year when the period lies inside one calendar year, else 0. */
int bperiod_in_year(const struct bperiod *p, int *year);
/* The whole year before the one p lies in: 0 and *out, or -1 when p spans years. */
int bperiod_prior_year(const struct bperiod *p, struct bperiod *out);
/* The same period shifted by years (negative: earlier). A start on 29
 * February becomes 28 February in a common year (2020-02-29 -> 2019-02-28);
 * an end on the last day of its month stays on the last day, so a whole
 * month stays a whole month (2021-02-28 one year back is 2020-02-29). */
struct bperiod bperiod_shift_years(const struct bperiod *p, int years);
/* Number of days covered (both ends included); at least 1 for a valid period. */
int64_t bperiod_days(const struct bperiod *p);
/* Factor that scales a figure for p to twelve months: the days of p's year
 * (365 or 366) over p's days when p lies in one year, else 365.25 over
 * p's days. */
double bperiod_annualize_factor(const struct bperiod *p);

#endif
