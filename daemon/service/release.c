/*
 * release — one release into the store: its document (or a new revision),
 * and when it is new or revised and about a configured country, its figures
 * and the alerts they raise, all in one transaction, so a crash can neither
 * lose nor invent an alert.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/alerting.h"
#include "rightswatch/config_types.h"
#include "rightswatch/date.h"
#include "rightswatch/dateline.h"
#include "rightswatch/escape.h"
#include "rightswatch/extract.h"
#include "rightswatch/hash.h"
#include "rightswatch/log.h"
#include "rightswatch/metrics.h"
#include "rightswatch/release.h"
#include "rightswatch/store.h"

/* Only releases about a configured country are read for figures (all of
 * them when no country is configured). */
static int
release_relevant(const struct config *cf, const char *country)
{
	if (cf->ncountries == 0)
		return 1;
	/* The extractor's spelling ("Mali") may differ in case from the
	 * configured one ("[country mali]"). */
	for (size_t i = 0; country != NULL && i < cf->ncountries; i++)
		if (strcasecmp(cf->countries[i].name, country) == 0)
			return 1;
	return 0;
}

/* Commit the release's transaction, and count it as read; doc_id, or 0
 * after a failure. */
static int64_t
release_commit(struct store *st, const struct release_in *in, enum store_doc_state state,
    int64_t doc_id)
{
	const char *url = in->url;
	char esc[160];

	if (store_commit(st) == 0) {
		metrics_release(in->metrics, state == STORE_DOC_NEW ? "new" :
		    state == STORE_DOC_REVISED ? "revised" : "unchanged");
		return doc_id;
	}
	log_warnx("storing release %s: %s", escape_logs(esc, sizeof(esc), url),
	    store_errmsg(st));
	store_rollback(st);
	return 0;
}

void
release_read_prepare(const struct config *cf, const struct extract_taxonomy *tx,
    const struct release_in *in, int64_t now, struct release_read *r)
{
	const char *lang = in->lang;

	memset(r, 0, sizeof(*r));
	r->country = extract_release_country(tx, in->text, strlen(in->text));
	r->relevant = release_relevant(cf, r->country);
	/* The page's date, else the feed's, else the text's dateline, else
	 * today. */
	if (in->date == NULL || date_parse_ymd(in->date, &r->params.release_date) == -1) {
		int64_t t = in->published != DATE_UNKNOWN ? in->published : now;
		size_t ds, de;

		r->params.release_date = date_civil_from_days(t / 86400);
		if (in->published == DATE_UNKNOWN)
			(void)dateline_find(in->text, strlen(in->text), &r->params.release_date,
			    &ds, &de);
	}
	date_format_ymd(r->params.release_date, r->date);
	r->params.lang = lang != NULL && strncasecmp(lang, "fr", 2) == 0 ? EXTRACT_LANG_FR :
	    lang != NULL && strncasecmp(lang, "en", 2) == 0 ? EXTRACT_LANG_EN : EXTRACT_LANG_AUTO;
	r->params.country = r->country;
}

int
release_read_figures(const struct extract_taxonomy *tx, const struct release_in *in,
    const struct release_read *r, struct extract_result *res)
{
	memset(res, 0, sizeof(*res));
	if (!r->relevant)
		return 0;
	return extract_text(tx, in->text, strlen(in->text), &r->params, res);
}

int64_t
release_store(struct store *st, const struct config *cf, const struct extract_taxonomy *tx,
    const struct release_in *in, int64_t now, struct release_result *out)
{
	size_t *nalerts = &out->nalerts;
	const char *url = in->url, *title = in->title, *text = in->text;
	struct store_document d;
	struct release_read r;
	struct extract_result res = { .obs = NULL, .nobs = 0 };
	struct alerting_release rel;
	enum store_doc_state state;
	char hash[65], esc[160];
	int64_t doc_id = 0;
	int revision = 0;

	memset(out, 0, sizeof(*out));
	hash_sha256_hex(text, strlen(text), hash);
	release_read_prepare(cf, tx, in, now, &r);
	memset(&d, 0, sizeof(d));
	d.url = url;
	d.title = title;
	d.lang = in->lang;
	d.text = text;
	d.hash = hash;
	d.country = r.country;
	d.date = r.date;
	d.keep_revisions = cf->keep_revisions;
	/* The document, its figures, and the alerts they raise commit together
	 * (an alert is never lost nor invented by a crash). */
	if (store_begin(st) == -1 ||
	    store_document_save(st, &d, now, &doc_id, &revision, &state) == -1) {
		log_warnx("storing release %s: %s", escape_logs(esc, sizeof(esc), url),
		    store_errmsg(st));
		store_rollback(st);
		return 0;
	}
	out->state = state;
	if (state == STORE_DOC_SAME || !r.relevant) {
		if (state != STORE_DOC_SAME)
			log_debug("release %s concerns no configured country",
			    escape_logs(esc, sizeof(esc), url));
		return release_commit(st, in, state, doc_id);
	}
	if (release_read_figures(tx, in, &r, &res) == -1) {
		log_warnx("extracting from %s: out of memory", escape_logs(esc, sizeof(esc), url));
		store_rollback(st);
		return 0;
	}
	rel.title = title;
	rel.url = url;
	rel.date = r.date;
	rel.text = text;
	rel.doc_id = doc_id;
	/* Thresholds first: "the last figure reported" must be an earlier one. */
	if ((!in->no_alerts && alerting_evaluate(st, cf, &rel, &res, now, nalerts) == -1) ||
	    store_observations_save(st, doc_id, revision, text, &res, EXTRACT_VERSION,
	    now) == -1) {
		log_warnx("storing figures of %s: %s", escape_logs(esc, sizeof(esc), url),
		    store_errmsg(st));
		store_rollback(st);
		extract_result_free(&res);
		return 0;
	}
	if (release_commit(st, in, state, doc_id) == 0) {
		extract_result_free(&res);
		return 0;
	}
	out->nfigures = res.nobs;
	metrics_observations(in->metrics, res.nobs);
	metrics_alerts(in->metrics, *nalerts);
	log_info("%s %s: %zu figure%s (%s)", state == STORE_DOC_REVISED ? "revised release" :
	    "new release", escape_logs(esc, sizeof(esc), title != NULL ? title : url), res.nobs,
	    res.nobs == 1 ? "" : "s", r.country != NULL ? r.country : "no country");
	extract_result_free(&res);
	return doc_id;
}

