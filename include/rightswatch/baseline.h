/*
 * baseline — loading a configuration's baselines into the store: the
 * [baseline] sections (configured) and the [daemon] baselines CSV file
 * (imported). Errors are logged or reported through the caller's diag.
 */
#ifndef RW_BASELINE_H
#define RW_BASELINE_H

#include <stddef.h>

#include "rightswatch/baseline_csv.h"

struct config;
struct store;
struct taxonomy;

/* Load cf's baselines into st: [baseline] sections replace the configured
 * ones, the [daemon] baselines CSV is imported. 0, or -1 after logging why
 * (nothing changed then). */
int baseline_load(struct store *st, const struct config *cf);

/* Check rows read from file (for messages) against cf: each indicator one
 * the taxonomy knows (built in or an [indicator] section), each country a
 * configured [country] (any case, or any of its terms) or, when none is
 * configured, one the taxonomy knows; each is rewritten to the
 * extractor's spelling ("mali" becomes "Mali"), and a row that is then
 * the same (country, indicator, period) as an earlier one is a problem.
 * Every problem goes to diag as "FILE:LINE: message", an unknown name with
 * the nearest known one. Returns the number of problems, or -1 when out
 * of memory. */
int baseline_rows_check(struct baseline_csv_rows *rows, const char *file,
    const struct config *cf, baseline_csv_error_fn diag, void *arg);
/* Read the CSV file at path, parse and check it (baseline_rows_check)
 * into *out (free with baseline_csv_rows_free, whatever the result).
 * Returns the number of problems (0: all good; a file that cannot be read
 * is one), or -1 when out of memory. */
int baseline_csv_read(const char *path, const struct config *cf,
    struct baseline_csv_rows *out, baseline_csv_error_fn diag, void *arg);
/* Import the baselines CSV file at path, checked against cf, all or
 * nothing: every problem goes to diag as one line; the counts to *nrows,
 * *added, *updated (each may be NULL). 0, or -1. */
int baseline_import_csv(struct store *st, const struct config *cf, const char *path,
    size_t *nrows, size_t *added, size_t *updated, baseline_csv_error_fn diag, void *arg);

/* A country as the store keeps it: cf's [country] (any case, or one of its
 * terms) or, with none configured, one tx knows, in tx's spelling; NULL
 * when it is not one. Owned by tx. */
const char *baseline_country(const struct config *cf, const struct taxonomy *tx,
    const char *name);
/* An indicator's canonical name (tx's), or NULL when tx does not know it. */
const char *baseline_indicator(const struct taxonomy *tx, const char *name);

#endif
