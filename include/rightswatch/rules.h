/*
 * rules — threshold evaluation as a pure function: observations, baselines,
 * thresholds and the decisions already taken go in; the alert decisions to
 * take now (and the thresholds that lacked a baseline) come out. No I/O, no
 * clock, no globals: the caller (the daemon, inside the transaction that
 * stores the observations) loads the inputs from the store and writes the
 * decisions back as alerts and outbox rows.
 *
 * Ownership: every input is borrowed and must outlive the result. A
 * decision points into the inputs (threshold, observation, baseline) and
 * owns only its fingerprint string; rules_result_free releases that and
 * the arrays, never the inputs.
 */
#ifndef RW_RULES_H
#define RW_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/extract.h"
#include "rightswatch/bperiod.h"

enum rules_compare {
	RULES_VALUE = 0,              /* the figure is above `above` */
	RULES_PRIOR_YEAR_TOTAL,       /* inside year Y, above factor x whole year Y-1 */
	RULES_SAME_PERIOD_PRIOR_YEAR, /* above factor x the same period a year earlier */
	RULES_PREVIOUS_REPORT,        /* above factor x the last figure reported for the period */
	RULES_ANNUALIZED_PRIOR_YEAR   /* scaled to twelve months, above factor x year Y-1 */
};

enum rules_severity {
	RULES_INFO = 0,
	RULES_WARNING,
	RULES_CRITICAL
};

enum rules_renotify {
	RULES_ON_INCREASE = 0,        /* a higher figure raises an update */
	RULES_NEVER                   /* one alert per fingerprint, ever */
};

/* Which figures a threshold compares (its `period` key). */
enum rules_period {
	RULES_PERIOD_ANY = 0,         /* every figure that has a period */
	RULES_PERIOD_MONTH,           /* only figures for one whole calendar month */
	RULES_PERIOD_QUARTER,         /* ... quarter */
	RULES_PERIOD_HALF,            /* ... half-year */
	RULES_PERIOD_YEAR,            /* ... year */
	RULES_PERIOD_STOCK            /* only figures without a period (a stock, "2 million
	                                 displaced"), as of their release's date */
};

enum rules_origin {
	RULES_CONFIGURED = 0,         /* [baseline NAME] in the INI file */
	RULES_IMPORTED,               /* a baselines CSV file */
	RULES_REPORTED,               /* a figure observed in a release */
	RULES_DERIVED                 /* a figure implied by a comparison in a release */
};

/* One [threshold NAME] section. */
struct rules_threshold {
	const char *name;
	const char *indicator;
	const char *country;          /* NULL: any configured country */
	enum rules_compare compare;
	double factor;                /* 1.0 unless configured */
	int64_t above;                /* compare = value only */
	enum rules_severity severity;
	const char *const *notify;    /* destination names; nnotify 0: all */
	size_t nnotify;
	enum rules_renotify renotify;
	enum rules_period period;     /* which figures it compares */
};

/* One observation (a row of the store's observations table, or one just
 * extracted) with the release it came from. */
struct rules_obs {
	const char *indicator;
	const char *country;          /* NULL: none named */
	int64_t value;
	enum extract_qualifier qualifier;
	int has_period;               /* 0: period unknown, never evaluated */
	struct bperiod period;
	int derived;                  /* implied by a comparison: a baseline, never a subject */
	int has_asof;                 /* no period: a stock as of asof (the release's date) */
	struct date_ymd asof;
	int64_t observation_id;       /* store id, 0 when not stored yet */
	const char *title;            /* release title, URL, date (YYYY-MM-DD), evidence sentence */
	const char *url;
	const char *date;
	const char *sentence;
};

/* One candidate baseline. Configured and imported ones come from the
 * store's baselines table; reported and derived ones are observations
 * (see rules_baseline_from_obs). */
struct rules_baseline {
	const char *country;
	const char *indicator;
	struct bperiod period;
	int64_t value;
	enum rules_origin origin;
	const char *source;           /* free text, or NULL */
	int64_t observation_id;       /* reported/derived: the observation; 0 otherwise */
	int stock;                    /* a stock reported as of period.start (= period.end) */
};

/* A decision already taken: an alert row (fingerprint and its value). The
 * fingerprint is the string form (rules_decision.fingerprint), which is
 * what alerts.fingerprint should hold. */
struct rules_prev {
	const char *fingerprint;
	int64_t value;
};

struct rules_input {
	const struct rules_obs *obs;
	size_t nobs;
	const struct rules_baseline *baselines;
	size_t nbaselines;
	const struct rules_threshold *thresholds;
	size_t nthresholds;
	const struct rules_prev *prev;
	size_t nprev;
	const char *const *countries; /* configured countries; none: any country */
	size_t ncountries;
};

enum rules_kind {
	RULES_NEW = 0,                /* first alert for this fingerprint */
	RULES_UPDATE                  /* a higher figure than the one already alerted */
};

struct rules_decision {
	enum rules_kind kind;
	const struct rules_threshold *threshold;  /* borrowed from the input */
	const struct rules_obs *obs;              /* borrowed: the figure that crossed */
	const struct rules_baseline *baseline;    /* borrowed; NULL for compare = value */
	char *fingerprint;                        /* owned: "rule|country|indicator|start/end" */
	char fingerprint_sha256[65];              /* its SHA-256 in lowercase hex */
	double limit;                 /* what the figure had to exceed: factor x baseline, or above */
	double ratio;                 /* figure (annualised when so compared) / limit; 0 when limit is 0 */
	int approximate;              /* approx figure: "approximately crossed" */
	int has_previous;             /* update: previous_value is what it rose from */
	int64_t previous_value;
};

/* A threshold that could not be evaluated for want of a baseline. */
struct rules_missing {
	const struct rules_threshold *threshold; /* borrowed */
	const char *country;                     /* borrowed from the observation */
	struct bperiod period;                    /* the baseline period that was needed */
};

struct rules_result {
	struct rules_decision *dec;
	size_t ndec;
	struct rules_missing *missing;
	size_t nmissing;
};

/* Evaluate every threshold against every observation. At most one decision
 * per fingerprint (the highest crossing figure). Returns 0 and fills res
 * (free with rules_result_free), or -1 on out of memory (res empty). */
int rules_evaluate(const struct rules_input *in, struct rules_result *res);
void rules_result_free(struct rules_result *res);

/* The baseline for (country, indicator, period): configured, then imported,
 * then the highest reported for exactly that period, then the highest
 * derived. Country is matched without regard to case. NULL when none. */
const struct rules_baseline *rules_baseline_select(const struct rules_baseline *b,
    size_t n, const char *country, const char *indicator, const struct bperiod *p);

/* View an observation as a baseline (reported, or derived when derived);
 * strings are borrowed from obs. */
void rules_baseline_from_obs(const struct rules_obs *obs, struct rules_baseline *out);

/* The fingerprint "rule|country|indicator|YYYY-MM-DD/YYYY-MM-DD" ('|' and
 * '\' in names escaped with '\'; a NULL country is empty), or
 * "rule|country|indicator|stock" for a stock threshold (p NULL): one alert
 * per country, then updates as the stock rises. Caller frees; NULL on out
 * of memory. */
char *rules_fingerprint(const char *rule, const char *country,
    const char *indicator, const struct bperiod *p);

/* Names as the INI file and the store spell them, and back (-1: unknown). */
const char *rules_compare_name(enum rules_compare c);
const char *rules_severity_name(enum rules_severity s);
const char *rules_origin_name(enum rules_origin o);
const char *rules_renotify_name(enum rules_renotify r);
const char *rules_qualifier_name(enum extract_qualifier q);
const char *rules_period_name(enum rules_period p);
int rules_period_parse(const char *s);
int rules_compare_parse(const char *s);
int rules_severity_parse(const char *s);
int rules_origin_parse(const char *s);
int rules_renotify_parse(const char *s);
int rules_qualifier_parse(const char *s);

#endif
