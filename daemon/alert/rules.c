/*
 * rules — the threshold rules of issue 4 as a pure function (see rules.h).
 *
 * Crossing, with F the figure (scaled to twelve months for
 * annualized_prior_year) and L the limit (`above`, or factor x baseline):
 *   exact, at_least  F > L   (at least F: the true count is >= F > L)
 *   more_than        F >= L  (more than F: the true count is > F >= L)
 *   approx           F > L, flagged "approximately crossed"
 *   at_most          never   (up to F says nothing about exceeding L)
 * previous_report crosses when the new figure exceeds factor x the last
 * figure reported for the same period (factor 1.0: any rise); the first
 * report of a period has nothing to rise from and decides nothing.
 * A threshold's period selects its subjects: every figure with a period
 * (any), only those of a whole calendar month, quarter, half or year, or
 * only the figures without one (stock), each as of its release's day;
 * a stock is compared with `above` (value) or with the last stock
 * reported as of an earlier day (previous_report), never with a year.
 * Observations without a country, and derived ones, are never subjects
 * (derived figures serve only as baselines).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/buf.h"
#include "rightswatch/hash.h"
#include "rightswatch/rules.h"

static const char *const compare_names[] = {
	"value", "prior_year_total", "same_period_prior_year",
	"previous_report", "annualized_prior_year"
};
static const char *const severity_names[] = { "info", "warning", "critical" };
static const char *const origin_names[] = { "configured", "imported", "reported", "derived" };
static const char *const renotify_names[] = { "on_increase", "never" };
static const char *const period_names[] = { "any", "month", "quarter", "half", "year", "stock" };
static const char *const qualifier_names[] = {
	"exact", "at_least", "more_than", "approx", "at_most"
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *
rules_name(const char *const *names, size_t n, int v)
{
	return v >= 0 && (size_t)v < n ? names[v] : "unknown";
}

static int
rules_lookup(const char *const *names, size_t n, const char *s)
{
	if (s == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

const char *rules_compare_name(enum rules_compare c) { return rules_name(compare_names, NELEM(compare_names), (int)c); }
const char *rules_severity_name(enum rules_severity s) { return rules_name(severity_names, NELEM(severity_names), (int)s); }
const char *rules_origin_name(enum rules_origin o) { return rules_name(origin_names, NELEM(origin_names), (int)o); }
const char *rules_renotify_name(enum rules_renotify r) { return rules_name(renotify_names, NELEM(renotify_names), (int)r); }
const char *rules_qualifier_name(enum extract_qualifier q) { return rules_name(qualifier_names, NELEM(qualifier_names), (int)q); }
const char *rules_period_name(enum rules_period p) { return rules_name(period_names, NELEM(period_names), (int)p); }
int rules_period_parse(const char *s) { return rules_lookup(period_names, NELEM(period_names), s); }
int rules_compare_parse(const char *s) { return rules_lookup(compare_names, NELEM(compare_names), s); }
int rules_severity_parse(const char *s) { return rules_lookup(severity_names, NELEM(severity_names), s); }
int rules_origin_parse(const char *s) { return rules_lookup(origin_names, NELEM(origin_names), s); }
int rules_renotify_parse(const char *s) { return rules_lookup(renotify_names, NELEM(renotify_names), s); }
int rules_qualifier_parse(const char *s) { return rules_lookup(qualifier_names, NELEM(qualifier_names), s); }

static int
rules_same_country(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

static int
rules_same_key(const struct rules_baseline *b, const char *country,
    const char *indicator, const struct bperiod *p)
{
	return rules_same_country(b->country, country) && b->indicator != NULL &&
	    strcmp(b->indicator, indicator) == 0 && bperiod_equal(&b->period, p);
}

const struct rules_baseline *
rules_baseline_select(const struct rules_baseline *b, size_t n,
    const char *country, const char *indicator, const struct bperiod *p)
{
	const struct rules_baseline *best[4] = { NULL, NULL, NULL, NULL };

	if (country == NULL || indicator == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct rules_baseline *c = &b[i];
		int o = (int)c->origin;

		if (o < 0 || o > 3 || !rules_same_key(c, country, indicator, p))
			continue;
		/* The first configured or imported figure stands; among reported
		 * and derived ones a later release may raise a running count. */
		if (best[o] == NULL || (o >= RULES_REPORTED && c->value > best[o]->value))
			best[o] = c;
	}
	for (int o = 0; o < 4; o++)
		if (best[o] != NULL)
			return best[o];
	return NULL;
}

void
rules_baseline_from_obs(const struct rules_obs *obs, struct rules_baseline *out)
{
	memset(out, 0, sizeof(*out));
	out->country = obs->country;
	out->indicator = obs->indicator;
	out->period = obs->period;
	out->value = obs->value;
	out->origin = obs->derived ? RULES_DERIVED : RULES_REPORTED;
	out->source = obs->title;
	out->observation_id = obs->observation_id;
}

static int
rules_put_escaped(struct buf *b, const char *s)
{
	int rc = 0;

	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '|' || *s == '\\')
			rc |= buf_putc(b, '\\');
		rc |= buf_putc(b, *s);
	}
	return rc;
}

char *
rules_fingerprint(const char *rule, const char *country,
    const char *indicator, const struct bperiod *p)
{
	struct buf b = { 0 };
	char range[BPERIOD_FMT_MAX];
	int rc = 0;

	rc |= rules_put_escaped(&b, rule);
	rc |= buf_putc(&b, '|');
	rc |= rules_put_escaped(&b, country);
	rc |= buf_putc(&b, '|');
	rc |= rules_put_escaped(&b, indicator);
	rc |= buf_putc(&b, '|');
	rc |= buf_puts(&b, p != NULL ? bperiod_format_range(p, range) : "stock");
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int64_t
rules_day(const struct date_ymd *d)
{
	return date_days_from_civil(d->y, d->m, d->d);
}

/* The last stock reported before o's, as of an earlier day. */
static const struct rules_baseline *
rules_previous_stock(const struct rules_input *in, const struct rules_obs *o)
{
	const struct rules_baseline *best = NULL;

	for (size_t i = 0; i < in->nbaselines; i++) {
		const struct rules_baseline *c = &in->baselines[i];

		if (!c->stock || c->origin != RULES_REPORTED ||
		    !rules_same_country(c->country, o->country) || c->indicator == NULL ||
		    strcmp(c->indicator, o->indicator) != 0 ||
		    rules_day(&c->period.start) >= rules_day(&o->asof))
			continue;
		if (best == NULL || rules_day(&c->period.start) > rules_day(&best->period.start))
			best = c;
	}
	return best;
}

/* The last figure reported for exactly the observation's period before it. */
static const struct rules_baseline *
rules_previous_report(const struct rules_input *in, const struct rules_obs *o)
{
	const struct rules_baseline *best = NULL;

	for (size_t i = 0; i < in->nbaselines; i++) {
		const struct rules_baseline *c = &in->baselines[i];

		if (c->origin != RULES_REPORTED || c->stock ||
		    !rules_same_key(c, o->country, o->indicator, &o->period))
			continue;
		/* Never the observation itself, nor one stored after it. */
		if (o->observation_id != 0 && c->observation_id >= o->observation_id)
			continue;
		if (best == NULL || c->observation_id > best->observation_id)
			best = c;
	}
	return best;
}

static int
rules_country_applies(const struct rules_input *in,
    const struct rules_threshold *t, const char *country)
{
	if (country == NULL)
		return 0;
	if (t->country != NULL)
		return rules_same_country(t->country, country);
	if (in->ncountries == 0)
		return 1;
	for (size_t i = 0; i < in->ncountries; i++)
		if (rules_same_country(in->countries[i], country))
			return 1;
	return 0;
}

static int
rules_add_missing(struct rules_result *res, const struct rules_threshold *t,
    const char *country, const struct bperiod *p)
{
	struct rules_missing *m;

	for (size_t i = 0; i < res->nmissing; i++)
		if (res->missing[i].threshold == t &&
		    rules_same_country(res->missing[i].country, country) &&
		    bperiod_equal(&res->missing[i].period, p))
			return 0;
	m = realloc(res->missing, (res->nmissing + 1) * sizeof(*m));
	if (m == NULL)
		return -1;
	res->missing = m;
	m[res->nmissing].threshold = t;
	m[res->nmissing].country = country;
	m[res->nmissing].period = *p;
	res->nmissing++;
	return 0;
}

/* Keep the candidate unless a decision with its fingerprint already holds
 * a figure at least as high. Takes ownership of d->fingerprint. */
static int
rules_add_decision(struct rules_result *res, struct rules_decision *d)
{
	struct rules_decision *n;

	for (size_t i = 0; i < res->ndec; i++) {
		if (strcmp(res->dec[i].fingerprint, d->fingerprint) != 0)
			continue;
		if (d->obs->value > res->dec[i].obs->value) {
			free(res->dec[i].fingerprint);
			res->dec[i] = *d;
		} else {
			free(d->fingerprint);
		}
		return 0;
	}
	n = realloc(res->dec, (res->ndec + 1) * sizeof(*n));
	if (n == NULL) {
		free(d->fingerprint);
		return -1;
	}
	res->dec = n;
	res->dec[res->ndec++] = *d;
	return 0;
}

/* Does t compare o, by its period? A stock threshold takes only figures
 * without a period (as of their release's day); the others only figures
 * with one, of the length they name. */
static int
rules_period_fits(const struct rules_threshold *t, const struct rules_obs *o)
{
	static const enum bperiod_unit unit[] = {
		[RULES_PERIOD_MONTH] = BPERIOD_MONTH, [RULES_PERIOD_QUARTER] = BPERIOD_QUARTER,
		[RULES_PERIOD_HALF] = BPERIOD_HALF, [RULES_PERIOD_YEAR] = BPERIOD_YEAR,
	};

	if (t->period == RULES_PERIOD_STOCK)
		return !o->has_period && o->has_asof;
	if (!o->has_period)
		return 0;
	return t->period == RULES_PERIOD_ANY || ((unsigned)t->period < NELEM(unit) &&
	    bperiod_unit(&o->period) == unit[t->period]);
}

/* One threshold against one observation: 1 and *d when it crossed, 0 when
 * not (or not applicable), -1 on out of memory. */
static int
rules_one(const struct rules_input *in, const struct rules_threshold *t,
    const struct rules_obs *o, struct rules_result *res, struct rules_decision *d)
{
	const struct rules_baseline *b = NULL;
	struct bperiod want;
	double figure = (double)o->value, limit;
	int crossed;

	if (o->derived || o->indicator == NULL || strcmp(o->indicator, t->indicator) != 0 ||
	    !rules_country_applies(in, t, o->country) || !rules_period_fits(t, o))
		return 0;
	switch (t->compare) {
	case RULES_VALUE:
		limit = (double)t->above;
		break;
	case RULES_PREVIOUS_REPORT:
		if ((b = t->period == RULES_PERIOD_STOCK ? rules_previous_stock(in, o) :
		    rules_previous_report(in, o)) == NULL)
			return 0;
		limit = t->factor * (double)b->value;
		break;
	case RULES_PRIOR_YEAR_TOTAL:
	case RULES_ANNUALIZED_PRIOR_YEAR:
	case RULES_SAME_PERIOD_PRIOR_YEAR:
		if (t->period == RULES_PERIOD_STOCK)
			return 0; /* a stock has no period to set against a year */
		if (t->compare == RULES_SAME_PERIOD_PRIOR_YEAR)
			want = bperiod_shift_years(&o->period, -1);
		else if (bperiod_prior_year(&o->period, &want) == -1)
			return 0; /* a period across two years has no prior year */
		if (t->compare == RULES_ANNUALIZED_PRIOR_YEAR)
			figure *= bperiod_annualize_factor(&o->period);
		b = rules_baseline_select(in->baselines, in->nbaselines,
		    o->country, o->indicator, &want);
		if (b == NULL)
			return rules_add_missing(res, t, o->country, &want);
		limit = t->factor * (double)b->value;
		break;
	default:
		return 0;
	}
	switch (o->qualifier) {
	case EXTRACT_AT_MOST:
		crossed = 0;
		break;
	case EXTRACT_MORE_THAN:
		crossed = figure >= limit;
		break;
	default:
		crossed = figure > limit;
		break;
	}
	if (!crossed)
		return 0;
	memset(d, 0, sizeof(*d));
	d->threshold = t;
	d->obs = o;
	d->baseline = b;
	d->limit = limit;
	d->ratio = limit > 0 ? figure / limit : 0.0;
	d->approximate = o->qualifier == EXTRACT_APPROX;
	d->fingerprint = rules_fingerprint(t->name, o->country, o->indicator,
	    t->period == RULES_PERIOD_STOCK ? NULL : &o->period);
	if (d->fingerprint == NULL)
		return -1;
	hash_sha256_hex(d->fingerprint, strlen(d->fingerprint), d->fingerprint_sha256);
	return 1;
}

static int
rules_prev_cmp(const void *a, const void *b)
{
	const struct rules_prev *x = *(const struct rules_prev *const *)a;
	const struct rules_prev *y = *(const struct rules_prev *const *)b;

	return strcmp(x->fingerprint, y->fingerprint);
}

/* The highest value already decided for fp: 1 and *v, or 0 when none. */
static int
rules_prev_max(const struct rules_prev **sorted, size_t n, const char *fp, int64_t *v)
{
	size_t lo = 0, hi = n;
	int found = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(sorted[mid]->fingerprint, fp) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(sorted[lo]->fingerprint, fp) == 0; lo++) {
		if (!found || sorted[lo]->value > *v)
			*v = sorted[lo]->value;
		found = 1;
	}
	return found;
}

int
rules_evaluate(const struct rules_input *in, struct rules_result *res)
{
	const struct rules_prev **sorted = NULL;
	size_t nsorted = 0, keep = 0;

	memset(res, 0, sizeof(*res));
	if (in->nprev > 0) {
		if ((sorted = calloc(in->nprev, sizeof(*sorted))) == NULL)
			return -1;
		for (size_t i = 0; i < in->nprev; i++)
			if (in->prev[i].fingerprint != NULL)
				sorted[nsorted++] = &in->prev[i];
		qsort(sorted, nsorted, sizeof(*sorted), rules_prev_cmp);
	}
	for (size_t ti = 0; ti < in->nthresholds; ti++) {
		for (size_t oi = 0; oi < in->nobs; oi++) {
			struct rules_decision d;
			int rc = rules_one(in, &in->thresholds[ti], &in->obs[oi], res, &d);

			if (rc == 1)
				rc = rules_add_decision(res, &d);
			if (rc == -1)
				goto oom;
		}
	}
	/* Against what was already decided: the same figure again, or a
	 * lower one, raises nothing; a higher one is an update or nothing. */
	for (size_t i = 0; i < res->ndec; i++) {
		struct rules_decision *d = &res->dec[i];
		int64_t pv;

		if (rules_prev_max(sorted, nsorted, d->fingerprint, &pv)) {
			if (d->obs->value <= pv || d->threshold->renotify == RULES_NEVER) {
				free(d->fingerprint);
				continue;
			}
			d->kind = RULES_UPDATE;
			d->has_previous = 1;
			d->previous_value = pv;
		}
		res->dec[keep++] = *d;
	}
	res->ndec = keep;
	free(sorted);
	return 0;
oom:
	free(sorted);
	rules_result_free(res);
	return -1;
}

void
rules_result_free(struct rules_result *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->ndec; i++)
		free(res->dec[i].fingerprint);
	free(res->dec);
	free(res->missing);
	memset(res, 0, sizeof(*res));
}
