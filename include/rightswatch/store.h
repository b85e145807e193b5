/*
 * store — the daemon's state in one SQLite file (WAL): sources and their
 * HTTP validators and schedule, items seen, release documents and their
 * revisions, observations with provenance, baselines, alerts and their
 * delivery outbox. The only module that includes sqlite3.h; everything
 * else sees these functions and plain structs.
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

/* A path for store_open: a state in memory, gone when it is closed. */
#define STORE_MEMORY ":memory:"

/* Open (creating and migrating) the database at path. Returns 0 and *out
 * (close with store_close), or -1 with a reason in err: a file that is not
 * SQLite or is corrupt, another program's database, or a schema newer than
 * this code are refused without being modified. */
int store_open(const char *path, struct store **out, char *err, size_t errlen);
/* Open an existing state file to read only, for the commands that show
 * what it holds (`status`, `alerts`, `releases` ...): nothing is created,
 * migrated or written (a write fails). Returns 0 and *out; 1 when there is
 * no file at path (nothing was created); -1 with a reason in err, also for
 * a file an older rightswatch wrote (only a writer upgrades it). */
int store_open_readonly(const char *path, struct store **out, char *err, size_t errlen);
/* Can run open (or create) the state file at path? Nothing is touched:
 * an existing file must be a regular file we may read and write, in a
 * directory we may write, and a state file this code can open (ours or
 * empty, not newer); a missing one needs its directory writable, or the
 * nearest existing directory above it (store_file_prepare creates the
 * rest). 0 and *create (0 it exists, 1 it will be created, 2 its
 * directory too), or -1 with the reason in err (store_file.c). */
int store_file_check(const char *path, int *create, char *err, size_t errlen);
/* Create the state file's directory and those above it that are missing
 * (mode 0750), as run and once do before opening it. 0, or -1 with err. */
int store_file_prepare(const char *path, char *err, size_t errlen);
/* Close cleanly (checkpoints the WAL). Accepts NULL. */
void store_close(struct store *st);
/* The reason of the last failure (owned by st). */
const char *store_errmsg(const struct store *st);

/* Health of a source, as `status` shows it and the store keeps it (by
 * name: store_health_name). */
enum store_health {
	STORE_HEALTH_NEW = 0,      /* "new": never polled */
	STORE_HEALTH_OK,           /* "ok" */
	STORE_HEALTH_FAILING,      /* "failing": transport error or an error status */
	STORE_HEALTH_THROTTLED,    /* "throttled": 429, or 503 with Retry-After */
	STORE_HEALTH_BLOCKED,      /* "blocked": a challenge page (bot wall) */
	STORE_HEALTH_NOT_A_FEED,   /* "not a feed": HTML where a feed was expected */
	STORE_HEALTH_EMPTY,        /* "empty": 200 with an empty body */
	STORE_HEALTH_GONE,         /* "gone": 410, disabled */
	STORE_HEALTH_INVALID,      /* "invalid": a body that does not parse */
	STORE_HEALTH_POISONED,     /* "poisoned": rounds that never finished, quarantined */
	STORE_HEALTH_REFUSED,      /* "refused": a hop the URL policy refuses (url_policy.h) */
	STORE_HEALTH_COUNT
};

/* "new", "ok", "failing" ...; "unknown" out of range. Static. */
const char *store_health_name(enum store_health h);
/* The health named name -> *out: 0, or -1 when no health has that name. */
int store_health_parse(const char *name, enum store_health *out);

/* Everything the scheduler remembers about a source across restarts.
 * Strings are owned by the struct: free with store_source_clear. */
struct store_source {
	char *name;
	char *url;            /* configured URL */
	char *current_url;    /* after a permanent redirect, or NULL */
	char *etag;           /* validators exactly as received, or NULL */
	char *last_modified;
	enum store_health health;
	char *last_result;    /* one line, e.g. "200, 12 items, 2 new" */
	int64_t last_poll;    /* seconds UTC, 0 never */
	int64_t last_ok;      /* seconds UTC, 0 never */
	int64_t next_due;     /* seconds UTC, 0 now */
	int64_t retry_until;  /* server's Retry-After, seconds UTC, 0 none */
	int64_t backoff;      /* current error backoff, seconds, 0 none */
	int failures;         /* consecutive failures */
	int unfinished;       /* consecutive rounds that began and never ended */
	char *body_hash;      /* SHA-256 (hex) of the feed body last begun to be read, or NULL */
	int disabled;         /* 1 after a 410 */
	int64_t items;        /* items seen from this source (counted on read;
	                         ignored by store_source_put) */
	int64_t caught_up;    /* seconds UTC: when its first read round (the
	                         catch-up, which raises no alert) ended; 0 not yet */
};

void store_source_clear(struct store_source *s);
/* Load the source named name into *out; returns 0 (found), 1 (not found:
 * *out is zeroed), or -1. */
int store_source_get(struct store *st, const char *name, struct store_source *out);
/* Insert or update by name. */
int store_source_put(struct store *st, const struct store_source *s);
/* Record the hash of the feed body about to be read for the stored
 * source name (nothing else of its row changes). 0, or -1 (also when no
 * such source is stored). */
int store_source_set_hash(struct store *st, const char *name, const char *hash);
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
/* The same, and when the item was first seen (now for a new one). */
int store_item_record_seen(struct store *st, const char *source,
    const struct feed_item *it, const char *hash, int64_t now,
    enum store_item_state *state, int64_t *first_seen);
/* What store_item_record would say of item id with hash, writing
 * nothing: a poll decides what to read before its one transaction. */
int store_item_lookup(struct store *st, const char *source, const char *id, const char *hash,
    int64_t now, enum store_item_state *state, int64_t *first_seen);
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
	int keep_revisions; /* the texts of this many newest revisions are kept,
	                       older ones dropped (their figures stay); 0: all */
};

enum store_doc_state {
	STORE_DOC_NEW = 0,
	STORE_DOC_SAME,    /* same URL, same hash: nothing to do */
	STORE_DOC_REVISED  /* same URL, new hash: a new revision was recorded */
};

/* Is there a document for url already? Returns 0 and *doc_id (0 if none). */
int store_document_find(struct store *st, const char *url, int64_t *doc_id);
/* A stored release, as read back (every string owned; store_doc_text_clear). */
struct store_doc_text {
	int64_t id;
	int revision;        /* the latest */
	char *url, *title, *date, *lang, *country; /* NULL when not stored */
	char *text;          /* the latest revision's text */
};

/* The latest revision of the document whose id is id or whose URL is url
 * (either may be 0 / NULL). Returns 0 and fills out, 1 when there is none,
 * -1 on a database error or out of memory. */
int store_document_get(struct store *st, int64_t id, const char *url, struct store_doc_text *out);
void store_doc_text_clear(struct store_doc_text *d);

/* Save a document (new, or a new revision when the hash of its main text
 * changed): NEW with revision 1, SAME (the latest revision's hash; nothing
 * written but last_seen), or REVISED with revision latest + 1 and the
 * metadata updated; of the revisions older than the newest keep_revisions,
 * those no figure refers to are deleted, the others' text emptied. One
 * transaction; *doc_id and *revision name the
 * latest revision. */
int store_document_save(struct store *st, const struct store_document *d,
    int64_t now, int64_t *doc_id, int *revision, enum store_doc_state *state);

/* Record the observations of one revision of a document (replacing any for
 * the same revision), with the text they came from for the sentences, in
 * one transaction. Evidence is text[start, end) and the sentence
 * text[sent_start, sent_end), each NULL when outside strlen(text). A
 * figure the document's earlier revisions hold already (same indicator,
 * value, qualifier, period, place and evidence) moves to this revision,
 * keeping its id (an alert's reference stays), rather than being copied:
 * every distinct figure is kept forever, a repeated one once. */
int store_observations_save(struct store *st, int64_t doc_id, int revision,
    const char *text, const struct extract_result *res, const char *extractor_version,
    int64_t now);
/* Delete the observations of one revision of a document (to read it
 * again: `reextract`). */
int store_observations_clear(struct store *st, int64_t doc_id, int revision);
/* Number of observations stored for a document's latest revision. */
int store_observations_count(struct store *st, int64_t doc_id, int64_t *count);

/* ---- baselines (store_baseline.c) ---- */

/* Where a baseline figure comes from, in the order the rules prefer them. */
#define STORE_ORIGIN_CONFIGURED "configured" /* a [baseline NAME] section */
#define STORE_ORIGIN_IMPORTED   "imported"   /* a CSV file */
#define STORE_ORIGIN_REPORTED   "reported"   /* observed in a release */
#define STORE_ORIGIN_DERIVED    "derived"    /* implied by a comparison */

/* A figure for (country, indicator, period). As input (replace, import) the
 * store only reads it, the caller keeping the strings: origin is ignored,
 * source may be NULL. As output (list) the strings live in the row's mem,
 * which it owns (free the array with store_baselines_free), origin points to one of the static STORE_ORIGIN_*
 * strings, and source is never NULL for a reported or derived row:
 * "TITLE <URL>" of the release it came from (just "<URL>" without a
 * title). */
struct store_baseline {
	const char *country;
	const char *indicator;
	char period_start[11];  /* YYYY-MM-DD, inclusive */
	char period_end[11];
	int64_t value;          /* >= 0 */
	const char *origin;     /* STORE_ORIGIN_* */
	const char *source;     /* free text, or NULL */
	int64_t doc_id;         /* reported, derived: the release's document;
	                           else 0 (ignored as input) */
	char *mem;              /* output: the block the strings point into; input: NULL */
};

/* Replace every configured baseline by v[0..n) (the configuration's
 * [baseline] sections, at start-up and on reload), in one transaction:
 * a row that is invalid (no country or indicator, a period that is not two
 * calendar days in order, a negative value) or given twice leaves the
 * stored ones as they were, with the reason in store_errmsg. */
int store_baselines_replace_configured(struct store *st,
    const struct store_baseline *v, size_t n);
/* Import v[0..n) as imported baselines, in one transaction (all or
 * nothing, validated as above): a new (country, indicator, period) is
 * added, an existing one whose value or source differs is updated; the
 * counts are returned in *added and *updated (either may be NULL; rows
 * that change nothing count in neither). */
int store_baseline_import(struct store *st, const struct store_baseline *v,
    size_t n, size_t *added, size_t *updated);
/* The baselines for country and indicator (each NULL for any): configured
 * and imported rows, plus for each exact (country, indicator, period) the
 * highest figure reported in a release (observations with derived = 0,
 * a country and a period, from each document's latest revision) and the
 * highest derived one. Sorted by country, indicator, period start, period
 * end, then origin in the order configured, imported, reported, derived.
 * Reported and derived rows reflect the observations stored when it is
 * called: to compare a release with what was reported before it, list
 * before saving its observations (in the same transaction).
 * *out (NULL when *n is 0) is freed with store_baselines_free. */
int store_baseline_list(struct store *st, const char *country,
    const char *indicator, struct store_baseline **out, size_t *n);
/* A stock (a figure without a period) as of a release's date. */
struct store_stock {
	int64_t value;
	char date[11];    /* YYYY-MM-DD: as of */
	char *source;     /* "TITLE <URL>" of its release (the caller frees) */
};
/* The highest stock of the latest day before `before` (YYYY-MM-DD) that
 * a release reported for country and indicator: *found 1 and *out, or
 * *found 0. 0, or -1. */
int store_stock_last(struct store *st, const char *country, const char *indicator,
    const char *before, struct store_stock *out, int *found);
/* Delete the imported baselines of country, indicator and exact period
 * (period_start and period_end, YYYY-MM-DD; each filter NULL for any);
 * configured ones come back with the configuration, reported and derived
 * ones are figures of releases. *deleted says how many. */
int store_baseline_delete(struct store *st, const char *country, const char *indicator,
    const char *period_start, const char *period_end, size_t *deleted);
/* Free a list from store_baseline_list (its strings too). Accepts NULL. */
void store_baselines_free(struct store_baseline *v, size_t n);

/* ---- alerts and their outbox (store_alert.c) ---- */

/* The state of one delivery of a listed alert (store_alerts_list). The
 * strings belong to the alert that lists it. */
struct store_alert_delivery {
	const char *destination;  /* the [notify NAME] */
	const char *state;        /* "pending", "delivered" or "failed" */
	int attempts;             /* made so far */
	const char *last_error;   /* a server's words (escape them), or NULL */
	int64_t delivered_at;     /* seconds UTC, 0 not delivered */
};

/* One alert, self-contained (the evidence is copied from the observation
 * and its release). When the store returns one, its strings live in mem
 * and deliveries, which it owns (free with store_alert_clear, or the
 * array functions); as input to store_alert_add the store only reads the
 * strings, which the caller keeps. A period field is "" when unknown. */
struct store_alert {
	int64_t id;              /* set by store_alert_add */
	const char *fingerprint;       /* rule, country, indicator and period */
	const char *rule;              /* the [threshold NAME] */
	const char *severity;          /* "info", "warning" or "critical" */
	const char *country;           /* or NULL */
	const char *indicator;
	int64_t value;
	const char *qualifier;         /* "exact", "at_least", ... */
	int approximate;         /* 1: approximately crossed (an approx figure) */
	int is_update;           /* 1: a higher figure for an alerted fingerprint */
	int64_t previous_value;  /* what an update rose from, -1 none */
	char period_start[11], period_end[11];
	int64_t baseline_value;  /* -1 none (compare = value) */
	char baseline_period_start[11], baseline_period_end[11];
	const char *baseline_origin;   /* STORE_ORIGIN_* text, or NULL */
	const char *baseline_source;   /* or NULL */
	double ratio;            /* value / limit; NAN none */
	/* What was decided, kept so that delivery needs no configuration:
	 * the threshold's comparison ("value", "prior_year_total", ...; NULL
	 * for an alert of an older version that did not record it), its
	 * factor and the limit the figure had to exceed (each NAN unknown). */
	const char *compare;
	double factor;
	double limit;
	/* Which figures the threshold compared: "any", "month", "quarter",
	 * "half", "year" or "stock" (then the period fields are the release's
	 * day: the stock is as of it); NULL for an older alert (any). */
	const char *threshold_period;
	/* The silence that held it back (not delivered), or 0; from the store
	 * also that silence's reason and end (seconds UTC). */
	int64_t silence_id;
	const char *silence_reason;
	int64_t silence_until;
	int64_t observation_id;  /* 0 none */
	int64_t doc_id;          /* 0 none */
	const char *title;             /* the release's title, date (YYYY-MM-DD) */
	const char *date;
	const char *url;               /* and URL, each or NULL */
	const char *sentence;          /* the evidence, or NULL */
	int64_t created;         /* seconds UTC, set by store_alert_add */
	/* Only from store_alerts_list: the state of each delivery, in
	 * destination order, e.g. "email:delivered, syslog:pending(3
	 * attempts: connection refused)"; "" without destinations. The error
	 * texts come from servers: escape before printing. NULL otherwise. */
	char *deliveries;
	/* The same, one entry per destination (NULL and 0 otherwise). */
	struct store_alert_delivery *dl;
	size_t ndl;
	/* Returned by the store: the block every string above points into
	 * (store_alert_clear frees it). As input: NULL, the strings borrowed. */
	char *mem;
};

/* Free the strings of a, and zero it. Accepts NULL. */
void store_alert_clear(struct store_alert *a);
/* Free an array from store_alerts_list. Accepts NULL. */
void store_alerts_free(struct store_alert *v, size_t n);

/* The highest value already alerted for fingerprint: *found 1 and *value,
 * or *found 0. */
int store_alert_last(struct store *st, const char *fingerprint,
    int64_t *value, int *found);
/* Record alert a (created = now) and one pending outbox row per distinct
 * destination (due at now; none when a->silence_id names the silence that
 * holds it back), in one transaction: inside the caller's when
 * one is open (store_begin), so the alert commits or rolls back with the
 * observation that caused it. Sets a->id, a->created and *alert_id (which
 * may be NULL). Required: fingerprint, rule, severity, indicator,
 * qualifier. */
int store_alert_add(struct store *st, struct store_alert *a,
    const char *const *destinations, size_t n, int64_t now, int64_t *alert_id);
/* Alerts created at or after since (seconds UTC), in the order they were
 * raised, each with its deliveries summary. *out (NULL when *n is 0): store_alerts_free. */
int store_alerts_list(struct store *st, int64_t since, struct store_alert **out,
    size_t *n);
/* What store_alerts_select lists: each 0 or NULL for any. */
struct store_alert_filter {
	int64_t since;             /* created at or after (seconds UTC) */
	int64_t doc_id;            /* raised from this release */
	const char *country;       /* about this country and indicator */
	const char *indicator;
	size_t limit;              /* the newest this many, 0 all */
	size_t offset;             /* after skipping the newest offset (pages) */
};
/* The alerts f selects (NULL: all), in the order they were raised, as
 * store_alerts_list gives them. */
int store_alerts_select(struct store *st, const struct store_alert_filter *f,
    struct store_alert **out, size_t *n);

/* A pending delivery with its alert. Owned by the array: free with
 * store_deliveries_free. */
struct store_delivery {
	int64_t outbox_id;
	char *destination;       /* the [notify NAME] */
	int attempts;            /* made so far */
	char *last_error;        /* of the last attempt, or NULL */
	struct store_alert alert;
};

/* Pending deliveries due at now (next attempt <= now), earliest first, at
 * most limit of them (0: no limit). *out (NULL when *n is 0) is freed with
 * store_deliveries_free. */
int store_outbox_due(struct store *st, int64_t now, size_t limit,
    struct store_delivery **out, size_t *n);
void store_deliveries_free(struct store_delivery *v, size_t n);
/* The earliest next attempt of a pending delivery: *any 1 and *when, or
 * *any 0 when nothing is pending. */
int store_outbox_next_due(struct store *st, int64_t *when, int *any);
/* Outcome of one attempt of a pending delivery (each counts an attempt;
 * -1 when outbox_id is not pending): delivered at now; to retry at
 * next_attempt after error; failed for good (stays listed, never due). */
int store_outbox_delivered(struct store *st, int64_t outbox_id, int64_t now);
int store_outbox_retry(struct store *st, int64_t outbox_id, int64_t next_attempt,
    const char *error);
int store_outbox_failed(struct store *st, int64_t outbox_id, const char *error);
/* A digest destination gathers the alerts of a window into one message:
 * the end of the window still open for destination at now (the latest
 * first-attempt time of its pending deliveries after now): *open 1 and
 * *when, or *open 0 when none is open. */
int store_outbox_digest_window(struct store *st, const char *destination, int64_t now,
    int64_t *when, int *open);
/* Make the pending delivery of alert_id to destination due at when
 * (not an attempt). */
int store_outbox_postpone(struct store *st, int64_t alert_id, const char *destination,
    int64_t when);
/* The number of pending deliveries. */
int store_outbox_pending_count(struct store *st, int64_t *n);
/* The database's instance id (16 hex digits, random, made when it was
 * created or migrated to version 6) into out. */
#define STORE_INSTANCE_LEN 16
int store_instance(struct store *st, char out[STORE_INSTANCE_LEN + 1]);

/* How a destination fares: deliveries waiting for it, its last success
 * and its last failure. Strings owned (store_destination_clear). */
struct store_destination {
	int64_t pending;
	int64_t last_ok;        /* seconds UTC, 0 never */
	int64_t last_error_at;  /* seconds UTC, 0 never */
	char *last_error;       /* a server's words (escape them), or NULL */
};
/* An attempt to destination ended at now: delivered (error NULL) or not,
 * and why (a test alert's attempts count too). */
int store_destination_result(struct store *st, const char *destination, int64_t now,
    const char *error);
/* How destination fares (all zero when it never had an attempt). */
int store_destination_get(struct store *st, const char *destination,
    struct store_destination *out);
void store_destination_clear(struct store_destination *d);
/* When the newest release was first seen and the newest alert raised
 * (Unix seconds; 0 when there is none). */
int store_activity(struct store *st, int64_t *last_release, int64_t *last_alert);

/* The database file's size in bytes (its pages), into *bytes. */
int store_size(struct store *st, int64_t *bytes);
/* Give the pages freed since (emptied revisions) back to the file system
 * (incremental vacuum; the file shrinks at the next checkpoint). Outside a
 * transaction. 0 or -1. */
int store_reclaim(struct store *st);

/* ---- browsing what is known (store_browse.c; store_alert.c) ----
 * The same queries serve the command line and the dashboard. Strings of a
 * returned struct live in its mem (free with the matching function). */

/* A release: its document, the sources that led to it, its latest
 * revision's figures and its alerts counted. */
struct store_release {
	int64_t id;                /* the document's number (`show ID`) */
	const char *url;
	const char *title;         /* each string NULL when unknown */
	const char *date;          /* YYYY-MM-DD */
	const char *lang;
	const char *country;       /* the release's country */
	const char *sources;       /* the sources that led to it, comma-separated */
	int revision;              /* latest revision, from 1 */
	int64_t first_seen, last_seen; /* seconds UTC */
	int64_t figures;           /* of the latest revision */
	int64_t alerts;
	char *mem;
};

/* What store_releases_list selects: each NULL (0) for any. */
struct store_release_filter {
	const char *source;        /* led to by this source */
	const char *since;         /* dated on or after this day, YYYY-MM-DD */
	const char *country;       /* about this country (the extractor's spelling) */
	size_t limit;              /* at most this many, 0 all */
	size_t offset;             /* from this one on (pages) */
};

/* One figure of a release's latest revision. */
struct store_figure {
	int64_t id;
	const char *indicator;
	int64_t value;
	const char *qualifier;
	int has_period;
	char period_start[11], period_end[11]; /* "" without a period */
	const char *country, *region;          /* or NULL */
	int derived;
	const char *evidence, *sentence;       /* or NULL */
	int64_t start, end;                    /* byte offsets of the evidence in the text */
	const char *extractor_version;
	int64_t doc_id;                        /* its release: number, date, title */
	const char *doc_date, *doc_title;      /* (each string NULL when unknown) */
	char *mem;
};

/* Releases newest first (by date), as f selects (NULL: all). *out (NULL
 * when *n is 0): store_releases_free. */
int store_releases_list(struct store *st, const struct store_release_filter *f,
    struct store_release **out, size_t *n);
/* Release id: 0 and *out (store_release_clear), 1 when there is none. */
int store_release_get(struct store *st, int64_t id, struct store_release *out);
/* The text of release id's latest revision: 0 and *text (the caller
 * frees), 1 when there is none. */
int store_release_text(struct store *st, int64_t id, char **text);
/* The figures of release doc_id's latest revision, in the order of the
 * text. *out (NULL when *n is 0): store_figures_free. */
int store_figures_list(struct store *st, int64_t doc_id, struct store_figure **out,
    size_t *n);
/* The figures of country's indicator (the extractor's spellings) in
 * every release's latest revision, by period start (a stock, without a
 * period, by its release's date). *out (NULL when *n is 0):
 * store_figures_free. */
int store_series_figures(struct store *st, const char *country, const char *indicator,
    struct store_figure **out, size_t *n);
/* The alerts raised from release doc_id, with their deliveries, as
 * store_alerts_list gives them (store_alert.c). */
int store_release_alerts(struct store *st, int64_t doc_id, struct store_alert **out,
    size_t *n);
void store_release_clear(struct store_release *r);
void store_releases_free(struct store_release *v, size_t n);
void store_figures_free(struct store_figure *v, size_t n);

/* ---- silences (store_silence.c) ---- */

/* A threshold's alerts held back: for one country (any case) or any
 * (NULL), before until. As input the store only reads the strings; as
 * output they live in mem (store_silences_free). */
struct store_silence {
	int64_t id;
	const char *threshold;
	const char *country;
	int64_t until;      /* seconds UTC */
	const char *reason;
	int64_t created;
	int64_t removed;    /* seconds UTC, 0 not removed */
	char *mem;
};

/* Add s (created = now); *id its number. */
int store_silence_add(struct store *st, const struct store_silence *s, int64_t now,
    int64_t *id);
/* The silences active at now (all: the expired and removed too), by
 * number. *out (NULL when *n is 0): store_silences_free. */
int store_silences_list(struct store *st, int64_t now, int all, struct store_silence **out,
    size_t *n);
void store_silences_free(struct store_silence *v, size_t n);
/* Remove silence id at now: 0, or 1 when there is no such active silence. */
int store_silence_remove(struct store *st, int64_t id, int64_t now);
/* The silence holding back threshold's alerts for country at now: *id, 0
 * when none. */
int store_silence_match(struct store *st, const char *threshold, const char *country,
    int64_t now, int64_t *id);

/* Transactions for callers that group several calls. They nest: an inner
 * begin is a savepoint, so a store call that opens its own transaction
 * joins the caller's (an alert written with its observation). */
int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);
/* Lazy on (1): the outermost commits that follow are atomic and survive a
 * crash of the process (kill -9), but reach the disk only with the next
 * commit made with lazy off (0, the default), which syncs the journal
 * whole (see store.c). For marks whose loss in a power cut costs nothing
 * but a poll done again (a round's precommit, a body's hash). Outside a
 * transaction only. 0 or -1. */
int store_set_lazy(struct store *st, int lazy);
/* Make every lazy commit so far durable: one fdatasync of the WAL, the
 * sync a commit with lazy off makes. Only when the oldest lazy write not
 * yet synced is at least older_than seconds old (0: any); nothing when
 * none is waiting, or inside a transaction. 0 or -1. */
int store_sync(struct store *st, int64_t older_than);
/* Can the database be written now? Takes the write lock (BEGIN IMMEDIATE,
 * waiting a quarter of a second at most) and rolls back: 0, or -1 when
 * the file is read-only, locked by another writer, or failing. */
int store_writable(struct store *st);

#endif
