/*
 * store_browse — what the daemon knows, for people to browse: the releases
 * it read (with the sources that led to them, their figures and alerts
 * counted), one release with its text, and the figures of its latest
 * revision (of one release, or of one country's indicator: a series),
 * as plain structs. The command line (`releases`, `show`,
 * `reextract`) and the dashboard read the same queries. Part of the store
 * module (see store.c).
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/store.h"
#include "store_int.h"

void
store_release_clear(struct store_release *r)
{
	if (r == NULL)
		return;
	free(r->mem);
	memset(r, 0, sizeof(*r));
}

void
store_releases_free(struct store_release *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		store_release_clear(&v[i]);
	free(v);
}

void
store_figures_free(struct store_figure *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i].mem);
	free(v);
}

/* The row under s (RELEASE_COLUMNS) into r; 0, or -1 out of memory. */
static int
read_release(sqlite3_stmt *s, struct store_release *r)
{
	const struct store_text_col text[] = {
		{ 1, &r->url }, { 2, &r->title }, { 3, &r->date }, { 4, &r->lang },
		{ 5, &r->country }, { 9, &r->sources },
	};

	memset(r, 0, sizeof(*r));
	if (store_columns_text(s, text, sizeof(text) / sizeof(text[0]), &r->mem) == -1)
		return -1;
	r->id = sqlite3_column_int64(s, 0);
	r->revision = sqlite3_column_int(s, 6);
	r->first_seen = sqlite3_column_int64(s, 7);
	r->last_seen = sqlite3_column_int64(s, 8);
	r->figures = sqlite3_column_int64(s, 10);
	r->alerts = sqlite3_column_int64(s, 11);
	return 0;
}

/* The row under s (S_FIG_LIST) into f; 0, or -1 out of memory. */
static int
read_figure(sqlite3_stmt *s, struct store_figure *f)
{
	const struct store_text_col text[] = {
		{ 1, &f->indicator }, { 3, &f->qualifier }, { 6, &f->country }, { 7, &f->region },
		{ 9, &f->evidence }, { 10, &f->sentence }, { 13, &f->extractor_version },
		{ 15, &f->doc_date }, { 16, &f->doc_title },
	};
	const unsigned char *a = sqlite3_column_text(s, 4), *b = sqlite3_column_text(s, 5);

	memset(f, 0, sizeof(*f));
	if (store_columns_text(s, text, sizeof(text) / sizeof(text[0]), &f->mem) == -1)
		return -1;
	f->id = sqlite3_column_int64(s, 0);
	f->value = sqlite3_column_int64(s, 2);
	if (a != NULL && b != NULL) {
		f->has_period = 1;
		memcpy(f->period_start, a, strnlen((const char *)a, 10));
		memcpy(f->period_end, b, strnlen((const char *)b, 10));
	}
	f->derived = sqlite3_column_int(s, 8);
	f->start = sqlite3_column_int64(s, 11);
	f->end = sqlite3_column_int64(s, 12);
	f->doc_id = sqlite3_column_int64(s, 14);
	return 0;
}

int
store_rows(struct store *st, sqlite3_stmt *s, size_t sz, int (*rd)(sqlite3_stmt *, void *),
    void (*freefn)(void *, size_t), void **out, size_t *n, const char *what)
{
	char *v = NULL, *grown;
	size_t len = 0, cap = 0;
	int rc, oom = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(v, cap * sz)) == NULL) {
				oom = 1;
				break;
			}
			v = grown;
		}
		if (rd(s, v + len * sz) == -1) {
			oom = 1;
			break;
		}
		len++;
	}
	store_reset(s);
	if (oom || rc != SQLITE_DONE) {
		freefn(v, len);
		if (oom)
			store_set_err(st, "out of memory");
		else
			store_db_err(st, what);
		return -1;
	}
	*out = v;
	*n = len;
	return 0;
}

static int
rd_release(sqlite3_stmt *s, void *r)
{
	return read_release(s, r);
}

static void
free_releases(void *v, size_t n)
{
	store_releases_free(v, n);
}

static int
rd_figure(sqlite3_stmt *s, void *f)
{
	return read_figure(s, f);
}

static void
free_figures(void *v, size_t n)
{
	store_figures_free(v, n);
}

int
store_releases_list(struct store *st, const struct store_release_filter *f,
    struct store_release **out, size_t *n)
{
	sqlite3_stmt *s;
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, S_REL_LIST)) == NULL)
		return -1;
	store_bind_text(s, 1, f != NULL ? f->source : NULL);
	store_bind_text(s, 2, f != NULL ? f->since : NULL);
	store_bind_text(s, 3, f != NULL ? f->country : NULL);
	/* A negative LIMIT is none in SQLite. */
	sqlite3_bind_int64(s, 4, f != NULL && f->limit > 0 ? (int64_t)f->limit : -1);
	sqlite3_bind_int64(s, 5, f != NULL ? (int64_t)f->offset : 0);
	if (store_rows(st, s, sizeof(struct store_release), rd_release, free_releases, &v, n,
	    "listing releases") == -1)
		return -1;
	*out = v;
	return 0;
}

int
store_release_get(struct store *st, int64_t id, struct store_release *out)
{
	sqlite3_stmt *s;
	int rc, r;

	memset(out, 0, sizeof(*out));
	if ((s = store_stmt(st, S_REL_GET)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		r = read_release(s, out) == -1 ? (store_set_err(st, "out of memory"), -1) : 0;
	else
		r = rc == SQLITE_DONE ? 1 : store_db_err(st, "reading a release");
	store_reset(s);
	return r;
}

int
store_release_text(struct store *st, int64_t id, char **text)
{
	sqlite3_stmt *s;
	int rc, oom = 0, r = 0;

	*text = NULL;
	if ((s = store_stmt(st, S_REL_TEXT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((*text = store_dup_column(s, 0, &oom)) == NULL)
			r = oom ? (store_set_err(st, "out of memory"), -1) : 1;
	} else {
		r = rc == SQLITE_DONE ? 1 : store_db_err(st, "reading a release's text");
	}
	store_reset(s);
	return r;
}

/* The figures statement s, bound, into *out. */
static int
list_figures(struct store *st, sqlite3_stmt *s, struct store_figure **out, size_t *n)
{
	void *v = NULL;

	if (store_rows(st, s, sizeof(struct store_figure), rd_figure, free_figures, &v, n,
	    "listing figures") == -1)
		return -1;
	*out = v;
	return 0;
}

int
store_figures_list(struct store *st, int64_t doc_id, struct store_figure **out, size_t *n)
{
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, S_FIG_LIST)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, doc_id);
	return list_figures(st, s, out, n);
}

int
store_series_figures(struct store *st, const char *country, const char *indicator,
    struct store_figure **out, size_t *n)
{
	sqlite3_stmt *s;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, S_SERIES_FIGS)) == NULL)
		return -1;
	store_bind_text(s, 1, country);
	store_bind_text(s, 2, indicator);
	return list_figures(st, s, out, n);
}
