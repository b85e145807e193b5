/*
 * period — temporal phrases of a folded sentence (see text.h) resolved
 * against the release date to [start, end]: dates, months, years, ranges
 * ("between 1 April and 30 June 2021", "du 13 au 20 décembre"), "since",
 * "until", quarters, halves, "the first six months of this year", "last
 * year", "le mois dernier", "over the past week", in English and French.
 * Pure functions.
 */
#ifndef RW_PERIOD_H
#define RW_PERIOD_H

#include <stddef.h>

#include "rightswatch/date.h"

enum period_kind {
	PERIOD_ABSOLUTE = 0, /* start and end are known */
	PERIOD_SAME,         /* "the same period last year": the main period moved by shift months */
	PERIOD_PREVIOUS,     /* "the previous six months": shift months before the main period */
	PERIOD_PREVIOUS_WEEK /* "la semaine precedente": the seven days before the main period */
};

struct period_mention {
	size_t start, end;     /* folded offsets of the phrase */
	struct date_ymd ps, pe;
	int kind;              /* enum period_kind */
	int shift;             /* months, for PERIOD_SAME / PERIOD_PREVIOUS */
	int ref;               /* 1: the reference of a comparison ("as in", "than", "compared with") */
	int open;              /* 1: "as of 29 November": only the end (pe) is known */
};

/* The temporal phrases of f[start, end), in order, at most max in out;
 * returns how many. Linear in end - start. */
size_t period_scan(const char *f, size_t len, size_t start, size_t end,
    struct date_ymd release, struct period_mention *out, size_t max);

/* Resolve a relative mention against the main period (ps..pe); returns 0 and
 * sets *out, or -1 when it cannot be resolved. Absolute ones are copied. */
int period_resolve(const struct period_mention *m, struct date_ymd ps, struct date_ymd pe,
    struct date_ymd *os, struct date_ymd *oe);

#endif
