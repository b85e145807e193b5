/*
 * release — reading one release (its text from a page or a feed item) into
 * the store: document and revision, figures, alerts, in one transaction.
 */
#ifndef RW_RELEASE_H
#define RW_RELEASE_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/alerting.h"
#include "rightswatch/extract.h"
#include "rightswatch/store.h"

struct store;
struct config;
struct extract_taxonomy;
struct metrics;

/* What is known of a release; every string is borrowed. */
struct release_in {
	const char *url;    /* canonical URL: one document per URL */
	const char *title;  /* or NULL */
	const char *date;   /* YYYY-MM-DD from the page, or NULL */
	const char *lang;   /* "en", "fr" ..., or NULL */
	const char *text;   /* the main text */
	int64_t published;  /* the feed's date (seconds UTC) or DATE_UNKNOWN: used
	                       when the page has none, else now */
	struct metrics *metrics; /* counts what was stored, or NULL */
	int no_alerts;      /* 1: store it and its figures, raise nothing (a
	                       source's catch-up, or re-reading a release) */
};

/* What storing a release came to. */
struct release_result {
	enum store_doc_state state; /* new, unchanged (SAME) or revised */
	size_t nfigures;            /* figures stored (0 when unchanged or not about
	                               a configured country) */
	size_t nalerts;             /* alerts raised */
};

/* How the daemon reads a release's text: its country, its date (the
 * page's, else the feed's, else today's, YYYY-MM-DD) and language, and
 * whether it is about a configured country (any, when none is). */
struct release_read {
	const char *country;              /* owned by the taxonomy, or NULL */
	char date[11];
	int relevant;
	struct extract_params params;
};
/* Fill *r for in at now (release_store, reextract and try read alike). */
void release_read_prepare(const struct config *cf, const struct extract_taxonomy *tx,
    const struct release_in *in, int64_t now, struct release_read *r);
/* The figures of in as r reads it (none when it is not relevant) into
 * *res (extract_result_free). 0, or -1 when out of memory. */
int release_read_figures(const struct extract_taxonomy *tx, const struct release_in *in,
    const struct release_read *r, struct extract_result *res);

/* Store the release at time now. A release seen before with the same text
 * changes nothing; a new or revised one about a configured country (any,
 * when none is configured) has its figures extracted with tx, compared with
 * cf's thresholds (unless in->no_alerts), and stored with the alerts they
 * raise; *out says what it came to. Returns the document id, or 0 on
 * failure (logged; nothing is stored then). */
int64_t release_store(struct store *st, const struct config *cf,
    const struct extract_taxonomy *tx, const struct release_in *in, int64_t now,
    struct release_result *out);

/* ---- reading again (release_replay.c) ---- */

/* What reading a release again changed. */
struct release_diff {
	size_t before, after;       /* figures */
	size_t added, removed;      /* figures that are new, and that are gone */
	size_t nalerts;             /* alerts raised (only when asked) */
};

/* Read stored release doc_id's text again with tx and cf (as a new
 * release is read) and replace its figures; with alert, compare the new
 * ones with cf's thresholds first and record the alerts they raise.
 * Returns 0 and *out, 1 when there is no such release, -1 (store_errmsg,
 * or out of memory). */
int release_reextract(struct store *st, const struct config *cf,
    const struct extract_taxonomy *tx, int64_t doc_id, int alert, int64_t now,
    struct release_diff *out);

/* Read in as the daemon would (*rd, its figures into *res, which the
 * caller frees with extract_result_free) and say through fn and missing
 * what cf's thresholds would decide against st (alerting_try), recording
 * nothing. 0 or -1. */
int release_try(struct store *st, const struct config *cf, const struct extract_taxonomy *tx,
    const struct release_in *in, int64_t now, struct release_read *rd,
    struct extract_result *res, alerting_try_fn *fn, alerting_missing_fn *missing, void *arg);

#endif
