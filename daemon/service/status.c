/*
 * status — gathers the state `rightswatch status` and the daemon's /status
 * show (sources from the store, thresholds lacking a baseline from
 * alerting.c, the outbox's depth) into a struct status, and renders it as
 * the text table or as JSON (jansson). Reads only; owns what it gathered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "rightswatch/alerting.h"
#include "rightswatch/bperiod.h"
#include "rightswatch/config_types.h"
#include "rightswatch/date.h"
#include "rightswatch/escape.h"
#include "rightswatch/jsonout.h"
#include "rightswatch/status.h"
#include "rightswatch/store.h"
#include "rightswatch/utf8.h"

struct status_lines {
	struct status *s;
	int oom;
};

static void
status_missing_cb(const struct alerting_missing *m, void *arg)
{
	struct status_lines *l = arg;
	struct status_missing *v, *e;

	if (l->oom)
		return;
	if ((v = realloc(l->s->missing, (l->s->nmissing + 1) * sizeof(*v))) == NULL) {
		l->oom = 1;
		return;
	}
	l->s->missing = v;
	e = &v[l->s->nmissing++];
	memset(e, 0, sizeof(*e));
	e->has_period = m->has_period;
	e->period = m->period;
	if ((e->threshold = strdup(m->threshold)) == NULL ||
	    (e->indicator = strdup(m->indicator)) == NULL ||
	    (m->country != NULL && (e->country = strdup(m->country)) == NULL))
		l->oom = 1;
}

/* Each configured source as the store knows it. */
static int
status_sources(struct store *st, const struct config *cf, struct status *out)
{
	if ((out->sources = calloc(cf->nsources + 1, sizeof(*out->sources))) == NULL)
		return -1;
	for (size_t i = 0; i < cf->nsources; i++) {
		struct status_source *ss = &out->sources[out->nsources];
		struct store_source s;
		int r = st != NULL ? store_source_get(st, cf->sources[i].name, &s) : 1;

		if (r == -1)
			return -1;
		if ((ss->name = strdup(cf->sources[i].name)) == NULL) {
			if (r == 0)
				store_source_clear(&s);
			return -1;
		}
		out->nsources++;
		if (r == 1) {
			ss->health = STORE_HEALTH_NEW;
			continue;
		}
		ss->polled = 1;
		ss->disabled = s.disabled;
		ss->items = s.items;
		ss->last_poll = s.last_poll;
		ss->last_ok = s.last_ok;
		ss->failures = s.failures;
		ss->next_due = s.next_due;
		ss->health = s.health;
		/* Take the string over from the store's row. */
		ss->last_result = s.last_result;
		s.last_result = NULL;
		store_source_clear(&s);
	}
	return 0;
}

/* The silences active at now. */
static int
status_silences(struct store *st, int64_t now, struct status *out)
{
	struct store_silence *v = NULL;
	size_t n = 0;
	int rc = 0;

	if (store_silences_list(st, now, 0, &v, &n) == -1)
		return -1;
	if (n > 0 && (out->silences = calloc(n, sizeof(*out->silences))) == NULL)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct status_silence *s = &out->silences[i];

		out->nsilences++;
		s->id = v[i].id;
		s->until = v[i].until;
		if ((s->threshold = strdup(v[i].threshold)) == NULL ||
		    (s->reason = strdup(v[i].reason)) == NULL ||
		    (v[i].country != NULL && (s->country = strdup(v[i].country)) == NULL))
			rc = -1;
	}
	store_silences_free(v, n);
	return rc;
}

/* Each configured destination as the store knows it. */
static int
status_dests(struct store *st, const struct config *cf, struct status *out)
{
	if ((out->dests = calloc(cf->nnotifies + 1, sizeof(*out->dests))) == NULL)
		return -1;
	for (size_t i = 0; i < cf->nnotifies; i++) {
		struct status_dest *sd = &out->dests[out->ndests];
		struct store_destination d;

		if (store_destination_get(st, cf->notifies[i].name, &d) == -1)
			return -1;
		if ((sd->name = strdup(cf->notifies[i].name)) == NULL) {
			store_destination_clear(&d);
			return -1;
		}
		out->ndests++;
		sd->type = config_notify_type_name(cf->notifies[i].type);
		sd->pending = d.pending;
		sd->last_ok = d.last_ok;
		sd->last_error_at = d.last_error_at;
		sd->last_error = d.last_error;
	}
	return 0;
}

int
status_gather(struct store *st, const struct config *cf, int64_t now, unsigned what,
    struct status *out)
{
	struct status_lines lines = { out, 0 };

	memset(out, 0, sizeof(*out));
	out->now = now;
	out->outbox_pending = -1;
	out->state_path = cf->state;
	out->db_bytes = -1;
	if ((what & STATUS_SOURCES) && status_sources(st, cf, out) == -1)
		goto fail;
	if (st == NULL) {
		/* No state file: nothing has been polled, read or raised. */
		out->no_state = 1;
		out->thresholds = (what & STATUS_MISSING) && cf->nthresholds > 0;
		return 0;
	}
	if ((what & STATUS_SIZE) && store_size(st, &out->db_bytes) == -1)
		out->db_bytes = -1;
	if ((what & STATUS_DESTS) && status_dests(st, cf, out) == -1)
		goto fail;
	if (what & STATUS_MISSING) {
		out->thresholds = cf->nthresholds > 0;
		if (out->thresholds &&
		    (alerting_missing(st, cf, status_missing_cb, &lines) == -1 || lines.oom))
			goto fail;
	}
	if ((what & STATUS_ACTIVITY) &&
	    store_activity(st, &out->last_release, &out->last_alert) == -1)
		goto fail;
	if ((what & STATUS_OUTBOX) &&
	    store_outbox_pending_count(st, &out->outbox_pending) == -1)
		out->outbox_pending = -1;
	if ((what & STATUS_SILENCES) && status_silences(st, now, out) == -1)
		goto fail;
	return 0;
fail:
	status_clear(out);
	return -1;
}

void
status_clear(struct status *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nsources; i++) {
		free(s->sources[i].name);
		free(s->sources[i].last_result);
	}
	free(s->sources);
	for (size_t i = 0; i < s->ndests; i++) {
		free(s->dests[i].name);
		free(s->dests[i].last_error);
	}
	free(s->dests);
	for (size_t i = 0; i < s->nmissing; i++) {
		free(s->missing[i].threshold);
		free(s->missing[i].indicator);
		free(s->missing[i].country);
	}
	free(s->missing);
	for (size_t i = 0; i < s->nsilences; i++) {
		free(s->silences[i].threshold);
		free(s->silences[i].country);
		free(s->silences[i].reason);
	}
	free(s->silences);
	memset(s, 0, sizeof(*s));
}

void
status_relative(int64_t t, int64_t now, char *out, size_t outlen)
{
	int64_t d = t > now ? t - now : now - t;
	const char *unit = "s";

	if (t == 0) {
		snprintf(out, outlen, "-");
		return;
	}
	if (d < 5) {
		snprintf(out, outlen, "now");
		return;
	}
	if (d >= 86400)
		d /= 86400, unit = "d";
	else if (d >= 3600)
		d /= 3600, unit = "h";
	else if (d >= 60)
		d /= 60, unit = "m";
	snprintf(out, outlen, t > now ? "in %lld%s" : "%lld%s ago", (long long)d, unit);
}

void
status_when(int64_t t, int64_t now, char *out, size_t outlen)
{
	char rel[32], iso[32];

	if (t == 0) {
		snprintf(out, outlen, "none");
		return;
	}
	status_relative(t, now, rel, sizeof(rel));
	snprintf(out, outlen, "%s (%s)", date_format_rfc3339(t, iso), rel);
}

void
status_missing_line(const struct status_missing *m, char *out, size_t outlen)
{
	struct alerting_missing a = { m->threshold, m->indicator, m->country, m->has_period,
		m->period };

	alerting_missing_line(&a, out, outlen);
}

/* The destinations' table: what waits, the last success, the last error. */
static void
status_print_dests(FILE *fp, const struct status *s)
{
	if (s->ndests == 0)
		return;
	fprintf(fp, "\n%-16s %-8s %6s %-10s %s\n", "DESTINATION", "TYPE", "QUEUED",
	    "DELIVERED", "LAST ERROR");
	for (size_t i = 0; i < s->ndests; i++) {
		const struct status_dest *d = &s->dests[i];
		char ok[32], when[32], err[200];

		status_relative(d->last_ok, s->now, ok, sizeof(ok));
		status_relative(d->last_error_at, s->now, when, sizeof(when));
		escape_logs(err, sizeof(err), d->last_error != NULL ? d->last_error : "");
		fprintf(fp, "%-16s %-8s %6lld %-10s %s%s%s\n", d->name, d->type,
		    (long long)d->pending, ok, d->last_error_at != 0 ? when : "-",
		    d->last_error_at != 0 ? ": " : "", d->last_error_at != 0 ? err : "");
	}
}

void
status_print(FILE *fp, const struct status *s)
{
	char esc[512], when[64];

	fprintf(fp, "%-24s %-11s %7s %-10s %-10s %s\n", "SOURCE", "HEALTH", "ITEMS",
	    "LAST POLL", "NEXT POLL", "LAST RESULT");
	for (size_t i = 0; i < s->nsources; i++) {
		const struct status_source *ss = &s->sources[i];
		char last[32], next[32], res[200];

		if (!ss->polled) {
			fprintf(fp, "%-24s %-11s %7d %-10s %-10s %s\n", ss->name,
			    store_health_name(STORE_HEALTH_NEW),
			    0, "-", "now", "never polled");
			continue;
		}
		status_relative(ss->last_poll, s->now, last, sizeof(last));
		if (ss->disabled)
			snprintf(next, sizeof(next), "disabled");
		else
			status_relative(ss->next_due > s->now ? ss->next_due : s->now, s->now, next,
			    sizeof(next));
		escape_logs(res, sizeof(res), ss->last_result != NULL ? ss->last_result : "");
		fprintf(fp, "%-24s %-11s %7lld %-10s %-10s %s\n", ss->name,
		    store_health_name(ss->health), (long long)ss->items, last, next, res);
	}
	if (s->no_state) {
		fprintf(fp, "\nNo state file yet (%s): the daemon has not run, so nothing "
		    "has been polled, read or raised.\n", s->state_path != NULL ?
		    escape_logs(esc, sizeof(esc), s->state_path) : "none configured");
		return;
	}
	status_when(s->last_release, s->now, when, sizeof(when));
	fprintf(fp, "\nLast release seen: %s\n", when);
	status_when(s->last_alert, s->now, when, sizeof(when));
	fprintf(fp, "Last alert raised: %s\n", when);
	if (s->db_bytes >= 0)
		fprintf(fp, "Database size:     %.1f MiB\n", (double)s->db_bytes / (1024.0 * 1024.0));
	status_print_dests(fp, s);
	if (!s->thresholds)
		return;
	fprintf(fp, "\nThresholds lacking a baseline:\n");
	for (size_t i = 0; i < s->nmissing; i++) {
		char line[512];

		status_missing_line(&s->missing[i], line, sizeof(line));
		fprintf(fp, "  %s\n", escape_logs(esc, sizeof(esc), line));
	}
	if (s->nmissing == 0)
		fprintf(fp, "  none\n");
	if (s->outbox_pending >= 0)
		fprintf(fp, "\nAlerts waiting for delivery: %lld\n", (long long)s->outbox_pending);
	fprintf(fp, "\nActive silences:%s\n", s->nsilences == 0 ? " none" : "");
	for (size_t i = 0; i < s->nsilences; i++) {
		const struct status_silence *x = &s->silences[i];
		char thr[160], cty[160];

		status_when(x->until, s->now, when, sizeof(when));
		fprintf(fp, "  #%lld %s%s%s until %s: %s\n", (long long)x->id,
		    escape_logs(thr, sizeof(thr), x->threshold), x->country != NULL ? " for " : "",
		    x->country != NULL ? escape_logs(cty, sizeof(cty), x->country) : "", when,
		    escape_logs(esc, sizeof(esc), x->reason));
	}
}

static json_t *
status_json_dest(const struct status_dest *d)
{
	json_t *o;

	if ((o = json_object()) == NULL)
		return NULL;
	if (json_object_set_new(o, "name", jsonout_text(d->name)) == -1 ||
	    json_object_set_new(o, "type", jsonout_text(d->type)) == -1 ||
	    json_object_set_new(o, "queued", json_integer(d->pending)) == -1 ||
	    json_object_set_new(o, "last_delivered", jsonout_time(d->last_ok)) == -1 ||
	    json_object_set_new(o, "last_error_time", jsonout_time(d->last_error_at)) == -1 ||
	    json_object_set_new(o, "last_error", d->last_error_at != 0 ?
	    jsonout_text(d->last_error) : json_null()) == -1) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
status_json_source(const struct status *s, const struct status_source *ss)
{
	json_t *o;
	int64_t next = ss->next_due > s->now ? ss->next_due : s->now;

	if ((o = json_object()) == NULL)
		return NULL;
	/* json_object_set_new steals each value, NULL included (then it fails). */
	if (json_object_set_new(o, "name", jsonout_text(ss->name)) == -1 ||
	    json_object_set_new(o, "health", jsonout_text(store_health_name(ss->health))) == -1 ||
	    json_object_set_new(o, "items", json_integer(ss->items)) == -1 ||
	    json_object_set_new(o, "last_poll", jsonout_time(ss->last_poll)) == -1 ||
	    json_object_set_new(o, "next_poll", ss->disabled ? json_null() :
	    jsonout_time(next)) == -1 ||
	    json_object_set_new(o, "disabled", json_boolean(ss->disabled)) == -1 ||
	    json_object_set_new(o, "last_result", jsonout_text(ss->last_result)) == -1) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* A threshold lacking a baseline as an object: what it needs, for which
 * country and period (null when no figure of its kind is known yet). */
static json_t *
status_json_missing(const struct status_missing *m)
{
	char label[BPERIOD_FMT_MAX], a[11], b[11];

	return json_pack("{s:o, s:o, s:o, s:s, s:o}",
	    "threshold", jsonout_text(m->threshold),
	    "indicator", jsonout_text(m->indicator),
	    "country", jsonout_text(m->country),
	    "needs", m->has_period ? "baseline" : "figure",
	    "period", m->has_period ? json_pack("{s:s, s:s, s:s}",
	    "label", bperiod_format(&m->period, label),
	    "start", date_format_ymd(m->period.start, a),
	    "end", date_format_ymd(m->period.end, b)) : json_null());
}

char *
status_json(const struct status *s)
{
	json_t *o = NULL, *srcs = NULL, *miss = NULL, *sil = NULL, *dests = NULL;
	char *text = NULL, *nl;
	size_t len;

	if ((o = json_object()) == NULL ||
	    json_object_set_new(o, "time", jsonout_time(s->now)) == -1 ||
	    json_object_set_new(o, "state_file", jsonout_text(s->state_path)) == -1 ||
	    json_object_set_new(o, "state_exists", json_boolean(!s->no_state)) == -1 ||
	    json_object_set_new(o, "sources", srcs = json_array()) == -1 ||
	    json_object_set_new(o, "thresholds_lacking_baseline", miss = json_array()) == -1 ||
	    json_object_set_new(o, "destinations", dests = json_array()) == -1 ||
	    json_object_set_new(o, "outbox_pending", s->outbox_pending >= 0 ?
	    json_integer(s->outbox_pending) : json_null()) == -1 ||
	    json_object_set_new(o, "last_release", jsonout_time(s->last_release)) == -1 ||
	    json_object_set_new(o, "last_alert", jsonout_time(s->last_alert)) == -1 ||
	    json_object_set_new(o, "database_bytes", s->db_bytes >= 0 ?
	    json_integer(s->db_bytes) : json_null()) == -1 ||
	    json_object_set_new(o, "silences", sil = json_array()) == -1)
		goto out;
	for (size_t i = 0; i < s->nsilences; i++)
		if (json_array_append_new(sil, json_pack("{s:I, s:o, s:o, s:o, s:o}",
		    "id", (json_int_t)s->silences[i].id,
		    "threshold", jsonout_text(s->silences[i].threshold),
		    "country", jsonout_text(s->silences[i].country),
		    "until", jsonout_time(s->silences[i].until),
		    "reason", jsonout_text(s->silences[i].reason))) == -1)
			goto out;
	for (size_t i = 0; i < s->nsources; i++)
		if (json_array_append_new(srcs, status_json_source(s, &s->sources[i])) == -1)
			goto out;
	for (size_t i = 0; i < s->nmissing; i++)
		if (json_array_append_new(miss, status_json_missing(&s->missing[i])) == -1)
			goto out;
	for (size_t i = 0; i < s->ndests; i++)
		if (json_array_append_new(dests, status_json_dest(&s->dests[i])) == -1)
			goto out;
	if ((text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) == NULL)
		goto out;
	len = strlen(text);
	if ((nl = realloc(text, len + 2)) == NULL) {
		free(text);
		text = NULL;
		goto out;
	}
	text = nl;
	memcpy(text + len, "\n", 2);
out:
	json_decref(o);
	return text;
}
