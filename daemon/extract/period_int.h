/*
 * period_int — what the period module's files share (private): the
 * sentence being scanned with what it is resolved against, the primitives
 * that read dates and keywords (period_date.c), and the recognisers that
 * period_scan_ctx (period.c) tries at each word: parts of years and months
 * (period_part.c), phrases anchored on the publication date, the reporting
 * period or the previous expression (period_anchor.c), and ranges,
 * comparisons and as-of dates (period_phrase.c).
 */
#ifndef RW_PERIOD_INT_H
#define RW_PERIOD_INT_H

#include <stddef.h>

#include "rightswatch/date.h"
#include "rightswatch/period.h"

/* The folded sentence f[lo, hi), the publication date, and (when known)
 * the reporting period and the previous expression. */
struct pc {
	const char *f;
	size_t lo, hi;
	struct date_ymd rel;
	int has_report;
	struct date_ymd rs, re;
	int has_prev;
	struct date_ymd prev_s, prev_e;
	int prev_grain; /* the grain of the sentence's previous phrase ("the fourth" after "the third quarter") */
	const struct period_words *words; /* or NULL */
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
/* A date with no year gets the reporting period's when it falls inside
 * it, else the release's, or the year before when that would put it
 * after the release. */
void period_fill_year(const struct pc *c, struct dt *d);
/* A day number with its ordinal suffix ("1er", "1st"), or -1. */
int period_read_day(const struct pc *c, size_t i, size_t *e);
/* A date, month or year at f[i] (strict: a bare year needs a preposition). */
size_t period_date_at(const struct pc *c, size_t i, struct dt *d, int strict);
/* A date in figures at f[i]: "2024-03-14", "14/03/2024", "2016-11",
 * "11/2016", "2016 Q3"; into pm, the end or 0. */
size_t period_numeric(const struct pc *c, size_t i, struct period_mention *pm);
/* "14 and 15 May": the first and last day of a list sharing one month; end or 0. */
size_t period_day_list(const struct pc *c, size_t i, struct dt *first, struct dt *last);
/* The first and last day d covers. */
void period_bounds(const struct dt *d, struct date_ymd *s, struct date_ymd *e);
struct date_ymd period_add_days(struct date_ymd d, int n);
/* Days from a to b. */
long period_days(struct date_ymd a, struct date_ymd b);
/* "of this year", "de l'annee", "2021": the year (the release's when none is stated). */
size_t period_year_of(const struct pc *c, size_t i, int *y, int *stated);
/* "first" .. "fourth", "premier", "last": 1..4; "Q1".."Q4", "T1".."T4":
 * -1..-4; "H1", "H2", "S1", "S2": -11, -12; 0 for any other word. */
int period_ordinal(const struct pc *c, size_t i, size_t *e);
/* Months [m1, m2] of year y (0: the release's) into pm. */
void period_months(const struct pc *c, int y, int m1, int m2, struct period_mention *pm);
/* Monday 0 .. Sunday 6. */
int period_weekday(struct date_ymd d);
/* The weekday named at f[i] (Monday 0 .. Sunday 6), *e past it; -1 when none. */
int period_weekday_word(const struct pc *c, size_t i, size_t *e);

/* Which recognisers a phrase's first word may start (period_trig.c). */
enum {
	R_RANGE = 1 << 0, R_SINCE = 1 << 1, R_ASOF = 1 << 2, R_WEEK = 1 << 3, R_COMP = 1 << 4,
	R_REL = 1 << 5, R_PART = 1 << 6, R_SPAN = 1 << 7, R_DATE = 1 << 8, R_SUB = 1 << 9,
	R_BACK = 1 << 10, R_ANCH = 1 << 11, R_REP = 1 << 12, R_NUM = 1 << 13
};
/* The recognisers the word f[i, we) may begin: 0 for most words, which
 * are then passed over at once. */
int period_trigger(const struct pc *c, size_t i, size_t we);
/* Whether the phrase at f[i] is the reference of a comparison ("than in
 * 2019", "compared with", "par rapport à") or of a superlative. */
int period_is_ref(const struct pc *c, size_t i);

/* Recognisers: each reads a phrase at f[i], fills pm (type, anchor,
 * grain, interval) and returns its end, or returns 0. */
/* period_part.c */
size_t period_part_of_year(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_part_of_month(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_decade(const struct pc *c, size_t i, struct period_mention *pm);
/* period_anchor.c */
size_t period_relative(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_back(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_since(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_span_to(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_days_of_week(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_from_previous(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_reporting(const struct pc *c, size_t i, struct period_mention *pm);
/* period_phrase.c */
size_t period_comparative(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_range(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_as_of(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_month_span(const struct pc *c, size_t i, struct period_mention *pm);
size_t period_day_span(const struct pc *c, size_t i, struct period_mention *pm);

/* Set pm to the interval s..e with a type, anchor and grain. */
void period_set(struct period_mention *pm, struct date_ymd s, struct date_ymd e, int type,
    int anchor, int grain);

#endif
