/*
 * extract — numeric indicators out of a release's prose, in English and
 * French: what was counted (taxonomy), the value, its qualifier, the period
 * resolved against the release date, the country and region, and figures
 * implied by comparisons ("five times as many as in all of 2019").
 *
 * A pure function over text: no I/O, no clock (the release date is passed
 * in), no globals. Every observation keeps byte offsets into the text it
 * was given, so the evidence can be quoted exactly.
 */
#ifndef RW_EXTRACT_H
#define RW_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/date.h"

struct config;

/* Bumped whenever the rules change what is extracted; stored with each observation. */
#define EXTRACT_VERSION "1"

enum extract_qualifier {
	EXTRACT_EXACT = 0,
	EXTRACT_AT_LEAST,
	EXTRACT_MORE_THAN,
	EXTRACT_APPROX,
	EXTRACT_AT_MOST
};

enum extract_lang {
	EXTRACT_LANG_AUTO = 0,
	EXTRACT_LANG_EN,
	EXTRACT_LANG_FR
};

/* Where an observation's period came from. */
enum extract_period_source {
	EXTRACT_PERIOD_NONE = 0, /* none: no time was stated, or only a vague one */
	EXTRACT_PERIOD_OWN,      /* an expression of the figure's own sentence */
	EXTRACT_PERIOD_CARRIED,  /* carried from an earlier sentence of the paragraph */
	EXTRACT_PERIOD_HEADING,  /* the heading or table caption above the paragraph */
	EXTRACT_PERIOD_RELEASE,  /* the release's main period (its title, or its first dated figure) */
	EXTRACT_PERIOD_REFERENCE,/* a comparison's reference ("from 140 in the third quarter") */
	EXTRACT_PERIOD_STOCK     /* a stock, as of the publication date: no expression */
};

/* How an observation's period was read, for extract --explain: the time
 * expression it came from (when there is one), what kind of expression
 * it is and what it was resolved against (the interval it gave is the
 * observation's own period). */
struct extract_period_how {
	/* a byte each: a long text keeps tens of thousands of these */
	uint8_t source;         /* enum extract_period_source */
	uint8_t type;           /* enum period_type (period.h): date, range, back, relative, open, as-of, vague */
	uint8_t anchor;         /* enum period_anchor (period.h): none, publication, reporting, previous */
	uint32_t start, end;    /* byte offsets of the expression in the text; start == end: none */
};

struct extract_obs {
	const char *indicator;  /* canonical name; points into the taxonomy (lives as long as it) */
	int64_t value;
	enum extract_qualifier qualifier;
	int has_period;         /* 0: period unknown (null); but see extract_obs_end_only */
	struct date_ymd period_start, period_end;
	const char *country;    /* into the taxonomy, or NULL */
	const char *region;     /* into the taxonomy, or NULL */
	int derived;            /* implied by a comparison */
	/* Offsets are 32-bit, as the extractor's are (text_fold refuses 4 GiB):
	 * a long text gives tens of thousands of observations, each kept until
	 * the text is read. */
	uint32_t start, end;    /* byte offsets of the evidence in the text */
	uint32_t sent_start, sent_end; /* byte offsets of the sentence */
	struct extract_period_how how; /* how the period was read */
};

struct extract_result {
	struct extract_obs *obs;
	size_t nobs;
	/* The period the release reports on, found once (a "covering the
	 * period" phrase, else the title, else the lead paragraphs), which the
	 * relative expressions ("the previous quarter", "la période
	 * considérée") are resolved against; has_report 0 when none. */
	int has_report;
	struct date_ymd report_start, report_end;
	size_t report_expr_start, report_expr_end; /* its expression's byte offsets */
};

/* The taxonomy: built-in indicators and countries, extended or replaced by
 * a configuration's [indicator] and [country] sections (cf may be NULL).
 * Returns NULL on out of memory; free with extract_taxonomy_free. */
struct extract_taxonomy *extract_taxonomy_new(const struct config *cf);
void extract_taxonomy_free(struct extract_taxonomy *tx);

/* What the extractor made of one number of the text, for an analyst asking
 * why a figure was (or was not) found: `rightswatch extract --explain`.
 * Strings are static or point into the taxonomy; offsets are the text's. */
struct extract_note {
	size_t start, end;         /* the number as written */
	int64_t value;
	const char *reading;       /* "count", "percent", "date", "year", "age", "duration",
	                            * "document number", "phone number", "money", "ordinal",
	                            * "time", "multiplier" */
	const char *indicator;     /* what it counts, or NULL */
	const char *rule;          /* how it was attached ("number + noun", ...), or NULL */
	const char *dropped;       /* why it yields nothing, or NULL */
	enum extract_qualifier qualifier;
	long obs;                  /* index of its observation in the result, or -1 */
	size_t clause_start, clause_end; /* its clause, or the apposition it sits in */
	const char *clause_kind;   /* "clause", "apposition" or "title" */
	const char *period_source; /* extract_period_source_name: "stated", "carried", "heading",
	                            * "release", "reference", "stock", "none" */
	size_t period_start, period_end; /* the temporal expression used (equal: none) */
	const char *period_type;   /* period_type_name: "date", "range", "back", "relative", "open",
	                            * "as-of", "vague"; NULL: no period was read */
	const char *period_anchor; /* period_anchor_name: "none", "publication", "reporting",
	                            * "previous"; NULL: no period was read */
};

struct extract_notes {
	struct extract_note *v; /* owned; free with extract_notes_free */
	size_t n, cap;
};

void extract_notes_free(struct extract_notes *notes);

struct extract_params {
	struct date_ymd release_date; /* periods are resolved against it */
	enum extract_lang lang;       /* AUTO: detected from the text */
	const char *country;          /* the release's country when known, or NULL */
	struct extract_notes *notes;  /* when not NULL, a note per number is appended */
};

/* Extract from text (len bytes, any bytes; invalid UTF-8 is tolerated).
 * Linear time in len, bounded memory. Returns 0 and fills res (free with
 * extract_result_free), or -1 on out of memory. */
int extract_text(const struct extract_taxonomy *tx, const char *text, size_t len,
    const struct extract_params *params, struct extract_result *res);
void extract_result_free(struct extract_result *res);

/* 1 when only the period's end is known ("as of 29 November": a stock at a
 * date): has_period is 0 and period_end holds that date. */
int extract_obs_end_only(const struct extract_obs *o);

/* "none", "stated", "carried", "heading", "release", "reference", "stock". */
const char *extract_period_source_name(int source);

/* Fill n's period fields (source, expression, type, anchor) from how. */
void extract_note_period(struct extract_note *n, const struct extract_period_how *how);

/* "exact", "at_least", "more_than", "approx", "at_most". */
const char *extract_qualifier_name(enum extract_qualifier q);

/* The country a release is about, from its title and first paragraph (a
 * configured or built-in country's canonical name), or NULL. */
const char *extract_release_country(const struct extract_taxonomy *tx,
    const char *text, size_t len);

#endif
