/*
 * alerting — from a release's figures to alerts, inside the transaction that
 * stores them: load the baselines and the alerts already raised, evaluate
 * the configuration's thresholds (rules.c, pure), and write each decision as
 * an alert with one outbox row per destination (store.c). The shell around
 * the pure rules; the notifiers deliver from the outbox later (deliver.h).
 */
#ifndef RW_ALERTING_H
#define RW_ALERTING_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/bperiod.h"

struct config;
struct store;
struct extract_result;

/* What the release is, for the alerts' evidence. */
struct alerting_release {
	const char *title;
	const char *url;
	const char *date; /* YYYY-MM-DD */
	const char *text; /* the text the observations' offsets point into */
	int64_t doc_id;
};

/* Evaluate res (the release's observations, not yet saved) against the
 * baselines stored before it and the thresholds of cf. Must run inside the
 * caller's transaction, BEFORE the observations are saved, so that "the
 * last one reported" means an earlier release. Alerts and outbox rows are
 * written; *nalerts says how many. Returns 0, or -1 (reason in
 * store_errmsg, or out of memory). */
int alerting_evaluate(struct store *st, const struct config *cf,
    const struct alerting_release *rel, const struct extract_result *res, int64_t now,
    size_t *nalerts);

/* What the thresholds would decide, without recording it (`rightswatch
 * try`): each alert the release's figures would raise against what st
 * holds through fn (borrowed for the call), then each threshold that lacks
 * a baseline for one of them through missing (may be NULL). Only reads
 * st. Returns 0 or -1. */
struct alert;
struct alerting_missing;
typedef void alerting_try_fn(const struct alert *a, void *arg);
typedef void alerting_missing_fn(const struct alerting_missing *m, void *arg);
int alerting_try(struct store *st, const struct config *cf, const struct alerting_release *rel,
    const struct extract_result *res, alerting_try_fn *fn, alerting_missing_fn *missing,
    void *arg);

/* A threshold that cannot judge a figure for want of a baseline. Strings
 * are borrowed for the length of the callback. */
struct alerting_missing {
	const char *threshold;        /* [threshold NAME] */
	const char *indicator;
	const char *country;          /* whose figure; NULL: the threshold's any country */
	int has_period;               /* 1: it needs a baseline for period;
	                                 0: no figure of its kind is known yet */
	struct bperiod period;
};
/* The thresholds that cannot be evaluated for want of a baseline, given
 * the figures known so far (reported in releases, configured, imported):
 * each (threshold, country, period) once through fn, and the thresholds
 * that have no figure of their kind at all. Returns 0 or -1. */
int alerting_missing(struct store *st, const struct config *cf, alerting_missing_fn *fn,
    void *arg);
/* m as one line ("NAME: Mali abductions needs a baseline for 2020"), as
 * snprintf does. */
int alerting_missing_line(const struct alerting_missing *m, char *out, size_t outlen);

#endif
