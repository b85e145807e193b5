/*
 * store_silence — silences: a threshold's alerts (for one country, or any)
 * held back until a time. A silenced alert is still recorded and listed,
 * naming its silence, and never queued for delivery (store_alert.c). A
 * removed silence is kept for the alerts that name it. Part of the store
 * module (see store.c).
 */
#include <stdlib.h>
#include <string.h>

#include "rightswatch/store.h"
#include "store_int.h"

int
store_silence_add(struct store *st, const struct store_silence *s, int64_t now, int64_t *id)
{
	sqlite3_stmt *q;

	if (s->threshold == NULL || s->reason == NULL || *s->reason == '\0') {
		store_set_err(st, "a silence needs a threshold and a reason");
		return -1;
	}
	if ((q = store_stmt(st, S_SILENCE_ADD)) == NULL)
		return -1;
	store_bind_text(q, 1, s->threshold);
	store_bind_text(q, 2, s->country);
	sqlite3_bind_int64(q, 3, s->until);
	store_bind_text(q, 4, s->reason);
	sqlite3_bind_int64(q, 5, now);
	if (store_run(st, q, "adding a silence") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

void
store_silences_free(struct store_silence *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i].mem);
	free(v);
}

/* The row under q into *s; 0, or -1 out of memory. */
static int
read_silence(sqlite3_stmt *q, void *arg)
{
	struct store_silence *s = arg;
	const struct store_text_col text[] = {
		{ 1, &s->threshold }, { 2, &s->country }, { 4, &s->reason },
	};

	memset(s, 0, sizeof(*s));
	if (store_columns_text(q, text, sizeof(text) / sizeof(text[0]), &s->mem) == -1)
		return -1;
	s->id = sqlite3_column_int64(q, 0);
	s->until = sqlite3_column_int64(q, 3);
	s->created = sqlite3_column_int64(q, 5);
	s->removed = sqlite3_column_int64(q, 6);
	return 0;
}

static void
free_silences(void *v, size_t n)
{
	store_silences_free(v, n);
}

int
store_silences_list(struct store *st, int64_t now, int all, struct store_silence **out,
    size_t *n)
{
	sqlite3_stmt *q;
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if ((q = store_stmt(st, S_SILENCE_LIST)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, now);
	sqlite3_bind_int(q, 2, all != 0);
	if (store_rows(st, q, sizeof(struct store_silence), read_silence, free_silences, &v, n,
	    "listing silences") == -1)
		return -1;
	*out = v;
	return 0;
}

int
store_silence_remove(struct store *st, int64_t id, int64_t now)
{
	sqlite3_stmt *q;

	if ((q = store_stmt(st, S_SILENCE_REMOVE)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, now);
	if (store_run(st, q, "removing a silence") == -1)
		return -1;
	return sqlite3_changes(st->db) == 0 ? 1 : 0;
}

int
store_silence_match(struct store *st, const char *threshold, const char *country,
    int64_t now, int64_t *id)
{
	sqlite3_stmt *q;
	int rc;

	*id = 0;
	if ((q = store_stmt(st, S_SILENCE_MATCH)) == NULL)
		return -1;
	store_bind_text(q, 1, threshold);
	store_bind_text(q, 2, country);
	sqlite3_bind_int64(q, 3, now);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	store_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_db_err(st, "matching silences");
}
