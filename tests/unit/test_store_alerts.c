/*
 * Unit tests: store alerts and their outbox — written with the observation
 * that caused them, delivered, retried and failed across restarts, listed
 * with their delivery states — on state files in a fresh directory under
 * /tmp.
 */
#include <math.h>

#include "unit.h"
#include "rightswatch/extract.h"
#include "rightswatch/store.h"

static char dir[64];

static int
setup_dir(void **state)
{
	(void)state;
	return unit_tmpdir(dir, sizeof(dir), "/tmp/rw-alerts-XXXXXX");
}

static int
teardown_dir(void **state)
{
	(void)state;
	return unit_rmtree(dir);
}

/* An alert with every field set, for the tests to vary. The strings are
 * literals the store only reads. */
static struct store_alert
alert(const char *fingerprint, int64_t value)
{
	struct store_alert a;

	memset(&a, 0, sizeof(a));
	a.fingerprint = (char *)(uintptr_t)fingerprint;
	a.rule = (char *)"mali-abductions";
	a.severity = (char *)"critical";
	a.country = (char *)"Mali";
	a.indicator = (char *)"abductions";
	a.value = value;
	a.qualifier = (char *)"at_least";
	a.approximate = 0;
	a.is_update = 0;
	a.previous_value = -1;
	snprintf(a.period_start, sizeof(a.period_start), "2021-01-01");
	snprintf(a.period_end, sizeof(a.period_end), "2021-06-30");
	a.baseline_value = 300;
	snprintf(a.baseline_period_start, sizeof(a.baseline_period_start), "2020-01-01");
	snprintf(a.baseline_period_end, sizeof(a.baseline_period_end), "2020-12-31");
	a.baseline_origin = (char *)STORE_ORIGIN_REPORTED;
	a.baseline_source = (char *)"Release A <https://t/a>";
	a.ratio = (double)value / 300.0;
	a.title = (char *)"Mali: abductions rise";
	a.date = (char *)"2021-08-06";
	a.url = (char *)"https://t/a";
	a.sentence = (char *)"At least 435 people were abducted.";
	return a;
}

static const char *const two_dests[] = { "email", "syslog" };

static void
test_alert_in_transaction(void **state)
{
	const char *path = unit_path(dir, "tx.db");
	struct store *st = unit_store_open(path);
	static const struct extract_obs o[] = {
		UNIT_OBS("abductions", 435, 2021, 1, 1, 2021, 6, 30, "Mali", 0),
	};
	static const struct {
		int commit;            /* 1 commit, 0 roll back */
		const char *counts;    /* observations, alerts, outbox afterwards */
	} rows[] = {
		/* rolled back: neither the observation nor the alert */
		{ 0, "0,0,0" },
		/* committed: both, with one outbox row per destination */
		{ 1, "1,1,2" },
	};
	struct store_alert a;
	int64_t id = 0, n;
	char sql[] = "SELECT (SELECT count(*) FROM observations) || ',' ||"
	    " (SELECT count(*) FROM alerts) || ',' || (SELECT count(*) FROM outbox)";

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		a = alert("fp-tx", 435);
		assert_int_equal(store_begin(st), 0);
		unit_store_release(st, "https://t/tx", "T", "h", o, 1);
		assert_int_equal(store_alert_add(st, &a, two_dests, 2, 5000, &id), 0);
		assert_true(id > 0);
		assert_int_equal(a.id, id);
		assert_int_equal(a.created, 5000);
		if (rows[i].commit)
			assert_int_equal(store_commit(st), 0);
		else
			assert_int_equal(store_rollback(st), 0);
		store_close(st);
		if (strcmp(unit_sql_peek(path, sql), rows[i].counts) != 0)
			fail_msg("row %zu: %s", i, unit_sql_peek(path, sql));
		st = unit_store_open(path);
	}
	/* a failed alert inside the caller's transaction undoes only itself */
	assert_int_equal(store_begin(st), 0);
	a = alert("fp-tx-2", 500);
	a.rule = NULL;
	assert_int_equal(store_alert_add(st, &a, two_dests, 2, 5100, NULL), -1);
	assert_non_null(strstr(store_errmsg(st), "required"));
	a = alert("fp-tx-2", 500);
	a.severity = (char *)"loud"; /* refused by the schema */
	assert_int_equal(store_alert_add(st, &a, two_dests, 2, 5100, NULL), -1);
	a = alert("fp-tx-2", 500);
	assert_int_equal(store_alert_add(st, &a, two_dests, 2, 5100, NULL), 0);
	assert_int_equal(store_commit(st), 0);
	/* on its own it commits by itself; a destination named twice is one row */
	{
		const char *dests[] = { "webhook", "webhook", "email" };

		a = alert("fp-own", 600);
		assert_int_equal(store_alert_add(st, &a, dests, 3, 5200, NULL), 0);
		dests[1] = "";
		assert_int_equal(store_alert_add(st, &a, dests, 3, 5200, NULL), -1);
	}
	assert_int_equal(store_outbox_pending_count(st, &n), 0);
	assert_int_equal(n, 6);
	store_close(st);
	assert_string_equal(unit_sql_peek(path, sql), "1,3,6");
}

/* The due deliveries as "destination/alert value/attempts" joined by ','. */
static const char *
due_text(struct store *st, int64_t now, size_t limit, int64_t *ids)
{
	static char out[512];
	struct store_delivery *v;
	size_t n, len = 0;

	out[0] = '\0';
	if (store_outbox_due(st, now, limit, &v, &n) != 0)
		fail_msg("due: %s", store_errmsg(st));
	for (size_t i = 0; i < n; i++) {
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s/%lld/%d%s%s",
		    i ? "," : "", v[i].destination, (long long)v[i].alert.value,
		    v[i].attempts, v[i].last_error ? "/" : "",
		    v[i].last_error ? v[i].last_error : "");
		if (ids != NULL)
			ids[i] = v[i].outbox_id;
	}
	store_deliveries_free(v, n);
	return out;
}

/* Find the outbox id of destination for the alert of value (by peeking). */
static int64_t
outbox_id(const char *path, const char *dest, int64_t value)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT o.id FROM outbox o JOIN alerts a ON"
	    " a.id = o.alert_id WHERE o.destination = '%s' AND a.value = %lld",
	    dest, (long long)value);
	return strtoll(unit_sql_peek(path, sql), NULL, 10);
}

enum step_op { DUE, DELIVERED, RETRY, FAILED, REOPEN };

static void
test_outbox_transitions(void **state)
{
	const char *path = unit_path(dir, "outbox.db");
	struct store *st = unit_store_open(path);
	static const struct {
		enum step_op op;
		const char *dest;     /* the delivery acted on */
		int64_t value;        /* of its alert */
		int64_t t;            /* now, or the next attempt for RETRY */
		const char *error;
		int rc;               /* expected return */
		const char *due;      /* DUE: expected deliveries due at t */
		int64_t next;         /* expected next due afterwards, -1 none */
		int64_t pending;      /* expected pending count afterwards */
	} steps[] = {
		/* nothing is due before the alerts' time */
		{ DUE, NULL, 0, 999, NULL, 0, "", 1000, 3 },
		/* both destinations of the first alert, in id order */
		{ DUE, NULL, 0, 1000, NULL, 0, "email/435/0,syslog/435/0", 1000, 3 },
		/* the mail server refuses: retry later */
		{ RETRY, "email", 435, 1100, "connection refused", 0, NULL, 1000, 3 },
		/* across a restart the retry is remembered */
		{ REOPEN, NULL, 0, 0, NULL, 0, NULL, 1000, 3 },
		{ DUE, NULL, 0, 1050, NULL, 0, "syslog/435/0,webhook/500/0", 1000, 3 },
		{ DELIVERED, "syslog", 435, 1050, NULL, 0, NULL, 1010, 2 },
		/* delivered is final: a second outcome is refused */
		{ DELIVERED, "syslog", 435, 1051, NULL, -1, NULL, 1010, 2 },
		{ RETRY, "syslog", 435, 1051, "x", -1, NULL, 1010, 2 },
		/* a permanent failure */
		{ FAILED, "webhook", 500, 0, "HTTP 404", 0, NULL, 1100, 1 },
		{ FAILED, "webhook", 500, 0, "HTTP 404", -1, NULL, 1100, 1 },
		{ REOPEN, NULL, 0, 0, NULL, 0, NULL, 1100, 1 },
		{ DUE, NULL, 0, 1099, NULL, 0, "", 1100, 1 },
		{ DUE, NULL, 0, 5000, NULL, 0, "email/435/1/connection refused", 1100, 1 },
		{ RETRY, "email", 435, 1300, "timeout", 0, NULL, 1300, 1 },
		{ DUE, NULL, 0, 5000, NULL, 0, "email/435/2/timeout", 1300, 1 },
		{ DELIVERED, "email", 435, 1300, NULL, 0, NULL, -1, 0 },
		{ REOPEN, NULL, 0, 0, NULL, 0, NULL, -1, 0 },
		{ DUE, NULL, 0, 9999, NULL, 0, "", -1, 0 },
		/* an id that does not exist */
		{ DELIVERED, "nowhere", 0, 1, NULL, -1, NULL, -1, 0 },
	};
	struct store_alert a;
	int64_t when, n, id;
	int any, rc = 0;

	(void)state;
	a = alert("fp-1", 435);
	assert_int_equal(store_alert_add(st, &a, two_dests, 2, 1000, NULL), 0);
	a = alert("fp-2", 500);
	{
		const char *dests[] = { "webhook" };

		assert_int_equal(store_alert_add(st, &a, dests, 1, 1010, NULL), 0);
	}
	/* a limit */
	assert_string_equal(due_text(st, 2000, 1, NULL), "email/435/0");
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		id = steps[i].dest != NULL ? outbox_id(path, steps[i].dest, steps[i].value) : 0;
		switch (steps[i].op) {
		case DUE:
			if (strcmp(due_text(st, steps[i].t, 0, NULL), steps[i].due) != 0)
				fail_msg("step %zu: due %s", i, due_text(st, steps[i].t, 0, NULL));
			rc = 0;
			break;
		case DELIVERED:
			rc = store_outbox_delivered(st, id, steps[i].t);
			break;
		case RETRY:
			rc = store_outbox_retry(st, id, steps[i].t, steps[i].error);
			break;
		case FAILED:
			rc = store_outbox_failed(st, id, steps[i].error);
			break;
		case REOPEN:
			store_close(st);
			st = unit_store_open(path);
			rc = 0;
			break;
		}
		if (rc != steps[i].rc)
			fail_msg("step %zu: returned %d: %s", i, rc, store_errmsg(st));
		if (rc == -1)
			assert_non_null(strstr(store_errmsg(st), "not a pending delivery"));
		assert_int_equal(store_outbox_next_due(st, &when, &any), 0);
		if (any != (steps[i].next != -1) || (any && when != steps[i].next))
			fail_msg("step %zu: next due %d %lld", i, any, (long long)when);
		assert_int_equal(store_outbox_pending_count(st, &n), 0);
		if (n != steps[i].pending)
			fail_msg("step %zu: %lld pending", i, (long long)n);
	}
	store_close(st);
	assert_string_equal(unit_sql_peek(path, "SELECT group_concat(destination || ':' ||"
	    " state || ':' || attempts || ':' || coalesce(delivered_at, '-') || ':' ||"
	    " coalesce(last_error, '-'), ' ') FROM (SELECT * FROM outbox ORDER BY id)"),
	    "email:delivered:3:1300:- syslog:delivered:1:1050:- webhook:failed:1:-:HTTP 404");
}

static void
assert_same_alert(const struct store_alert *got, const struct store_alert *want)
{
#define SAME_STR(f) do { \
	if (want->f == NULL) assert_null(got->f); \
	else { assert_non_null(got->f); assert_string_equal(got->f, want->f); } \
} while (0)
	assert_int_equal(got->id, want->id);
	SAME_STR(fingerprint);
	SAME_STR(rule);
	SAME_STR(severity);
	SAME_STR(country);
	SAME_STR(indicator);
	assert_int_equal(got->value, want->value);
	SAME_STR(qualifier);
	assert_int_equal(got->approximate, want->approximate);
	assert_int_equal(got->is_update, want->is_update);
	assert_int_equal(got->previous_value, want->previous_value);
	assert_string_equal(got->period_start, want->period_start);
	assert_string_equal(got->period_end, want->period_end);
	assert_int_equal(got->baseline_value, want->baseline_value);
	assert_string_equal(got->baseline_period_start, want->baseline_period_start);
	assert_string_equal(got->baseline_period_end, want->baseline_period_end);
	SAME_STR(baseline_origin);
	SAME_STR(baseline_source);
	if (isnan(want->ratio))
		assert_true(isnan(got->ratio));
	else
		assert_true(got->ratio == want->ratio);
	assert_int_equal(got->observation_id, want->observation_id);
	assert_int_equal(got->doc_id, want->doc_id);
	SAME_STR(title);
	SAME_STR(date);
	SAME_STR(url);
	SAME_STR(sentence);
	assert_int_equal(got->created, want->created);
#undef SAME_STR
}

static void
test_alert_fields(void **state)
{
	const char *path = unit_path(dir, "fields.db");
	struct store *st = unit_store_open(path);
	static const struct extract_obs o[] = {
		UNIT_OBS("abductions", 435, 2021, 1, 1, 2021, 6, 30, "Mali", 0),
	};
	struct store_alert in[2];
	struct store_delivery *v;
	const char *dest[] = { "email" };
	size_t n;
	int64_t doc;

	(void)state;
	doc = unit_store_release(st, "https://t/f", "F", "h", o, 1);
	/* every field set, an update */
	in[0] = alert("fp-full", 435);
	in[0].approximate = 1;
	in[0].is_update = 1;
	in[0].previous_value = 400;
	in[0].qualifier = (char *)"approx";
	in[0].doc_id = doc;
	in[0].observation_id = strtoll(unit_sql_peek(path, "SELECT min(id) FROM observations"), NULL, 10);
	/* every optional field empty (compare = value, no evidence) */
	memset(&in[1], 0, sizeof(in[1]));
	in[1].fingerprint = (char *)"fp-bare";
	in[1].rule = (char *)"any-killings";
	in[1].severity = (char *)"info";
	in[1].indicator = (char *)"killed";
	in[1].qualifier = (char *)"exact";
	in[1].value = 7;
	in[1].previous_value = -1;
	in[1].baseline_value = -1;
	in[1].ratio = NAN;
	for (int i = 0; i < 2; i++)
		assert_int_equal(store_alert_add(st, &in[i], dest, 1, 700 + i, NULL), 0);
	store_close(st);
	st = unit_store_open(path);
	assert_int_equal(store_outbox_due(st, 800, 0, &v, &n), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].destination, "email");
		assert_null(v[i].last_error);
		assert_null(v[i].alert.deliveries);
		assert_same_alert(&v[i].alert, &in[i]);
	}
	store_deliveries_free(v, n);
	store_deliveries_free(NULL, 0);
	store_alert_clear(NULL);
	store_alerts_free(NULL, 0);
	store_baselines_free(NULL, 0);
	store_close(st);
}

static void
test_alerts_list(void **state)
{
	const char *path = unit_path(dir, "list.db");
	struct store *st = unit_store_open(path);
	static const struct {
		const char *fingerprint;
		int64_t created;
		const char *dests;      /* comma-separated, "" none */
		const char *deliveries; /* expected summary after the outcomes */
	} rows[] = {
		/* delivered at once, and one retried three times */
		{ "fp-a", 100, "syslog,email",
		  "email:pending(3 attempts: connection refused), syslog:delivered" },
		/* a permanent failure, and one never tried */
		{ "fp-b", 200, "webhook,exec", "exec:pending, webhook:failed(1 attempt: HTTP 404)" },
		/* no destination at all */
		{ "fp-c", 300, "", "" },
	};
	static const struct {
		int64_t since;
		const char *fingerprints;
	} since[] = {
		{ 0, "fp-a,fp-b,fp-c" },  /* everything */
		{ 200, "fp-b,fp-c" },     /* from a time on */
		{ 301, "" },              /* nothing that recent */
	};
	struct store_alert *v, a;
	size_t n;
	char buf[256];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *d[4];
		size_t nd = 0;
		char *p, *save = NULL;

		snprintf(buf, sizeof(buf), "%s", rows[i].dests);
		for (p = strtok_r(buf, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save))
			d[nd++] = p;
		a = alert(rows[i].fingerprint, 400 + (int64_t)i);
		assert_int_equal(store_alert_add(st, &a, d, nd, rows[i].created, NULL), 0);
	}
	assert_int_equal(store_outbox_delivered(st, outbox_id(path, "syslog", 400), 150), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(store_outbox_retry(st, outbox_id(path, "email", 400),
		    160 + i, i == 2 ? "connection refused" : "timeout"), 0);
	assert_int_equal(store_outbox_failed(st, outbox_id(path, "webhook", 401), "HTTP 404"), 0);
	store_close(st);

	st = unit_store_open(path);
	assert_int_equal(store_alerts_list(st, 0, &v, &n), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(v[i].fingerprint, rows[i].fingerprint);
		assert_int_equal(v[i].created, rows[i].created);
		assert_string_equal(v[i].rule, "mali-abductions");
		if (strcmp(v[i].deliveries, rows[i].deliveries) != 0)
			fail_msg("row %zu: %s", i, v[i].deliveries);
	}
	/* the same, one entry a destination */
	assert_int_equal(v[0].ndl, 2);
	assert_string_equal(v[0].dl[0].destination, "email");
	assert_string_equal(v[0].dl[0].state, "pending");
	assert_int_equal(v[0].dl[0].attempts, 3);
	assert_string_equal(v[0].dl[0].last_error, "connection refused");
	assert_string_equal(v[0].dl[1].state, "delivered");
	assert_int_equal(v[0].dl[1].delivered_at, 150);
	assert_null(v[0].dl[1].last_error);
	store_alerts_free(v, n);
	for (size_t i = 0; i < sizeof(since) / sizeof(since[0]); i++) {
		size_t len = 0;

		buf[0] = '\0';
		assert_int_equal(store_alerts_list(st, since[i].since, &v, &n), 0);
		if (n == 0)
			assert_null(v);
		for (size_t j = 0; j < n; j++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
			    j ? "," : "", v[j].fingerprint);
		assert_string_equal(buf, since[i].fingerprints);
		store_alerts_free(v, n);
	}
	store_close(st);
}

static void
test_alert_last(void **state)
{
	const char *path = unit_path(dir, "last.db");
	struct store *st = unit_store_open(path);
	static const struct {
		const char *add;    /* a fingerprint to alert, or NULL */
		int64_t value;
		const char *query;  /* then: its last value */
		int found;
		int64_t last;
	} rows[] = {
		/* never alerted */
		{ NULL, 0, "mali|abductions|2021-01-01/2021-06-30", 0, 0 },
		/* the first alert */
		{ "mali|abductions|2021-01-01/2021-06-30", 435, "mali|abductions|2021-01-01/2021-06-30", 1, 435 },
		/* an update raises it */
		{ "mali|abductions|2021-01-01/2021-06-30", 470, "mali|abductions|2021-01-01/2021-06-30", 1, 470 },
		/* another fingerprint does not count */
		{ "mali|abductions|2021-01-01/2021-03-31", 900, "mali|abductions|2021-01-01/2021-06-30", 1, 470 },
		/* the highest, even when a lower one came later */
		{ "mali|abductions|2021-01-01/2021-06-30", 440, "mali|abductions|2021-01-01/2021-06-30", 1, 470 },
		/* a prefix is not a match */
		{ NULL, 0, "mali|abductions", 0, 0 },
	};
	struct store_alert a;
	int64_t last;
	int found;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].add != NULL) {
			a = alert(rows[i].add, rows[i].value);
			assert_int_equal(store_alert_add(st, &a, two_dests, 2, 10, NULL), 0);
		}
		if (i == 3) { /* and across a restart */
			store_close(st);
			st = unit_store_open(path);
		}
		last = -7;
		assert_int_equal(store_alert_last(st, rows[i].query, &last, &found), 0);
		assert_int_equal(found, rows[i].found);
		if (found)
			assert_int_equal(last, rows[i].last);
	}
	store_close(st);
}

/* A silence holds back one threshold's alerts for a country (any case)
 * or any, before its end, until removed; a silenced alert is recorded
 * with no delivery queued. */
static void
test_silences(void **state)
{
	const char *path = unit_path(dir, "silence.db");
	struct store *st = unit_store_open(path);
	struct store_silence in = { 0, "mali-abductions", "Mali", 1000, "known spike", 0, 0,
		NULL };
	struct store_silence any = { 0, "wave", NULL, 2000, "noisy", 0, 0, NULL };
	static const struct {
		const char *threshold, *country;
		int64_t now;
		int64_t want;   /* the silence expected, 0 none */
	} rows[] = {
		{ "mali-abductions", "Mali", 500, 1 },   /* its threshold and country */
		{ "mali-abductions", "MALI", 500, 1 },   /* the country in any case */
		{ "mali-abductions", "Niger", 500, 0 },  /* another country */
		{ "mali-killings", "Mali", 500, 0 },     /* another threshold */
		{ "mali-abductions", "Mali", 1000, 0 },  /* over at its end */
		{ "wave", "Niger", 1500, 2 },            /* a silence for any country */
		{ "wave", NULL, 1500, 2 },
	};
	struct store_silence *v = NULL;
	struct store_alert a;
	const char *const dests[] = { "mail" };
	int64_t id;
	size_t n;

	(void)state;
	assert_int_equal(store_silence_add(st, &in, 100, &id), 0);
	assert_int_equal(id, 1);
	assert_int_equal(store_silence_add(st, &any, 100, &id), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(store_silence_match(st, rows[i].threshold, rows[i].country,
		    rows[i].now, &id), 0);
		if (id != rows[i].want)
			fail_msg("row %zu: silence %lld", i, (long long)id);
	}
	/* listed while active, all of them with --all */
	assert_int_equal(store_silences_list(st, 1500, 0, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].threshold, "wave");
	assert_null(v[0].country);
	store_silences_free(v, n);
	/* a silenced alert: recorded, nothing queued */
	a = alert("mali-abductions|Mali|abductions|2021-01-01/2021-06-30", 435);
	a.silence_id = 1;
	assert_int_equal(store_alert_add(st, &a, dests, 1, 200, &id), 0);
	assert_string_equal(unit_sql_peek(path, "SELECT count(*) FROM outbox"), "0");
	/* removed: no longer matched, still listed with --all, and named by its alert */
	assert_int_equal(store_silence_remove(st, 1, 300), 0);
	assert_int_equal(store_silence_remove(st, 1, 300), 1);
	assert_int_equal(store_silence_match(st, "mali-abductions", "Mali", 500, &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(store_silences_list(st, 500, 1, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].removed, 300);
	store_silences_free(v, n);
	{
		struct store_alert *al = NULL;

		assert_int_equal(store_alerts_list(st, 0, &al, &n), 0);
		assert_int_equal(n, 1);
		assert_int_equal(al[0].silence_id, 1);
		assert_string_equal(al[0].silence_reason, "known spike");
		assert_int_equal(al[0].silence_until, 1000);
		store_alerts_free(al, n);
	}
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_silences),
		cmocka_unit_test(test_alert_in_transaction),
		cmocka_unit_test(test_outbox_transitions),
		cmocka_unit_test(test_alert_fields),
		cmocka_unit_test(test_alerts_list),
		cmocka_unit_test(test_alert_last),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
