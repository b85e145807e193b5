/*
 * release_replay — reading stored releases again: `reextract` runs the
 * extractor over a release's stored text with the current configuration
 * (its taxonomy, its countries' terms) and replaces its figures, alerting
 * only when asked; `try` reads a release file as the daemon would and
 * says which thresholds it would cross, recording nothing. Both read a
 * release exactly as release.c does (release_read_prepare).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/alerting.h"
#include "rightswatch/buf.h"
#include "rightswatch/date.h"
#include "rightswatch/extract.h"
#include "rightswatch/release.h"
#include "rightswatch/store.h"

/* A figure as one comparable line: what it counts, where it says so. */
static char *
release_key(const char *indicator, int64_t value, const char *qualifier, const char *start,
    const char *end, const char *country, int derived, int64_t at, int64_t to)
{
	struct buf b = { NULL, 0, 0 };

	if (buf_printf(&b, "%s|%lld|%s|%s|%s|%s|%d|%lld|%lld", indicator, (long long)value,
	    qualifier, start, end, country != NULL ? country : "", derived, (long long)at,
	    (long long)to) == -1) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int
release_key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How many of a[0..na) are not in b[0..nb) (both sorted; a multiset). */
static size_t
release_missing(char **a, size_t na, char **b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;

	while (i < na) {
		int c = j < nb ? strcmp(a[i], b[j]) : -1;

		if (c == 0)
			i++, j++;
		else if (c < 0)
			i++, n++;
		else
			j++;
	}
	return n;
}

static void
release_keys_free(char **v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

/* The figures added and removed from old to new. 0, or -1 out of memory. */
static int
release_diff(const struct store_figure *old, size_t nold, const struct extract_result *res,
    struct release_diff *out)
{
	char **a = calloc(nold + 1, sizeof(*a)), **b = calloc(res->nobs + 1, sizeof(*b));
	int rc = -1;

	if (a == NULL || b == NULL)
		goto out;
	for (size_t i = 0; i < nold; i++)
		if ((a[i] = release_key(old[i].indicator, old[i].value, old[i].qualifier,
		    old[i].period_start, old[i].period_end, old[i].country, old[i].derived,
		    old[i].start, old[i].end)) == NULL)
			goto out;
	for (size_t i = 0; i < res->nobs; i++) {
		const struct extract_obs *o = &res->obs[i];
		char s[11] = "", e[11] = "";

		if (o->has_period) {
			date_format_ymd(o->period_start, s);
			date_format_ymd(o->period_end, e);
		}
		if ((b[i] = release_key(o->indicator, o->value, extract_qualifier_name(o->qualifier),
		    s, e, o->country, o->derived, (int64_t)o->start, (int64_t)o->end)) == NULL)
			goto out;
	}
	qsort(a, nold, sizeof(*a), release_key_cmp);
	qsort(b, res->nobs, sizeof(*b), release_key_cmp);
	out->before = nold;
	out->after = res->nobs;
	out->removed = release_missing(a, nold, b, res->nobs);
	out->added = release_missing(b, res->nobs, a, nold);
	rc = 0;
out:
	release_keys_free(a, nold);
	release_keys_free(b, res->nobs);
	return rc;
}

/* Replace release r's figures by res (alerting when asked), in one
 * transaction. */
static int
release_replace(struct store *st, const struct config *cf, const struct store_release *r,
    const char *text, const struct extract_result *res, int alert, int64_t now,
    struct release_diff *out)
{
	struct alerting_release rel = { r->title, r->url, r->date, text, r->id };

	if (store_begin(st) == -1)
		return -1;
	/* Its old figures go first: the thresholds compare with earlier
	 * releases, not with this one's previous reading. */
	if (store_observations_clear(st, r->id, r->revision) == -1 ||
	    (alert && alerting_evaluate(st, cf, &rel, res, now, &out->nalerts) == -1) ||
	    store_observations_save(st, r->id, r->revision, text, res, EXTRACT_VERSION,
	    now) == -1 || store_commit(st) == -1) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int
release_reextract(struct store *st, const struct config *cf, const struct extract_taxonomy *tx,
    int64_t doc_id, int alert, int64_t now, struct release_diff *out)
{
	struct store_release r;
	struct store_figure *old = NULL;
	struct extract_result res = { .obs = NULL, .nobs = 0 };
	struct release_read rd;
	struct release_in in;
	char *text = NULL;
	size_t nold = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_release_get(st, doc_id, &r)) != 0)
		return rc;
	if ((rc = store_release_text(st, doc_id, &text)) != 0 ||
	    (rc = store_figures_list(st, doc_id, &old, &nold)) != 0)
		goto out;
	memset(&in, 0, sizeof(in));
	in.url = r.url;
	in.title = r.title;
	in.date = r.date;
	in.lang = r.lang;
	in.text = text;
	in.published = DATE_UNKNOWN;
	release_read_prepare(cf, tx, &in, now, &rd);
	rc = -1;
	if (release_read_figures(tx, &in, &rd, &res) == 0 &&
	    release_diff(old, nold, &res, out) == 0 &&
	    release_replace(st, cf, &r, text, &res, alert, now, out) == 0)
		rc = 0;
out:
	extract_result_free(&res);
	store_figures_free(old, nold);
	free(text);
	store_release_clear(&r);
	return rc;
}

int
release_try(struct store *st, const struct config *cf, const struct extract_taxonomy *tx,
    const struct release_in *in, int64_t now, struct release_read *rd,
    struct extract_result *res, alerting_try_fn *fn, alerting_missing_fn *missing, void *arg)
{
	struct alerting_release rel;

	release_read_prepare(cf, tx, in, now, rd);
	if (release_read_figures(tx, in, rd, res) == -1)
		return -1;
	rel.title = in->title;
	rel.url = in->url;
	rel.date = rd->date;
	rel.text = in->text;
	rel.doc_id = 0;
	return alerting_try(st, cf, &rel, res, fn, missing, arg);
}
