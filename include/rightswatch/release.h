/*
 * release — reading one release (its text from a page or a feed item) into
 * the store: document and revision, figures, alerts, in one transaction.
 */
#ifndef RW_RELEASE_H
#define RW_RELEASE_H

#include <stddef.h>
#include <stdint.h>

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

/* Store the release at time now. A release seen before with the same text
 * changes nothing; a new or revised one about a configured country (any,
 * when none is configured) has its figures extracted with tx, compared with
 * cf's thresholds (unless in->no_alerts), and stored with the alerts they
 * raise; *out says what it came to. Returns the document id, or 0 on
 * failure (logged; nothing is stored then). */
int64_t release_store(struct store *st, const struct config *cf,
    const struct extract_taxonomy *tx, const struct release_in *in, int64_t now,
    struct release_result *out);

#endif
