/*
 * store_int — private to the store module (store*.c): the struct behind
 * the opaque handle, the catalogue of cached statements (their SQL is the
 * table in store_sql.c) and the helpers the store's files share.
 * Nothing outside the store includes this header or sqlite3.h.
 */
#ifndef RW_STORE_INT_H
#define RW_STORE_INT_H

#include <stdint.h>

#include <sqlite3.h>

#include "rightswatch/store.h"

enum store_stmt_id {
	S_BEGIN, S_COMMIT, S_ROLLBACK, S_SAVEPOINT, S_RELEASE, S_ROLLBACK_TO,
	S_SOURCE_GET, S_SOURCE_ALL, S_SOURCE_PUT, S_SOURCE_HASH,
	S_ITEM_GET, S_ITEM_INSERT, S_ITEM_UPDATE, S_ITEM_DONE, S_ITEM_COUNT,
	S_DOC_FIND, S_DOC_LATEST, S_DOC_INSERT, S_DOC_TOUCH, S_DOC_UPDATE, S_DOC_GET,
	S_REV_INSERT, S_REV_DROP, S_REV_PRUNE,
	S_OBS_UNCARRY, S_OBS_DELETE, S_OBS_INSERT, S_OBS_CARRY, S_OBS_COUNT,
	S_BL_DELETE_CONFIGURED, S_BL_DELETE_IMPORTED, S_BL_INSERT, S_BL_FIND_IMPORTED, S_BL_UPDATE,
	S_BL_LIST, S_BL_LIST_COUNTRY, S_BL_LIST_BOTH,
	S_ALERT_LAST, S_ALERT_INSERT, S_ALERT_LIST, S_ALERT_LIST_SERIES, S_ALERT_DELIVERIES,
	S_OUTBOX_INSERT, S_OUTBOX_DUE, S_OUTBOX_NEXT, S_OUTBOX_DELIVERED,
	S_OUTBOX_RETRY, S_OUTBOX_FAILED, S_OUTBOX_PENDING, S_OUTBOX_WINDOW, S_OUTBOX_POSTPONE,
	S_ACTIVITY, S_STOCK_LAST,
	S_REL_LIST, S_REL_GET, S_REL_TEXT, S_FIG_LIST, S_SERIES_FIGS,
	S_SILENCE_ADD, S_SILENCE_LIST, S_SILENCE_REMOVE, S_SILENCE_MATCH,
	S_DEST_OK, S_DEST_ERROR, S_DEST_GET, S_INSTANCE,
	S_COUNT
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[S_COUNT];
	int depth;          /* open store_begin levels */
	int readonly;       /* store_open_readonly: nothing is ever written */
	int lazy;           /* store_set_lazy: commits are not synced */
	int64_t unsynced_since; /* store_clock of the first unsynced lazy write, or 0 */
	char errmsg[512];
};

/* The SQL of each statement, indexed by id (store_sql.c). */
extern const char *const store_sql[S_COUNT];

/* Columns of an alert, in the order store_alert.c reads them (alias a). */
#define STORE_ALERT_COLUMNS \
	"a.id, a.fingerprint, a.rule, a.severity, a.country, a.indicator," \
	" a.value, a.qualifier, a.approximate, a.is_update, a.previous_value," \
	" a.period_start, a.period_end, a.baseline_value," \
	" a.baseline_period_start, a.baseline_period_end, a.baseline_origin," \
	" a.baseline_source, a.ratio, a.observation_id, a.doc_id, a.title," \
	" a.date, a.url, a.sentence, a.created, a.compare, a.factor, a.limit_value," \
	" a.threshold_period, a.silence_id," \
	" (SELECT reason FROM silences WHERE id = a.silence_id)," \
	" (SELECT until FROM silences WHERE id = a.silence_id)"

/* Is the existing file at path a state file this code can open (ours or
 * empty, not newer)? Reads its header only. 0, or -1 with err. */
int store_probe(const char *path, char *err, size_t errlen);
/* Fill st's error message. */
void store_set_err(struct store *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Record SQLite's reason for the last failure, prefixed by what; returns -1. */
int store_db_err(struct store *st, const char *what);
/* The cached statement id, prepared on first use; NULL on error. */
sqlite3_stmt *store_stmt(struct store *st, enum store_stmt_id id);
/* Make a cached statement ready for its next use. */
void store_reset(sqlite3_stmt *s);
/* Bind a string, NULL as SQL NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Bind v, or SQL NULL when v equals none. */
int store_bind_i64_or_null(sqlite3_stmt *s, int i, int64_t v, int64_t none);
/* Step a statement that returns no row; 0 or -1 (reason from what). Leaves
 * it reset. */
int store_run(struct store *st, sqlite3_stmt *s, const char *what);
/* Roll back the transaction of a failed call, keeping its message; -1. */
int store_abort_tx(struct store *st);
/* A copy of text column i (NULL stays NULL; sets *oom when out of memory). */
char *store_dup_column(sqlite3_stmt *s, int i, int *oom);
/* A text column to copy (store_columns_text): its index, and the field
 * that will point to the copy. */
struct store_text_col {
	int col;
	const char **field;
};
/* Copy the text columns cols[0..n) of the row under s into one block:
 * *mem (the caller frees it, NULL when every column is NULL), each field
 * pointing into it (NULL for a NULL column). 0, or -1 when out of memory. */
int store_columns_text(sqlite3_stmt *s, const struct store_text_col *cols, size_t n,
    char **mem);
/* Step s to its end, reading each row with rd into a growing array of
 * elements of size sz (freefn releases a partial one); *out, *n (NULL, 0
 * for none). Leaves s reset. 0, or -1 (reason from what). */
int store_rows(struct store *st, sqlite3_stmt *s, size_t sz,
    int (*rd)(sqlite3_stmt *, void *), void (*freefn)(void *, size_t), void **out,
    size_t *n, const char *what);
/* Equal strings, NULL equal only to NULL. */
int store_same_text(const char *a, const char *b);

#endif
