/*
 * series — a country's indicator gathered from the store and laid out as
 * a chart (series.h): figures as marks over their periods, the operator's
 * baselines, alert rings linked to their release, and each threshold's
 * limit where it holds.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/baseline.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/config.h"
#include "rightswatch/rules.h"
#include "rightswatch/series.h"
#include "rightswatch/taxonomy.h"

int
series_open(const struct config *cf, const char *country, const char *indicator,
    struct series *s, char *why, size_t whylen)
{
	memset(s, 0, sizeof(*s));
	if (country == NULL || *country == '\0' || indicator == NULL || *indicator == '\0') {
		snprintf(why, whylen, "a series needs both a country and an indicator "
		    "(?country=NAME&indicator=NAME)");
		return 1;
	}
	if ((s->tx = taxonomy_new(cf->indicators, cf->nindicators, cf->countries,
	    cf->ncountries)) == NULL)
		return -1;
	if ((s->country = baseline_country(cf, s->tx, country)) == NULL) {
		snprintf(why, whylen, "unknown country '%s': not one the configuration watches",
		    country);
		return 1;
	}
	if ((s->indicator = baseline_indicator(s->tx, indicator)) == NULL) {
		snprintf(why, whylen, "unknown indicator '%s'", indicator);
		return 1;
	}
	return 0;
}

static const char *series_label(struct series *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A label of its own, printf-style; NULL out of memory. */
static const char *
series_label(struct series *s, const char *fmt, ...)
{
	char **grown, *text;
	va_list ap;
	int r;

	if ((grown = realloc(s->labels, (s->nlabels + 1) * sizeof(*grown))) == NULL)
		return NULL;
	s->labels = grown;
	va_start(ap, fmt);
	r = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (r < 0)
		return NULL;
	return s->labels[s->nlabels++] = text;
}

static enum chart_qual
series_qual(const char *q)
{
	static const char *const names[] = { "exact", "at_least", "more_than", "approx",
		"at_most" };

	for (size_t i = 0; q != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(q, names[i]) == 0)
			return (enum chart_qual)i;
	return CHART_EXACT;
}

/* "at least 65", "about 1,200" ... for a label. */
static const char *
qual_words(enum chart_qual q)
{
	static const char *const words[] = { "", "at least ", "more than ", "about ",
		"at most " };

	return words[q];
}

static void
copy_day(char *dst, const char *src)
{
	snprintf(dst, 11, "%s", src != NULL ? src : "");
}

/* The figures: over their periods, a stock on its release's day. */
static int
series_figures(struct series *s, const char *link_base)
{
	for (size_t i = 0; i < s->nfigs; i++) {
		const struct store_figure *f = &s->figs[i];
		struct chart_mark *m = &s->marks[s->nmarks];

		memset(m, 0, sizeof(*m));
		m->kind = CHART_FIGURE;
		m->value = f->value;
		m->qual = series_qual(f->qualifier);
		m->derived = f->derived;
		copy_day(m->start, f->has_period ? f->period_start : f->doc_date);
		copy_day(m->end, f->has_period ? f->period_end : f->doc_date);
		if ((m->label = series_label(s, "%s%lld %s%s, %s%s%s: %s (%s)",
		    qual_words(m->qual), (long long)f->value, s->indicator,
		    f->derived ? " (implied by a comparison)" : "",
		    f->has_period ? m->start : "as of ", f->has_period ? " to " : m->start,
		    f->has_period ? m->end : "", f->doc_title != NULL ? f->doc_title : "untitled",
		    f->doc_date != NULL ? f->doc_date : "undated")) == NULL ||
		    (link_base != NULL && (m->href = series_label(s, "%s/release/%lld", link_base,
		    (long long)f->doc_id)) == NULL))
			return -1;
		s->nmarks++;
	}
	return 0;
}

/* The baselines the operator gave (reported and derived ones are the
 * figures themselves). */
static int
series_baselines(struct series *s)
{
	for (size_t i = 0; i < s->nbl; i++) {
		const struct store_baseline *b = &s->bl[i];
		struct chart_mark *m = &s->marks[s->nmarks];

		if (strcmp(b->origin, STORE_ORIGIN_CONFIGURED) != 0 &&
		    strcmp(b->origin, STORE_ORIGIN_IMPORTED) != 0)
			continue;
		memset(m, 0, sizeof(*m));
		m->kind = CHART_BASELINE;
		m->value = b->value;
		copy_day(m->start, b->period_start);
		copy_day(m->end, b->period_end);
		if ((m->label = series_label(s, "baseline (%s): %lld %s, %s to %s%s%s", b->origin,
		    (long long)b->value, s->indicator, m->start, m->end,
		    b->source != NULL ? ": " : "", b->source != NULL ? b->source : "")) == NULL)
			return -1;
		s->nmarks++;
	}
	return 0;
}

/* The alerts: a ring around the figure that crossed, linked. */
static int
series_alerts(struct series *s, const char *link_base)
{
	char limit[48];

	for (size_t i = 0; i < s->nalerts; i++) {
		const struct store_alert *a = &s->alerts[i];
		struct chart_mark *m = &s->marks[s->nmarks];

		memset(m, 0, sizeof(*m));
		m->kind = CHART_ALERT;
		m->value = a->value;
		m->qual = series_qual(a->qualifier);
		copy_day(m->start, a->period_start);
		copy_day(m->end, a->period_end);
		if (isnan(a->limit))
			snprintf(limit, sizeof(limit), "its threshold");
		else
			snprintf(limit, sizeof(limit), "the limit %.0f", a->limit);
		if ((m->label = series_label(s, "alert %s (%s): %lld above %s%s%s", a->rule,
		    a->severity, (long long)a->value, limit, a->silence_id ? ", silenced" : "",
		    a->is_update ? ", an update" : "")) == NULL)
			return -1;
		if (link_base != NULL && a->doc_id > 0 && (m->href = series_label(s,
		    "%s/release/%lld", link_base,
		    (long long)a->doc_id)) == NULL)
			return -1;
		s->nmarks++;
	}
	return 0;
}

/* Room for one more line. */
static struct chart_line *
series_line(struct series *s, size_t *cap)
{
	struct chart_line *grown;

	if (s->nlines == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		if ((grown = realloc(s->lines, *cap * sizeof(*grown))) == NULL)
			return NULL;
		s->lines = grown;
	}
	memset(&s->lines[s->nlines], 0, sizeof(s->lines[0]));
	return &s->lines[s->nlines];
}

/* Threshold t's limits, from the baselines it compares with: the year
 * after a whole year's total (prior_year_total, annualized_prior_year),
 * the same period a year later (same_period_prior_year); one line across
 * the chart for compare = value. previous_report's limit moves with each
 * report: the alerts carry it. */
static int
series_threshold(struct series *s, const struct config_threshold *t, size_t *cap)
{
	char prev[11] = "", prevend[11] = "";

	if (t->compare == RULES_VALUE) {
		struct chart_line *l = series_line(s, cap);

		if (l == NULL)
			return -1;
		l->value = (double)t->above;
		if ((l->label = series_label(s, "threshold %s: above %lld", t->name,
		    (long long)t->above)) == NULL)
			return -1;
		s->nlines++;
		return 0;
	}
	if (t->compare == RULES_PREVIOUS_REPORT)
		return 0;
	for (size_t i = 0; i < s->nbl; i++) {
		const struct store_baseline *b = &s->bl[i];
		struct bperiod p, next;
		struct chart_line *l;
		int yearly = t->compare != RULES_SAME_PERIOD_PRIOR_YEAR;

		/* The list is sorted by period, then origin in the order rules
		 * prefer them: the first row of a period is the one compared. */
		if ((strcmp(b->period_start, prev) == 0 && strcmp(b->period_end, prevend) == 0) ||
		    date_parse_ymd(b->period_start, &p.start) == -1 ||
		    date_parse_ymd(b->period_end, &p.end) == -1 ||
		    (yearly && bperiod_unit(&p) != BPERIOD_YEAR))
			continue;
		copy_day(prev, b->period_start);
		copy_day(prevend, b->period_end);
		next = bperiod_shift_years(&p, 1);
		if ((l = series_line(s, cap)) == NULL)
			return -1;
		l->value = t->factor * (double)b->value;
		date_format_ymd(next.start, l->start);
		date_format_ymd(next.end, l->end);
		if ((l->label = series_label(s, "threshold %s (%s): %s%lld, %s baseline of %s to "
		    "%s, %s", t->name, rules_compare_name((enum rules_compare)t->compare),
		    t->factor != 1.0 ? "factor x " : "", (long long)b->value, b->origin,
		    b->period_start, b->period_end,
		    t->compare == RULES_ANNUALIZED_PRIOR_YEAR ? "at a yearly pace" : "as a limit")) ==
		    NULL)
			return -1;
		s->nlines++;
	}
	return 0;
}

static int
series_limits(struct series *s, const struct config *cf)
{
	size_t cap = 0;

	for (size_t k = 0; k < cf->nthresholds; k++) {
		const struct config_threshold *t = &cf->thresholds[k];

		if (strcasecmp(t->indicator, s->indicator) != 0 ||
		    (t->country != NULL && strcasecmp(t->country, s->country) != 0))
			continue;
		if (series_threshold(s, t, &cap) == -1)
			return -1;
	}
	return 0;
}

int
series_gather(struct series *s, struct store *st, const struct config *cf,
    const char *link_base, char *err, size_t errlen)
{
	struct store_alert_filter af = { 0, 0, s->country, s->indicator, 0, 0 };

	if (store_series_figures(st, s->country, s->indicator, &s->figs, &s->nfigs) == -1 ||
	    store_baseline_list(st, s->country, s->indicator, &s->bl, &s->nbl) == -1 ||
	    store_alerts_select(st, &af, &s->alerts, &s->nalerts) == -1) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	if ((s->marks = calloc(s->nfigs + s->nbl + s->nalerts + 1, sizeof(*s->marks))) == NULL ||
	    series_baselines(s) == -1 || series_figures(s, link_base) == -1 ||
	    series_alerts(s, link_base) == -1 || series_limits(s, cf) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(s->title, sizeof(s->title), "%s: %s over time", s->country, s->indicator);
	snprintf(s->desc, sizeof(s->desc), "%zu figure%s of %s in %s reported in releases, "
	    "each over the period it counts; %zu alert%s raised; the thresholds' limits as "
	    "dashed lines and the operator's baselines in grey.", s->nfigs,
	    s->nfigs == 1 ? "" : "s", s->indicator, s->country, s->nalerts,
	    s->nalerts == 1 ? "" : "s");
	s->chart.title = s->title;
	s->chart.desc = s->desc;
	s->chart.marks = s->marks;
	s->chart.nmarks = s->nmarks;
	s->chart.lines = s->lines;
	s->chart.nlines = s->nlines;
	return 0;
}

void
series_clear(struct series *s)
{
	if (s == NULL)
		return;
	store_figures_free(s->figs, s->nfigs);
	store_baselines_free(s->bl, s->nbl);
	store_alerts_free(s->alerts, s->nalerts);
	free(s->marks);
	free(s->lines);
	for (size_t i = 0; i < s->nlabels; i++)
		free(s->labels[i]);
	free(s->labels);
	taxonomy_free(s->tx);
	memset(s, 0, sizeof(*s));
}
