/*
 * baseline_csv — the baselines CSV file ([daemon] baselines, `rightswatch
 * baseline import|export`): the header `country,indicator,period,value,source`
 * then one baseline a row, RFC 4180 quoting ("" inside quotes, quoted
 * commas and line breaks), CRLF or LF line endings, an optional UTF-8 BOM.
 * Pure functions over bytes.
 */
#ifndef RW_BASELINE_CSV_H
#define RW_BASELINE_CSV_H

#include <stddef.h>

#include "rightswatch/buf.h"
#include "rightswatch/rules.h"

/* Called once per problem with "FILE:LINE: message" (no newline). */
typedef void (*baseline_csv_error_fn)(void *arg, const char *msg);

/* The rows read: each with origin RULES_IMPORTED. Their strings
 * (country, indicator, source) are borrowed from the set's own, which
 * baseline_csv_rows_free releases. */
struct baseline_csv_rows {
	struct rules_baseline *rows;
	size_t n;
	char **strings;   /* every string the rows point to, owned */
	size_t nstrings;
};

/* Parse len bytes of CSV named file (for messages). A bad row is reported
 * through err (may be NULL) and skipped; reading goes on. A wrong header
 * stops the reading (the columns cannot be trusted). Value: a non-negative
 * integer; period: as period_parse; country and indicator: non-empty; a
 * second row for the same country, indicator and period is an error.
 * Returns the number of problems (0: all good) and fills out (free with
 * baseline_csv_rows_free, also after problems), or -1 when out of memory. */
int baseline_csv_parse(const char *file, const char *data, size_t len,
    struct baseline_csv_rows *out, baseline_csv_error_fn err, void *arg);
void baseline_csv_rows_free(struct baseline_csv_rows *rows);

/* Append the header and one row per baseline (periods in canonical form;
 * fields quoted when they hold a comma, quote, line break or edge space;
 * LF line endings). 0, or -1 when out of memory. */
int baseline_csv_write(struct buf *out, const struct rules_baseline *b, size_t n);

#endif
