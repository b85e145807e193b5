/*
 * dash_home — the overview page, `/`: the series watched, each source's
 * health, the latest releases (paginated), the recent alerts with each
 * destination's delivery, the active silences and the thresholds lacking
 * a baseline. The same queries as `status`, `releases` and `alerts`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rightswatch/config.h"
#include "rightswatch/htmlesc.h"
#include "rightswatch/httpd.h"
#include "rightswatch/status.h"
#include "rightswatch/store.h"
#include "dash_int.h"

#define DASH_HOME_ALERTS 20  /* the newest alerts shown */

/* A link to each series a threshold watches (a threshold for any country:
 * one per configured country), once each. */
static int
home_series(struct buf *b, const struct config *cf)
{
	char label[256];
	int any = 0;

	for (size_t k = 0; k < cf->nthresholds; k++)
		for (size_t c = 0; c < cf->ncountries; c++) {
			const struct config_threshold *t = &cf->thresholds[k];
			const char *country = cf->countries[c].name;
			int dup = 0;

			if (t->country != NULL && strcasecmp(t->country, country) != 0)
				continue;
			for (size_t j = 0; j < k && !dup; j++)
				dup = strcasecmp(cf->thresholds[j].indicator, t->indicator) == 0 &&
				    (cf->thresholds[j].country == NULL ||
				    strcasecmp(cf->thresholds[j].country, country) == 0);
			if (dup)
				continue;
			snprintf(label, sizeof(label), "%s: %s", country, t->indicator);
			if ((!any && buf_puts(b, "<nav class=\"series\"><strong>Series:</strong> ") ==
			    -1) || dash_series_link(b, country, t->indicator, label) == -1)
				return -1;
			any = 1;
		}
	return any ? buf_puts(b, "</nav>") : 0;
}

static int
home_sources(struct buf *b, const struct status *s)
{
	if (buf_puts(b, "<h2 id=\"sources\">Sources</h2><table><tr><th>source</th>"
	    "<th>health</th><th class=\"n\">items</th><th>last poll</th><th>last success</th>"
	    "<th>next poll</th><th>last result</th></tr>") == -1)
		return -1;
	for (size_t i = 0; i < s->nsources; i++) {
		const struct status_source *ss = &s->sources[i];
		int ok = ss->health == STORE_HEALTH_OK || ss->health == STORE_HEALTH_NEW;

		if (buf_puts(b, "<tr><td>") == -1 || htmlesc_text(b, ss->name) == -1 ||
		    buf_printf(b, "</td><td class=\"%s\">%s%s</td><td class=\"n\">%lld</td><td>",
		    ok ? "ok" : "bad", store_health_name(ss->health),
		    ss->disabled ? " (disabled)" : "", (long long)ss->items) == -1 ||
		    dash_time(b, ss->last_poll, s->now) == -1 || buf_puts(b, "</td><td>") == -1 ||
		    dash_time(b, ss->last_ok, s->now) == -1 ||
		    (ss->failures > 0 && buf_printf(b, "<br><span class=\"bad\">%d failure%s since"
		    "</span>", ss->failures, ss->failures == 1 ? "" : "s") == -1) ||
		    buf_puts(b, "</td><td>") == -1 ||
		    (ss->polled ? dash_time(b, ss->next_due > s->now ? ss->next_due : s->now,
		    s->now) : buf_puts(b, "at start")) == -1 ||
		    buf_puts(b, "</td><td>") == -1 || dash_text(b, ss->last_result) == -1 ||
		    buf_puts(b, "</td></tr>") == -1)
			return -1;
	}
	return buf_puts(b, "</table>");
}

/* The latest releases, a page of them. */
static int
home_releases(struct buf *b, struct store *st, size_t page)
{
	struct store_release_filter f = { NULL, NULL, NULL, DASH_PAGE_ROWS + 1,
		(page - 1) * DASH_PAGE_ROWS };
	struct store_release *v;
	size_t n;
	int r = 0;

	if (store_releases_list(st, &f, &v, &n) == -1)
		return -1;
	if (dash_section(b, "releases", "Latest releases", n, "None read yet.",
	    "<th>date</th><th>title</th><th>sources</th><th>lang</th>"
	    "<th class=\"n\">figures</th><th class=\"n\">alerts</th>") == -1)
		r = -1;
	for (size_t i = 0; r == 0 && i < n && i < DASH_PAGE_ROWS; i++)
		if (buf_puts(b, "<tr><td>") == -1 || dash_text(b, v[i].date) == -1 ||
		    buf_printf(b, "</td><td><a href=\"/release/%lld\">", (long long)v[i].id) == -1 ||
		    dash_text(b, v[i].title) == -1 || buf_puts(b, "</a></td><td>") == -1 ||
		    dash_text(b, v[i].sources) == -1 || buf_puts(b, "</td><td>") == -1 ||
		    dash_text(b, v[i].lang) == -1 || buf_printf(b, "</td><td class=\"n\">%lld</td>"
		    "<td class=\"n\">%lld</td></tr>", (long long)v[i].figures,
		    (long long)v[i].alerts) == -1)
			r = -1;
	if (r == 0 && n > 0 && (buf_puts(b, "</table>") == -1 ||
	    dash_pager(b, "/?", page, n > DASH_PAGE_ROWS) == -1))
		r = -1;
	store_releases_free(v, n);
	return r;
}

/* Each destination's delivery of alert a. */
static int
home_deliveries(struct buf *b, const struct store_alert *a, int64_t now)
{
	if (a->silence_id > 0)
		return buf_printf(b, "<span class=\"muted\">held back by silence %lld</span>",
		    (long long)a->silence_id);
	if (a->ndl == 0)
		return buf_puts(b, "—");
	for (size_t k = 0; k < a->ndl; k++) {
		const struct store_alert_delivery *d = &a->dl[k];
		int ok = strcmp(d->state, "delivered") == 0;

		if ((k > 0 && buf_puts(b, "<br>") == -1) || htmlesc_text(b, d->destination) == -1 ||
		    buf_printf(b, ": <span class=\"%s\">%s</span>", ok ? "ok" : "bad", d->state) == -1 ||
		    (ok && (buf_puts(b, " ") == -1 || dash_time(b, d->delivered_at, now) == -1)) ||
		    (!ok && d->attempts > 0 && buf_printf(b, " (%d attempt%s)", d->attempts,
		    d->attempts == 1 ? "" : "s") == -1) ||
		    (d->last_error != NULL && (buf_puts(b, ": ") == -1 ||
		    htmlesc_text(b, d->last_error) == -1)))
			return -1;
	}
	return 0;
}

static int
home_alerts(struct buf *b, struct store *st, int64_t now)
{
	struct store_alert_filter f = { 0, 0, NULL, NULL, DASH_HOME_ALERTS, 0 };
	struct store_alert *v;
	size_t n;
	int r = 0;

	if (store_alerts_select(st, &f, &v, &n) == -1)
		return -1;
	if (dash_section(b, "alerts", "Recent alerts", n, "None raised.",
	    "<th>raised</th><th>threshold</th><th>figure</th><th>period</th><th>release</th>"
	    "<th>deliveries</th>") == -1)
		r = -1;
	/* Newest first. */
	for (size_t i = n; r == 0 && i-- > 0;) {
		const struct store_alert *a = &v[i];

		if (buf_puts(b, "<tr><td>") == -1 || dash_time(b, a->created, now) == -1 ||
		    buf_puts(b, "</td><td>") == -1 || htmlesc_text(b, a->rule) == -1 ||
		    buf_printf(b, " <span class=\"muted\">(%s)</span></td><td class=\"n\">%lld ",
		    a->severity, (long long)a->value) == -1 ||
		    dash_series_link(b, a->country, a->indicator, a->indicator) == -1 ||
		    buf_puts(b, "</td><td>") == -1 ||
		    dash_period(b, a->period_start, a->period_end) == -1 ||
		    buf_puts(b, "</td><td>") == -1 ||
		    (a->doc_id > 0 ? buf_printf(b, "<a href=\"/release/%lld\">", (long long)a->doc_id) :
		    0) == -1 || dash_text(b, a->title) == -1 ||
		    (a->doc_id > 0 ? buf_puts(b, "</a>") : 0) == -1 || buf_puts(b, "</td><td>") == -1 ||
		    home_deliveries(b, a, now) == -1 || buf_puts(b, "</td></tr>") == -1)
			r = -1;
	}
	if (r == 0 && n > 0 && buf_puts(b, "</table>") == -1)
		r = -1;
	store_alerts_free(v, n);
	return r;
}

/* Active silences and the thresholds lacking a baseline. */
static int
home_rest(struct buf *b, const struct status *s)
{
	char line[512];

	if (dash_section(b, "silences", "Active silences", s->nsilences, "None.",
	    "<th>#</th><th>threshold</th><th>country</th><th>until</th><th>reason</th>") == -1)
		return -1;
	for (size_t i = 0; i < s->nsilences; i++) {
		const struct status_silence *z = &s->silences[i];

		if (buf_printf(b, "<tr><td>%lld</td><td>", (long long)z->id) == -1 ||
		    htmlesc_text(b, z->threshold) == -1 || buf_puts(b, "</td><td>") == -1 ||
		    buf_puts(b, z->country == NULL ? "any" : "") == -1 ||
		    htmlesc_text(b, z->country) == -1 || buf_puts(b, "</td><td>") == -1 ||
		    dash_time(b, z->until, s->now) == -1 || buf_puts(b, "</td><td>") == -1 ||
		    htmlesc_text(b, z->reason) == -1 || buf_puts(b, "</td></tr>") == -1)
			return -1;
	}
	if ((s->nsilences > 0 && buf_puts(b, "</table>") == -1) ||
	    dash_section(b, "missing", "Thresholds lacking a baseline", s->nmissing, "None.",
	    NULL) == -1)
		return -1;
	for (size_t i = 0; i < s->nmissing; i++) {
		status_missing_line(&s->missing[i], line, sizeof(line));
		if (buf_puts(b, "<li>") == -1 || htmlesc_text(b, line) == -1 ||
		    buf_puts(b, "</li>") == -1)
			return -1;
	}
	return s->nmissing > 0 ? buf_puts(b, "</ul>") : 0;
}

void
dash_home(struct httpd_answer *ans, const struct dash_req *r)
{
	static const char *const params[] = { "page", NULL };
	struct buf *b = &ans->body;
	struct status s;
	size_t page;
	char why[256];

	if (dash_check_query(r->query, params, why, sizeof(why)) == -1 ||
	    dash_page(r->query, &page, why, sizeof(why)) == -1) {
		dash_fail(ans, 400, "Bad Request", why);
		return;
	}
	if (status_gather(r->st, r->cf, r->now, STATUS_ALL, &s) == -1) {
		dash_fail(ans, 503, "Service Unavailable", store_errmsg(r->st));
		return;
	}
	if (dash_open(ans, "Overview") == -1 || buf_puts(b, "<h1>Overview</h1>") == -1 ||
	    home_series(b, r->cf) == -1 || home_sources(b, &s) == -1 ||
	    home_releases(b, r->st, page) == -1 || home_alerts(b, r->st, r->now) == -1 ||
	    home_rest(b, &s) == -1 || dash_close(ans) == -1)
		dash_fail(ans, 503, "Service Unavailable", store_errmsg(r->st));
	status_clear(&s);
}
