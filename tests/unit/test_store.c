/*
 * Unit tests: store — the SQLite state file, in a fresh directory under
 * /tmp. The test reads the file back with SQLite itself to check what was
 * written (the daemon's modules never include sqlite3.h; a test may).
 */
#include <math.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "unit.h"
#include "rightswatch/extract.h"
#include "rightswatch/feed.h"
#include "rightswatch/store.h"
#include "../../daemon/state/store_schema.h"

static char dir[64];

/* The schema version this code writes, as PRAGMA user_version prints it. */
static const char *
current_version(void)
{
	static char v[16];

	snprintf(v, sizeof(v), "%d", store_schema_version());
	return v;
}

/* A state file at schema version `version` (the steps before it), with
 * sql run on it: what an older rightswatch left behind. */
static void
old_state(const char *path, int version, const char *sql)
{
	char pragma[96];
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (int v = 0; v < version; v++)
		assert_int_equal(sqlite3_exec(db, store_schema_step(v), NULL, NULL, NULL),
		    SQLITE_OK);
	snprintf(pragma, sizeof(pragma), "PRAGMA application_id = 1381450068;"
	    "PRAGMA user_version = %d;", version);
	assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int
setup_dir(void **state)
{
	(void)state;
	return unit_tmpdir(dir, sizeof(dir), "/tmp/rw-store-XXXXXX");
}

static int
teardown_dir(void **state)
{
	(void)state;
	return unit_rmtree(dir);
}

static void
put_source(struct store *st, const char *name, const char *url)
{
	struct store_source s;

	memset(&s, 0, sizeof(s));
	s.name = (char *)(uintptr_t)name;
	s.url = (char *)(uintptr_t)url;
	assert_int_equal(store_source_put(st, &s), 0);
}

static void
test_open_migrate_reopen(void **state)
{
	const char *path = unit_path(dir, "open.db");
	struct store *st;
	struct stat sb;
	char tables[1024], wal[300], inst[STORE_INSTANCE_LEN + 1], other[STORE_INSTANCE_LEN + 1];

	(void)state;
	st = unit_store_open(path);
	store_close(st);
	/* the checkpoint on close leaves no WAL content behind */
	snprintf(wal, sizeof(wal), "%s-wal", path);
	assert_true(stat(wal, &sb) != 0 || sb.st_size == 0);
	assert_string_equal(unit_sql_peek(path, "PRAGMA user_version"), current_version());
	assert_string_equal(unit_sql_peek(path, "PRAGMA journal_mode"), "wal");
	assert_string_equal(unit_sql_peek(path, "PRAGMA application_id"), "1381450068");
	snprintf(tables, sizeof(tables), "%s", unit_sql_peek(path,
	    "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
	    " WHERE type = 'table' ORDER BY name)"));
	assert_string_equal(tables,
	    "alerts,baselines,destinations,documents,items,meta,observations,outbox,revisions,"
	    "silences,sources");

	/* reopening migrates nothing and changes nothing, the instance id
	 * included (16 hex digits, another in another database) */
	st = unit_store_open(path);
	assert_int_equal(store_instance(st, inst), 0);
	assert_int_equal(strspn(inst, "0123456789abcdef"), STORE_INSTANCE_LEN);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "SELECT value FROM meta WHERE key = 'instance'"),
	    inst);
	st = unit_store_open(unit_path(dir, "other.db"));
	assert_int_equal(store_instance(st, other), 0);
	assert_string_not_equal(inst, other);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "PRAGMA user_version"), current_version());
	assert_string_equal(unit_sql_peek(path,
	    "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
	    " WHERE type = 'table' ORDER BY name)"), tables);
	store_close(NULL); /* accepts NULL */
}

/* A file left at version 1 by an older rightswatch is upgraded in place,
 * its rows kept. */
static void
test_migrate_from_v1(void **state)
{
	const char *path = unit_path(dir, "v1.db");
	struct store_source out;
	struct store *st;

	(void)state;
	old_state(path, 1,
	    "INSERT INTO sources (name, url, failures) VALUES ('old', 'https://o/', 3);");
	assert_null(store_schema_step(store_schema_version()));

	st = unit_store_open(path);
	assert_int_equal(store_source_get(st, "old", &out), 0);
	assert_int_equal(out.failures, 3);
	store_source_clear(&out);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "PRAGMA user_version"), current_version());
	assert_string_equal(unit_sql_peek(path, "SELECT count(*) FROM sqlite_master"
	    " WHERE name IN ('baselines', 'alerts', 'outbox')"), "3");
}

/* Alerts queued by version 2, which did not record the comparison, keep
 * what they said: a value threshold's limit comes back from the ratio;
 * the others are marked as not recorded rather than guessed. */
static void
test_migrate_alerts_from_v2(void **state)
{
	const char *path = unit_path(dir, "v2.db");
	struct store_delivery *v = NULL;
	struct store *st;
	size_t n = 0;

	(void)state;
	old_state(path, 2,
	    "INSERT INTO alerts (id, fingerprint, rule, severity, indicator, value,"
	    " qualifier, ratio, created) VALUES (1, 'f1', 'wave', 'warning',"
	    " 'displaced', 60000, 'exact', 1.2, 10);"
	    "INSERT INTO alerts (id, fingerprint, rule, severity, indicator, value,"
	    " qualifier, baseline_value, baseline_period_start, baseline_period_end,"
	    " baseline_origin, ratio, created) VALUES (2, 'f2', 'prior', 'critical',"
	    " 'abductions', 435, 'exact', 98, '2020-01-01', '2020-12-31',"
	    " 'reported', 4.44, 11);"
	    "INSERT INTO outbox (alert_id, destination, created) VALUES (1, 'mail', 10),"
	    " (2, 'mail', 11);");
	st = unit_store_open(path);
	assert_int_equal(store_outbox_due(st, 100, 0, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].alert.compare, "value");
	assert_true(v[0].alert.limit == 50000.0);
	assert_true(v[0].alert.factor == 1.0);
	assert_null(v[1].alert.compare);
	assert_true(isnan(v[1].alert.limit) && isnan(v[1].alert.factor));
	assert_int_equal(v[1].alert.baseline_value, 98);
	store_deliveries_free(v, n);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "PRAGMA user_version"), current_version());
}

/* A file at version 6, as the rightswatch of issue 11 (crash-loop
 * quarantine, bounded revisions, delivery states, instance ids) left it,
 * is upgraded in place to the operator's steps: what it knew stays (the
 * quarantine counters, the instance id, a destination's last error, a
 * queued alert and its delivery), a source it had read counts as caught
 * up, one never read does not, and silences can be added. */
static void
test_migrate_from_v6(void **state)
{
	const char *path = unit_path(dir, "v6.db");
	struct store_delivery *v = NULL;
	struct store_destination d;
	struct store_silence sil;
	struct store_source out;
	struct store *st;
	char inst[STORE_INSTANCE_LEN + 1];
	int64_t sid = 0;
	size_t n = 0;

	(void)state;
	old_state(path, 6,
	    "UPDATE meta SET value = '0123456789abcdef' WHERE key = 'instance';"
	    "INSERT INTO sources (name, url, last_ok, unfinished, body_hash)"
	    " VALUES ('read', 'https://r/', 500, 2, 'beef'), ('never', 'https://n/', 0, 0, NULL);"
	    "INSERT INTO destinations (name, last_ok, last_error, last_error_at)"
	    " VALUES ('mail', 400, '421 try later', 450);"
	    "INSERT INTO alerts (id, fingerprint, rule, severity, indicator, value,"
	    " qualifier, ratio, created) VALUES (1, 'f1', 'wave', 'warning',"
	    " 'displaced', 60000, 'exact', 1.2, 10);"
	    "INSERT INTO outbox (alert_id, destination, created) VALUES (1, 'mail', 10);");
	st = unit_store_open(path);
	assert_int_equal(store_instance(st, inst), 0);
	assert_string_equal(inst, "0123456789abcdef");
	assert_int_equal(store_source_get(st, "read", &out), 0);
	assert_int_equal(out.unfinished, 2);
	assert_string_equal(out.body_hash, "beef");
	assert_int_equal(out.caught_up, 500);
	store_source_clear(&out);
	assert_int_equal(store_source_get(st, "never", &out), 0);
	assert_int_equal(out.caught_up, 0);
	store_source_clear(&out);
	assert_int_equal(store_destination_get(st, "mail", &d), 0);
	assert_int_equal(d.pending, 1);
	assert_string_equal(d.last_error, "421 try later");
	store_destination_clear(&d);
	assert_int_equal(store_outbox_due(st, 100, 0, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].alert.compare, "value");
	assert_true(v[0].alert.limit == 50000.0);
	store_deliveries_free(v, n);
	memset(&sil, 0, sizeof(sil));
	sil.threshold = "wave";
	sil.until = 2000;
	sil.reason = "known";
	assert_int_equal(store_silence_add(st, &sil, 1000, &sid), 0);
	assert_true(sid > 0);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "PRAGMA user_version"), current_version());
}

static int
collect(const struct store_source *s, void *arg)
{
	char *names = arg;

	strcat(names, s->name);
	strcat(names, ";");
	return strcmp(s->name, "stop") == 0 ? 7 : 0;
}

static void
test_sources_roundtrip(void **state)
{
	const char *path = unit_path(dir, "sources.db");
	struct store *st = unit_store_open(path);
	struct store_source in, out;
	char names[256] = "";

	(void)state;
	memset(&in, 0, sizeof(in));
	in.name = (char *)"ohchr";
	in.url = (char *)"https://www.ohchr.org/en/press-releases";
	in.current_url = (char *)"https://www.ohchr.org/en/press-releases?page=0";
	in.etag = (char *)"W/\"abc'; DROP TABLE sources; --\"";
	in.last_modified = (char *)"Fri, 06 Aug 2021 10:00:00 GMT";
	in.health = STORE_HEALTH_THROTTLED;
	in.last_result = (char *)"429, retry after 3600 s";
	in.last_poll = 1628244000;
	in.last_ok = 1628240000;
	in.next_due = 1628247600;
	in.retry_until = 1628247600;
	in.backoff = 120;
	in.failures = 2;
	in.disabled = 0;
	assert_int_equal(store_source_put(st, &in), 0);
	store_close(st);

	st = unit_store_open(path);
	assert_int_equal(store_source_get(st, "ohchr", &out), 0);
	assert_string_equal(out.name, in.name);
	assert_string_equal(out.url, in.url);
	assert_string_equal(out.current_url, in.current_url);
	assert_string_equal(out.etag, in.etag);
	assert_string_equal(out.last_modified, in.last_modified);
	assert_int_equal(out.health, in.health);
	assert_string_equal(out.last_result, in.last_result);
	assert_int_equal(out.last_poll, in.last_poll);
	assert_int_equal(out.last_ok, in.last_ok);
	assert_int_equal(out.next_due, in.next_due);
	assert_int_equal(out.retry_until, in.retry_until);
	assert_int_equal(out.backoff, in.backoff);
	assert_int_equal(out.failures, in.failures);
	assert_int_equal(out.disabled, 0);
	assert_int_equal(out.items, 0);

	/* update in place: validators cleared, disabled set */
	out.disabled = 1;
	free(out.etag);
	out.etag = NULL;
	assert_int_equal(store_source_put(st, &out), 0);
	store_source_clear(&out);
	assert_int_equal(store_source_get(st, "ohchr", &out), 0);
	assert_null(out.etag);
	assert_int_equal(out.disabled, 1);
	store_source_clear(&out);
	store_source_clear(NULL);

	/* a missing source: 1, zeroed */
	assert_int_equal(store_source_get(st, "nope", &out), 1);
	assert_null(out.name);

	/* a new source gets health "new" */
	put_source(st, "un-news", "https://news.un.org/feed/a.xml");
	assert_int_equal(store_source_get(st, "un-news", &out), 0);
	assert_int_equal(out.health, STORE_HEALTH_NEW);
	store_source_clear(&out);

	/* each: name order; fn's non-zero stops and is returned */
	put_source(st, "stop", "https://example.org/s.xml");
	put_source(st, "zz", "https://example.org/z.xml");
	assert_int_equal(store_source_each(st, collect, names), 7);
	assert_string_equal(names, "ohchr;stop;");
	store_close(st);
}

static void
record(struct store *st, const char *source, const char *id, const char *hash,
    int64_t now, enum store_item_state expect)
{
	struct feed_item it;
	enum store_item_state got = (enum store_item_state)-1;

	memset(&it, 0, sizeof(it));
	it.id = (char *)(uintptr_t)id;
	it.link = (char *)"https://www.ohchr.org/en/press-releases/2021/08/mali";
	it.title = (char *)"Mali: UN expert alarmed";
	it.published = 1628244000;
	it.updated = INT64_MIN;
	if (store_item_record(st, source, &it, hash, now, &got) != 0)
		fail_msg("record %s: %s", id, store_errmsg(st));
	assert_int_equal(got, expect);
}

static void
test_item_states(void **state)
{
	const char *path = unit_path(dir, "items.db");
	struct store *st = unit_store_open(path);
	struct feed_item it;
	enum store_item_state got;
	int64_t n, pending;

	(void)state;
	put_source(st, "reliefweb", "https://reliefweb.int/country/mli/rss.xml");
	record(st, "reliefweb", "guid-1", "h1", 100, STORE_ITEM_NEW);      /* first sight */
	record(st, "reliefweb", "guid-1", "h1", 200, STORE_ITEM_PENDING);  /* not read yet */
	record(st, "reliefweb", "guid-1", "h1b", 250, STORE_ITEM_PENDING); /* changed but unread */
	assert_int_equal(store_item_done(st, "reliefweb", "guid-1", 0), 0);
	record(st, "reliefweb", "guid-1", "h1b", 300, STORE_ITEM_SAME);    /* read, unchanged */
	record(st, "reliefweb", "guid-2", NULL, 300, STORE_ITEM_NEW);      /* no hash at all */
	assert_int_equal(store_items_count(st, "reliefweb", &n, &pending), 0);
	assert_int_equal(n, 2);
	assert_int_equal(pending, 1);
	store_close(st);

	/* across a restart */
	st = unit_store_open(path);
	record(st, "reliefweb", "guid-1", "h1b", 400, STORE_ITEM_SAME);    /* still seen */
	record(st, "reliefweb", "guid-2", NULL, 400, STORE_ITEM_PENDING);  /* still unread */
	record(st, "reliefweb", "guid-1", "h2", 500, STORE_ITEM_CHANGED);  /* a revision */
	record(st, "reliefweb", "guid-1", "h2", 600, STORE_ITEM_PENDING);  /* until read */
	assert_int_equal(store_item_done(st, "reliefweb", "guid-1", 0), 0);
	record(st, "reliefweb", "guid-1", "h2", 700, STORE_ITEM_SAME);
	assert_string_equal(unit_sql_peek(path, "SELECT first_seen || ',' || last_seen"
	    " || ',' || coalesce(updated, 'null') FROM items WHERE item_id = 'guid-1'"),
	    "100,700,null");

	/* the same id in another source is another item */
	put_source(st, "un-news", "https://news.un.org/feed/rss.xml");
	record(st, "un-news", "guid-1", "h2", 700, STORE_ITEM_NEW);

	/* an item of a source never stored is refused with a reason */
	memset(&it, 0, sizeof(it));
	it.id = (char *)"x";
	it.published = it.updated = INT64_MIN;
	assert_int_equal(store_item_record(st, "ghost", &it, "h", 1, &got), -1);
	assert_non_null(strstr(store_errmsg(st), "source is not stored"));
	/* marking an unknown item done fails */
	assert_int_equal(store_item_done(st, "reliefweb", "nope", 0), -1);
	assert_non_null(strstr(store_errmsg(st), "no such item"));
	/* the status count */
	struct store_source s;
	assert_int_equal(store_source_get(st, "reliefweb", &s), 0);
	assert_int_equal(s.items, 2);
	store_source_clear(&s);
	store_close(st);
}

static void
test_documents(void **state)
{
	const char *path = unit_path(dir, "docs.db");
	struct store *st = unit_store_open(path);
	struct store_document d = {
		"https://www.ohchr.org/en/press-releases/2021/08/mali-abductions",
		"Mali: abductions rise", "2021-08-06", "en",
		"GENEVA (6 August 2021) - 435 abductions.", "hash-a", "Mali", 0
	};
	enum store_doc_state ds;
	int64_t id, id2, found;
	int rev;

	(void)state;
	put_source(st, "ohchr", "https://www.ohchr.org/en/press-releases");
	put_source(st, "reliefweb", "https://reliefweb.int/country/mli/rss.xml");
	assert_int_equal(store_document_find(st, d.url, &found), 0);
	assert_int_equal(found, 0);

	/* first read, from one source: new, revision 1 */
	assert_int_equal(store_document_save(st, &d, 1000, &id, &rev, &ds), 0);
	assert_int_equal(ds, STORE_DOC_NEW);
	assert_int_equal(rev, 1);
	record(st, "ohchr", "ohchr-1", "x", 1000, STORE_ITEM_NEW);
	assert_int_equal(store_item_done(st, "ohchr", "ohchr-1", id), 0);

	/* the same release through another source: the same document */
	record(st, "reliefweb", "rw-77", "y", 1100, STORE_ITEM_NEW);
	assert_int_equal(store_document_find(st, d.url, &found), 0);
	assert_int_equal(found, id);
	assert_int_equal(store_document_save(st, &d, 1100, &id2, &rev, &ds), 0);
	assert_int_equal(ds, STORE_DOC_SAME);
	assert_int_equal(id2, id);
	assert_int_equal(rev, 1);
	assert_int_equal(store_item_done(st, "reliefweb", "rw-77", id), 0);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "SELECT count(*) FROM documents"), "1");
	assert_string_equal(unit_sql_peek(path, "SELECT count(DISTINCT doc_id) || ',' ||"
	    " count(*) FROM items"), "1,2");

	/* new text: a revision, metadata updated, the old text kept */
	st = unit_store_open(path);
	d.text = "GENEVA (6 August 2021) - 436 abductions (corrected).";
	d.hash = "hash-b";
	d.title = NULL; /* a missing field keeps what was stored */
	assert_int_equal(store_document_save(st, &d, 2000, &id2, &rev, &ds), 0);
	assert_int_equal(ds, STORE_DOC_REVISED);
	assert_int_equal(id2, id);
	assert_int_equal(rev, 2);
	/* and back to SAME for that revision */
	assert_int_equal(store_document_save(st, &d, 2100, &id2, &rev, &ds), 0);
	assert_int_equal(ds, STORE_DOC_SAME);
	assert_int_equal(rev, 2);
	/* another URL is another document */
	d.url = "https://www.ohchr.org/fr/press-releases/2021/08/mali-enlevements";
	assert_int_equal(store_document_save(st, &d, 2200, &id2, &rev, &ds), 0);
	assert_int_equal(ds, STORE_DOC_NEW);
	assert_true(id2 != id);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "SELECT title || ',' || latest_revision || ','"
	    " || first_seen || ',' || last_seen FROM documents WHERE id = 1"),
	    "Mali: abductions rise,2,1000,2100");
	assert_string_equal(unit_sql_peek(path, "SELECT group_concat(hash, ',') FROM"
	    " (SELECT hash FROM revisions WHERE doc_id = 1 ORDER BY revision)"),
	    "hash-a,hash-b");
}

static void
test_observations(void **state)
{
	const char *path = unit_path(dir, "obs.db");
	struct store *st = unit_store_open(path);
	/* offsets:       0         1         2         3         4         5
	 *                012345678901234567890123456789012345678901234567890 */
	const char *text = "In 2021, MINUSMA documented 435 abductions. "
	    "Some 87 were recorded in 2019.";
	struct store_document d = {
		"https://www.ohchr.org/en/press-releases/2021/08/x", "T", "2021-08-06",
		"en", text, "h", "Mali", 0
	};
	struct extract_obs obs[] = {
		/* an exact figure with its period */
		{ "abductions", 435, EXTRACT_EXACT, 1, { 2021, 1, 1 }, { 2021, 6, 30 },
		  "Mali", "Sahel", 0, 28, 42, 0, 43, UNIT_HOW },
		/* a derived approximate figure */
		{ "abductions", 87, EXTRACT_APPROX, 1, { 2019, 1, 1 }, { 2019, 12, 31 },
		  "Mali", NULL, 1, 49, 51, 44, 74, UNIT_HOW },
		/* no period; offsets past the text: evidence and sentence NULL */
		{ "killed", 5, EXTRACT_AT_LEAST, 0, { 0, 0, 0 }, { 0, 0, 0 },
		  NULL, NULL, 0, 70, 500, 80, 60, UNIT_HOW },
	};
	struct extract_result res = { .obs = obs, .nobs = 3 };
	enum store_doc_state ds;
	int64_t id, n;
	int rev;

	(void)state;
	assert_int_equal(store_document_save(st, &d, 10, &id, &rev, &ds), 0);
	assert_int_equal(store_observations_save(st, id, rev, text, &res, EXTRACT_VERSION, 20), 0);
	assert_int_equal(store_observations_count(st, id, &n), 0);
	assert_int_equal(n, 3);
	/* saving again replaces, never duplicates */
	assert_int_equal(store_observations_save(st, id, rev, text, &res, EXTRACT_VERSION, 30), 0);
	assert_int_equal(store_observations_count(st, id, &n), 0);
	assert_int_equal(n, 3);
	store_close(st);

	assert_string_equal(unit_sql_peek(path, "SELECT indicator || '|' || value || '|' ||"
	    " qualifier || '|' || period_start || '|' || period_end || '|' ||"
	    " country || '|' || region || '|' || derived || '|' || evidence || '|' ||"
	    " sentence || '|' || start || '|' || \"end\" || '|' || extractor_version"
	    " || '|' || created FROM observations WHERE value = 435"),
	    "abductions|435|exact|2021-01-01|2021-06-30|Mali|Sahel|0|435 abductions|"
	    "In 2021, MINUSMA documented 435 abductions.|28|42|" EXTRACT_VERSION "|30");
	assert_string_equal(unit_sql_peek(path, "SELECT qualifier || '|' || derived || '|' ||"
	    " evidence || '|' || sentence || '|' || coalesce(region, 'null')"
	    " FROM observations WHERE value = 87"),
	    "approx|1|87|Some 87 were recorded in 2019.|null");
	assert_string_equal(unit_sql_peek(path, "SELECT qualifier || '|' ||"
	    " coalesce(period_start, 'null') || '|' || coalesce(period_end, 'null')"
	    " || '|' || coalesce(evidence, 'null') || '|' || coalesce(sentence, 'null')"
	    " || '|' || coalesce(country, 'null') FROM observations WHERE value = 5"),
	    "at_least|null|null|null|null|null");
	assert_string_equal(unit_sql_peek(path, "SELECT count(*) FROM observations"
	    " WHERE country = 'Mali' AND indicator = 'abductions'"
	    " AND period_start = '2019-01-01' AND period_end = '2019-12-31'"), "1");

	/* a revision keeps the earlier revision's figures apart */
	st = unit_store_open(path);
	d.hash = "h2";
	assert_int_equal(store_document_save(st, &d, 40, &id, &rev, &ds), 0);
	assert_int_equal(rev, 2);
	res.nobs = 1;
	assert_int_equal(store_observations_save(st, id, rev, text, &res, EXTRACT_VERSION, 50), 0);
	assert_int_equal(store_observations_count(st, id, &n), 0);
	assert_int_equal(n, 1);

	/* one bad observation rolls back the whole save */
	obs[0].qualifier = (enum extract_qualifier)42;
	res.nobs = 3;
	assert_int_equal(store_observations_save(st, id, 1, text, &res, EXTRACT_VERSION, 60), -1);
	assert_non_null(strstr(store_errmsg(st), "qualifier"));
	/* an unknown revision is refused by the foreign key */
	obs[0].qualifier = EXTRACT_EXACT;
	assert_int_equal(store_observations_save(st, id, 9, text, &res, EXTRACT_VERSION, 60), -1);
	/* nothing to save clears the revision's figures */
	assert_int_equal(store_observations_save(st, id, 2, text, NULL, EXTRACT_VERSION, 70), 0);
	assert_int_equal(store_observations_count(st, id, &n), 0);
	assert_int_equal(n, 0);
	store_close(st);
	assert_string_equal(unit_sql_peek(path,
	    "SELECT count(*) FROM observations WHERE revision = 1"), "3");
}

/* A release whose text changes each time: every revision is stored, only
 * the newest keep_revisions keep their text; a figure each revision repeats
 * is one row, moved forward (its id kept); the figures that changed stay;
 * the freed pages go back. */
static void
test_bounded_revisions(void **state)
{
	const char *path = unit_path(dir, "bounded.db");
	struct store *st = unit_store_open(path);
	char text[4096], hash[16];
	struct store_document d = { "https://example.org/r", "T", "2021-08-06", "en", text,
		hash, "Mali", 2 };
	struct extract_obs obs[] = {
		/* the same figure in every revision */
		{ .indicator = "killed", .value = 12, .qualifier = EXTRACT_EXACT,
		  .has_period = 1, .period_start = { 2021, 7, 1 }, .period_end = { 2021, 7, 31 },
		  .country = "Mali", .start = 0, .end = 10, .sent_start = 0, .sent_end = 10 },
		/* a figure that changes in each */
		{ .indicator = "abductions", .value = 0, .qualifier = EXTRACT_EXACT,
		  .has_period = 1, .period_start = { 2021, 1, 1 }, .period_end = { 2021, 6, 30 },
		  .country = "Mali", .start = 11, .end = 14, .sent_start = 11, .sent_end = 14 },
	};
	struct extract_result res = { .obs = obs, .nobs = 2 };
	enum store_doc_state ds;
	int64_t id = 0, bytes;
	int rev;
	char first_id[32];

	(void)state;
	for (int i = 1; i <= 6; i++) {
		/* "12 killed." stays, the second figure and the rest change */
		memset(text, 'a' + i, sizeof(text) - 1);
		text[sizeof(text) - 1] = '\0';
		memcpy(text, "12 killed.", 10);
		snprintf(hash, sizeof(hash), "%d", 100 + i);
		memcpy(text + 11, hash, 3);
		snprintf(hash, sizeof(hash), "h%d", i);
		obs[1].value = 100 + i;
		assert_int_equal(store_begin(st), 0);
		assert_int_equal(store_document_save(st, &d, i, &id, &rev, &ds), 0);
		assert_int_equal(rev, i);
		assert_int_equal(store_observations_save(st, id, rev, text, &res,
		    EXTRACT_VERSION, i), 0);
		assert_int_equal(store_commit(st), 0);
		if (i == 1)
			snprintf(first_id, sizeof(first_id), "%s", unit_sql_peek(path,
			    "SELECT id FROM observations WHERE value = 12"));
	}
	assert_int_equal(store_reclaim(st), 0);
	assert_int_equal(store_size(st, &bytes), 0);
	assert_true(bytes > 0);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "SELECT count(*) FROM revisions"), "6");
	assert_string_equal(unit_sql_peek(path,
	    "SELECT group_concat(revision) FROM revisions WHERE text <> ''"), "5,6");
	assert_string_equal(unit_sql_peek(path,
	    "SELECT count(*) || ',' || min(revision) || ',' || min(first_revision) || ',' || min(id)"
	    " FROM observations WHERE value = 12"), "1,6,1,1");
	assert_string_equal(unit_sql_peek(path, "SELECT id FROM observations WHERE value = 12"),
	    first_id);
	assert_string_equal(unit_sql_peek(path,
	    "SELECT count(*) FROM observations WHERE indicator = 'abductions'"), "6");
	assert_string_equal(unit_sql_peek(path, "PRAGMA auto_vacuum"), "2");
	assert_string_equal(unit_sql_peek(path, "PRAGMA freelist_count"), "0");
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void
make_db(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void
test_refused(void **state)
{
	static const struct {
		const char *name;
		const char *sql;     /* to create the file with, or NULL: garbage */
		const char *reason;  /* expected in the message */
	} rows[] = {
		/* bytes that are not SQLite at all */
		{ "corrupt.db", NULL, "not a usable SQLite database" },
		/* another program's database */
		{ "foreign.db", "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);",
		  "not a rightswatch state file" },
		/* ours, but from a newer rightswatch */
		{ "newer.db", "PRAGMA application_id = 1381450068;"
		  "PRAGMA user_version = 99; CREATE TABLE future (x);",
		  "newer than this rightswatch" },
	};
	char garbage[8192];
	struct store *st;
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(garbage); i++)
		garbage[i] = (char)(i * 7 + 3);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *path = unit_path(dir, rows[i].name);

		if (rows[i].sql == NULL)
			write_file(path, garbage, sizeof(garbage));
		else
			make_db(path, rows[i].sql);
		st = (struct store *)1;
		err[0] = '\0';
		assert_int_equal(store_open(path, &st, err, sizeof(err)), -1);
		assert_null(st);
		if (strstr(err, rows[i].reason) == NULL)
			fail_msg("%s: %s", rows[i].name, err);
		assert_non_null(strstr(err, path));
		if (rows[i].sql != NULL) /* left as it was: not switched to WAL */
			assert_string_equal(unit_sql_peek(path, "PRAGMA journal_mode"), "delete");
	}
	assert_int_equal(store_open("", &st, err, sizeof(err)), -1);
	assert_int_equal(store_open("/nonexistent-dir/x/state.db", &st, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent-dir/x/state.db"));
}

static void
test_transactions(void **state)
{
	struct store *st = unit_store_open(unit_path(dir, "tx.db"));
	struct store_source s;

	(void)state;
	assert_int_equal(store_commit(st), -1);   /* nothing open */
	assert_int_equal(store_rollback(st), -1);
	assert_int_equal(store_begin(st), 0);
	put_source(st, "kept", "https://example.org/a.xml");
	assert_int_equal(store_begin(st), 0);     /* nested: a savepoint */
	put_source(st, "undone", "https://example.org/b.xml");
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(store_begin(st), 0);
	put_source(st, "inner", "https://example.org/c.xml");
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(store_source_get(st, "kept", &s), 0);
	store_source_clear(&s);
	assert_int_equal(store_source_get(st, "inner", &s), 0);
	store_source_clear(&s);
	assert_int_equal(store_source_get(st, "undone", &s), 1);

	/* a whole outer rollback undoes store calls that had their own */
	assert_int_equal(store_begin(st), 0);
	put_source(st, "gone", "https://example.org/g.xml");
	{
		struct store_document d = { "https://example.org/r", NULL, NULL,
		    NULL, "t", "h", NULL, 0 };
		enum store_doc_state ds;
		int64_t id;
		int rev;

		assert_int_equal(store_document_save(st, &d, 1, &id, &rev, &ds), 0);
	}
	assert_int_equal(store_rollback(st), 0);
	assert_int_equal(store_source_get(st, "gone", &s), 1);
	{
		int64_t id;

		assert_int_equal(store_document_find(st, "https://example.org/r", &id), 0);
		assert_int_equal(id, 0);
	}
	store_close(st);
}

/* A lazy commit is a commit: another connection (another process) reads
 * it at once; the level cannot change inside a transaction. */
static void
test_lazy(void **state)
{
	const char *path = unit_path(dir, "lazy.db");
	struct store *st = unit_store_open(path);

	(void)state;
	assert_int_equal(store_set_lazy(st, 1), 0);
	put_source(st, "lazy", "https://example.org/l.xml");
	assert_int_equal(store_set_lazy(st, 0), 0);
	assert_string_equal(unit_sql_peek(path,
	    "SELECT count(*) FROM sources WHERE name = 'lazy'"), "1");
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_set_lazy(st, 1), -1);
	assert_non_null(strstr(store_errmsg(st), "inside a transaction"));
	assert_int_equal(store_rollback(st), 0);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_migrate_reopen),
		cmocka_unit_test(test_migrate_from_v1),
		cmocka_unit_test(test_migrate_alerts_from_v2),
		cmocka_unit_test(test_migrate_from_v6),
		cmocka_unit_test(test_sources_roundtrip),
		cmocka_unit_test(test_item_states),
		cmocka_unit_test(test_documents),
		cmocka_unit_test(test_observations),
		cmocka_unit_test(test_bounded_revisions),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_lazy),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
