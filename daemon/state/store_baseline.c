/*
 * store_baseline — baselines: the operator's figures (configured from the
 * INI file, imported from CSV) kept in the baselines table, and the figures
 * reported or implied in releases, read from the observations themselves.
 * Choosing among them is the rules' job; the store returns every candidate
 * in a stable order. Part of the store module (see store.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/date.h"
#include "rightswatch/store.h"
#include "store_int.h"

/* Indexed by the rank column of the list query. */
static const char *const origins[] = {
	STORE_ORIGIN_CONFIGURED, STORE_ORIGIN_IMPORTED,
	STORE_ORIGIN_REPORTED, STORE_ORIGIN_DERIVED,
};

/* Order of rows by (country, indicator, period): for finding duplicates. */
static int
cmp_key(const void *pa, const void *pb)
{
	const struct store_baseline *a = *(const struct store_baseline *const *)pa;
	const struct store_baseline *b = *(const struct store_baseline *const *)pb;
	int c;

	if ((c = strcmp(a->country, b->country)) != 0 ||
	    (c = strcmp(a->indicator, b->indicator)) != 0 ||
	    (c = strcmp(a->period_start, b->period_start)) != 0)
		return c;
	return strcmp(a->period_end, b->period_end);
}

static int
bad_row(struct store *st, size_t i, const struct store_baseline *b,
    const char *why)
{
	store_set_err(st, "baseline #%zu (%s, %s, %.10s/%.10s): %s", i + 1,
	    b->country != NULL ? b->country : "no country",
	    b->indicator != NULL ? b->indicator : "no indicator",
	    b->period_start, b->period_end, why);
	return -1;
}

/* Every row complete and sane, no (country, indicator, period) twice:
 * checked before anything is written, so a bad set changes nothing. */
static int
validate(struct store *st, const struct store_baseline *v, size_t n)
{
	const struct store_baseline **sorted;
	struct date_ymd a, b;

	for (size_t i = 0; i < n; i++) {
		if (v[i].country == NULL || v[i].country[0] == '\0' ||
		    v[i].indicator == NULL || v[i].indicator[0] == '\0')
			return bad_row(st, i, &v[i], "a country and an indicator are required");
		if (memchr(v[i].period_start, '\0', sizeof(v[i].period_start)) == NULL ||
		    memchr(v[i].period_end, '\0', sizeof(v[i].period_end)) == NULL ||
		    date_parse_ymd(v[i].period_start, &a) == -1 ||
		    date_parse_ymd(v[i].period_end, &b) == -1 ||
		    strcmp(v[i].period_start, v[i].period_end) > 0)
			return bad_row(st, i, &v[i], "the period is not two calendar days in order");
		if (v[i].value < 0)
			return bad_row(st, i, &v[i], "a negative value");
	}
	if (n < 2)
		return 0;
	if ((sorted = malloc(n * sizeof(*sorted))) == NULL) {
		store_set_err(st, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		sorted[i] = &v[i];
	qsort(sorted, n, sizeof(*sorted), cmp_key);
	for (size_t i = 1; i < n; i++)
		if (cmp_key(&sorted[i - 1], &sorted[i]) == 0) {
			size_t at = (size_t)(sorted[i] - v);

			free(sorted);
			return bad_row(st, at, &v[at], "given twice");
		}
	free(sorted);
	return 0;
}

static int
insert(struct store *st, const struct store_baseline *b, const char *origin)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_BL_INSERT)) == NULL)
		return -1;
	store_bind_text(s, 1, b->country);
	store_bind_text(s, 2, b->indicator);
	store_bind_text(s, 3, b->period_start);
	store_bind_text(s, 4, b->period_end);
	sqlite3_bind_int64(s, 5, b->value);
	store_bind_text(s, 6, origin);
	store_bind_text(s, 7, b->source);
	return store_run(st, s, "saving a baseline");
}

int
store_baselines_replace_configured(struct store *st,
    const struct store_baseline *v, size_t n)
{
	sqlite3_stmt *s;

	if (validate(st, v, n) == -1 || store_begin(st) == -1)
		return -1;
	if ((s = store_stmt(st, S_BL_DELETE_CONFIGURED)) == NULL ||
	    store_run(st, s, "replacing the configured baselines") == -1)
		return store_abort_tx(st);
	for (size_t i = 0; i < n; i++)
		if (insert(st, &v[i], STORE_ORIGIN_CONFIGURED) == -1)
			return store_abort_tx(st);
	return store_commit(st) == -1 ? store_abort_tx(st) : 0;
}

/* Add or update one imported row; *what is 'a' (added), 'u' (updated) or
 * 0 (unchanged). */
static int
upsert(struct store *st, const struct store_baseline *b, char *what)
{
	sqlite3_stmt *s;
	int64_t id = 0;
	int rc, same = 0;

	if ((s = store_stmt(st, S_BL_FIND_IMPORTED)) == NULL)
		return -1;
	store_bind_text(s, 1, b->country);
	store_bind_text(s, 2, b->indicator);
	store_bind_text(s, 3, b->period_start);
	store_bind_text(s, 4, b->period_end);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		same = sqlite3_column_int64(s, 1) == b->value && store_same_text(
		    (const char *)sqlite3_column_text(s, 2), b->source);
	}
	store_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, "reading a baseline");
	*what = id == 0 ? 'a' : same ? 0 : 'u';
	if (id == 0)
		return insert(st, b, STORE_ORIGIN_IMPORTED);
	if (same)
		return 0;
	if ((s = store_stmt(st, S_BL_UPDATE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, b->value);
	store_bind_text(s, 3, b->source);
	return store_run(st, s, "updating a baseline");
}

int
store_baseline_import(struct store *st, const struct store_baseline *v,
    size_t n, size_t *added, size_t *updated)
{
	size_t na = 0, nu = 0;
	char what = 0;

	if (validate(st, v, n) == -1 || store_begin(st) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (upsert(st, &v[i], &what) == -1)
			return store_abort_tx(st);
		na += what == 'a';
		nu += what == 'u';
	}
	if (store_commit(st) == -1)
		return store_abort_tx(st);
	if (added != NULL)
		*added = na;
	if (updated != NULL)
		*updated = nu;
	return 0;
}

void
store_baselines_free(struct store_baseline *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i].mem);
	free(v);
}

/* Copy text column i into a period field; "" when NULL. */
static void
copy_day(sqlite3_stmt *s, int i, char out[11])
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(out, 11, "%s", t != NULL ? (const char *)t : "");
}

static int
read_row(sqlite3_stmt *s, struct store_baseline *b)
{
	const struct store_text_col text[] = {
		{ 0, &b->country }, { 1, &b->indicator }, { 6, &b->source },
	};
	int rank = sqlite3_column_int(s, 5);

	memset(b, 0, sizeof(*b));
	if (store_columns_text(s, text, sizeof(text) / sizeof(text[0]), &b->mem) == -1)
		return -1;
	copy_day(s, 2, b->period_start);
	copy_day(s, 3, b->period_end);
	b->value = sqlite3_column_int64(s, 4);
	b->origin = origins[rank >= 0 && rank < 4 ? rank : 0];
	b->doc_id = sqlite3_column_int64(s, 7);
	return 0;
}

int
store_baseline_list(struct store *st, const char *country,
    const char *indicator, struct store_baseline **out, size_t *n)
{
	struct store_baseline *v = NULL, *grown;
	size_t len = 0, cap = 0;
	sqlite3_stmt *s;
	int rc, r = 0;

	*out = NULL;
	*n = 0;
	s = store_stmt(st, country == NULL ? S_BL_LIST :
	    indicator == NULL ? S_BL_LIST_COUNTRY : S_BL_LIST_BOTH);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, country);
	store_bind_text(s, 2, indicator);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(v, cap * sizeof(*v))) == NULL) {
				r = -1;
				break;
			}
			v = grown;
		}
		/* Counted before checking, so a half-read row is freed too. */
		if (read_row(s, &v[len++]) == -1) {
			r = -1;
			break;
		}
	}
	if (r == -1)
		store_set_err(st, "out of memory");
	else if (rc != SQLITE_DONE)
		r = store_db_err(st, "listing baselines");
	store_reset(s);
	if (r == -1) {
		store_baselines_free(v, len);
		return -1;
	}
	*out = v;
	*n = len;
	return 0;
}
