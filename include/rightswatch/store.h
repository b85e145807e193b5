/*
 * store — the daemon's state in one SQLite file (WAL): sources and their
 * HTTP validators and schedule, items seen, release documents and their
 * revisions, observations with provenance. The only module that includes
 * sqlite3.h; everything else sees these functions and plain structs.
 *
 * The schema is created and migrated by version number (PRAGMA user_version,
 * ordered steps in store_schema.c, each in a transaction); the file is marked
 * with its own PRAGMA application_id. Every function returns 0 on success
 * and -1 on a database error, with the reason retrievable by store_errmsg
 * (valid until the next call). Timestamps are int64 seconds UTC.
 */
#ifndef RW_STORE_H
#define RW_STORE_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct feed_item;
struct extract_result;

/* Open (creating and migrating) the database at path. Returns 0 and *out
 * (close with store_close), or -1 with a reason in err: a file that is not
 * SQLite or is corrupt, another program's database, or a schema newer than
 * this code are refused without being modified. */
int store_open(const char *path, struct store **out, char *err, size_t errlen);
/* Close cleanly (checkpoints the WAL). Accepts NULL. */
void store_close(struct store *st);
/* The reason of the last failure (owned by st). */
const char *store_errmsg(const struct store *st);

/* Health of a source, as shown by `status` and stored. */
#define STORE_HEALTH_NEW        "new"        /* never polled */
#define STORE_HEALTH_OK         "ok"
#define STORE_HEALTH_FAILING    "failing"    /* transport error or 5xx */
#define STORE_HEALTH_THROTTLED  "throttled"  /* 429/503 with Retry-After */
#define STORE_HEALTH_BLOCKED    "blocked"    /* a challenge page (bot wall) */
#define STORE_HEALTH_NOT_A_FEED "not a feed" /* HTML where a feed was expected */
#define STORE_HEALTH_EMPTY      "empty"      /* 200 with an empty body */
#define STORE_HEALTH_GONE       "gone"       /* 410: disabled */
#define STORE_HEALTH_INVALID    "invalid"    /* a body that does not parse */

/* Everything the scheduler remembers about a source across restarts.
 * Strings are owned by the struct: free with store_source_clear. */
struct store_source {
	char *name;
	char *url;            /* configured URL */
	char *current_url;    /* after a permanent redirect, or NULL */
	char *etag;           /* validators exactly as received, or NULL */
	char *last_modified;
	char *health;         /* one of STORE_HEALTH_* */
	char *last_result;    /* one line, e.g. "200, 12 items, 2 new" */
	int64_t last_poll;    /* seconds UTC, 0 never */
	int64_t last_ok;      /* seconds UTC, 0 never */
	int64_t next_due;     /* seconds UTC, 0 now */
	int64_t retry_until;  /* server's Retry-After, seconds UTC, 0 none */
	int64_t backoff;      /* current error backoff, seconds, 0 none */
	int failures;         /* consecutive failures */
	int disabled;         /* 1 after a 410 */
	int64_t items;        /* items seen from this source (counted on read;
	                         ignored by store_source_put) */
};

void store_source_clear(struct store_source *s);
/* Load the source named name into *out; returns 0 (found), 1 (not found:
 * *out is zeroed), or -1. */
int store_source_get(struct store *st, const char *name, struct store_source *out);
/* Insert or update by name. */
int store_source_put(struct store *st, const struct store_source *s);
/* Call fn for each stored source, in name order (rows are read first, so fn
 * may use the store). fn returns 0 to go on. Returns 0, -1 on a database
 * error, or the first non-zero value fn returned. */
int store_source_each(struct store *st,
    int (*fn)(const struct store_source *s, void *arg), void *arg);

enum store_item_state {
	STORE_ITEM_NEW = 0,  /* never seen from this source */
	STORE_ITEM_SAME,     /* seen, same content hash, processed */
	STORE_ITEM_CHANGED,  /* seen, content hash differs: a revision */
	STORE_ITEM_PENDING   /* seen, but its release was never processed */
};

/* Record an item of source (by its stable id) with the hash of its content;
 * says whether it is new, unchanged, changed or still pending. The item
 * stays pending until store_item_done; a pending item whose hash changed is
 * still PENDING (its new hash is kept). The source must have been stored
 * with store_source_put first. Each call commits on its own unless the
 * caller groups a poll's items in store_begin/store_commit (faster). */
int store_item_record(struct store *st, const char *source,
    const struct feed_item *it, const char *hash, int64_t now,
    enum store_item_state *state);
/* Mark the item processed (its release read and stored as doc_id, or 0
 * when it had nothing to read). */
int store_item_done(struct store *st, const char *source, const char *item_id,
    int64_t doc_id);
/* Items stored for source, and how many of them are pending (pending may be
 * NULL). */
int store_items_count(struct store *st, const char *source, int64_t *count,
    int64_t *pending);

struct store_document {
	const char *url;   /* the release's canonical URL: one document per URL */
	const char *title;
	const char *date;  /* YYYY-MM-DD or NULL */
	const char *lang;
	const char *text;
	const char *hash;  /* of the text */
	const char *country; /* the release's country, or NULL */
};

enum store_doc_state {
	STORE_DOC_NEW = 0,
	STORE_DOC_SAME,    /* same URL, same hash: nothing to do */
	STORE_DOC_REVISED  /* same URL, new hash: a new revision was recorded */
};

/* Is there a document for url already? Returns 0 and *doc_id (0 if none). */
int store_document_find(struct store *st, const char *url, int64_t *doc_id);
/* Save a document (new, or a new revision when the hash changed): NEW with
 * revision 1, SAME (the latest revision's hash; nothing written but
 * last_seen), or REVISED with revision latest + 1 and the metadata updated.
 * One transaction; *doc_id and *revision name the latest revision. */
int store_document_save(struct store *st, const struct store_document *d,
    int64_t now, int64_t *doc_id, int *revision, enum store_doc_state *state);

/* Record the observations of one revision of a document (replacing any for
 * the same revision), with the text they came from for the sentences, in
 * one transaction. Evidence is text[start, end) and the sentence
 * text[sent_start, sent_end), each NULL when outside strlen(text). */
int store_observations_save(struct store *st, int64_t doc_id, int revision,
    const char *text, const struct extract_result *res, const char *extractor_version,
    int64_t now);
/* Number of observations stored for a document's latest revision. */
int store_observations_count(struct store *st, int64_t doc_id, int64_t *count);

/* Transactions for callers that group several calls. They nest: an inner
 * begin is a savepoint, so a store call that opens its own transaction
 * joins the caller's (an alert written with its observation). */
int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

#endif
