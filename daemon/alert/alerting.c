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
	}
	for (size_t i = 0; i < cf->ncountries; i++)
		a->countries[i] = cf->countries[i].name;
	a->in.thresholds = a->th;
	a->in.nthresholds = cf->nthresholds;
	a->in.countries = a->countries;
	a->in.ncountries = cf->ncountries;
	return 0;
}

/* Stored baselines (configured, imported, and figures of earlier releases)
 * plus the release's own figures: a comparison in the release ("five
 * times as many as in all of 2019") is a baseline for what follows. */
static int
alerting_baselines(struct store *st, struct alerting_in *a)
{
	size_t n = 0;

	if (store_baseline_list(st, NULL, NULL, &a->stored, &a->nstored) == -1)
		return -1;
	if ((a->bl = calloc(a->nstored + a->nobs + 1, sizeof(*a->bl))) == NULL)
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

			if (!o->has_period || o->derived || o->country == NULL ||
			    strcmp(th->indicator, o->indicator) != 0)
				continue;
			if ((fp = rules_fingerprint(th->name, o->country, o->indicator,
			    &o->period)) == NULL)
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
	char tmp[11];
	int rc;

	/* The alert borrows the decision's, the release's and the rules'
	 * strings: the store only reads them. */
	memset(&sa, 0, sizeof(sa));
	sa.fingerprint = d->fingerprint;
	sa.rule = d->threshold->name;
	sa.severity = rules_severity_name(d->threshold->severity);
	sa.country = d->obs->country;
	sa.indicator = d->obs->indicator;
	sa.value = d->obs->value;
	sa.qualifier = rules_qualifier_name(d->obs->qualifier);
	sa.approximate = d->approximate;
	sa.is_update = d->kind == RULES_UPDATE;
	sa.previous_value = d->has_previous ? d->previous_value : -1;
	memcpy(sa.period_start, date_format_ymd(d->obs->period.start, tmp), 11);
	memcpy(sa.period_end, date_format_ymd(d->obs->period.end, tmp), 11);
	sa.baseline_value = -1;
	if (d->baseline != NULL) {
		sa.baseline_value = d->baseline->value;
		memcpy(sa.baseline_period_start, date_format_ymd(d->baseline->period.start, tmp), 11);
		memcpy(sa.baseline_period_end, date_format_ymd(d->baseline->period.end, tmp), 11);
		sa.baseline_origin = rules_origin_name(d->baseline->origin);
		sa.baseline_source = d->baseline->source;
	}
	sa.ratio = d->ratio > 0 ? d->ratio : NAN;
	sa.doc_id = rel->doc_id;
	sa.title = rel->title;
	sa.date = rel->date;
	sa.url = rel->url;
	sa.sentence = d->obs->sentence;
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
	for (size_t i = 0; rc == 0 && i < ndest; i++) {
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
		char rule[160], country[160], indicator[160];

		log_info("alert raised: rule=%s country=%s indicator=%s value=%lld"
		    " period_start=%s period_end=%s kind=%s crossed=%s",
		    escape_kv(rule, sizeof(rule), d->threshold->name),
		    escape_kv(country, sizeof(country), d->obs->country),
		    escape_kv(indicator, sizeof(indicator), d->obs->indicator),
		    (long long)d->obs->value, sa.period_start, sa.period_end,
		    sa.is_update ? "update" : "new", d->approximate ? "approximately" : "yes");
	}
	return rc;
}

int
alerting_evaluate(struct store *st, const struct config *cf,
    const struct alerting_release *rel, const struct extract_result *res, int64_t now,
    size_t *nalerts)
{
	struct alerting_in a;
	struct rules_result rr = { NULL, 0, NULL, 0 };
	int rc = -1;

	*nalerts = 0;
	if (cf->nthresholds == 0 || res->nobs == 0)
		return 0;
	memset(&a, 0, sizeof(a));
	if (alerting_thresholds(cf, &a) == -1 || alerting_observations(rel, res, &a) == -1 ||
	    alerting_baselines(st, &a) == -1 || alerting_prev(st, &a) == -1 ||
	    rules_evaluate(&a.in, &rr) == -1)
		goto out;
	for (size_t i = 0; i < rr.ndec; i++) {
		if (alerting_record(st, cf, &rr.dec[i], rel, now) == -1)
			goto out;
		(*nalerts)++;
	}
	rc = 0;
out:
	rules_result_free(&rr);
	alerting_in_free(&a);
	return rc;
}

int
alerting_missing(struct store *st, const struct config *cf,
    void (*fn)(const char *line, void *arg), void *arg)
{
	struct alerting_in a;
	struct rules_result rr = { NULL, 0, NULL, 0 };
	size_t n = 0;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	if (cf->nthresholds == 0)
		return 0;
	/* The figures reported so far stand for the releases: each period's
	 * highest, as the rules would see them. */
	if (alerting_thresholds(cf, &a) == -1 ||
	    store_baseline_list(st, NULL, NULL, &a.stored, &a.nstored) == -1 ||
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
		/* Only reported figures are subjects; all of them are baselines. */
		o->derived = origin != RULES_REPORTED;
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
	for (size_t i = 0; i < rr.nmissing; i++) {
		const struct rules_missing *m = &rr.missing[i];
		char line[512], per[BPERIOD_FMT_MAX];
		int dup = 0;

		bperiod_format(&m->period, per);
		snprintf(line, sizeof(line), "%s: %s %s needs a baseline for %s", m->threshold->name,
		    m->country != NULL ? m->country : "any country", m->threshold->indicator, per);
		for (size_t j = 0; j < i && !dup; j++) {
			char other[512], per2[BPERIOD_FMT_MAX];

			bperiod_format(&rr.missing[j].period, per2);
			snprintf(other, sizeof(other), "%s: %s %s needs a baseline for %s",
			    rr.missing[j].threshold->name, rr.missing[j].country != NULL ?
			    rr.missing[j].country : "any country", rr.missing[j].threshold->indicator,
			    per2);
			dup = strcmp(line, other) == 0;
		}
		if (!dup)
			fn(line, arg);
	}
	/* A threshold with no figure at all cannot say which baseline it will
	 * need; say that instead. */
	for (size_t t = 0; t < a.in.nthresholds; t++) {
		const struct rules_threshold *th = &a.th[t];
		char line[512];
		size_t i;

		if (th->compare == RULES_VALUE) /* needs no baseline */
			continue;
		for (i = 0; i < n; i++)
			if (!a.obs[i].derived && strcmp(a.obs[i].indicator, th->indicator) == 0 &&
			    (th->country == NULL || (a.obs[i].country != NULL &&
			    strcasecmp(a.obs[i].country, th->country) == 0)))
				break;
		if (i < n)
			continue;
		snprintf(line, sizeof(line), "%s: no %s figure reported yet%s%s", th->name,
		    th->indicator, th->country != NULL ? " for " : "",
		    th->country != NULL ? th->country : "");
		fn(line, arg);
	}
	rc = 0;
out:
	rules_result_free(&rr);
	alerting_in_free(&a);
	return rc;
}
