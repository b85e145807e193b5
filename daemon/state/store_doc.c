/*
 * store_doc — the store's release documents (one per canonical URL), their
 * revisions (every distinct text, numbered from 1) and the observations
 * read from each revision, with their provenance. Part of the store module
 * (see store.c for the SQL catalogue and the conventions).
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/date.h"
#include "rightswatch/extract.h"
#include "rightswatch/store.h"
#include "store_int.h"

/* ---- documents and revisions ---- */

void
store_doc_text_clear(struct store_doc_text *d)
{
	if (d == NULL)
		return;
	free(d->url);
	free(d->title);
	free(d->date);
	free(d->lang);
	free(d->country);
	free(d->text);
	memset(d, 0, sizeof(*d));
}

int
store_document_get(struct store *st, int64_t id, const char *url, struct store_doc_text *out)
{
	sqlite3_stmt *s;
	int rc, oom = 0;

	memset(out, 0, sizeof(*out));
	if ((s = store_stmt(st, S_DOC_GET)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->url = store_dup_column(s, 1, &oom);
		out->title = store_dup_column(s, 2, &oom);
		out->date = store_dup_column(s, 3, &oom);
		out->lang = store_dup_column(s, 4, &oom);
		out->country = store_dup_column(s, 5, &oom);
		out->revision = sqlite3_column_int(s, 6);
		out->text = store_dup_column(s, 7, &oom);
		if (out->text == NULL)
			oom = 1;
	}
	store_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, "reading a document");
	if (oom) {
		store_doc_text_clear(out);
		return -1;
	}
	return rc == SQLITE_ROW ? 0 : 1;
}

int
store_document_find(struct store *st, const char *url, int64_t *doc_id)
{
	sqlite3_stmt *s;
	int rc;

	*doc_id = 0;
	if ((s = store_stmt(st, S_DOC_FIND)) == NULL)
		return -1;
	store_bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*doc_id = sqlite3_column_int64(s, 0);
	store_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, "finding a document");
	return 0;
}

static int
insert_revision(struct store *st, int64_t doc_id, int revision,
    const struct store_document *d, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_REV_INSERT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, doc_id);
	sqlite3_bind_int(s, 2, revision);
	store_bind_text(s, 3, d->hash);
	store_bind_text(s, 4, d->text != NULL ? d->text : "");
	sqlite3_bind_int64(s, 5, now);
	return store_run(st, s, "saving a revision");
}

/* Inside the caller's transaction: the rows for one save. */
static int
save_document(struct store *st, const struct store_document *d, int64_t now,
    int64_t *doc_id, int *revision, enum store_doc_state *state)
{
	sqlite3_stmt *s;
	int rc, latest = 0, same = 0;
	int64_t id = 0;

	if ((s = store_stmt(st, S_DOC_LATEST)) == NULL)
		return -1;
	store_bind_text(s, 1, d->url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		latest = sqlite3_column_int(s, 1);
		same = store_same_text((const char *)sqlite3_column_text(s, 2), d->hash);
	}
	store_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, "reading a document");

	if (id == 0) {
		if ((s = store_stmt(st, S_DOC_INSERT)) == NULL)
			return -1;
		store_bind_text(s, 1, d->url);
		store_bind_text(s, 2, d->title);
		store_bind_text(s, 3, d->date);
		store_bind_text(s, 4, d->lang);
		store_bind_text(s, 5, d->country);
		sqlite3_bind_int64(s, 6, now);
		if (store_run(st, s, "saving a document") == -1)
			return -1;
		id = sqlite3_last_insert_rowid(st->db);
		*state = STORE_DOC_NEW;
		latest = 1;
		if (insert_revision(st, id, latest, d, now) == -1)
			return -1;
	} else if (same) {
		if ((s = store_stmt(st, S_DOC_TOUCH)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, now);
		if (store_run(st, s, "saving a document") == -1)
			return -1;
		*state = STORE_DOC_SAME;
	} else {
		latest++;
		if (insert_revision(st, id, latest, d, now) == -1 ||
		    (s = store_stmt(st, S_DOC_UPDATE)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, d->title);
		store_bind_text(s, 3, d->date);
		store_bind_text(s, 4, d->lang);
		store_bind_text(s, 5, d->country);
		sqlite3_bind_int(s, 6, latest);
		sqlite3_bind_int64(s, 7, now);
		if (store_run(st, s, "saving a document") == -1)
			return -1;
		*state = STORE_DOC_REVISED;
		/* The old texts go; their figures stay (observations copy their
		 * evidence and sentence), and so does a revision a figure names. */
		for (int k = 0; k < 2 && d->keep_revisions > 0; k++) {
			if ((s = store_stmt(st, k == 0 ? S_REV_DROP : S_REV_PRUNE)) == NULL)
				return -1;
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int(s, 2, d->keep_revisions);
			if (store_run(st, s, "pruning revisions") == -1)
				return -1;
		}
	}
	*doc_id = id;
	*revision = latest;
	return 0;
}

int
store_document_save(struct store *st, const struct store_document *d,
    int64_t now, int64_t *doc_id, int *revision, enum store_doc_state *state)
{
	if (d == NULL || d->url == NULL) {
		store_set_err(st, "saving a document: no URL");
		return -1;
	}
	if (store_begin(st) == -1)
		return -1;
	if (save_document(st, d, now, doc_id, revision, state) == -1)
		return store_abort_tx(st);
	return store_commit(st) == -1 ? store_abort_tx(st) : 0;
}

/* ---- observations ---- */

/* Indexed by enum extract_qualifier; kept here so the store does not link
 * against the extractor. Must match the CHECK in the schema. */
static const char *const qualifier_names[] = {
	[EXTRACT_EXACT] = "exact",
	[EXTRACT_AT_LEAST] = "at_least",
	[EXTRACT_MORE_THAN] = "more_than",
	[EXTRACT_APPROX] = "approx",
	[EXTRACT_AT_MOST] = "at_most",
};


/* Bind text[a, b) when it lies inside the text, else NULL: offsets from a
 * buggy extractor must not read outside the buffer. */
static int
bind_slice(sqlite3_stmt *s, int i, const char *text, size_t len, size_t a, size_t b)
{
	if (text == NULL || a > b || b > len)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, text + a, (int)(b - a), SQLITE_TRANSIENT);
}

static void bind_observation(sqlite3_stmt *s, int64_t doc_id, int revision,
    const char *text, size_t len, const struct extract_obs *o, const char *version,
    int64_t now);

static int
insert_observation(struct store *st, int64_t doc_id, int revision,
    const char *text, size_t len, const struct extract_obs *o,
    const char *version, int64_t now)
{
	sqlite3_stmt *s;

	if (o->indicator == NULL || (unsigned)o->qualifier >=
	    sizeof(qualifier_names) / sizeof(qualifier_names[0])) {
		store_set_err(st, "saving an observation: no indicator or an unknown qualifier");
		return -1;
	}
	/* SQLite counts lengths in int; an offset beyond that is not ours. */
	if (len > (size_t)INT32_MAX) {
		store_set_err(st, "saving an observation: text too long");
		return -1;
	}
	/* The same figure from an earlier revision is moved, not copied. */
	if ((s = store_stmt(st, S_OBS_CARRY)) == NULL)
		return -1;
	bind_observation(s, doc_id, revision, text, len, o, version, now);
	if (store_run(st, s, "saving an observation") == -1)
		return -1;
	if (sqlite3_changes(st->db) > 0)
		return 0;
	if ((s = store_stmt(st, S_OBS_INSERT)) == NULL)
		return -1;
	bind_observation(s, doc_id, revision, text, len, o, version, now);
	return store_run(st, s, "saving an observation");
}

/* The parameters of S_OBS_INSERT (and S_OBS_CARRY) for o. */
static void
bind_observation(sqlite3_stmt *s, int64_t doc_id, int revision, const char *text,
    size_t len, const struct extract_obs *o, const char *version, int64_t now)
{
	char from[16], to[16];

	sqlite3_bind_int64(s, 1, doc_id);
	sqlite3_bind_int(s, 2, revision);
	store_bind_text(s, 3, o->indicator);
	sqlite3_bind_int64(s, 4, o->value);
	store_bind_text(s, 5, qualifier_names[o->qualifier]);
	if (o->has_period) {
		store_bind_text(s, 6, date_format_ymd(o->period_start, from));
		store_bind_text(s, 7, date_format_ymd(o->period_end, to));
	} else if (o->period_end.y != 0) {
		/* a stock at a date ("as of 29 November"): only the end is known */
		store_bind_text(s, 7, date_format_ymd(o->period_end, to));
	}
	store_bind_text(s, 8, o->country);
	store_bind_text(s, 9, o->region);
	sqlite3_bind_int(s, 10, o->derived != 0);
	bind_slice(s, 11, text, len, o->start, o->end);
	bind_slice(s, 12, text, len, o->sent_start, o->sent_end);
	sqlite3_bind_int64(s, 13, (int64_t)o->start);
	sqlite3_bind_int64(s, 14, (int64_t)o->end);
	store_bind_text(s, 15, version != NULL ? version : "");
	sqlite3_bind_int64(s, 16, now);
}

int
store_observations_save(struct store *st, int64_t doc_id, int revision,
    const char *text, const struct extract_result *res,
    const char *extractor_version, int64_t now)
{
	size_t len = text != NULL ? strlen(text) : 0;
	sqlite3_stmt *s;

	if (store_begin(st) == -1)
		return -1;
	for (int k = 0; k < 2; k++) {
		if ((s = store_stmt(st, k == 0 ? S_OBS_UNCARRY : S_OBS_DELETE)) == NULL)
			return store_abort_tx(st);
		sqlite3_bind_int64(s, 1, doc_id);
		sqlite3_bind_int(s, 2, revision);
		if (store_run(st, s, "replacing observations") == -1)
			return store_abort_tx(st);
	}
	for (size_t i = 0; res != NULL && i < res->nobs; i++)
		if (insert_observation(st, doc_id, revision, text, len,
		    &res->obs[i], extractor_version, now) == -1)
			return store_abort_tx(st);
	return store_commit(st) == -1 ? store_abort_tx(st) : 0;
}

int
store_observations_clear(struct store *st, int64_t doc_id, int revision)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_OBS_DELETE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, doc_id);
	sqlite3_bind_int(s, 2, revision);
	return store_run(st, s, "clearing figures");
}

int
store_observations_count(struct store *st, int64_t doc_id, int64_t *count)
{
	sqlite3_stmt *s;
	int r = 0;

	if ((s = store_stmt(st, S_OBS_COUNT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, doc_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	else
		r = store_db_err(st, "counting observations");
	store_reset(s);
	return r;
}
