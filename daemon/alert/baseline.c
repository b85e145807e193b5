/*
 * baseline — the baselines a configuration brings into the store: its
 * [baseline] sections replace the configured rows, its [daemon] baselines
 * CSV file (baseline_csv.c parses it) is imported, all or nothing. The
 * daemon calls it at start-up and on reload, `rightswatch baseline` on
 * demand.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "rightswatch/baseline.h"
#include "rightswatch/baseline_csv.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/buf.h"
#include "rightswatch/config_types.h"
#include "rightswatch/date.h"
#include "rightswatch/log.h"
#include "rightswatch/rules.h"
#include "rightswatch/store.h"

#define BASELINE_MAX_CSV (64 * 1024 * 1024) /* bytes of a baselines file */

static void
baseline_log_diag(void *arg, const char *msg)
{
	(void)arg;
	log_warnx("%s", msg);
}

int
baseline_import_csv(struct store *st, const char *path, size_t *nrows, size_t *added,
    size_t *updated, void (*diag)(void *arg, const char *msg), void *arg)
{
	struct baseline_csv_rows csv = { NULL, 0, NULL, 0 };
	struct buf text = { NULL, 0, 0 };
	struct store_baseline *v = NULL;
	char err[256], msg[512];
	int bad, rc = -1;

	if (buf_read_file(path, BASELINE_MAX_CSV, &text, err, sizeof(err)) == -1) {
		snprintf(msg, sizeof(msg), "%s: %s", path, err);
		diag(arg, msg);
		goto out;
	}
	bad = baseline_csv_parse(path, text.data != NULL ? text.data : "", text.len, &csv,
	    diag, arg);
	if (bad != 0) {
		snprintf(msg, sizeof(msg), "%s: nothing imported (%s)", path,
		    bad < 0 ? "out of memory" : "fix the lines above");
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
		diag(arg, msg);
		goto out;
	}
	if (nrows != NULL)
		*nrows = csv.n;
	rc = 0;
out:
	free(v);
	baseline_csv_rows_free(&csv);
	buf_free(&text);
	return rc;
}

int
baseline_load(struct store *st, const struct config *cf)
{
	struct store_baseline *v = NULL;
	size_t added = 0, updated = 0;
	int rc = -1;

	if ((v = calloc(cf->nbaselines_cf + 1, sizeof(*v))) == NULL)
		goto out;
	for (size_t i = 0; i < cf->nbaselines_cf; i++) {
		const struct config_baseline *b = &cf->baselines_cf[i];
		struct bperiod p;

		if (bperiod_parse(b->period, &p) == -1)
			goto out;
		v[i].country = b->country;
		v[i].indicator = b->indicator;
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
	if (baseline_import_csv(st, cf->baselines, NULL, &added, &updated, baseline_log_diag,
	    NULL) == -1)
		goto out;
	if (added + updated > 0)
		log_info("%s: %zu baselines added, %zu updated", cf->baselines, added, updated);
	rc = 0;
out:
	free(v);
	return rc;
}
