/*
 * store — the daemon's state in one SQLite file: opening (refusing a file
 * that is not ours, is corrupt or is newer than this code), migrating
 * (steps in store_schema.c), transactions, the cache of prepared
 * statements (their SQL is the catalogue in store_sql.c), and the rows of
 * sources (items are in store_item.c, documents and observations in
 * store_doc.c, baselines in store_baseline.c, alerts and the outbox in
 * store_alert.c).
 *
 * The only module that includes sqlite3.h. Every statement is prepared
 * once, cached in struct store, and fed bound parameters: no SQL is ever
 * built from text. WAL journal, foreign keys on, synchronous = FULL by
 * default (a commit returns once the WAL is fdatasync'ed), incremental
 * vacuum (store_reclaim gives pruned revisions' pages back).
 *
 * Why that keeps "no alert lost, none duplicated": a poll of one feed
 * writes everything it learns (items, releases, figures, alerts and their
 * outbox rows, validators, next due time) in one transaction. The poller
 * commits it lazily (store_set_lazy: synchronous = NORMAL, written to the
 * WAL but not synced), and when it raised an alert syncs the WAL
 * (store_sync) before any delivery starts (the courier reads committed
 * outbox rows only). A kill -9 loses no commit, lazy or not: the WAL is in
 * the kernel's hands. A power cut keeps a prefix of the WAL, up to its
 * last sync: it can lose only polls committed after that sync, none of
 * which raised an alert (an alert's commit is synced before it goes out,
 * and the sync makes every commit before it durable too). Such a poll is
 * simply done again when its feed is read next (its validators and items
 * were lost with it), so an alert is neither lost nor sent twice. The
 * poller bounds what a power cut can cost: lazy commits are synced within
 * seconds while polls go on, and as soon as none is in flight. Deliveries
 * (the outbox marks) commit with synchronous = FULL.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "rightswatch/date.h"
#include "rightswatch/feed.h"
#include "rightswatch/store.h"
#include "store_int.h"
#include "store_schema.h"

/* 'R' 'W' 'A' 'T' in the file header: marks a rightswatch state file. */
#define STORE_APPLICATION_ID 0x52574154
#define STORE_BUSY_TIMEOUT   5000 /* milliseconds waiting for another writer */
#define STORE_PROBE_TIMEOUT  250  /* milliseconds the write probe waits (it runs on the loop) */

void
store_set_err(struct store *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->errmsg, sizeof(st->errmsg), fmt, ap);
	va_end(ap);
}

int
store_db_err(struct store *st, const char *what)
{
	store_set_err(st, "%s: %s", what, sqlite3_errmsg(st->db));
	return -1;
}

sqlite3_stmt *
store_stmt(struct store *st, enum store_stmt_id id)
{
	if (st->stmt[id] == NULL &&
	    sqlite3_prepare_v3(st->db, store_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
	    &st->stmt[id], NULL) != SQLITE_OK) {
		store_db_err(st, "prepare");
		st->stmt[id] = NULL;
	}
	return st->stmt[id];
}

void
store_reset(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

int
store_bind_i64_or_null(sqlite3_stmt *s, int i, int64_t v, int64_t none)
{
	if (v == none)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, v);
}

int
store_run(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_db_err(st, what);
		store_reset(s);
		return -1;
	}
	store_reset(s);
	return 0;
}

/* Run a fixed statement (transaction control) by id. */
static int
run_id(struct store *st, enum store_stmt_id id, const char *what)
{
	sqlite3_stmt *s = store_stmt(st, id);

	return s == NULL ? -1 : store_run(st, s, what);
}

char *
store_dup_column(sqlite3_stmt *s, int i, int *oom)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	char *r;

	if (v == NULL)
		return NULL;
	if ((r = strdup((const char *)v)) == NULL)
		*oom = 1;
	return r;
}

int
store_columns_text(sqlite3_stmt *s, const struct store_text_col *cols, size_t n, char **mem)
{
	size_t total = 0, off = 0;

	*mem = NULL;
	for (size_t k = 0; k < n; k++) {
		*cols[k].field = NULL;
		if (sqlite3_column_text(s, cols[k].col) != NULL)
			total += (size_t)sqlite3_column_bytes(s, cols[k].col) + 1;
	}
	if (total == 0)
		return 0;
	if ((*mem = malloc(total)) == NULL)
		return -1;
	for (size_t k = 0; k < n; k++) {
		const unsigned char *t = sqlite3_column_text(s, cols[k].col);
		size_t len;

		if (t == NULL)
			continue;
		len = (size_t)sqlite3_column_bytes(s, cols[k].col);
		memcpy(*mem + off, t, len);
		(*mem)[off + len] = '\0';
		*cols[k].field = *mem + off;
		off += len + 1;
	}
	return 0;
}

/* ---- opening and migrating ---- */

/* One integer from a statement without parameters (a PRAGMA or a count). */
static int
query_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Is this file ours (or empty)? Reads the header: the first read of a file
 * that is not SQLite fails here, before anything writes to it. */
static int
check_identity(struct store *st, const char *path, int *version)
{
	int app, objects;

	if (query_int(st->db, "PRAGMA application_id", &app) == -1 ||
	    query_int(st->db, "PRAGMA user_version", version) == -1 ||
	    query_int(st->db, "SELECT count(*) FROM sqlite_master", &objects) == -1) {
		store_set_err(st, "%s: not a usable SQLite database (corrupt, or another "
		    "kind of file): %s", path, sqlite3_errmsg(st->db));
		return -1;
	}
	if (app == 0 && objects == 0 && *version == 0)
		return 0; /* a new, empty file */
	if (app != STORE_APPLICATION_ID) {
		store_set_err(st, "%s: not a rightswatch state file (another program's "
		    "SQLite database, application_id %d)", path, app);
		return -1;
	}
	if (*version > store_schema_version()) {
		store_set_err(st, "%s: schema version %d is newer than this rightswatch "
		    "knows (%d); use a newer rightswatch", path, *version,
		    store_schema_version());
		return -1;
	}
	return 0;
}

static int
configure(struct store *st, const char *path)
{
	sqlite3_stmt *s;
	int wal = 0;

	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL) != SQLITE_OK)
		return store_db_err(st, path);
	if (sqlite3_step(s) == SQLITE_ROW)
		wal = sqlite3_column_text(s, 0) != NULL &&
		    strcmp((const char *)sqlite3_column_text(s, 0), "wal") == 0;
	sqlite3_finalize(s);
	/* A database in memory (`try` without a state file) has no journal
	 * file to speak of, and needs none. */
	if (!wal && strcmp(path, STORE_MEMORY) != 0) {
		store_set_err(st, "%s: cannot use the WAL journal: %s", path,
		    sqlite3_errmsg(st->db));
		return -1;
	}
	/* auto_vacuum takes effect in a file that has no table yet (a new
	 * one); an older file is converted after migrating (store_open). A
	 * checkpoint costs two syncs: one per 10,000 pages of WAL (40 MB with
	 * 4 KiB pages) instead of SQLite's 1,000 keeps a first poll near one
	 * sync per feed. */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA wal_autocheckpoint = 10000;"
	    "PRAGMA auto_vacuum = INCREMENTAL;", NULL, NULL, NULL) != SQLITE_OK)
		return store_db_err(st, path);
	return 0;
}

/* A file made before incremental vacuum: convert it, once (VACUUM rewrites
 * the file; it needs the write lock, and is tried again at the next open
 * when another process holds it). */
static void
enable_reclaim(struct store *st)
{
	int mode;

	if (query_int(st->db, "PRAGMA auto_vacuum", &mode) == 0 && mode != 2)
		sqlite3_exec(st->db, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM", NULL, NULL, NULL);
}

/* Run every pending step, each in its own transaction. The version is read
 * again inside the transaction: another process may have migrated first. */
static int
migrate(struct store *st, const char *path)
{
	char sql[96];
	int v;

	for (;;) {
		if (run_id(st, S_BEGIN, path) == -1)
			return -1;
		if (query_int(st->db, "PRAGMA user_version", &v) == -1) {
			store_db_err(st, path);
			goto fail;
		}
		if (v >= store_schema_version())
			break;
		if (sqlite3_exec(st->db, store_schema_step(v), NULL, NULL, NULL) != SQLITE_OK) {
			store_set_err(st, "%s: migrating the schema to version %d: %s",
			    path, v + 1, sqlite3_errmsg(st->db));
			goto fail;
		}
		/* PRAGMA takes no parameters; both numbers are ours. */
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d;"
		    "PRAGMA user_version = %d", STORE_APPLICATION_ID, v + 1);
		if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			store_db_err(st, path);
			goto fail;
		}
		if (run_id(st, S_COMMIT, path) == -1)
			goto fail;
	}
	return run_id(st, S_COMMIT, path);
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Open path for store_open (readonly 0) or store_open_readonly (1). */
static int
store_open_mode(const char *path, int readonly, struct store **out, char *err,
    size_t errlen)
{
	struct store *st;
	int version;

	*out = NULL;
	if (path == NULL || *path == '\0') {
		snprintf(err, errlen, "no state file given");
		return -1;
	}
	if ((st = calloc(1, sizeof(*st))) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	st->readonly = readonly;
	if (sqlite3_open_v2(path, &st->db, (readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		if (st->db == NULL)
			store_set_err(st, "%s: out of memory", path);
		else
			store_set_err(st, "%s: %s", path, sqlite3_errmsg(st->db));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT);
	if (check_identity(st, path, &version) == -1)
		goto fail;
	if (readonly) {
		/* Nothing may be written: an older schema is read by the daemon
		 * once it has upgraded it, never here. */
		if (version < store_schema_version()) {
			store_set_err(st, "%s: written by an older rightswatch (schema %d, this "
			    "one reads %d); it is upgraded when the daemon or `once` next "
			    "opens it", path, version, store_schema_version());
			goto fail;
		}
		if (sqlite3_exec(st->db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK) {
			store_db_err(st, path);
			goto fail;
		}
	} else if (configure(st, path) == -1 ||
	    /* Migrating takes the write lock: only when there is something to do. */
	    (version < store_schema_version() && migrate(st, path) == -1))
		goto fail;
	enable_reclaim(st);
	*out = st;
	return 0;
fail:
	snprintf(err, errlen, "%s", st->errmsg);
	store_close(st);
	return -1;
}

int
store_open(const char *path, struct store **out, char *err, size_t errlen)
{
	return store_open_mode(path, 0, out, err, errlen);
}

int
store_probe(const char *path, char *err, size_t errlen)
{
	struct store st;
	int version, r;

	memset(&st, 0, sizeof(st));
	if (sqlite3_open_v2(path, &st.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, st.db != NULL ? sqlite3_errmsg(st.db) :
		    "out of memory");
		sqlite3_close(st.db);
		return -1;
	}
	if ((r = check_identity(&st, path, &version)) == -1)
		snprintf(err, errlen, "%s", st.errmsg);
	sqlite3_close(st.db);
	return r;
}

int
store_open_readonly(const char *path, struct store **out, char *err, size_t errlen)
{
	struct stat sb;

	*out = NULL;
	if (path != NULL && stat(path, &sb) == -1 && errno == ENOENT)
		return 1;
	return store_open_mode(path, 1, out, err, errlen);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db != NULL) {
		/* Fold the WAL back into the file so a closed state is one file
		 * (a reader leaves that to the writers). */
		if (!st->readonly)
			sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
			    NULL, NULL);
		sqlite3_close(st->db);
	}
	free(st);
}

const char *
store_errmsg(const struct store *st)
{
	if (st == NULL)
		return "no state file open";
	return st->errmsg;
}

int
store_size(struct store *st, int64_t *bytes)
{
	int pages, size;

	if (query_int(st->db, "PRAGMA page_count", &pages) == -1 ||
	    query_int(st->db, "PRAGMA page_size", &size) == -1)
		return store_db_err(st, "database size");
	*bytes = (int64_t)pages * size;
	return 0;
}

int
store_reclaim(struct store *st)
{
	int free_pages;

	if (st->depth > 0)
		return 0;
	if (query_int(st->db, "PRAGMA freelist_count", &free_pages) == -1)
		return store_db_err(st, "reclaiming space");
	if (free_pages > 0 &&
	    sqlite3_exec(st->db, "PRAGMA incremental_vacuum", NULL, NULL, NULL) != SQLITE_OK)
		return store_db_err(st, "reclaiming space");
	return 0;
}

/* ---- transactions: store_begin nests through savepoints ---- */

/* Seconds on a clock that does not jump, never 0 (0 is "nothing
 * unsynced"). */
static int64_t
store_clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		return 1;
	return (int64_t)ts.tv_sec + 1;
}

int
store_set_lazy(struct store *st, int lazy)
{
	/* SQLite refuses to change the level inside a transaction. */
	if (st->depth > 0) {
		store_set_err(st, "lazy commits: inside a transaction");
		return -1;
	}
	if (sqlite3_exec(st->db, lazy ? "PRAGMA synchronous = NORMAL" :
	    "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK)
		return store_db_err(st, "lazy commits");
	/* Whatever was committed while lazy may be in the WAL unsynced; a
	 * later synced commit covers it too, but is not counted on (a commit
	 * that wrote nothing syncs nothing). */
	if (!lazy && st->lazy && st->unsynced_since == 0)
		st->unsynced_since = store_clock();
	st->lazy = lazy;
	return 0;
}

int
store_sync(struct store *st, int64_t older_than)
{
	sqlite3_file *wal = NULL;
	int rc;

	if (st->unsynced_since == 0 || st->depth > 0 ||
	    store_clock() - st->unsynced_since < older_than)
		return 0;
	/* The WAL's own file, through SQLite's VFS: syncing it is what a
	 * commit with synchronous = FULL does, and recovery keeps every
	 * commit in the synced part of the WAL. No WAL (a database in
	 * memory): nothing to sync. */
	rc = sqlite3_file_control(st->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
	if (rc != SQLITE_OK)
		return store_db_err(st, "syncing the journal");
	if (wal != NULL && wal->pMethods != NULL &&
	    (rc = wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL)) != SQLITE_OK) {
		store_set_err(st, "syncing the journal: %s", sqlite3_errstr(rc));
		return -1;
	}
	st->unsynced_since = 0;
	return 0;
}

int
store_begin(struct store *st)
{
	if (run_id(st, st->depth == 0 ? S_BEGIN : S_SAVEPOINT, "begin") == -1)
		return -1;
	st->depth++;
	return 0;
}

int
store_commit(struct store *st)
{
	if (st->depth == 0) {
		store_set_err(st, "commit: no transaction");
		return -1;
	}
	if (run_id(st, st->depth == 1 ? S_COMMIT : S_RELEASE, "commit") == -1) {
		/* A failed COMMIT may have rolled back by itself. */
		if (sqlite3_get_autocommit(st->db))
			st->depth = 0;
		return -1;
	}
	st->depth--;
	return 0;
}

int
store_rollback(struct store *st)
{
	int r;

	if (st->depth == 0) {
		store_set_err(st, "rollback: no transaction");
		return -1;
	}
	if (st->depth == 1)
		r = sqlite3_get_autocommit(st->db) ? 0 : run_id(st, S_ROLLBACK, "rollback");
	else if ((r = run_id(st, S_ROLLBACK_TO, "rollback")) == 0)
		r = run_id(st, S_RELEASE, "rollback");
	st->depth--;
	return r;
}

int
store_writable(struct store *st)
{
	int r;

	/* Inside a transaction the write lock is ours already. */
	if (st->depth > 0)
		return 0;
	sqlite3_busy_timeout(st->db, STORE_PROBE_TIMEOUT);
	r = run_id(st, S_BEGIN, "write probe");
	if (r == 0 && !sqlite3_get_autocommit(st->db))
		run_id(st, S_ROLLBACK, "write probe");
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT);
	return r;
}

int
store_abort_tx(struct store *st)
{
	char keep[sizeof(st->errmsg)];

	memcpy(keep, st->errmsg, sizeof(keep));
	store_rollback(st);
	memcpy(st->errmsg, keep, sizeof(keep));
	return -1;
}

/* ---- sources ---- */

/* In enum store_health order. */
static const char *const store_health_names[STORE_HEALTH_COUNT] = {
	"new", "ok", "failing", "throttled", "blocked", "not a feed", "empty", "gone", "invalid",
	"poisoned", "refused",
};

const char *
store_health_name(enum store_health h)
{
	return (unsigned)h < STORE_HEALTH_COUNT ? store_health_names[h] : "unknown";
}

int
store_health_parse(const char *name, enum store_health *out)
{
	for (size_t i = 0; name != NULL && i < STORE_HEALTH_COUNT; i++)
		if (strcmp(name, store_health_names[i]) == 0) {
			*out = (enum store_health)i;
			return 0;
		}
	return -1;
}

void
store_source_clear(struct store_source *s)
{
	if (s == NULL)
		return;
	free(s->name);
	free(s->url);
	free(s->current_url);
	free(s->etag);
	free(s->last_modified);
	free(s->last_result);
	free(s->body_hash);
	memset(s, 0, sizeof(*s));
}

/* Copy the row under s (SOURCE_COLUMNS) into out; 0 or -1 (out of memory). */
static int
read_source(struct store *st, sqlite3_stmt *s, struct store_source *out)
{
	int oom = 0;

	memset(out, 0, sizeof(*out));
	out->name = store_dup_column(s, 0, &oom);
	out->url = store_dup_column(s, 1, &oom);
	out->current_url = store_dup_column(s, 2, &oom);
	out->etag = store_dup_column(s, 3, &oom);
	out->last_modified = store_dup_column(s, 4, &oom);
	/* A name this version does not know (a newer one wrote it) reads as
	 * "new": the next poll judges the source afresh. */
	if (store_health_parse((const char *)sqlite3_column_text(s, 5), &out->health) == -1)
		out->health = STORE_HEALTH_NEW;
	out->last_result = store_dup_column(s, 6, &oom);
	out->last_poll = sqlite3_column_int64(s, 7);
	out->last_ok = sqlite3_column_int64(s, 8);
	out->next_due = sqlite3_column_int64(s, 9);
	out->retry_until = sqlite3_column_int64(s, 10);
	out->backoff = sqlite3_column_int64(s, 11);
	out->failures = sqlite3_column_int(s, 12);
	out->disabled = sqlite3_column_int(s, 13);
	out->items = sqlite3_column_int64(s, 14);
	out->unfinished = sqlite3_column_int(s, 15);
	out->body_hash = store_dup_column(s, 16, &oom);
	out->caught_up = sqlite3_column_int64(s, 17);
	if (oom) {
		store_source_clear(out);
		store_set_err(st, "out of memory");
		return -1;
	}
	return 0;
}

int
store_source_get(struct store *st, const char *name, struct store_source *out)
{
	sqlite3_stmt *s;
	int rc, r;

	memset(out, 0, sizeof(*out));
	if ((s = store_stmt(st, S_SOURCE_GET)) == NULL)
		return -1;
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		r = read_source(st, s, out);
	else if (rc == SQLITE_DONE)
		r = 1;
	else
		r = store_db_err(st, "reading a source");
	store_reset(s);
	return r;
}

int
store_source_put(struct store *st, const struct store_source *src)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_SOURCE_PUT)) == NULL)
		return -1;
	store_bind_text(s, 1, src->name);
	store_bind_text(s, 2, src->url);
	store_bind_text(s, 3, src->current_url);
	store_bind_text(s, 4, src->etag);
	store_bind_text(s, 5, src->last_modified);
	store_bind_text(s, 6, store_health_name(src->health));
	store_bind_text(s, 7, src->last_result);
	sqlite3_bind_int64(s, 8, src->last_poll);
	sqlite3_bind_int64(s, 9, src->last_ok);
	sqlite3_bind_int64(s, 10, src->next_due);
	sqlite3_bind_int64(s, 11, src->retry_until);
	sqlite3_bind_int64(s, 12, src->backoff);
	sqlite3_bind_int(s, 13, src->failures);
	sqlite3_bind_int(s, 14, src->disabled != 0);
	sqlite3_bind_int(s, 15, src->unfinished);
	store_bind_text(s, 16, src->body_hash);
	sqlite3_bind_int64(s, 17, src->caught_up);
	return store_run(st, s, "saving a source");
}

int
store_source_set_hash(struct store *st, const char *name, const char *hash)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_SOURCE_HASH)) == NULL)
		return -1;
	store_bind_text(s, 1, name);
	store_bind_text(s, 2, hash);
	if (store_run(st, s, "saving a source's body hash") == -1)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		store_set_err(st, "saving a source's body hash: no source %s", name);
		return -1;
	}
	return 0;
}

/* The rows are read completely before fn runs, so fn may call the store
 * (even write to it) without disturbing the iteration. */
int
store_source_each(struct store *st,
    int (*fn)(const struct store_source *s, void *arg), void *arg)
{
	struct store_source *all = NULL, *grown;
	size_t n = 0, cap = 0;
	sqlite3_stmt *s;
	int rc, r = 0;

	if ((s = store_stmt(st, S_SOURCE_ALL)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(all, cap * sizeof(*all))) == NULL) {
				store_set_err(st, "out of memory");
				r = -1;
				break;
			}
			all = grown;
		}
		if ((r = read_source(st, s, &all[n])) == -1)
			break;
		n++;
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = store_db_err(st, "listing sources");
	store_reset(s);
	for (size_t i = 0; r == 0 && i < n; i++)
		r = fn(&all[i], arg);
	for (size_t i = 0; i < n; i++)
		store_source_clear(&all[i]);
	free(all);
	return r;
}

/* ---- shared by the store's files ---- */

int
store_same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}
