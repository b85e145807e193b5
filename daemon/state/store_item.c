/*
 * store_item — the items of each source's feed: what a poll saw (by the
 * item's stable id and the hash of its content), whether its release was
 * read (done) or is still pending, and the counts `status` shows.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "rightswatch/store.h"
#include "store_int.h"

/* What is stored of item id: *found, *was_done, *changed (its hash is
 * not hash), *first_seen (now when not found). 0 or -1. */
static int
item_get(struct store *st, const char *source, const char *id, const char *hash,
    int64_t now, int *found, int *was_done, int *changed, int64_t *first_seen)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, S_ITEM_GET)) == NULL)
		return -1;
	store_bind_text(s, 1, source);
	store_bind_text(s, 2, id);
	rc = sqlite3_step(s);
	*first_seen = now;
	*found = *was_done = *changed = 0;
	if ((*found = rc == SQLITE_ROW)) {
		*was_done = sqlite3_column_int(s, 1);
		*changed = !store_same_text((const char *)sqlite3_column_text(s, 0), hash);
		*first_seen = sqlite3_column_int64(s, 2);
	} else if (rc != SQLITE_DONE) {
		store_db_err(st, "reading an item");
		store_reset(s);
		return -1;
	}
	store_reset(s);
	return 0;
}

/* A pending item stays pending even when its content changed: it will be
 * read once, with the newest content. */
static enum store_item_state
item_state(int found, int was_done, int changed)
{
	if (!found)
		return STORE_ITEM_NEW;
	if (!was_done)
		return STORE_ITEM_PENDING;
	return changed ? STORE_ITEM_CHANGED : STORE_ITEM_SAME;
}

int
store_item_lookup(struct store *st, const char *source, const char *id, const char *hash,
    int64_t now, enum store_item_state *state, int64_t *first_seen)
{
	int found, was_done, changed;

	if (source == NULL || id == NULL) {
		store_set_err(st, "reading an item: no source or no id");
		return -1;
	}
	if (item_get(st, source, id, hash, now, &found, &was_done, &changed, first_seen) == -1)
		return -1;
	*state = item_state(found, was_done, changed);
	return 0;
}

int
store_item_record(struct store *st, const char *source,
    const struct feed_item *it, const char *hash, int64_t now,
    enum store_item_state *state)
{
	int64_t first_seen;

	return store_item_record_seen(st, source, it, hash, now, state, &first_seen);
}

int
store_item_record_seen(struct store *st, const char *source,
    const struct feed_item *it, const char *hash, int64_t now,
    enum store_item_state *state, int64_t *first_seen)
{
	sqlite3_stmt *s;
	int rc, found, was_done, changed;

	if (source == NULL || it == NULL || it->id == NULL) {
		store_set_err(st, "recording an item: no source or no id");
		return -1;
	}
	if (item_get(st, source, it->id, hash, now, &found, &was_done, &changed,
	    first_seen) == -1)
		return -1;
	if ((s = store_stmt(st, found ? S_ITEM_UPDATE : S_ITEM_INSERT)) == NULL)
		return -1;
	store_bind_text(s, 1, source);
	store_bind_text(s, 2, it->id);
	store_bind_text(s, 3, it->link);
	store_bind_text(s, 4, it->title);
	store_bind_i64_or_null(s, 5, it->published, DATE_UNKNOWN);
	store_bind_i64_or_null(s, 6, it->updated, DATE_UNKNOWN);
	store_bind_text(s, 7, hash);
	sqlite3_bind_int64(s, 8, now);
	if (found)
		sqlite3_bind_int(s, 9, was_done && !changed);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			store_set_err(st, "recording an item: its source is not stored "
			    "(store_source_put it first)");
		else
			store_db_err(st, "recording an item");
		store_reset(s);
		return -1;
	}
	store_reset(s);
	*state = item_state(found, was_done, changed);
	return 0;
}

int
store_item_done(struct store *st, const char *source, const char *item_id,
    int64_t doc_id)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_ITEM_DONE)) == NULL)
		return -1;
	store_bind_text(s, 1, source);
	store_bind_text(s, 2, item_id);
	store_bind_i64_or_null(s, 3, doc_id, 0);
	if (store_run(st, s, "marking an item done") == -1)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		store_set_err(st, "marking an item done: no such item");
		return -1;
	}
	return 0;
}

int
store_items_count(struct store *st, const char *source, int64_t *count,
    int64_t *pending)
{
	sqlite3_stmt *s;
	int r = 0;

	if ((s = store_stmt(st, S_ITEM_COUNT)) == NULL)
		return -1;
	store_bind_text(s, 1, source);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*count = sqlite3_column_int64(s, 0);
		if (pending != NULL)
			*pending = sqlite3_column_int64(s, 1);
	} else
		r = store_db_err(st, "counting items");
	store_reset(s);
	return r;
}
