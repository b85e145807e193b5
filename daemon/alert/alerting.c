/*
 * alerting — evaluates thresholds against a release's figures and records
 * the alerts (see alerting.h). Owns nothing beyond one call: every array
 * built here is freed before returning.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/alert.h"
#include "rightswatch/alerting.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/buf.h"
#include "rightswatch/config_types.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/extract.h"
#include "rightswatch/log.h"
#include "rightswatch/rules.h"
#include "rightswatch/store.h"

/* Everything a rules evaluation borrows, kept alive together. */
struct alerting_in {
	struct rules_threshold *th;
	const char **notify;         /* every [notify] name, for "all" */
	const char **countries;
	struct rules_obs *obs;
	size_t nobs;
	struct rules_baseline *bl;
	size_t nbl;
	struct store_baseline *stored;
	size_t nstored;
	struct rules_prev *prev;
	size_t nprev;
	char **sentences;            /* owned copies, one per observation */
	char **stock_sources;        /* owned: the sources of the stocks in bl */
	size_t nstock;
	char **fps;                  /* owned fingerprints of prev */
	struct rules_input in;
};

static void
alerting_in_free(struct alerting_in *a)
{
	for (size_t i = 0; a->sentences != NULL && i < a->nobs; i++)
		free(a->sentences[i]);
	for (size_t i = 0; a->fps != NULL && i < a->nprev; i++)
		free(a->fps[i]);
	for (size_t i = 0; i < a->nstock; i++)
		free(a->stock_sources[i]);
	free(a->stock_sources);
	free(a->sentences);
	free(a->fps);
	free(a->th);
	free(a->notify);
	free(a->countries);
	free(a->obs);
	free(a->bl);
	free(a->prev);
	store_baselines_free(a->stored, a->nstored);
	memset(a, 0, sizeof(*a));
}

static int
alerting_bperiod(const char *start, const char *end, struct bperiod *out)
{
	return date_parse_ymd(start, &out->start) == 0 && date_parse_ymd(end, &out->end) == 0 &&
	    bperiod_valid(out) ? 0 : -1;
}

/* The configuration's thresholds as rules.h sees them. */
static int
alerting_thresholds(const struct config *cf, struct alerting_in *a)
{
	if (cf->nthresholds == 0)
		return 0;
	if ((a->th = calloc(cf->nthresholds, sizeof(*a->th))) == NULL ||
	    (a->countries = calloc(cf->ncountries + 1, sizeof(*a->countries))) == NULL)
		return -1;
	for (size_t i = 0; i < cf->nthresholds; i++) {
		const struct config_threshold *t = &cf->thresholds[i];
		struct rules_threshold *r = &a->th[i];

		r->name = t->name;
		r->indicator = t->indicator;
		r->country = t->country;
		r->compare = (enum rules_compare)t->compare;
		r->factor = t->factor;
		r->above = t->above;
		r->severity = (enum rules_severity)t->severity;
		r->notify = (const char *const *)t->notify.v;
		r->nnotify = t->notify.n;
		r->renotify = (enum rules_renotify)t->renotify;
		r->period = (enum rules_period)t->period;
	}
	for (size_t i = 0; i < cf->ncountries; i++)
		a->countries[i] = cf->countries[i].name;
	a->in.thresholds = a->th;
	a->in.nthresholds = cf->nthresholds;
	a->in.countries = a->countries;
	a->in.ncountries = cf->ncountries;
	return 0;
}

/* Does a stock threshold compare obs with the stock reported before it? */
static int
alerting_stock_needed(const struct alerting_in *a, const struct rules_obs *o)
{
	if (o->has_period || !o->has_asof || o->derived || o->country == NULL)
		return 0;
	for (size_t t = 0; t < a->in.nthresholds; t++)
		if (a->th[t].period == RULES_PERIOD_STOCK &&
		    a->th[t].compare == RULES_PREVIOUS_REPORT &&
		    strcmp(a->th[t].indicator, o->indicator) == 0)
			return 1;
	return 0;
}

/* The stock reported before o's day, as a baseline at *out (*n counts it). */
static int
alerting_stock(struct store *st, struct alerting_in *a, const struct rules_obs *o,
    struct rules_baseline *out, size_t *n)
{
	struct store_stock prev;
	char day[11];
	int found;

	if (store_stock_last(st, o->country, o->indicator, date_format_ymd(o->asof, day),
	    &prev, &found) == -1)
		return -1;
	if (!found || date_parse_ymd(prev.date, &out->period.start) == -1) {
		free(prev.source);
		return 0;
	}
	out->period.end = out->period.start;
	out->country = o->country;
	out->indicator = o->indicator;
	out->value = prev.value;
	out->origin = RULES_REPORTED;
	out->stock = 1;
	out->source = a->stock_sources[a->nstock++] = prev.source;
	out->observation_id = 1;
	(*n)++;
	return 0;
}

/* A value threshold needs no baseline; a stock one compares stocks,
 * which have no period and so are no baselines. */
static int
alerting_uses_baselines(const struct rules_threshold *th)
{
	return th->compare != RULES_VALUE && th->period != RULES_PERIOD_STOCK;
}

/* Append to a->stored the baselines of country's indicator (country
 * NULL: every country's) unless an earlier threshold asked for them. */
static int
alerting_stored_add(struct store *st, struct alerting_in *a, size_t t, const char *country)
{
	struct store_baseline *v = NULL, *grown;
	const char *ind = a->th[t].indicator;
	size_t k = 0;

	for (size_t u = 0; u < t; u++)
		if (alerting_uses_baselines(&a->th[u]) && strcmp(a->th[u].indicator, ind) == 0 &&
		    (a->th[u].country == NULL ||
		    (country != NULL && strcasecmp(a->th[u].country, country) == 0)))
			return 0;
	if (store_baseline_list(st, country, ind, &v, &k) == -1)
		return -1;
	if (k == 0)
		return 0;
	if ((grown = realloc(a->stored, (a->nstored + k) * sizeof(*grown))) == NULL) {
		store_baselines_free(v, k);
		return -1;
	}
	/* The rows move; their strings stay in each row's own block. */
	memcpy(grown + a->nstored, v, k * sizeof(*v));
	free(v);
	a->stored = grown;
	a->nstored += k;
	return 0;
}

/* The stored baselines the thresholds can use: those of each (country,
 * indicator) a threshold watches — one for any country, each configured
 * country's (or every country's when none is configured) — one indexed
 * query each rather than every figure known, which on a long history
 * (100,000 figures) costs most of a second for each release judged. */
static int
alerting_stored(struct store *st, struct alerting_in *a)
{
	for (size_t t = 0; t < a->in.nthresholds; t++) {
		const char *c = a->th[t].country;

		if (!alerting_uses_baselines(&a->th[t]))
			continue;
		/* The configured spelling, as the store keeps the country. */
		for (size_t i = 0; c != NULL && i < a->in.ncountries; i++)
			if (strcasecmp(a->countries[i], c) == 0)
				c = a->countries[i];
		if (c != NULL || a->in.ncountries == 0) {
			if (alerting_stored_add(st, a, t, c) == -1)
				return -1;
			continue;
		}
		for (size_t i = 0; i < a->in.ncountries; i++)
			if (alerting_stored_add(st, a, t, a->countries[i]) == -1)
				return -1;
	}
	return 0;
}

/* Stored baselines (configured, imported, and figures of earlier releases)
 * plus the release's own figures: a comparison in the release ("five
 * times as many as in all of 2019") is a baseline for what follows. */
static int
alerting_baselines(struct store *st, struct alerting_in *a)
{
	size_t n = 0;

	if (alerting_stored(st, a) == -1)
		return -1;
	/* Each stock of the release may need the one reported before it. */
	if ((a->bl = calloc(a->nstored + 2 * a->nobs + 1, sizeof(*a->bl))) == NULL ||
	    (a->stock_sources = calloc(a->nobs + 1, sizeof(*a->stock_sources))) == NULL)
		return -1;
	for (size_t i = 0; i < a->nstored; i++) {
		const struct store_baseline *s = &a->stored[i];
		struct rules_baseline *b = &a->bl[n];
		int origin = rules_origin_parse(s->origin);

		if (origin < 0 || alerting_bperiod(s->period_start, s->period_end, &b->period) == -1)
			continue;
		b->country = s->country;
		b->indicator = s->indicator;
		b->value = s->value;
		b->origin = (enum rules_origin)origin;
		b->source = s->source;
		/* Earlier releases come before every figure of this one. */
		b->observation_id = (int64_t)i + 1;
		n++;
	}
	for (size_t i = 0; i < a->nobs; i++)
		if (a->obs[i].has_period && a->obs[i].country != NULL)
			rules_baseline_from_obs(&a->obs[i], &a->bl[n++]);
	for (size_t i = 0; i < a->nobs; i++)
		if (alerting_stock_needed(a, &a->obs[i]) &&
		    alerting_stock(st, a, &a->obs[i], &a->bl[n], &n) == -1)
			return -1;
	a->in.baselines = a->bl;
	a->in.nbaselines = n;
	return 0;
}

/* The alerts already raised for every fingerprint this release could touch. */
static int
alerting_prev(struct store *st, struct alerting_in *a)
{
	size_t cap = a->in.nthresholds * a->nobs;

	if (cap == 0)
		return 0;
	if ((a->prev = calloc(cap, sizeof(*a->prev))) == NULL ||
	    (a->fps = calloc(cap, sizeof(*a->fps))) == NULL)
		return -1;
	for (size_t t = 0; t < a->in.nthresholds; t++)
		for (size_t i = 0; i < a->nobs; i++) {
			const struct rules_threshold *th = &a->th[t];
			const struct rules_obs *o = &a->obs[i];
			int64_t value;
			int found;
			char *fp;

			int stock = th->period == RULES_PERIOD_STOCK;

			if (o->derived || o->country == NULL || strcmp(th->indicator, o->indicator) != 0 ||
			    (stock ? !o->has_asof || o->has_period : !o->has_period))
				continue;
			if ((fp = rules_fingerprint(th->name, o->country, o->indicator,
			    stock ? NULL : &o->period)) == NULL)
				return -1;
			if (store_alert_last(st, fp, &value, &found) == -1) {
				free(fp);
				return -1;
			}
			if (!found) {
				free(fp);
				continue;
			}
			a->fps[a->nprev] = fp;
			a->prev[a->nprev].fingerprint = fp;
			a->prev[a->nprev].value = value;
			a->nprev++;
		}
	a->in.prev = a->prev;
	a->in.nprev = a->nprev;
	return 0;
}

static int
alerting_observations(const struct alerting_release *rel, const struct extract_result *res,
    struct alerting_in *a)
{
	size_t tlen = rel->text != NULL ? strlen(rel->text) : 0;

	if (res->nobs == 0)
		return 0;
	if ((a->obs = calloc(res->nobs, sizeof(*a->obs))) == NULL ||
	    (a->sentences = calloc(res->nobs, sizeof(*a->sentences))) == NULL)
		return -1;
	/* set first, so alerting_in_free releases what a failure leaves */
	a->nobs = res->nobs;
	for (size_t i = 0; i < res->nobs; i++) {
		const struct extract_obs *e = &res->obs[i];
		struct rules_obs *o = &a->obs[i];

		o->indicator = e->indicator;
		o->country = e->country;
		o->value = e->value;
		o->qualifier = e->qualifier;
		o->has_period = e->has_period;
		o->period.start = e->period_start;
		o->period.end = e->period_end;
		if (o->has_period && !bperiod_valid(&o->period))
			o->has_period = 0;
		/* A figure without a period is a stock as of the release's day. */
		o->has_asof = !o->has_period && rel->date != NULL &&
		    date_parse_ymd(rel->date, &o->asof) == 0;
		o->derived = e->derived;
		/* after every stored figure, in the order of the text */
		o->observation_id = INT64_MAX / 2 + (int64_t)i;
		o->title = rel->title;
		o->url = rel->url;
		o->date = rel->date;
		if (e->sent_end <= tlen && e->sent_start < e->sent_end &&
		    (a->sentences[i] = strndup(rel->text + e->sent_start,
		    e->sent_end - e->sent_start)) == NULL)
			return -1;
		o->sentence = a->sentences[i];
	}
	a->nobs = res->nobs;
	a->in.obs = a->obs;
	a->in.nobs = a->nobs;
	return 0;
}

static const struct config_notify *
alerting_notify(const struct config *cf, const char *name)
{
	for (size_t i = 0; i < cf->nnotifies; i++)
		if (strcmp(cf->notifies[i].name, name) == 0)
			return &cf->notifies[i];
	return NULL;
}

/* One decision as a stored alert with its destinations. */
static int
alerting_record(struct store *st, const struct config *cf, const struct rules_decision *d,
    const struct alerting_release *rel, int64_t now)
{
	struct store_alert sa;
	const char *const *dest = NULL;
	const char **all = NULL;   /* every destination, when the threshold names none */
	size_t ndest = 0;
	int64_t alert_id = 0;
	int rc;

	/* The record borrows the decision's and the release's strings: the
	 * store only reads them. */
	alert_record_from_decision(d, &sa);
	sa.doc_id = rel->doc_id;
	sa.title = rel->title;
	sa.date = rel->date;
	sa.url = rel->url;
	/* A silenced alert is recorded, and held back from its destinations. */
	if (store_silence_match(st, sa.rule, sa.country, now, &sa.silence_id) == -1)
		return -1;
	if (d->threshold->nnotify > 0) {
		dest = d->threshold->notify;
		ndest = d->threshold->nnotify;
	} else if (cf->nnotifies > 0) {
		if ((all = calloc(cf->nnotifies, sizeof(*all))) == NULL)
			return -1;
		for (size_t i = 0; i < cf->nnotifies; i++)
			all[i] = cf->notifies[i].name;
		dest = all;
		ndest = cf->nnotifies;
	}
	rc = store_alert_add(st, &sa, dest, ndest, now, &alert_id);
	/* A digest destination sends at the end of its window: the first alert
	 * opens one, later ones join it. */
	for (size_t i = 0; rc == 0 && sa.silence_id == 0 && i < ndest; i++) {
		const struct config_notify *cn = alerting_notify(cf, dest[i]);
		int64_t when;
		int open;

		if (cn == NULL || cn->type != CONFIG_NOTIFY_EMAIL || cn->digest <= 0)
			continue;
		if ((rc = store_outbox_digest_window(st, dest[i], now, &when, &open)) == 0)
			rc = store_outbox_postpone(st, alert_id, dest[i], open ? when : now + cn->digest);
	}
	free(all);
	if (rc == 0) {
		char rule[160], country[160], indicator[160], held[48] = "";

		if (sa.silence_id != 0)
			snprintf(held, sizeof(held), " silenced_by=%lld", (long long)sa.silence_id);
		log_info("alert raised: rule=%s country=%s indicator=%s value=%lld"
		    " period_start=%s period_end=%s kind=%s crossed=%s%s",
		    escape_kv(rule, sizeof(rule), d->threshold->name),
		    escape_kv(country, sizeof(country), d->obs->country),
		    escape_kv(indicator, sizeof(indicator), d->obs->indicator),
		    (long long)d->obs->value, sa.period_start, sa.period_end,
		    sa.is_update ? "update" : "new", d->approximate ? "approximately" : "yes", held);
	}
	return rc;
}

static void alerting_missing_once(const struct rules_result *rr, size_t i,
    alerting_missing_fn *fn, void *arg);

/* The rules' inputs for a release's figures, and their decisions. */
static int
alerting_decide(struct store *st, const struct config *cf, const struct alerting_release *rel,
    const struct extract_result *res, struct alerting_in *a, struct rules_result *rr)
{
	memset(a, 0, sizeof(*a));
	memset(rr, 0, sizeof(*rr));
	return alerting_thresholds(cf, a) == -1 || alerting_observations(rel, res, a) == -1 ||
	    alerting_baselines(st, a) == -1 || alerting_prev(st, a) == -1 ||
	    rules_evaluate(&a->in, rr) == -1 ? -1 : 0;
}

/* Decide for a release's figures: record each alert (record), or say it
 * through fn and the baselines lacking through missing. */
static int
alerting_run(struct store *st, const struct config *cf, const struct alerting_release *rel,
    const struct extract_result *res, int64_t now, int record, alerting_try_fn *fn,
    alerting_missing_fn *missing, void *arg, size_t *nalerts)
{
	struct alerting_in a;
	struct rules_result rr;
	int rc = -1;

	*nalerts = 0;
	if (cf->nthresholds == 0 || res->nobs == 0)
		return 0;
	if (alerting_decide(st, cf, rel, res, &a, &rr) == -1)
		goto out;
	for (size_t i = 0; i < rr.ndec; i++) {
		struct alert al;

		if (record) {
			if (alerting_record(st, cf, &rr.dec[i], rel, now) == -1)
				goto out;
		} else {
			/* What the destinations would receive (the release's own words). */
			alert_from_decision(&rr.dec[i], &al);
			al.title = rel->title;
			al.url = rel->url;
			al.date = rel->date;
			fn(&al, arg);
		}
		(*nalerts)++;
	}
	for (size_t i = 0; missing != NULL && i < rr.nmissing; i++)
		alerting_missing_once(&rr, i, missing, arg);
	rc = 0;
out:
	rules_result_free(&rr);
	alerting_in_free(&a);
	return rc;
}

int
alerting_try(struct store *st, const struct config *cf, const struct alerting_release *rel,
    const struct extract_result *res, alerting_try_fn *fn, alerting_missing_fn *missing,
    void *arg)
{
	size_t n;

	return alerting_run(st, cf, rel, res, 0, 0, fn, missing, arg, &n);
}

int
alerting_evaluate(struct store *st, const struct config *cf,
    const struct alerting_release *rel, const struct extract_result *res, int64_t now,
    size_t *nalerts)
{
	return alerting_run(st, cf, rel, res, now, 1, NULL, NULL, NULL, nalerts);
}

/* Report m once: the rules may name the same (threshold, country,
 * period) for several figures. */
static void
alerting_missing_once(const struct rules_result *rr, size_t i, alerting_missing_fn *fn,
    void *arg)
{
	const struct rules_missing *m = &rr->missing[i];
	struct alerting_missing row;

	for (size_t j = 0; j < i; j++)
		if (rr->missing[j].threshold == m->threshold &&
		    bperiod_equal(&rr->missing[j].period, &m->period) &&
		    (rr->missing[j].country == NULL) == (m->country == NULL) &&
		    (m->country == NULL || strcasecmp(rr->missing[j].country, m->country) == 0))
			return;
	memset(&row, 0, sizeof(row));
	row.threshold = m->threshold->name;
	row.indicator = m->threshold->indicator;
	row.country = m->country;
	row.has_period = 1;
	row.period = m->period;
	fn(&row, arg);
}

int
alerting_missing(struct store *st, const struct config *cf, alerting_missing_fn *fn,
    void *arg)
{
	struct alerting_in a;
	struct rules_result rr = { NULL, 0, NULL, 0 };
	size_t n = 0;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	if (cf->nthresholds == 0)
		return 0;
	/* The figures known so far stand for the releases: each period's
	 * highest reported one, and the configured and imported ones (a
	 * threshold will judge figures like them), as the rules would see
	 * them. */
	if (alerting_thresholds(cf, &a) == -1 || alerting_stored(st, &a) == -1 ||
	    (a.obs = calloc(a.nstored + 1, sizeof(*a.obs))) == NULL ||
	    (a.bl = calloc(a.nstored + 1, sizeof(*a.bl))) == NULL)
		goto out;
	for (size_t i = 0; i < a.nstored; i++) {
		const struct store_baseline *s = &a.stored[i];
		struct rules_obs *o = &a.obs[n];
		int origin = rules_origin_parse(s->origin);

		if (origin < 0 || alerting_bperiod(s->period_start, s->period_end, &o->period) == -1)
			continue;
		a.bl[n].country = s->country;
		a.bl[n].indicator = s->indicator;
		a.bl[n].period = o->period;
		a.bl[n].value = s->value;
		a.bl[n].origin = (enum rules_origin)origin;
		a.bl[n].observation_id = (int64_t)n + 1;
		o->indicator = s->indicator;
		o->country = s->country;
		o->value = s->value;
		o->has_period = 1;
		o->qualifier = EXTRACT_EXACT;
		/* Implied figures are baselines only; all of them are baselines. */
		o->derived = origin == RULES_DERIVED;
		o->observation_id = (int64_t)n + 1;
		n++;
	}
	a.nobs = n;
	a.in.obs = a.obs;
	a.in.nobs = n;
	a.in.baselines = a.bl;
	a.in.nbaselines = n;
	if (rules_evaluate(&a.in, &rr) == -1)
		goto out;
	for (size_t i = 0; i < rr.nmissing; i++)
		alerting_missing_once(&rr, i, fn, arg);
	/* A threshold with no figure at all cannot say which baseline it will
	 * need; say that instead. */
	for (size_t t = 0; t < a.in.nthresholds; t++) {
		const struct rules_threshold *th = &a.th[t];
		struct alerting_missing row;
		size_t i;

		/* A value threshold needs no baseline; a stock one finds its own. */
		if (th->compare == RULES_VALUE || th->period == RULES_PERIOD_STOCK)
			continue;
		for (i = 0; i < n; i++)
			if (!a.obs[i].derived && strcmp(a.obs[i].indicator, th->indicator) == 0 &&
			    (th->country == NULL || (a.obs[i].country != NULL &&
			    strcasecmp(a.obs[i].country, th->country) == 0)))
				break;
		if (i < n)
			continue;
		memset(&row, 0, sizeof(row));
		row.threshold = th->name;
		row.indicator = th->indicator;
		row.country = th->country;
		fn(&row, arg);
	}
	rc = 0;
out:
	rules_result_free(&rr);
	alerting_in_free(&a);
	return rc;
}

int
alerting_missing_line(const struct alerting_missing *m, char *out, size_t outlen)
{
	char per[BPERIOD_FMT_MAX];

	if (m->has_period)
		return snprintf(out, outlen, "%s: %s %s needs a baseline for %s", m->threshold,
		    m->country != NULL ? m->country : "any country", m->indicator,
		    bperiod_format(&m->period, per));
	return snprintf(out, outlen, "%s: no %s figure known yet%s%s (none reported, "
	    "configured or imported)", m->threshold, m->indicator,
	    m->country != NULL ? " for " : "", m->country != NULL ? m->country : "");
}
