/*
 * store_sql — the catalogue of every SQL statement the store runs, indexed
 * by enum store_stmt_id (store_int.h). Each is prepared once on first use
 * and always fed bound parameters: no SQL is ever built from text.
 */
#include "store_int.h"

#define SOURCE_COLUMNS \
	"name, url, current_url, etag, last_modified, health, last_result," \
	" last_poll, last_ok, next_due, retry_until, backoff, failures, disabled," \
	" (SELECT count(*) FROM items i WHERE i.source = s.name), unfinished, body_hash," \
	" caught_up"

/* Configured and imported rows, then per exact (country, indicator,
 * period) the highest reported and the highest derived observation of
 * each document's latest revision (ties: the earliest). where_b and
 * where_o filter baselines b and observations o by ?1 country, ?2
 * indicator; the variants exist so that a given country can use the
 * (country, indicator, ...) indexes. rank orders the origins. */
#define BASELINE_LIST(where_b, where_o) \
	"SELECT country, indicator, period_start, period_end, value, rank," \
	" source, doc_id FROM (" \
	" SELECT b.country, b.indicator, b.period_start, b.period_end, b.value," \
	"  CASE b.origin WHEN 'configured' THEN 0 ELSE 1 END AS rank, b.source," \
	"  0 AS doc_id" \
	" FROM baselines b WHERE " where_b \
	" UNION ALL" \
	" SELECT country, indicator, period_start, period_end, value, rank," \
	"  source, doc_id FROM (" \
	"  SELECT o.country, o.indicator, o.period_start, o.period_end, o.value," \
	"   2 + o.derived AS rank," \
	"   CASE WHEN d.title IS NULL OR d.title = '' THEN '<' || d.url || '>'" \
	"   ELSE d.title || ' <' || d.url || '>' END AS source, o.doc_id," \
	"   row_number() OVER (PARTITION BY o.country, o.indicator," \
	"    o.period_start, o.period_end, o.derived" \
	"    ORDER BY o.value DESC, o.id) AS nth" \
	"  FROM observations o JOIN documents d ON d.id = o.doc_id" \
	"   AND d.latest_revision = o.revision" \
	"  WHERE o.period_start IS NOT NULL AND o.period_end IS NOT NULL" \
	"   AND " where_o \
	" ) WHERE nth = 1" \
	") ORDER BY country, indicator, period_start, period_end, rank"

/* A release as the browse commands show it: its document, the sources
 * that led to it, and the figures of its latest revision and its alerts
 * counted. */
#define RELEASE_COLUMNS \
	"d.id, d.url, d.title, d.date, d.lang, d.country, d.latest_revision," \
	" d.first_seen, d.last_seen," \
	" (SELECT group_concat(DISTINCT i.source) FROM items i WHERE i.doc_id = d.id)," \
	" (SELECT count(*) FROM observations o WHERE o.doc_id = d.id" \
	"  AND o.revision = d.latest_revision)," \
	" (SELECT count(*) FROM alerts a WHERE a.doc_id = d.id)"

/* A figure of a release's latest revision (store_figure), with the
 * release's number, date and title. */
#define FIGURE_COLUMNS \
	"o.id, o.indicator, o.value, o.qualifier, o.period_start, o.period_end," \
	" o.country, o.region, o.derived, o.evidence, o.sentence, o.start," \
	" o.\"end\", o.extractor_version, o.doc_id, d.date, d.title"

/* Alerts created since ?1, of release ?2 (NULL any), and as where
 * selects by ?3 country and ?4 indicator; the newest first, a page of
 * them (?5 LIMIT, -1 none; ?6 OFFSET); store_alert.c turns them oldest
 * first. The variants exist so that a series can use alerts_series. */
#define ALERT_LIST(where) \
	"SELECT " STORE_ALERT_COLUMNS " FROM alerts a" \
	" WHERE a.created >= ?1 AND (?2 IS NULL OR a.doc_id = ?2) AND " where \
	" ORDER BY a.id DESC LIMIT ?5 OFFSET ?6"

const char *const store_sql[S_COUNT] = {
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
	    " backoff, failures, disabled, unfinished, body_hash, caught_up)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 'new'), ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
	    " ON CONFLICT (name) DO UPDATE SET url = excluded.url,"
	    " current_url = excluded.current_url, etag = excluded.etag,"
	    " last_modified = excluded.last_modified, health = excluded.health,"
	    " last_result = excluded.last_result, last_poll = excluded.last_poll,"
	    " last_ok = excluded.last_ok, next_due = excluded.next_due,"
	    " retry_until = excluded.retry_until, backoff = excluded.backoff,"
	    " failures = excluded.failures, disabled = excluded.disabled,"
	    " unfinished = excluded.unfinished, body_hash = excluded.body_hash,"
	    " caught_up = excluded.caught_up",
	[S_SOURCE_HASH] = "UPDATE sources SET body_hash = ?2 WHERE name = ?1",
	[S_ITEM_GET] = "SELECT content_hash, done, first_seen FROM items"
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
	[S_DOC_GET] = "SELECT d.id, d.url, d.title, d.date, d.lang, d.country, r.revision, r.text"
	    " FROM documents d JOIN revisions r ON r.doc_id = d.id"
	    " AND r.revision = d.latest_revision WHERE d.id = ?1 OR d.url = ?2",
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
	/* The newest ?2 revisions keep their text; an older one goes whole
	 * when no figure refers to it, else only its text goes. */
	[S_REV_DROP] = "DELETE FROM revisions WHERE doc_id = ?1"
	    " AND revision <= (SELECT latest_revision FROM documents WHERE id = ?1) - ?2"
	    " AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.doc_id = ?1"
	    "  AND o.revision = revisions.revision)",
	[S_REV_PRUNE] = "UPDATE revisions SET text = '' WHERE doc_id = ?1"
	    " AND revision <= (SELECT latest_revision FROM documents WHERE id = ?1) - ?2"
	    " AND text <> ''",
	/* Replacing a revision's figures: those carried into it from an
	 * earlier revision go back to the one they were first read in. */
	[S_OBS_UNCARRY] = "UPDATE observations SET revision = first_revision"
	    " WHERE doc_id = ?1 AND revision = ?2 AND first_revision < ?2",
	[S_OBS_DELETE] = "DELETE FROM observations WHERE doc_id = ?1 AND revision = ?2",
	[S_OBS_INSERT] =
	    "INSERT INTO observations (doc_id, revision, indicator, value,"
	    " qualifier, period_start, period_end, country, region, derived,"
	    " evidence, sentence, start, \"end\", extractor_version, created,"
	    " first_revision)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16, ?2)",
	/* The same figure in an earlier revision moves to this one (the
	 * binds are S_OBS_INSERT's). */
	[S_OBS_CARRY] =
	    "UPDATE observations SET revision = ?2, sentence = ?12, start = ?13,"
	    " \"end\" = ?14, extractor_version = ?15 WHERE id = (SELECT id FROM"
	    " observations WHERE doc_id = ?1 AND revision < ?2 AND indicator = ?3"
	    " AND value = ?4 AND qualifier = ?5 AND period_start IS ?6"
	    " AND period_end IS ?7 AND country IS ?8 AND region IS ?9 AND derived = ?10"
	    " AND evidence IS ?11 ORDER BY revision DESC, id LIMIT 1)",
		[S_OBS_COUNT] = "SELECT count(*) FROM observations o"
	    " JOIN documents d ON d.id = o.doc_id AND d.latest_revision = o.revision"
	    " WHERE o.doc_id = ?1",
	/* ---- baselines ---- */
	[S_BL_DELETE_CONFIGURED] = "DELETE FROM baselines WHERE origin = 'configured'",
	/* Each filter NULL for any. */
	[S_BL_DELETE_IMPORTED] = "DELETE FROM baselines WHERE origin = 'imported'"
	    " AND (?1 IS NULL OR country = ?1) AND (?2 IS NULL OR indicator = ?2)"
	    " AND (?3 IS NULL OR period_start = ?3) AND (?4 IS NULL OR period_end = ?4)",
	/* created from SQLite's clock: the callers give no "now" here. */
	[S_BL_INSERT] =
	    "INSERT INTO baselines (country, indicator, period_start, period_end,"
	    " value, origin, source, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
	    " CAST(strftime('%s', 'now') AS INTEGER))",
	[S_BL_FIND_IMPORTED] = "SELECT id, value, source FROM baselines"
	    " WHERE country = ?1 AND indicator = ?2 AND period_start = ?3"
	    " AND period_end = ?4 AND origin = 'imported'",
	[S_BL_UPDATE] = "UPDATE baselines SET value = ?2, source = ?3 WHERE id = ?1",
	[S_BL_LIST] = BASELINE_LIST("(?2 IS NULL OR b.indicator = ?2)",
	    "o.country IS NOT NULL AND (?2 IS NULL OR o.indicator = ?2)"),
	[S_BL_LIST_COUNTRY] = BASELINE_LIST(
	    "b.country = ?1 AND (?2 IS NULL OR b.indicator = ?2)",
	    "o.country = ?1 AND (?2 IS NULL OR o.indicator = ?2)"),
	[S_BL_LIST_BOTH] = BASELINE_LIST("b.country = ?1 AND b.indicator = ?2",
	    "o.country = ?1 AND o.indicator = ?2"),
	/* ---- alerts and the outbox ---- */
	[S_ALERT_LAST] = "SELECT max(value) FROM alerts WHERE fingerprint = ?1",
	[S_ALERT_INSERT] =
	    "INSERT INTO alerts (fingerprint, rule, severity, country, indicator,"
	    " value, qualifier, approximate, is_update, previous_value,"
	    " period_start, period_end, baseline_value, baseline_period_start,"
	    " baseline_period_end, baseline_origin, baseline_source, ratio,"
	    " observation_id, doc_id, title, date, url, sentence, created,"
	    " compare, factor, limit_value, threshold_period, silence_id)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
	    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29,"
	    " ?30)",
	/* ?2: one release's alerts only, or NULL for all. */
	[S_ALERT_LIST] = ALERT_LIST("(?3 IS NULL OR a.country = ?3)"
	    " AND (?4 IS NULL OR a.indicator = ?4)"),
	/* One country's indicator (alerts_series). */
	[S_ALERT_LIST_SERIES] = ALERT_LIST("a.country = ?3 AND a.indicator = ?4"),
	/* The deliveries of the alerts numbered ?1 to ?2 (those listed are
	 * picked out of them by id). */
	[S_ALERT_DELIVERIES] = "SELECT o.alert_id, o.destination, o.state,"
	    " o.attempts, o.last_error, coalesce(o.delivered_at, 0) FROM outbox o"
	    " WHERE o.alert_id BETWEEN ?1 AND ?2 ORDER BY o.alert_id, o.destination",
	[S_OUTBOX_INSERT] =
	    "INSERT INTO outbox (alert_id, destination, state, attempts,"
	    " next_attempt, created) VALUES (?1, ?2, 'pending', 0, ?3, ?3)"
	    " ON CONFLICT (alert_id, destination) DO NOTHING",
	[S_OUTBOX_DUE] = "SELECT o.id, o.destination, o.attempts, o.last_error, "
	    STORE_ALERT_COLUMNS " FROM outbox o JOIN alerts a ON a.id = o.alert_id"
	    " WHERE o.state = 'pending' AND o.next_attempt <= ?1"
	    " ORDER BY o.next_attempt, o.id LIMIT ?2",
	[S_OUTBOX_NEXT] = "SELECT min(next_attempt) FROM outbox WHERE state = 'pending'",
	[S_OUTBOX_DELIVERED] = "UPDATE outbox SET state = 'delivered',"
	    " attempts = attempts + 1, delivered_at = ?2, last_error = NULL"
	    " WHERE id = ?1 AND state = 'pending'",
	[S_OUTBOX_RETRY] = "UPDATE outbox SET attempts = attempts + 1,"
	    " next_attempt = ?2, last_error = ?3 WHERE id = ?1 AND state = 'pending'",
	[S_OUTBOX_FAILED] = "UPDATE outbox SET state = 'failed',"
	    " attempts = attempts + 1, last_error = ?2"
	    " WHERE id = ?1 AND state = 'pending'",
	[S_ACTIVITY] = "SELECT (SELECT max(first_seen) FROM documents),"
	    " (SELECT max(created) FROM alerts)",
	/* The highest stock (a figure without a period) of the latest day
	 * before ?3 a release reported for ?1 and ?2. */
	[S_STOCK_LAST] = "SELECT o.value, d.date, CASE WHEN d.title IS NULL OR d.title = ''"
	    " THEN '<' || d.url || '>' ELSE d.title || ' <' || d.url || '>' END"
	    " FROM observations o JOIN documents d ON d.id = o.doc_id"
	    " AND d.latest_revision = o.revision"
	    " WHERE o.period_start IS NULL AND o.derived = 0 AND o.country = ?1"
	    " AND o.indicator = ?2 AND d.date < ?3"
	    " ORDER BY d.date DESC, o.value DESC LIMIT 1",
	/* ---- browsing (store_browse.c) ---- */
	/* Each filter NULL for any: ?1 a source, ?2 a first day, ?3 a country;
	 * newest first, ?4 at most (negative: all), from ?5. */
	[S_REL_LIST] = "SELECT " RELEASE_COLUMNS " FROM documents d"
	    " WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM items i WHERE i.doc_id = d.id"
	    "  AND i.source = ?1))"
	    " AND (?2 IS NULL OR d.date >= ?2) AND (?3 IS NULL OR d.country = ?3)"
	    " ORDER BY d.date DESC, d.id DESC LIMIT ?4 OFFSET ?5",
	[S_REL_GET] = "SELECT " RELEASE_COLUMNS " FROM documents d WHERE d.id = ?1",
	[S_REL_TEXT] = "SELECT r.text FROM documents d JOIN revisions r ON r.doc_id = d.id"
	    " AND r.revision = d.latest_revision WHERE d.id = ?1",
	[S_FIG_LIST] = "SELECT " FIGURE_COLUMNS " FROM observations o JOIN documents d"
	    " ON d.id = o.doc_id AND d.latest_revision = o.revision WHERE o.doc_id = ?1"
	    " ORDER BY o.start, o.id",
	/* One country's indicator over time: the figures of every release's
	 * latest revision (observations_key), by period (a stock by its
	 * release's date). */
	[S_SERIES_FIGS] = "SELECT " FIGURE_COLUMNS " FROM observations o JOIN documents d"
	    " ON d.id = o.doc_id AND d.latest_revision = o.revision"
	    " WHERE o.country = ?1 AND o.indicator = ?2"
	    " ORDER BY coalesce(o.period_start, d.date), o.period_end, o.id",
	/* ---- silences (store_silence.c) ---- */
	[S_SILENCE_ADD] = "INSERT INTO silences (threshold, country, until, reason, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	/* ?1: the time; ?2 1: the expired and removed ones too. */
	[S_SILENCE_LIST] = "SELECT id, threshold, country, until, reason, created, removed"
	    " FROM silences WHERE ?2 = 1 OR (removed = 0 AND until > ?1) ORDER BY id",
	[S_SILENCE_REMOVE] = "UPDATE silences SET removed = ?2 WHERE id = ?1 AND removed = 0",
	/* The silence holding back threshold ?1's alerts for country ?2 at ?3:
	 * one for that country (any case) or for any; the latest to end. */
	[S_SILENCE_MATCH] = "SELECT id FROM silences WHERE threshold = ?1 AND removed = 0"
	    " AND until > ?3 AND (country IS NULL OR country = ?2 COLLATE NOCASE)"
	    " ORDER BY until DESC, id LIMIT 1",
	[S_OUTBOX_PENDING] = "SELECT count(*) FROM outbox WHERE state = 'pending'",
	[S_OUTBOX_WINDOW] = "SELECT max(next_attempt) FROM outbox WHERE destination = ?1"
	    " AND state = 'pending' AND attempts = 0 AND next_attempt > ?2",
	[S_INSTANCE] = "SELECT value FROM meta WHERE key = 'instance'",
	/* ---- destinations ---- */
	[S_DEST_OK] = "INSERT INTO destinations (name, last_ok) VALUES (?1, ?2)"
	    " ON CONFLICT (name) DO UPDATE SET last_ok = excluded.last_ok",
	[S_DEST_ERROR] = "INSERT INTO destinations (name, last_error, last_error_at)"
	    " VALUES (?1, ?3, ?2) ON CONFLICT (name) DO UPDATE SET"
	    " last_error = excluded.last_error, last_error_at = excluded.last_error_at",
	[S_DEST_GET] = "SELECT (SELECT count(*) FROM outbox WHERE destination = ?1"
	    " AND state = 'pending'), d.last_ok, d.last_error, d.last_error_at"
	    " FROM (SELECT 1) LEFT JOIN destinations d ON d.name = ?1",
	[S_OUTBOX_POSTPONE] = "UPDATE outbox SET next_attempt = ?3"
	    " WHERE alert_id = ?1 AND destination = ?2 AND state = 'pending'",
};
