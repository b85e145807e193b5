/*
 * period — the temporal-expression normaliser: the time phrases of a
 * folded sentence (see text.h), each given a type (a date, a range, a
 * duration back from an anchor, a unit relative to an anchor, an open
 * interval up to the anchor, an as-of date) and the anchor it needs (none,
 * the publication date, the period the release reports on, the previous
 * expression), and resolved to an interval [start, end], in English and
 * French. Table-driven in the manner of HeidelTime and SUTime: a trigger
 * word selects the recognisers to try (period.c), each a small pattern
 * reader (period_phrase.c, period_anchor.c, period_part.c) over primitives
 * (period_date.c). Pure functions; no clock but the dates passed in.
 *
 * Examples, for a release of Monday 2021-08-09 reporting on 2021-04-01 ..
 * 2021-06-30:
 *   "between 1 April and 30 June 2021"  range            2021-04-01..2021-06-30
 *   "in March"                          date, publication 2021-03-01..2021-03-31
 *   "the 2010s", "Q3 2016", "2016-11"   date             (the decade, quarter, month)
 *   "early 2023", "mi-juillet"          date             (a third of the year or month)
 *   "the last week of July"             date             2021-07-25..2021-07-31
 *   "over the past two weeks"           back, publication 2021-07-26..2021-08-09
 *   "en six mois"                       back, publication 2021-02-09..2021-08-09
 *   "since 3 October"                   open, publication 2020-10-03..2021-08-09
 *   "Thursday's attack", "dimanche"     relative, publication (the last such day before)
 *   "the previous quarter"              relative, reporting 2021-01-01..2021-03-31
 *   "the day before"                    relative, previous (the day before the last date)
 *   "as of 29 July", "à ce jour"        as-of: only the end is known
 *   "in recent days"                    vague: no period at all
 */
#ifndef RW_PERIOD_H
#define RW_PERIOD_H

#include <stddef.h>

#include "rightswatch/date.h"

/* How a comparison's reference is resolved when no reporting period was
 * known at scan time (period_resolve). */
enum period_kind {
	PERIOD_ABSOLUTE = 0, /* start and end are known */
	PERIOD_SAME,         /* "the same period last year": the main period moved by shift months */
	PERIOD_PREVIOUS,     /* "the previous six months": shift months before the main period */
	PERIOD_PREVIOUS_WEEK /* "la semaine precedente", "the previous ten days": the seven days
	                      * (or shift days) before the main period */
};

/* What kind of temporal expression it is. */
enum period_type {
	PERIOD_T_DATE = 0, /* a day, month, quarter, half, year, decade, or a part of one */
	PERIOD_T_RANGE,    /* "between 1 July and 30 September", "du 1er au 30 juin" */
	PERIOD_T_BACK,     /* a duration back from the anchor: "over the past two weeks", "en six mois" */
	PERIOD_T_RELATIVE, /* a unit relative to the anchor: "last year", "the previous quarter",
	                    * "Thursday", "the day before" */
	PERIOD_T_OPEN,     /* from a date up to the anchor: "since 3 October", "so far this year" */
	PERIOD_T_ASOF,     /* a stock at a date: "as of 29 November", "à ce jour"; only the end */
	PERIOD_T_VAGUE     /* a time that resolves to nothing: "in recent days", "ces derniers jours" */
};

/* What the expression was resolved against. */
enum period_anchor {
	PERIOD_A_NONE = 0,    /* nothing: every part was written ("in March 2021") */
	PERIOD_A_PUBLICATION, /* the publication date (also the year of "in March") */
	PERIOD_A_REPORTING,   /* the period the release reports on */
	PERIOD_A_PREVIOUS     /* the previous expression, or the figure's own period */
};

/* The unit an expression is counted in. */
enum period_grain {
	PERIOD_G_NONE = 0, PERIOD_G_DAY, PERIOD_G_WEEK, PERIOD_G_MONTH, PERIOD_G_QUARTER,
	PERIOD_G_HALF, PERIOD_G_YEAR, PERIOD_G_DECADE
};

struct period_mention {
	size_t start, end;     /* folded offsets of the phrase */
	struct date_ymd ps, pe;
	int kind;              /* enum period_kind */
	int shift;             /* months, for PERIOD_SAME / PERIOD_PREVIOUS; days (0: 7) for
	                        * PERIOD_PREVIOUS_WEEK */
	int ref;               /* 1: the reference of a comparison ("as in", "than", "compared with") */
	int open;              /* 1: "as of 29 November": only the end (pe) is known */
	int type;              /* enum period_type */
	int anchor;            /* enum period_anchor */
	int grain;             /* enum period_grain */
};

/* What the expressions of a sentence are resolved against. */
struct period_context {
	struct date_ymd release;  /* the publication date */
	int has_report;           /* 1: the release's reporting period rs..re is known */
	struct date_ymd rs, re;
	int has_prev;             /* 1: the text's previous expression prev_s..prev_e is known */
	struct date_ymd prev_s, prev_e;
	const struct period_words *words; /* period_words_new's, borrowed; NULL: none (slower, same result) */
};

/* The words that may begin a temporal phrase (trigger words, month names,
 * number words), each with what it may begin, in one hash: a sentence's
 * words are each looked up once instead of compared with every list.
 * Built once (per taxonomy, not per text); NULL when out of memory. */
struct period_words;
struct period_words *period_words_new(void);
void period_words_free(struct period_words *pw);

/* The temporal phrases of f[start, end), in order, at most max in out;
 * returns how many. An expression that needs an anchor the context does
 * not give is left out, or kept relative (kind != PERIOD_ABSOLUTE) for
 * period_resolve. Linear in end - start. */
size_t period_scan_ctx(const char *f, size_t len, size_t start, size_t end,
    const struct period_context *ctx, struct period_mention *out, size_t max);

/* period_scan_ctx with only the publication date known. */
size_t period_scan(const char *f, size_t len, size_t start, size_t end,
    struct date_ymd release, struct period_mention *out, size_t max);

/* Resolve a relative mention against the main period (ps..pe); returns 0 and
 * sets *out, or -1 when it cannot be resolved. Absolute ones are copied. */
int period_resolve(const struct period_mention *m, struct date_ymd ps, struct date_ymd pe,
    struct date_ymd *os, struct date_ymd *oe);

/* Whether f[start, end) names the reporting period ("covering the period
 * from 1 April to 30 June", "période couverte"): the offset where the
 * period phrase may begin, or 0. */
size_t period_reporting_cue(const char *f, size_t start, size_t end);

/* "date", "range", "back", "relative", "open", "as-of", "vague"; and
 * "none", "publication", "reporting", "previous": static strings. */
const char *period_type_name(int type);
const char *period_anchor_name(int anchor);

#endif
