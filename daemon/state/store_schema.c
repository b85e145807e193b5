/*
 * store_schema — the SQL schema of the state file, as an ordered list of
 * migration steps. Step i turns a database at PRAGMA user_version i into
 * version i + 1; store.c runs each pending step in its own transaction.
 * A released step is never edited: a change is a new step at the end.
 *
 * Conventions: timestamps are INTEGER seconds UTC (0 = never); calendar
 * days are TEXT 'YYYY-MM-DD'; booleans are INTEGER 0/1 with a CHECK.
 */
#include <stddef.h>

#include "store_schema.h"

/* Version 1 (issues 2 and 3): sources, items, documents and their
 * revisions, observations with provenance. */
static const char step1[] =
	/* One row per configured source: HTTP validators and the scheduler's
	 * memory, so a restart neither hammers a server nor forgets a backoff.
	 * The item count is computed from items, never stored. */
	"CREATE TABLE sources ("
	" name TEXT PRIMARY KEY NOT NULL,"
	" url TEXT NOT NULL,"
	" current_url TEXT,"           /* after a permanent redirect */
	" etag TEXT,"                  /* exactly as received */
	" last_modified TEXT,"
	" health TEXT NOT NULL DEFAULT 'new',"
	" last_result TEXT,"
	" last_poll INTEGER NOT NULL DEFAULT 0,"
	" last_ok INTEGER NOT NULL DEFAULT 0,"
	" next_due INTEGER NOT NULL DEFAULT 0,"
	" retry_until INTEGER NOT NULL DEFAULT 0,"
	" backoff INTEGER NOT NULL DEFAULT 0,"     /* seconds */
	" failures INTEGER NOT NULL DEFAULT 0,"
	" disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))"
	");"
	/* A release: one row per canonical URL, whichever sources led to it. */
	"CREATE TABLE documents ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" title TEXT,"
	" date TEXT,"
	" lang TEXT,"
	" country TEXT,"
	" latest_revision INTEGER NOT NULL DEFAULT 1,"
	" first_seen INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL"
	");"
	/* Every distinct text a release has had; revision 1 is the first. */
	"CREATE TABLE revisions ("
	" doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
	" revision INTEGER NOT NULL CHECK (revision >= 1),"
	" hash TEXT,"
	" text TEXT NOT NULL,"
	" fetched_at INTEGER NOT NULL,"
	" PRIMARY KEY (doc_id, revision)"
	");"
	/* An entry of a feed or listing; done = 1 once its release was read. */
	"CREATE TABLE items ("
	" source TEXT NOT NULL REFERENCES sources(name)"
	"  ON DELETE CASCADE ON UPDATE CASCADE,"
	" item_id TEXT NOT NULL,"
	" link TEXT,"
	" title TEXT,"
	" published INTEGER,"          /* NULL when unknown */
	" updated INTEGER,"
	" content_hash TEXT,"
	" first_seen INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" doc_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,"
	" done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
	" PRIMARY KEY (source, item_id)"
	");"
	"CREATE INDEX items_link ON items(link);"
	"CREATE INDEX items_doc ON items(doc_id);"
	/* A figure read in one revision of a release, with its provenance:
	 * evidence is text[start, end) of that revision, sentence the
	 * sentence around it. derived = 1 for a figure implied by a
	 * comparison. Reported and derived baselines (issue 4) are read
	 * from here. */
	"CREATE TABLE observations ("
	" id INTEGER PRIMARY KEY,"
	" doc_id INTEGER NOT NULL,"
	" revision INTEGER NOT NULL,"
	" indicator TEXT NOT NULL,"
	" value INTEGER NOT NULL,"
	" qualifier TEXT NOT NULL CHECK (qualifier IN"
	"  ('exact', 'at_least', 'more_than', 'approx', 'at_most')),"
	" period_start TEXT,"          /* NULL when the period is unknown */
	" period_end TEXT,"
	" country TEXT,"
	" region TEXT,"
	" derived INTEGER NOT NULL DEFAULT 0 CHECK (derived IN (0, 1)),"
	" evidence TEXT,"
	" sentence TEXT,"
	" start INTEGER NOT NULL,"     /* byte offsets into the revision's text */
	" \"end\" INTEGER NOT NULL,"
	" extractor_version TEXT NOT NULL,"
	" created INTEGER NOT NULL,"
	" FOREIGN KEY (doc_id, revision) REFERENCES revisions(doc_id, revision)"
	"  ON DELETE CASCADE"
	");"
	"CREATE INDEX observations_key"
	" ON observations(country, indicator, period_start, period_end);"
	"CREATE INDEX observations_doc ON observations(doc_id, revision);";

/* Version 2 (issue 4): baselines, alerts and their delivery outbox. */
static const char step2[] =
	/* Figures given by the operator: [baseline] sections (configured) and
	 * CSV imports (imported). Reported and derived figures are not copied
	 * here: they are the observations themselves. */
	"CREATE TABLE baselines ("
	" id INTEGER PRIMARY KEY,"
	" country TEXT NOT NULL,"
	" indicator TEXT NOT NULL,"
	" period_start TEXT NOT NULL,"
	" period_end TEXT NOT NULL,"
	" value INTEGER NOT NULL,"
	" origin TEXT NOT NULL CHECK (origin IN ('configured', 'imported')),"
	" source TEXT,"                /* free text: where the figure comes from */
	" created INTEGER NOT NULL,"
	" UNIQUE (country, indicator, period_start, period_end, origin)"
	");"
	/* One row per alert raised, self-contained (the evidence is copied, so
	 * a re-extraction that replaces observations keeps it). fingerprint is
	 * rule, country, indicator and period; a later row with the same
	 * fingerprint is an update, previous_value what it rose from. */
	"CREATE TABLE alerts ("
	" id INTEGER PRIMARY KEY,"
	" fingerprint TEXT NOT NULL,"
	" rule TEXT NOT NULL,"
	" severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),"
	" country TEXT,"
	" indicator TEXT NOT NULL,"
	" period_start TEXT,"
	" period_end TEXT,"
	" value INTEGER NOT NULL,"
	" qualifier TEXT NOT NULL,"
	" approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),"
	" is_update INTEGER NOT NULL DEFAULT 0 CHECK (is_update IN (0, 1)),"
	" previous_value INTEGER,"
	" baseline_value INTEGER,"     /* NULL for compare = value */
	" baseline_period_start TEXT,"
	" baseline_period_end TEXT,"
	" baseline_origin TEXT CHECK (baseline_origin IN"
	"  ('configured', 'imported', 'reported', 'derived')),"
	" baseline_source TEXT,"
	" ratio REAL,"
	" observation_id INTEGER REFERENCES observations(id) ON DELETE SET NULL,"
	" doc_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,"
	" title TEXT,"
	" url TEXT,"
	" date TEXT,"
	" sentence TEXT,"
	" created INTEGER NOT NULL"
	");"
	"CREATE INDEX alerts_fingerprint ON alerts(fingerprint, value);"
	"CREATE INDEX alerts_created ON alerts(created);"
	"CREATE INDEX alerts_observation ON alerts(observation_id);"
	"CREATE INDEX alerts_doc ON alerts(doc_id);"
	/* One delivery per alert and destination ([notify NAME]), written in
	 * the alert's transaction; 'failed' is a permanent failure. */
	"CREATE TABLE outbox ("
	" id INTEGER PRIMARY KEY,"
	" alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,"
	" destination TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'pending'"
	"  CHECK (state IN ('pending', 'delivered', 'failed')),"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" next_attempt INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" delivered_at INTEGER,"
	" created INTEGER NOT NULL,"
	" UNIQUE (alert_id, destination)"
	");"
	"CREATE INDEX outbox_due ON outbox(state, next_attempt);";

/* Version 3 (issue 11, no crash loop): a round is counted unfinished
 * before it starts (unfinished, the rounds in a row that never ended), and
 * the hash of the feed body being read is stored before it is parsed, so a
 * quarantined source is parsed again only when its bytes change. */
static const char step3[] =
	"ALTER TABLE sources ADD COLUMN unfinished INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE sources ADD COLUMN body_hash TEXT;";

/* Version 4 (issue 11, bounded state): only the newest revisions keep
 * their text; a figure a later revision repeats moves to it (keeping its
 * id) instead of being copied, and remembers the revision it was first
 * read in. The file reclaims freed pages (auto_vacuum = INCREMENTAL is set
 * by store.c, outside a transaction, as SQLite requires). */
static const char step4[] =
	"ALTER TABLE observations ADD COLUMN first_revision INTEGER;"
	"UPDATE observations SET first_revision = revision;";

/* Version 5 (issue 11, true delivery states): each destination's last
 * success and last failure with its reason, for status and metrics (an
 * outbox row forgets its error once delivered). */
static const char step5[] =
	"CREATE TABLE destinations ("
	" name TEXT PRIMARY KEY NOT NULL,"  /* the [notify NAME] */
	" last_ok INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" last_error_at INTEGER NOT NULL DEFAULT 0"
	");";

/* Version 6 (issue 11, stable ids): facts about the database itself; its
 * instance id, random, makes the ids of deliveries (instance-outbox id)
 * unique across databases, so a receiver that saw one never takes another
 * database's delivery for a duplicate, nor a retry for a new one. */
static const char step6[] =
	"CREATE TABLE meta ("
	" key TEXT PRIMARY KEY NOT NULL,"
	" value TEXT NOT NULL"
	");"
	"INSERT INTO meta (key, value) VALUES ('instance', lower(hex(randomblob(8))));";

/* Version 7 (issue 12): an alert is what was decided. The comparison,
 * its factor and the limit the figure crossed are kept with the alert, so
 * delivery renders from the record alone and a reload that changes or
 * removes the threshold cannot rewrite an alert still queued. Older
 * alerts had only the baseline: one without a baseline was a value
 * threshold, whose limit the ratio gives back; for the others the
 * comparison was not recorded and stays NULL. */
static const char step7[] =
	"ALTER TABLE alerts ADD COLUMN compare TEXT CHECK (compare IN ('value',"
	" 'prior_year_total', 'same_period_prior_year', 'previous_report',"
	" 'annualized_prior_year'));"
	"ALTER TABLE alerts ADD COLUMN factor REAL;"
	"ALTER TABLE alerts ADD COLUMN limit_value REAL;"   /* what the figure had to exceed */
	"UPDATE alerts SET compare = 'value', factor = 1.0,"
	" limit_value = CASE WHEN ratio > 0 THEN round(value / ratio) END"
	" WHERE baseline_value IS NULL;";

/* Version 8 (issue 12): catch-up. A source's first successful poll reads
 * its history without alerting; caught_up is when that round ended (0:
 * not yet). A source that had already been read when this version came
 * is past its first poll. */
static const char step8[] =
	"ALTER TABLE sources ADD COLUMN caught_up INTEGER NOT NULL DEFAULT 0;"
	"UPDATE sources SET caught_up = last_ok WHERE last_ok > 0;";

/* Version 9 (issue 12): periods in thresholds. Which figures the
 * threshold compared (any, month, quarter, half, year, stock), with the
 * alert: a stock's alert has the release's day as its period, "as of". */
static const char step9[] =
	"ALTER TABLE alerts ADD COLUMN threshold_period TEXT CHECK (threshold_period IN"
	" ('any', 'month', 'quarter', 'half', 'year', 'stock'));";

/* Version 10 (issue 12): silences. A silence holds back the alerts of a
 * threshold (for one country, or any) until a time: they are recorded and
 * listed, with the silence that held them, and never queued for delivery.
 * A removed silence is kept (removed > 0) for the alerts that name it. */
static const char step10[] =
	"CREATE TABLE silences ("
	" id INTEGER PRIMARY KEY,"
	" threshold TEXT NOT NULL,"    /* [threshold NAME] */
	" country TEXT,"               /* NULL: any country */
	" until INTEGER NOT NULL,"     /* seconds UTC: silent before this */
	" reason TEXT NOT NULL,"
	" created INTEGER NOT NULL,"
	" removed INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE INDEX silences_threshold ON silences(threshold, until);"
	"ALTER TABLE alerts ADD COLUMN silence_id INTEGER REFERENCES silences(id);";

/* Version 11 (issue 13, the dashboard): on a long history, the latest
 * releases come from an index on their date instead of a sort of them
 * all, and one country's indicator's alerts from an index of their own. */
static const char step11[] =
	"CREATE INDEX documents_date ON documents(date);"
	"CREATE INDEX alerts_series ON alerts(country, indicator);";

static const char *const steps[] = {
	step1, step2, step3, step4, step5, step6, step7, step8, step9, step10, step11
};

int
store_schema_version(void)
{
	return (int)(sizeof(steps) / sizeof(steps[0]));
}

const char *
store_schema_step(int from)
{
	if (from < 0 || from >= store_schema_version())
		return NULL;
	return steps[from];
}
