/*
 * baseline — the baselines a configuration brings into the store, as data
 * that is checked before it is kept: its [baseline] sections replace the
 * configured rows, its [daemon] baselines CSV file (baseline_csv.c parses
 * it) is imported all or nothing, and every row names an indicator the
 * taxonomy knows and a country the configuration watches, in the
 * spelling the extractor gives its figures ("mali" is stored as "Mali").
 * The daemon calls it at start-up and on reload, `check` to validate,
 * `rightswatch baseline` on demand.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/baseline.h"
#include "rightswatch/baseline_csv.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/buf.h"
#include "rightswatch/config_types.h"
#include "rightswatch/date.h"
#include "rightswatch/log.h"
#include "rightswatch/rules.h"
#include "rightswatch/store.h"
#include "rightswatch/suggest.h"
#include "rightswatch/taxonomy.h"

#define BASELINE_MAX_CSV (64 * 1024 * 1024) /* bytes of a baselines file */

static void
baseline_log_diag(void *arg, const char *msg)
{
	(void)arg;
	log_warnx("%s", msg);
}

/* The names of cf's countries, or (none configured) every country tx
 * knows, or (country 0) every indicator: for a did-you-mean. The caller
 * frees the array, not the names. */
static const char **
baseline_names(const struct config *cf, const struct taxonomy *tx, int country, size_t *n)
{
	const char **v;

	*n = 0;
	if (!country || cf->ncountries == 0)
		return taxonomy_names(tx, country, n);
	if ((v = calloc(cf->ncountries, sizeof(*v))) != NULL)
		for (size_t i = 0; i < cf->ncountries; i++)
			v[(*n)++] = cf->countries[i].name;
	return v;
}

const char *
baseline_country(const struct config *cf, const struct taxonomy *tx, const char *name)
{
	const char *canon;

	if (name == NULL || (canon = taxonomy_country_name(tx,
	    taxonomy_country_find(tx, name))) == NULL)
		return NULL;
	if (cf->ncountries == 0)
		return canon;
	/* Watched: the same country as a [country] section. */
	for (size_t i = 0; i < cf->ncountries; i++)
		if (strcasecmp(taxonomy_country_name(tx, taxonomy_country_find(tx,
		    cf->countries[i].name)), canon) == 0)
			return canon;
	return NULL;
}

const char *
baseline_indicator(const struct taxonomy *tx, const char *name)
{
	return name != NULL ? taxonomy_indicator_name(tx, taxonomy_indicator_id(tx, name)) : NULL;
}

/* Report an unknown name at file:line with the nearest known one. */
static void
baseline_unknown(const struct config *cf, const struct taxonomy *tx, const char *file,
    size_t line, int country, const char *name, baseline_csv_error_fn diag, void *arg)
{
	const char **names, *hint;
	char msg[512];
	size_t n;

	names = baseline_names(cf, tx, country, &n);
	hint = suggest_nearest(name, names, n);
	snprintf(msg, sizeof(msg), "%s:%zu: %s: unknown %s '%.80s'%s%s%s", file, line,
	    country ? "country" : "indicator", country ? "country" : "indicator", name,
	    hint != NULL ? " (did you mean '" : country && cf->ncountries > 0 ?
	    " (not a configured [country])" : "", hint != NULL ? hint : "",
	    hint != NULL ? "'?)" : "");
	free(names);
	if (diag != NULL)
		diag(arg, msg);
}

int
baseline_rows_check(struct baseline_csv_rows *rows, const char *file, const struct config *cf,
    baseline_csv_error_fn diag, void *arg)
{
	struct taxonomy *tx;
	int problems = 0;

	if ((tx = taxonomy_new(cf->indicators, cf->nindicators, cf->countries,
	    cf->ncountries)) == NULL)
		return -1;
	for (size_t i = 0; i < rows->n; i++) {
		struct rules_baseline *r = &rows->rows[i];
		const char *country = baseline_country(cf, tx, r->country);
		const char *indicator = baseline_indicator(tx, r->indicator);
		size_t line = rows->lines != NULL ? rows->lines[i] : 0;

		if (indicator == NULL) {
			baseline_unknown(cf, tx, file, line, 0, r->indicator, diag, arg);
			problems++;
		}
		if (country == NULL) {
			baseline_unknown(cf, tx, file, line, 1, r->country, diag, arg);
			problems++;
		}
		if (country == NULL || indicator == NULL)
			continue;
		/* The rows point to the canonical names, which tx will not outlive. */
		if ((r->country = baseline_csv_intern(rows, country)) == NULL ||
		    (r->indicator = baseline_csv_intern(rows, indicator)) == NULL) {
			taxonomy_free(tx);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			const struct rules_baseline *o = &rows->rows[j];
			char msg[256];

			if (strcmp(o->country, r->country) != 0 ||
			    strcmp(o->indicator, r->indicator) != 0 ||
			    !bperiod_equal(&o->period, &r->period))
				continue;
			snprintf(msg, sizeof(msg), "%s:%zu: the same country, indicator and period "
			    "as line %zu", file, line, rows->lines != NULL ? rows->lines[j] : 0);
			if (diag != NULL)
				diag(arg, msg);
			problems++;
			break;
		}
	}
	taxonomy_free(tx);
	return problems;
}

int
baseline_csv_read(const char *path, const struct config *cf, struct baseline_csv_rows *out,
    baseline_csv_error_fn diag, void *arg)
{
	struct buf text = { NULL, 0, 0 };
	char err[256], msg[512];
	int bad;

	memset(out, 0, sizeof(*out));
	if (buf_read_file(path, BASELINE_MAX_CSV, &text, err, sizeof(err)) == -1) {
		snprintf(msg, sizeof(msg), "%s: %s", path, err);
		if (diag != NULL)
			diag(arg, msg);
		return 1;
	}
	bad = baseline_csv_parse(path, text.data != NULL ? text.data : "", text.len, out,
	    diag, arg);
	buf_free(&text);
	if (bad < 0)
		return -1;
	return bad + baseline_rows_check(out, path, cf, diag, arg);
}

int
baseline_import_csv(struct store *st, const struct config *cf, const char *path,
    size_t *nrows, size_t *added, size_t *updated, baseline_csv_error_fn diag, void *arg)
{
	struct baseline_csv_rows csv;
	struct store_baseline *v = NULL;
	char msg[512];
	int bad, rc = -1;

	if ((bad = baseline_csv_read(path, cf, &csv, diag, arg)) != 0) {
		snprintf(msg, sizeof(msg), "%s: nothing imported (%s)", path,
		    bad < 0 ? "out of memory" : "fix the lines above");
		if (diag != NULL)
			diag(arg, msg);
		goto out;
	}
	if ((v = calloc(csv.n + 1, sizeof(*v))) == NULL)
		goto out;
	for (size_t i = 0; i < csv.n; i++) {
		const struct rules_baseline *r = &csv.rows[i];

		/* the store only reads its input: the strings stay the set's */
		v[i].country = r->country;
		v[i].indicator = r->indicator;
		date_format_ymd(r->period.start, v[i].period_start);
		date_format_ymd(r->period.end, v[i].period_end);
		v[i].value = r->value;
		v[i].source = r->source;
	}
	if (store_baseline_import(st, v, csv.n, added, updated) == -1) {
		snprintf(msg, sizeof(msg), "%s: %s", path, store_errmsg(st));
		if (diag != NULL)
			diag(arg, msg);
		goto out;
	}
	if (nrows != NULL)
		*nrows = csv.n;
	rc = 0;
out:
	free(v);
	baseline_csv_rows_free(&csv);
	return rc;
}

int
baseline_load(struct store *st, const struct config *cf)
{
	struct store_baseline *v = NULL;
	struct taxonomy *tx = NULL;
	size_t added = 0, updated = 0;
	int rc = -1;

	if ((v = calloc(cf->nbaselines_cf + 1, sizeof(*v))) == NULL ||
	    (tx = taxonomy_new(cf->indicators, cf->nindicators, cf->countries,
	    cf->ncountries)) == NULL)
		goto out;
	for (size_t i = 0; i < cf->nbaselines_cf; i++) {
		const struct config_baseline *b = &cf->baselines_cf[i];
		struct bperiod p;

		if (bperiod_parse(b->period, &p) == -1)
			goto out;
		/* In the extractor's spelling, as the figures they meet. */
		v[i].country = baseline_country(cf, tx, b->country) != NULL ?
		    baseline_country(cf, tx, b->country) : b->country;
		v[i].indicator = baseline_indicator(tx, b->indicator) != NULL ?
		    baseline_indicator(tx, b->indicator) : b->indicator;
		date_format_ymd(p.start, v[i].period_start);
		date_format_ymd(p.end, v[i].period_end);
		v[i].value = b->value;
		v[i].source = b->source;
	}
	if (store_baselines_replace_configured(st, v, cf->nbaselines_cf) == -1) {
		log_error("configured baselines: %s", store_errmsg(st));
		goto out;
	}
	if (cf->baselines == NULL) {
		rc = 0;
		goto out;
	}
	if (baseline_import_csv(st, cf, cf->baselines, NULL, &added, &updated,
	    baseline_log_diag, NULL) == -1)
		goto out;
	if (added + updated > 0)
		log_info("%s: %zu baselines added, %zu updated", cf->baselines, added, updated);
	rc = 0;
out:
	taxonomy_free(tx);
	free(v);
	return rc;
}
