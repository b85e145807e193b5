/*
 * store_alert — alerts and their delivery outbox. An alert is written with
 * one outbox row per destination in one transaction (the caller's, when it
 * opened one around the observation that caused the alert), so a crash
 * can neither lose an alert nor deliver one that was never committed.
 * Delivery is at least once: a row stays pending until it is marked
 * delivered or failed. Part of the store module (see store.c).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/store.h"
#include "store_int.h"

void
store_alert_clear(struct store_alert *a)
{
	if (a == NULL)
		return;
	free(a->mem);
	free(a->deliveries);
	for (size_t i = 0; i < a->ndl; i++) {
		free((char *)(uintptr_t)a->dl[i].destination);
		free((char *)(uintptr_t)a->dl[i].state);
		free((char *)(uintptr_t)a->dl[i].last_error);
	}
	free(a->dl);
	memset(a, 0, sizeof(*a));
}

void
store_alerts_free(struct store_alert *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		store_alert_clear(&v[i]);
	free(v);
}

void
store_deliveries_free(struct store_delivery *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].destination);
		free(v[i].last_error);
		store_alert_clear(&v[i].alert);
	}
	free(v);
}

/* A period field: "" is SQL NULL. */
static int
bind_day(sqlite3_stmt *s, int i, const char *day)
{
	return store_bind_text(s, i, day[0] != '\0' ? day : NULL);
}

static void
copy_day(sqlite3_stmt *s, int i, char out[11])
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(out, 11, "%s", t != NULL ? (const char *)t : "");
}

/* A REAL column, NAN for NULL. */
static double
optional_real(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NAN : sqlite3_column_double(s, i);
}

/* Bind v, or NULL when it is not a number. */
static int
bind_real(sqlite3_stmt *s, int i, double v)
{
	return isfinite(v) ? sqlite3_bind_double(s, i, v) : sqlite3_bind_null(s, i);
}

/* Read STORE_ALERT_COLUMNS starting at column c into a (zeroed first);
 * 0, or -1 when out of memory (a is then cleared). */
static int
read_alert(sqlite3_stmt *s, int c, struct store_alert *a)
{
	const struct store_text_col text[] = {
		{ c + 1, &a->fingerprint }, { c + 2, &a->rule }, { c + 3, &a->severity },
		{ c + 4, &a->country }, { c + 5, &a->indicator }, { c + 7, &a->qualifier },
		{ c + 16, &a->baseline_origin }, { c + 17, &a->baseline_source },
		{ c + 21, &a->title }, { c + 22, &a->date }, { c + 23, &a->url },
		{ c + 24, &a->sentence }, { c + 26, &a->compare }, { c + 29, &a->threshold_period },
		{ c + 31, &a->silence_reason },
	};

	memset(a, 0, sizeof(*a));
	if (store_columns_text(s, text, sizeof(text) / sizeof(text[0]), &a->mem) == -1)
		return -1;
	a->id = sqlite3_column_int64(s, c + 0);
	a->value = sqlite3_column_int64(s, c + 6);
	a->approximate = sqlite3_column_int(s, c + 8);
	a->is_update = sqlite3_column_int(s, c + 9);
	a->previous_value = sqlite3_column_type(s, c + 10) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(s, c + 10);
	copy_day(s, c + 11, a->period_start);
	copy_day(s, c + 12, a->period_end);
	a->baseline_value = sqlite3_column_type(s, c + 13) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(s, c + 13);
	copy_day(s, c + 14, a->baseline_period_start);
	copy_day(s, c + 15, a->baseline_period_end);
	a->ratio = optional_real(s, c + 18);
	a->observation_id = sqlite3_column_int64(s, c + 19);
	a->doc_id = sqlite3_column_int64(s, c + 20);
	a->created = sqlite3_column_int64(s, c + 25);
	a->factor = optional_real(s, c + 27);
	a->limit = optional_real(s, c + 28);
	a->silence_id = sqlite3_column_int64(s, c + 30);
	a->silence_until = sqlite3_column_int64(s, c + 32);
	return 0;
}

/* Step s, whose one row holds an integer or NULL (max() and min() over no
 * rows give NULL): *found 1 and *v, or *found 0. Resets s. */
static int
optional_int64(struct store *st, sqlite3_stmt *s, int64_t *v, int *found, const char *what)
{
	int rc = sqlite3_step(s);

	*found = 0;
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*v = sqlite3_column_int64(s, 0);
		*found = 1;
	}
	store_reset(s);
	return rc == SQLITE_ROW ? 0 : store_db_err(st, what);
}

int
store_alert_last(struct store *st, const char *fingerprint, int64_t *value,
    int *found)
{
	sqlite3_stmt *s;

	*found = 0;
	if ((s = store_stmt(st, S_ALERT_LAST)) == NULL)
		return -1;
	store_bind_text(s, 1, fingerprint);
	return optional_int64(st, s, value, found, "reading the last alert");
}

/* Is a period field NUL-terminated? (A caller may have filled all 11
 * bytes.) */
static int
day_ok(const char day[11])
{
	return memchr(day, '\0', 11) != NULL;
}

static int
insert_alert(struct store *st, const struct store_alert *a, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_ALERT_INSERT)) == NULL)
		return -1;
	store_bind_text(s, 1, a->fingerprint);
	store_bind_text(s, 2, a->rule);
	store_bind_text(s, 3, a->severity);
	store_bind_text(s, 4, a->country);
	store_bind_text(s, 5, a->indicator);
	sqlite3_bind_int64(s, 6, a->value);
	store_bind_text(s, 7, a->qualifier);
	sqlite3_bind_int(s, 8, a->approximate != 0);
	sqlite3_bind_int(s, 9, a->is_update != 0);
	store_bind_i64_or_null(s, 10, a->previous_value < 0 ? -1 : a->previous_value, -1);
	bind_day(s, 11, a->period_start);
	bind_day(s, 12, a->period_end);
	store_bind_i64_or_null(s, 13, a->baseline_value < 0 ? -1 : a->baseline_value, -1);
	bind_day(s, 14, a->baseline_period_start);
	bind_day(s, 15, a->baseline_period_end);
	store_bind_text(s, 16, a->baseline_origin);
	store_bind_text(s, 17, a->baseline_source);
	bind_real(s, 18, a->ratio);
	store_bind_i64_or_null(s, 19, a->observation_id, 0);
	store_bind_i64_or_null(s, 20, a->doc_id, 0);
	store_bind_text(s, 21, a->title);
	store_bind_text(s, 22, a->date);
	store_bind_text(s, 23, a->url);
	store_bind_text(s, 24, a->sentence);
	sqlite3_bind_int64(s, 25, now);
	store_bind_text(s, 26, a->compare);
	bind_real(s, 27, a->factor);
	bind_real(s, 28, a->limit);
	store_bind_text(s, 29, a->threshold_period);
	store_bind_i64_or_null(s, 30, a->silence_id, 0);
	return store_run(st, s, "saving an alert");
}

static int
insert_outbox(struct store *st, int64_t alert_id, const char *destination,
    int64_t now)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_OUTBOX_INSERT)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, alert_id);
	store_bind_text(s, 2, destination);
	sqlite3_bind_int64(s, 3, now);
	return store_run(st, s, "queueing a delivery");
}

int
store_alert_add(struct store *st, struct store_alert *a,
    const char *const *destinations, size_t n, int64_t now, int64_t *alert_id)
{
	int64_t id;

	if (a == NULL || a->fingerprint == NULL || a->rule == NULL ||
	    a->severity == NULL || a->indicator == NULL || a->qualifier == NULL) {
		store_set_err(st, "saving an alert: fingerprint, rule, severity, "
		    "indicator and qualifier are required");
		return -1;
	}
	if (!day_ok(a->period_start) || !day_ok(a->period_end) ||
	    !day_ok(a->baseline_period_start) || !day_ok(a->baseline_period_end)) {
		store_set_err(st, "saving an alert: a period is not terminated");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (destinations[i] == NULL || destinations[i][0] == '\0') {
			store_set_err(st, "saving an alert: an empty destination");
			return -1;
		}
	if (store_begin(st) == -1)
		return -1;
	if (insert_alert(st, a, now) == -1)
		return store_abort_tx(st);
	id = sqlite3_last_insert_rowid(st->db);
	/* A silenced alert is recorded, never queued. */
	for (size_t i = 0; a->silence_id == 0 && i < n; i++)
		if (insert_outbox(st, id, destinations[i], now) == -1)
			return store_abort_tx(st);
	if (store_commit(st) == -1)
		return store_abort_tx(st);
	a->id = id;
	a->created = now;
	if (alert_id != NULL)
		*alert_id = id;
	return 0;
}

/* ---- the outbox ---- */

int
store_outbox_due(struct store *st, int64_t now, size_t limit,
    struct store_delivery **out, size_t *n)
{
	struct store_delivery *v = NULL, *grown, *d;
	size_t len = 0, cap = 0;
	sqlite3_stmt *s;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, S_OUTBOX_DUE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	/* A negative LIMIT is none in SQLite. */
	sqlite3_bind_int64(s, 2, limit == 0 || limit > INT64_MAX ? -1 : (int64_t)limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			if ((grown = realloc(v, cap * sizeof(*v))) == NULL) {
				oom = 1;
				break;
			}
			v = grown;
		}
		d = &v[len];
		memset(d, 0, sizeof(*d));
		d->outbox_id = sqlite3_column_int64(s, 0);
		d->destination = store_dup_column(s, 1, &oom);
		d->attempts = sqlite3_column_int(s, 2);
		d->last_error = store_dup_column(s, 3, &oom);
		len++;
		if (oom || read_alert(s, 4, &d->alert) == -1) {
			oom = 1;
			break;
		}
	}
	store_reset(s);
	if (oom || rc != SQLITE_DONE) {
		if (oom)
			store_set_err(st, "out of memory");
		else
			store_db_err(st, "reading the outbox");
		store_deliveries_free(v, len);
		return -1;
	}
	*out = v;
	*n = len;
	return 0;
}

int
store_outbox_next_due(struct store *st, int64_t *when, int *any)
{
	sqlite3_stmt *s;

	*any = 0;
	if ((s = store_stmt(st, S_OUTBOX_NEXT)) == NULL)
		return -1;
	return optional_int64(st, s, when, any, "reading the outbox");
}

/* Run an outcome update; -1 when the row is not (or no longer) pending. */
static int
outcome(struct store *st, sqlite3_stmt *s, int64_t outbox_id)
{
	if (store_run(st, s, "recording a delivery") == -1)
		return -1;
	if (sqlite3_changes(st->db) == 0) {
		store_set_err(st, "recording a delivery: %lld is not a pending "
		    "delivery", (long long)outbox_id);
		return -1;
	}
	return 0;
}

int
store_outbox_delivered(struct store *st, int64_t outbox_id, int64_t now)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_OUTBOX_DELIVERED)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, outbox_id);
	sqlite3_bind_int64(s, 2, now);
	return outcome(st, s, outbox_id);
}

int
store_outbox_retry(struct store *st, int64_t outbox_id, int64_t next_attempt,
    const char *error)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_OUTBOX_RETRY)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, outbox_id);
	sqlite3_bind_int64(s, 2, next_attempt);
	store_bind_text(s, 3, error);
	return outcome(st, s, outbox_id);
}

int
store_outbox_failed(struct store *st, int64_t outbox_id, const char *error)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_OUTBOX_FAILED)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, outbox_id);
	store_bind_text(s, 2, error);
	return outcome(st, s, outbox_id);
}

int
store_outbox_pending_count(struct store *st, int64_t *n)
{
	sqlite3_stmt *s;
	int r = 0;

	if ((s = store_stmt(st, S_OUTBOX_PENDING)) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	else
		r = store_db_err(st, "counting pending deliveries");
	store_reset(s);
	return r;
}

int
store_activity(struct store *st, int64_t *last_release, int64_t *last_alert)
{
	sqlite3_stmt *s;
	int r = 0;

	*last_release = *last_alert = 0;
	if ((s = store_stmt(st, S_ACTIVITY)) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*last_release = sqlite3_column_int64(s, 0);
		*last_alert = sqlite3_column_int64(s, 1);
	} else {
		r = store_db_err(st, "reading the last release and alert");
	}
	store_reset(s);
	return r;
}

int
store_outbox_digest_window(struct store *st, const char *destination, int64_t now,
    int64_t *when, int *open)
{
	sqlite3_stmt *s;

	*open = 0;
	if ((s = store_stmt(st, S_OUTBOX_WINDOW)) == NULL)
		return -1;
	store_bind_text(s, 1, destination);
	sqlite3_bind_int64(s, 2, now);
	return optional_int64(st, s, when, open, "reading the outbox");
}

int
store_outbox_postpone(struct store *st, int64_t alert_id, const char *destination,
    int64_t when)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, S_OUTBOX_POSTPONE)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, alert_id);
	store_bind_text(s, 2, destination);
	sqlite3_bind_int64(s, 3, when);
	return store_run(st, s, "postponing a delivery");
}

/* ---- listing ---- */

/* Add the delivery under s to a's list; 0, or -1 when out of memory. */
static int
add_delivery(struct store_alert *a, sqlite3_stmt *s)
{
	struct store_alert_delivery *grown, *d;
	int oom = 0;

	if ((grown = realloc(a->dl, (a->ndl + 1) * sizeof(*grown))) == NULL)
		return -1;
	a->dl = grown;
	d = &a->dl[a->ndl++];
	memset(d, 0, sizeof(*d));
	d->destination = store_dup_column(s, 1, &oom);
	d->state = store_dup_column(s, 2, &oom);
	d->attempts = sqlite3_column_int(s, 3);
	d->last_error = store_dup_column(s, 4, &oom);
	d->delivered_at = sqlite3_column_int64(s, 5);
	return oom ? -1 : 0;
}

/* Append one delivery's state to b: "NAME:STATE", with the attempts and
 * the last error when it did not succeed at once. */
static int
put_delivery(struct buf *b, sqlite3_stmt *s)
{
	const char *dest = (const char *)sqlite3_column_text(s, 1);
	const char *state = (const char *)sqlite3_column_text(s, 2);
	const char *err = (const char *)sqlite3_column_text(s, 4);
	int attempts = sqlite3_column_int(s, 3);

	if (b->len > 0 && buf_puts(b, ", ") == -1)
		return -1;
	if (buf_printf(b, "%s:%s", dest != NULL ? dest : "",
	    state != NULL ? state : "") == -1)
		return -1;
	if (strcmp(state != NULL ? state : "", "delivered") == 0 || attempts == 0)
		return 0;
	if (buf_printf(b, "(%d attempt%s", attempts, attempts == 1 ? "" : "s") == -1)
		return -1;
	if (err != NULL && buf_printf(b, ": %s", err) == -1)
		return -1;
	return buf_putc(b, ')');
}

/* Fill each alert's deliveries summary. Both the alerts and the outbox
 * rows come in alert id order, so one merge pass pairs them. */
static int
summarise(struct store *st, struct store_alert *v, size_t n)
{
	struct buf b = { 0 };
	sqlite3_stmt *s;
	size_t i = 0;
	int rc, r = 0;

	if (n == 0)
		return 0;
	if ((s = store_stmt(st, S_ALERT_DELIVERIES)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, v[0].id);
	sqlite3_bind_int64(s, 2, v[n - 1].id);
	rc = sqlite3_step(s);
	for (i = 0; i < n && r == 0; i++) {
		buf_reset(&b);
		while (rc == SQLITE_ROW && sqlite3_column_int64(s, 0) <= v[i].id) {
			if (sqlite3_column_int64(s, 0) == v[i].id &&
			    (put_delivery(&b, s) == -1 || add_delivery(&v[i], s) == -1)) {
				r = -1;
				break;
			}
			rc = sqlite3_step(s);
		}
		if (r == 0 && (v[i].deliveries = b.data != NULL ? buf_detach(&b) :
		    strdup("")) == NULL)
			r = -1;
	}
	if (r == -1)
		store_set_err(st, "out of memory");
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		r = store_db_err(st, "listing deliveries");
	buf_free(&b);
	store_reset(s);
	return r;
}

/* Turn v[0, n) round: the query lists the newest first. */
static void
reverse_alerts(struct store_alert *v, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		struct store_alert t = v[i];

		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

int
store_alerts_select(struct store *st, const struct store_alert_filter *f,
    struct store_alert **out, size_t *n)
{
	struct store_alert *v = NULL, *grown;
	size_t len = 0, cap = 0;
	sqlite3_stmt *s;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, f != NULL && f->country != NULL && f->indicator != NULL ?
	    S_ALERT_LIST_SERIES : S_ALERT_LIST)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, f != NULL ? f->since : 0);
	store_bind_i64_or_null(s, 2, f != NULL ? f->doc_id : 0, 0);
	store_bind_text(s, 3, f != NULL ? f->country : NULL);
	store_bind_text(s, 4, f != NULL ? f->indicator : NULL);
	/* A negative LIMIT is none in SQLite. */
	sqlite3_bind_int64(s, 5, f != NULL && f->limit > 0 ? (int64_t)f->limit : -1);
	sqlite3_bind_int64(s, 6, f != NULL ? (int64_t)f->offset : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(v, cap * sizeof(*v))) == NULL) {
				oom = 1;
				break;
			}
			v = grown;
		}
		if (read_alert(s, 0, &v[len]) == -1) {
			oom = 1;
			break;
		}
		len++;
	}
	store_reset(s);
	if (oom || rc != SQLITE_DONE) {
		if (oom)
			store_set_err(st, "out of memory");
		else
			store_db_err(st, "listing alerts");
		store_alerts_free(v, len);
		return -1;
	}
	reverse_alerts(v, len);
	if (summarise(st, v, len) == -1) {
		store_alerts_free(v, len);
		return -1;
	}
	*out = v;
	*n = len;
	return 0;
}

int
store_alerts_list(struct store *st, int64_t since, struct store_alert **out, size_t *n)
{
	struct store_alert_filter f = { since, 0, NULL, NULL, 0, 0 };

	return store_alerts_select(st, &f, out, n);
}

int
store_release_alerts(struct store *st, int64_t doc_id, struct store_alert **out, size_t *n)
{
	struct store_alert_filter f = { 0, doc_id, NULL, NULL, 0, 0 };

	return store_alerts_select(st, &f, out, n);
}

int
store_instance(struct store *st, char out[STORE_INSTANCE_LEN + 1])
{
	sqlite3_stmt *s;
	const unsigned char *v;
	int r = 0;

	if ((s = store_stmt(st, S_INSTANCE)) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW && (v = sqlite3_column_text(s, 0)) != NULL)
		snprintf(out, STORE_INSTANCE_LEN + 1, "%s", (const char *)v);
	else
		r = store_db_err(st, "reading the instance id");
	store_reset(s);
	return r;
}

/* ---- destinations ---- */

int
store_destination_result(struct store *st, const char *destination, int64_t now,
    const char *error)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, error == NULL ? S_DEST_OK : S_DEST_ERROR)) == NULL)
		return -1;
	store_bind_text(s, 1, destination);
	sqlite3_bind_int64(s, 2, now);
	if (error != NULL)
		store_bind_text(s, 3, error);
	return store_run(st, s, "recording a destination's outcome");
}

int
store_destination_get(struct store *st, const char *destination,
    struct store_destination *out)
{
	sqlite3_stmt *s;
	int oom = 0, r = 0;

	memset(out, 0, sizeof(*out));
	if ((s = store_stmt(st, S_DEST_GET)) == NULL)
		return -1;
	store_bind_text(s, 1, destination);
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->pending = sqlite3_column_int64(s, 0);
		out->last_ok = sqlite3_column_int64(s, 1);
		out->last_error = store_dup_column(s, 2, &oom);
		out->last_error_at = sqlite3_column_int64(s, 3);
		if (oom) {
			store_set_err(st, "out of memory");
			r = -1;
		}
	} else
		r = store_db_err(st, "reading a destination");
	store_reset(s);
	return r;
}

void
store_destination_clear(struct store_destination *d)
{
	if (d == NULL)
		return;
	free(d->last_error);
	memset(d, 0, sizeof(*d));
}
