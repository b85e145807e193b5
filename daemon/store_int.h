/*
 * store_int — private to the store module (store.c, store_doc.c): the
 * struct behind the opaque handle, the catalogue of cached statements
 * (their SQL is the table in store.c) and the helpers both files use.
 * Nothing outside the store includes this header or sqlite3.h.
 */
#ifndef RW_STORE_INT_H
#define RW_STORE_INT_H

#include <stdint.h>

#include <sqlite3.h>

#include "rightswatch/store.h"

enum store_stmt_id {
	S_BEGIN, S_COMMIT, S_ROLLBACK, S_SAVEPOINT, S_RELEASE, S_ROLLBACK_TO,
	S_SOURCE_GET, S_SOURCE_ALL, S_SOURCE_PUT,
	S_ITEM_GET, S_ITEM_INSERT, S_ITEM_UPDATE, S_ITEM_DONE, S_ITEM_COUNT,
	S_DOC_FIND, S_DOC_LATEST, S_DOC_INSERT, S_DOC_TOUCH, S_DOC_UPDATE,
	S_REV_INSERT,
	S_OBS_DELETE, S_OBS_INSERT, S_OBS_COUNT,
	S_COUNT
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[S_COUNT];
	int depth;          /* open store_begin levels */
	char errmsg[512];
};

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
/* Equal strings, NULL equal only to NULL. */
int store_same_text(const char *a, const char *b);

#endif
