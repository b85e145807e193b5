/*
 * store — the daemon's state in one SQLite file: opening (refusing a file
 * that is not ours, is corrupt or is newer than this code), migrating
 * (store_schema.c), transactions, and the rows of sources, items,
 * documents with their revisions, and observations.
 *
 * The only module that includes sqlite3.h. Every statement is prepared
 * once, cached in struct store, and fed bound parameters: no SQL is ever
 * built from text. WAL journal, foreign keys on, synchronous = FULL (an
 * alert and its outbox rows must survive a power cut once committed).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rightswatch/date.h"
#include "rightswatch/extract.h"
#include "rightswatch/feed.h"
#include "rightswatch/store.h"
#include "store_schema.h"

/* 'R' 'W' 'A' 'T' in the file header: marks a rightswatch state file. */
#define STORE_APPLICATION_ID 0x52574154
#define STORE_BUSY_TIMEOUT   5000 /* milliseconds waiting for another writer */

enum stmt_id {
	S_BEGIN, S_COMMIT, S_ROLLBACK, S_SAVEPOINT, S_RELEASE, S_ROLLBACK_TO,
	S_SOURCE_GET, S_SOURCE_ALL, S_SOURCE_PUT,
	S_ITEM_GET, S_ITEM_INSERT, S_ITEM_UPDATE, S_ITEM_DONE, S_ITEM_COUNT,
	S_DOC_FIND, S_DOC_LATEST, S_DOC_INSERT, S_DOC_TOUCH, S_DOC_UPDATE,
	S_REV_INSERT,
	S_OBS_DELETE, S_OBS_INSERT, S_OBS_COUNT,
	S_COUNT
};

#define SOURCE_COLUMNS \
	"name, url, current_url, etag, last_modified, health, last_result," \
	" last_poll, last_ok, next_due, retry_until, backoff, failures, disabled," \
	" (SELECT count(*) FROM items i WHERE i.source = s.name)"

static const char *const stmt_sql[S_COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_SAVEPOINT] = "SAVEPOINT store_nested",
	[S_RELEASE] = "RELEASE store_nested",
	[S_ROLLBACK_TO] = "ROLLBACK TO store_nested",
	[S_SOURCE_GET] = "SELECT " SOURCE_COLUMNS " FROM sources s WHERE name = ?1",
	[S_SOURCE_ALL] = "SELECT " SOURCE_COLUMNS " FROM sources s ORDER BY name",
	[S_SOURCE_PUT] =
	    "INSERT INTO sources (name, url, current_url, etag, last_modified,"
	    " health, last_result, last_poll, last_ok, next_due, retry_until,"
	    " backoff, failures, disabled)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 'new'), ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?14)"
	    " ON CONFLICT (name) DO UPDATE SET url = excluded.url,"
	    " current_url = excluded.current_url, etag = excluded.etag,"
	    " last_modified = excluded.last_modified, health = excluded.health,"
	    " last_result = excluded.last_result, last_poll = excluded.last_poll,"
	    " last_ok = excluded.last_ok, next_due = excluded.next_due,"
	    " retry_until = excluded.retry_until, backoff = excluded.backoff,"
	    " failures = excluded.failures, disabled = excluded.disabled",
	[S_ITEM_GET] = "SELECT content_hash, done FROM items"
	    " WHERE source = ?1 AND item_id = ?2",
	[S_ITEM_INSERT] =
	    "INSERT INTO items (source, item_id, link, title, published, updated,"
	    " content_hash, first_seen, last_seen, done)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 0)",
	[S_ITEM_UPDATE] =
	    "UPDATE items SET link = ?3, title = ?4, published = ?5, updated = ?6,"
	    " content_hash = ?7, last_seen = ?8, done = ?9"
	    " WHERE source = ?1 AND item_id = ?2",
	[S_ITEM_DONE] = "UPDATE items SET done = 1, doc_id = ?3"
	    " WHERE source = ?1 AND item_id = ?2",
	[S_ITEM_COUNT] = "SELECT count(*), coalesce(sum(done = 0), 0) FROM items"
	    " WHERE source = ?1",
	[S_DOC_FIND] = "SELECT id FROM documents WHERE url = ?1",
	[S_DOC_LATEST] = "SELECT d.id, d.latest_revision, r.hash FROM documents d"
	    " LEFT JOIN revisions r ON r.doc_id = d.id"
	    " AND r.revision = d.latest_revision WHERE d.url = ?1",
	[S_DOC_INSERT] =
	    "INSERT INTO documents (url, title, date, lang, country,"
	    " latest_revision, first_seen, last_seen)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)",
	[S_DOC_TOUCH] = "UPDATE documents SET last_seen = ?2 WHERE id = ?1",
	[S_DOC_UPDATE] =
	    "UPDATE documents SET title = coalesce(?2, title),"
	    " date = coalesce(?3, date), lang = coalesce(?4, lang),"
	    " country = coalesce(?5, country), latest_revision = ?6,"
	    " last_seen = ?7 WHERE id = ?1",
	[S_REV_INSERT] = "INSERT INTO revisions (doc_id, revision, hash, text,"
	    " fetched_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_OBS_DELETE] = "DELETE FROM observations WHERE doc_id = ?1 AND revision = ?2",
	[S_OBS_INSERT] =
	    "INSERT INTO observations (doc_id, revision, indicator, value,"
	    " qualifier, period_start, period_end, country, region, derived,"
	    " evidence, sentence, start, \"end\", extractor_version, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16)",
	[S_OBS_COUNT] = "SELECT count(*) FROM observations o"
	    " JOIN documents d ON d.id = o.doc_id AND d.latest_revision = o.revision"
	    " WHERE o.doc_id = ?1",
};

/* Indexed by enum extract_qualifier; kept here so the store does not link
 * against the extractor. Must match the CHECK in the schema. */
static const char *const qualifier_names[] = {
	[EXTRACT_EXACT] = "exact",
	[EXTRACT_AT_LEAST] = "at_least",
	[EXTRACT_MORE_THAN] = "more_than",
	[EXTRACT_APPROX] = "approx",
	[EXTRACT_AT_MOST] = "at_most",
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[S_COUNT];
	int depth;          /* open store_begin levels */
	char errmsg[512];
};

static void
set_err(struct store *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->errmsg, sizeof(st->errmsg), fmt, ap);
	va_end(ap);
}

/* Record SQLite's reason for the last failure, prefixed by what we did. */
static int
db_err(struct store *st, const char *what)
{
	set_err(st, "%s: %s", what, sqlite3_errmsg(st->db));
	return -1;
}

/* The cached statement id, prepared on first use; NULL on error. */
static sqlite3_stmt *
stmt(struct store *st, enum stmt_id id)
{
	if (st->stmt[id] == NULL &&
	    sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
	    &st->stmt[id], NULL) != SQLITE_OK) {
		db_err(st, "prepare");
		st->stmt[id] = NULL;
	}
	return st->stmt[id];
}

/* Make a cached statement ready for its next use. */
static void
done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

static int
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Bind v, or NULL when v is the "none" value given. */
static int
bind_i64_or_null(sqlite3_stmt *s, int i, int64_t v, int64_t none)
{
	if (v == none)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, v);
}

/* Step a statement that returns no row; 0 or -1. Leaves it reset. */
static int
run(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_err(st, what);
		done(s);
		return -1;
	}
	done(s);
	return 0;
}

/* Run a fixed statement (transaction control) by id. */
static int
run_id(struct store *st, enum stmt_id id, const char *what)
{
	sqlite3_stmt *s = stmt(st, id);

	return s == NULL ? -1 : run(st, s, what);
}

static char *
dup_column(sqlite3_stmt *s, int i, int *oom)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	char *r;

	if (v == NULL)
		return NULL;
	if ((r = strdup((const char *)v)) == NULL)
		*oom = 1;
	return r;
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
		set_err(st, "%s: not a usable SQLite database (corrupt, or another "
		    "kind of file): %s", path, sqlite3_errmsg(st->db));
		return -1;
	}
	if (app == 0 && objects == 0 && *version == 0)
		return 0; /* a new, empty file */
	if (app != STORE_APPLICATION_ID) {
		set_err(st, "%s: not a rightswatch state file (another program's "
		    "SQLite database, application_id %d)", path, app);
		return -1;
	}
	if (*version > store_schema_version()) {
		set_err(st, "%s: schema version %d is newer than this rightswatch "
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
		return db_err(st, path);
	if (sqlite3_step(s) == SQLITE_ROW)
		wal = sqlite3_column_text(s, 0) != NULL &&
		    strcmp((const char *)sqlite3_column_text(s, 0), "wal") == 0;
	sqlite3_finalize(s);
	if (!wal) {
		set_err(st, "%s: cannot use the WAL journal: %s", path,
		    sqlite3_errmsg(st->db));
		return -1;
	}
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;", NULL, NULL, NULL) != SQLITE_OK)
		return db_err(st, path);
	return 0;
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
			db_err(st, path);
			goto fail;
		}
		if (v >= store_schema_version())
			break;
		if (sqlite3_exec(st->db, store_schema_step(v), NULL, NULL, NULL) != SQLITE_OK) {
			set_err(st, "%s: migrating the schema to version %d: %s",
			    path, v + 1, sqlite3_errmsg(st->db));
			goto fail;
		}
		/* PRAGMA takes no parameters; both numbers are ours. */
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d;"
		    "PRAGMA user_version = %d", STORE_APPLICATION_ID, v + 1);
		if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			db_err(st, path);
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

int
store_open(const char *path, struct store **out, char *err, size_t errlen)
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
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		if (st->db == NULL)
			set_err(st, "%s: out of memory", path);
		else
			set_err(st, "%s: %s", path, sqlite3_errmsg(st->db));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT);
	/* Migrating takes the write lock: only when there is something to do. */
	if (check_identity(st, path, &version) == -1 || configure(st, path) == -1 ||
	    (version < store_schema_version() && migrate(st, path) == -1))
		goto fail;
	*out = st;
	return 0;
fail:
	snprintf(err, errlen, "%s", st->errmsg);
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db != NULL) {
		/* Fold the WAL back into the file so a closed state is one file. */
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

/* ---- transactions: store_begin nests through savepoints ---- */

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
		set_err(st, "commit: no transaction");
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
		set_err(st, "rollback: no transaction");
		return -1;
	}
	if (st->depth == 1)
		r = sqlite3_get_autocommit(st->db) ? 0 : run_id(st, S_ROLLBACK, "rollback");
	else if ((r = run_id(st, S_ROLLBACK_TO, "rollback")) == 0)
		r = run_id(st, S_RELEASE, "rollback");
	st->depth--;
	return r;
}

/* Undo the transaction of a failed call, keeping its error message. */
static int
abort_tx(struct store *st)
{
	char keep[sizeof(st->errmsg)];

	memcpy(keep, st->errmsg, sizeof(keep));
	store_rollback(st);
	memcpy(st->errmsg, keep, sizeof(keep));
	return -1;
}

/* ---- sources ---- */

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
	free(s->health);
	free(s->last_result);
	memset(s, 0, sizeof(*s));
}

/* Copy the row under s (SOURCE_COLUMNS) into out; 0 or -1 (out of memory). */
static int
read_source(struct store *st, sqlite3_stmt *s, struct store_source *out)
{
	int oom = 0;

	memset(out, 0, sizeof(*out));
	out->name = dup_column(s, 0, &oom);
	out->url = dup_column(s, 1, &oom);
	out->current_url = dup_column(s, 2, &oom);
	out->etag = dup_column(s, 3, &oom);
	out->last_modified = dup_column(s, 4, &oom);
	out->health = dup_column(s, 5, &oom);
	out->last_result = dup_column(s, 6, &oom);
	out->last_poll = sqlite3_column_int64(s, 7);
	out->last_ok = sqlite3_column_int64(s, 8);
	out->next_due = sqlite3_column_int64(s, 9);
	out->retry_until = sqlite3_column_int64(s, 10);
	out->backoff = sqlite3_column_int64(s, 11);
	out->failures = sqlite3_column_int(s, 12);
	out->disabled = sqlite3_column_int(s, 13);
	out->items = sqlite3_column_int64(s, 14);
	if (oom) {
		store_source_clear(out);
		set_err(st, "out of memory");
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
	if ((s = stmt(st, S_SOURCE_GET)) == NULL)
		return -1;
	bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		r = read_source(st, s, out);
	else if (rc == SQLITE_DONE)
		r = 1;
	else
		r = db_err(st, "reading a source");
	done(s);
	return r;
}

int
store_source_put(struct store *st, const struct store_source *src)
{
	sqlite3_stmt *s;

	if ((s = stmt(st, S_SOURCE_PUT)) == NULL)
		return -1;
	bind_text(s, 1, src->name);
	bind_text(s, 2, src->url);
	bind_text(s, 3, src->current_url);
	bind_text(s, 4, src->etag);
	bind_text(s, 5, src->last_modified);
	bind_text(s, 6, src->health);
	bind_text(s, 7, src->last_result);
	sqlite3_bind_int64(s, 8, src->last_poll);
	sqlite3_bind_int64(s, 9, src->last_ok);
	sqlite3_bind_int64(s, 10, src->next_due);
	sqlite3_bind_int64(s, 11, src->retry_until);
	sqlite3_bind_int64(s, 12, src->backoff);
	sqlite3_bind_int(s, 13, src->failures);
	sqlite3_bind_int(s, 14, src->disabled != 0);
	return run(st, s, "saving a source");
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

	if ((s = stmt(st, S_SOURCE_ALL)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(all, cap * sizeof(*all))) == NULL) {
				set_err(st, "out of memory");
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
		r = db_err(st, "listing sources");
	done(s);
	for (size_t i = 0; r == 0 && i < n; i++)
		r = fn(&all[i], arg);
	for (size_t i = 0; i < n; i++)
		store_source_clear(&all[i]);
	free(all);
	return r;
}

/* ---- items ---- */

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
store_item_record(struct store *st, const char *source,
    const struct feed_item *it, const char *hash, int64_t now,
    enum store_item_state *state)
{
	sqlite3_stmt *s;
	int rc, found, was_done = 0, changed = 0;

	if (source == NULL || it == NULL || it->id == NULL) {
		set_err(st, "recording an item: no source or no id");
		return -1;
	}
	if ((s = stmt(st, S_ITEM_GET)) == NULL)
		return -1;
	bind_text(s, 1, source);
	bind_text(s, 2, it->id);
	rc = sqlite3_step(s);
	if ((found = rc == SQLITE_ROW)) {
		was_done = sqlite3_column_int(s, 1);
		changed = !same_text((const char *)sqlite3_column_text(s, 0), hash);
	} else if (rc != SQLITE_DONE) {
		db_err(st, "reading an item");
		done(s);
		return -1;
	}
	done(s);

	if ((s = stmt(st, found ? S_ITEM_UPDATE : S_ITEM_INSERT)) == NULL)
		return -1;
	bind_text(s, 1, source);
	bind_text(s, 2, it->id);
	bind_text(s, 3, it->link);
	bind_text(s, 4, it->title);
	bind_i64_or_null(s, 5, it->published, DATE_UNKNOWN);
	bind_i64_or_null(s, 6, it->updated, DATE_UNKNOWN);
	bind_text(s, 7, hash);
	sqlite3_bind_int64(s, 8, now);
	if (found)
		sqlite3_bind_int(s, 9, was_done && !changed);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			set_err(st, "recording an item: its source is not stored "
			    "(store_source_put it first)");
		else
			db_err(st, "recording an item");
		done(s);
		return -1;
	}
	done(s);
	/* A pending item stays pending even when its content changed: it
	 * will be read once, with the newest content. */
	if (!found)
		*state = STORE_ITEM_NEW;
	else if (!was_done)
		*state = STORE_ITEM_PENDING;
	else if (changed)
		*state = STORE_ITEM_CHANGED;
	else
		*state = STORE_ITEM_SAME;
	return 0;
}

int
store_item_done(struct store *st, const char *source, const char *item_id,
    int64_t doc_id)
{
	sqlite3_stmt *s;

	if ((s = stmt(st, S_ITEM_DONE)) == NULL)
		return -1;
	bind_text(s, 1, source);
	bind_text(s, 2, item_id);
	bind_i64_or_null(s, 3, doc_id, 0);
	if (run(st, s, "marking an item done") == -1)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		set_err(st, "marking an item done: no such item");
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

	if ((s = stmt(st, S_ITEM_COUNT)) == NULL)
		return -1;
	bind_text(s, 1, source);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*count = sqlite3_column_int64(s, 0);
		if (pending != NULL)
			*pending = sqlite3_column_int64(s, 1);
	} else
		r = db_err(st, "counting items");
	done(s);
	return r;
}

/* ---- documents and revisions ---- */

int
store_document_find(struct store *st, const char *url, int64_t *doc_id)
{
	sqlite3_stmt *s;
	int rc;

	*doc_id = 0;
	if ((s = stmt(st, S_DOC_FIND)) == NULL)
		return -1;
	bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*doc_id = sqlite3_column_int64(s, 0);
	done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(st, "finding a document");
	return 0;
}

static int
insert_revision(struct store *st, int64_t doc_id, int revision,
    const struct store_document *d, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = stmt(st, S_REV_INSERT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, doc_id);
	sqlite3_bind_int(s, 2, revision);
	bind_text(s, 3, d->hash);
	bind_text(s, 4, d->text != NULL ? d->text : "");
	sqlite3_bind_int64(s, 5, now);
	return run(st, s, "saving a revision");
}

/* Inside the caller's transaction: the rows for one save. */
static int
save_document(struct store *st, const struct store_document *d, int64_t now,
    int64_t *doc_id, int *revision, enum store_doc_state *state)
{
	sqlite3_stmt *s;
	int rc, latest = 0, same = 0;
	int64_t id = 0;

	if ((s = stmt(st, S_DOC_LATEST)) == NULL)
		return -1;
	bind_text(s, 1, d->url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		latest = sqlite3_column_int(s, 1);
		same = same_text((const char *)sqlite3_column_text(s, 2), d->hash);
	}
	done(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(st, "reading a document");

	if (id == 0) {
		if ((s = stmt(st, S_DOC_INSERT)) == NULL)
			return -1;
		bind_text(s, 1, d->url);
		bind_text(s, 2, d->title);
		bind_text(s, 3, d->date);
		bind_text(s, 4, d->lang);
		bind_text(s, 5, d->country);
		sqlite3_bind_int64(s, 6, now);
		if (run(st, s, "saving a document") == -1)
			return -1;
		id = sqlite3_last_insert_rowid(st->db);
		*state = STORE_DOC_NEW;
		latest = 1;
		if (insert_revision(st, id, latest, d, now) == -1)
			return -1;
	} else if (same) {
		if ((s = stmt(st, S_DOC_TOUCH)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, now);
		if (run(st, s, "saving a document") == -1)
			return -1;
		*state = STORE_DOC_SAME;
	} else {
		latest++;
		if (insert_revision(st, id, latest, d, now) == -1 ||
		    (s = stmt(st, S_DOC_UPDATE)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, d->title);
		bind_text(s, 3, d->date);
		bind_text(s, 4, d->lang);
		bind_text(s, 5, d->country);
		sqlite3_bind_int(s, 6, latest);
		sqlite3_bind_int64(s, 7, now);
		if (run(st, s, "saving a document") == -1)
			return -1;
		*state = STORE_DOC_REVISED;
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
		set_err(st, "saving a document: no URL");
		return -1;
	}
	if (store_begin(st) == -1)
		return -1;
	if (save_document(st, d, now, doc_id, revision, state) == -1)
		return abort_tx(st);
	return store_commit(st) == -1 ? abort_tx(st) : 0;
}

/* ---- observations ---- */

/* Bind text[a, b) when it lies inside the text, else NULL: offsets from a
 * buggy extractor must not read outside the buffer. */
static int
bind_slice(sqlite3_stmt *s, int i, const char *text, size_t len, size_t a, size_t b)
{
	if (text == NULL || a > b || b > len)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, text + a, (int)(b - a), SQLITE_TRANSIENT);
}

static int
insert_observation(struct store *st, int64_t doc_id, int revision,
    const char *text, size_t len, const struct extract_obs *o,
    const char *version, int64_t now)
{
	char from[16], to[16];
	sqlite3_stmt *s;

	if (o->indicator == NULL || (unsigned)o->qualifier >=
	    sizeof(qualifier_names) / sizeof(qualifier_names[0])) {
		set_err(st, "saving an observation: no indicator or an unknown qualifier");
		return -1;
	}
	/* SQLite counts lengths in int; an offset beyond that is not ours. */
	if (len > (size_t)INT32_MAX) {
		set_err(st, "saving an observation: text too long");
		return -1;
	}
	if ((s = stmt(st, S_OBS_INSERT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, doc_id);
	sqlite3_bind_int(s, 2, revision);
	bind_text(s, 3, o->indicator);
	sqlite3_bind_int64(s, 4, o->value);
	bind_text(s, 5, qualifier_names[o->qualifier]);
	if (o->has_period) {
		bind_text(s, 6, date_format_ymd(o->period_start, from));
		bind_text(s, 7, date_format_ymd(o->period_end, to));
	}
	bind_text(s, 8, o->country);
	bind_text(s, 9, o->region);
	sqlite3_bind_int(s, 10, o->derived != 0);
	bind_slice(s, 11, text, len, o->start, o->end);
	bind_slice(s, 12, text, len, o->sent_start, o->sent_end);
	sqlite3_bind_int64(s, 13, (int64_t)o->start);
	sqlite3_bind_int64(s, 14, (int64_t)o->end);
	bind_text(s, 15, version != NULL ? version : "");
	sqlite3_bind_int64(s, 16, now);
	return run(st, s, "saving an observation");
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
	if ((s = stmt(st, S_OBS_DELETE)) == NULL)
		return abort_tx(st);
	sqlite3_bind_int64(s, 1, doc_id);
	sqlite3_bind_int(s, 2, revision);
	if (run(st, s, "replacing observations") == -1)
		return abort_tx(st);
	for (size_t i = 0; res != NULL && i < res->nobs; i++)
		if (insert_observation(st, doc_id, revision, text, len,
		    &res->obs[i], extractor_version, now) == -1)
			return abort_tx(st);
	return store_commit(st) == -1 ? abort_tx(st) : 0;
}

int
store_observations_count(struct store *st, int64_t doc_id, int64_t *count)
{
	sqlite3_stmt *s;
	int r = 0;

	if ((s = stmt(st, S_OBS_COUNT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, doc_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	else
		r = db_err(st, "counting observations");
	done(s);
	return r;
}
