/*
 * dash_release — one release, `/release/ID`: its metadata and link, every
 * figure of its latest revision in its sentence with the figure marked,
 * and the alerts raised from it (the queries of `rightswatch show`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/htmlesc.h"
#include "rightswatch/httpd.h"
#include "rightswatch/store.h"
#include "dash_int.h"

/* The release's number from "/release/ID": 0 and *id, or -1. */
static int
release_id(const char *path, int64_t *id)
{
	const char *p = path + strlen("/release/");
	char *end;
	unsigned long long v;

	if (*p < '1' || *p > '9' || strlen(p) > 18)
		return -1;
	v = strtoull(p, &end, 10);
	if (*end != '\0')
		return -1;
	*id = (int64_t)v;
	return 0;
}

static int
release_meta(struct buf *b, const struct store_release *rel, int64_t now)
{
	struct buf href = { 0 };
	int r;

	if (buf_puts(b, "<h1>") == -1 || dash_text(b, rel->title) == -1 ||
	    buf_puts(b, "</h1><dl><dt>Published</dt><dd>") == -1 ||
	    dash_text(b, rel->date) == -1 || buf_puts(b, "</dd><dt>Link</dt><dd>") == -1)
		return -1;
	/* Only an http(s) link becomes one; anything else is shown as text. */
	if ((r = htmlesc_href(&href, rel->url)) == -1 ||
	    (r == 0 && (buf_puts(b, "<a rel=\"noreferrer\" href=\"") == -1 ||
	    buf_puts(b, href.data) == -1 || buf_puts(b, "\">") == -1)) ||
	    dash_text(b, rel->url) == -1 ||
	    buf_puts(b, r == 0 ? "</a>" : " <span class=\"muted\">(not a web link)</span>") == -1) {
		buf_free(&href);
		return -1;
	}
	buf_free(&href);
	if (buf_puts(b, "</dd><dt>Language</dt><dd>") == -1 || dash_text(b, rel->lang) == -1 ||
	    buf_puts(b, "</dd><dt>Country</dt><dd>") == -1 || dash_text(b, rel->country) == -1 ||
	    buf_puts(b, "</dd><dt>Sources</dt><dd>") == -1 || dash_text(b, rel->sources) == -1 ||
	    buf_printf(b, "</dd><dt>Revision</dt><dd>%d</dd><dt>First seen</dt><dd>",
	    rel->revision) == -1 || dash_time(b, rel->first_seen, now) == -1 ||
	    buf_puts(b, "</dd></dl>") == -1)
		return -1;
	return 0;
}

/* The sentence with the evidence marked (its first occurrence), or the
 * evidence alone. */
static int
release_sentence(struct buf *b, const struct store_figure *f)
{
	const char *at = NULL;
	size_t n = f->evidence != NULL ? strlen(f->evidence) : 0;

	if (f->sentence == NULL)
		return dash_text(b, f->evidence);
	if (n > 0)
		at = strstr(f->sentence, f->evidence);
	if (at == NULL)
		return htmlesc_text(b, f->sentence);
	if (htmlesc_textn(b, f->sentence, (size_t)(at - f->sentence)) == -1 ||
	    buf_puts(b, "<mark>") == -1 || htmlesc_textn(b, at, n) == -1 ||
	    buf_puts(b, "</mark>") == -1)
		return -1;
	return htmlesc_text(b, at + n);
}

static int
release_figures(struct buf *b, const struct store_figure *v, size_t n)
{
	if (dash_section(b, "figures", "Figures", n, "None read from it.",
	    "<th>indicator</th><th class=\"n\">value</th><th>qualifier</th><th>period</th>"
	    "<th>place</th><th>sentence</th>") == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct store_figure *f = &v[i];

		if (buf_puts(b, "<tr><td>") == -1 ||
		    dash_series_link(b, f->country, f->indicator, f->indicator) == -1 ||
		    buf_printf(b, "</td><td class=\"n\">%lld</td><td>", (long long)f->value) == -1 ||
		    htmlesc_text(b, f->qualifier) == -1 ||
		    buf_puts(b, f->derived ? " (implied)" : "") == -1 ||
		    buf_puts(b, "</td><td>") == -1 ||
		    (f->has_period ? dash_period(b, f->period_start, f->period_end) :
		    buf_puts(b, "as of the release")) == -1 || buf_puts(b, "</td><td>") == -1 ||
		    dash_text(b, f->country) == -1 ||
		    (f->region != NULL && (buf_puts(b, ", ") == -1 ||
		    htmlesc_text(b, f->region) == -1)) || buf_puts(b, "</td><td>") == -1 ||
		    release_sentence(b, f) == -1 || buf_puts(b, "</td></tr>") == -1)
			return -1;
	}
	return n > 0 ? buf_puts(b, "</table>") : 0;
}

static int
release_alerts(struct buf *b, const struct store_alert *v, size_t n)
{
	if (dash_section(b, "alerts", "Alerts raised", n, "None.",
	    "<th>#</th><th>threshold</th><th>figure</th><th>period</th><th>compared with</th>"
	    "<th>deliveries</th>") == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct store_alert *a = &v[i];

		if (buf_printf(b, "<tr class=\"alert\"><td>%lld</td><td>", (long long)a->id) == -1 ||
		    htmlesc_text(b, a->rule) == -1 || buf_printf(b, " (%s)</td><td class=\"n\">"
		    "%lld ", a->severity, (long long)a->value) == -1 ||
		    dash_series_link(b, a->country, a->indicator, a->indicator) == -1 ||
		    buf_puts(b, "</td><td>") == -1 ||
		    dash_period(b, a->period_start, a->period_end) == -1 ||
		    buf_puts(b, "</td><td>") == -1)
			return -1;
		if (a->baseline_value >= 0 ? (buf_printf(b, "%lld, ", (long long)a->baseline_value) ==
		    -1 || dash_period(b, a->baseline_period_start, a->baseline_period_end) == -1 ||
		    buf_puts(b, " (") == -1 || dash_text(b, a->baseline_origin) == -1 ||
		    buf_puts(b, ")") == -1) : buf_puts(b, "its limit") == -1)
			return -1;
		if (buf_puts(b, "</td><td>") == -1 || dash_text(b, a->deliveries) == -1 ||
		    buf_puts(b, "</td></tr>") == -1)
			return -1;
	}
	return n > 0 ? buf_puts(b, "</table>") : 0;
}

void
dash_release(struct httpd_answer *ans, const struct dash_req *r)
{
	static const char *const params[] = { NULL };
	struct store_release rel;
	struct store_figure *figs = NULL;
	struct store_alert *alerts = NULL;
	size_t nfigs = 0, nalerts = 0;
	int64_t id;
	char why[256];
	int got;

	if (release_id(r->path, &id) == -1) {
		dash_fail(ans, 400, "Bad Request", "a release is named by its number: /release/ID");
		return;
	}
	if (dash_check_query(r->query, params, why, sizeof(why)) == -1) {
		dash_fail(ans, 400, "Bad Request", why);
		return;
	}
	if ((got = store_release_get(r->st, id, &rel)) == 1) {
		snprintf(why, sizeof(why), "no release numbered %lld", (long long)id);
		dash_fail(ans, 404, "Not Found", why);
		return;
	}
	if (got == -1 || store_figures_list(r->st, id, &figs, &nfigs) == -1 ||
	    store_release_alerts(r->st, id, &alerts, &nalerts) == -1 ||
	    dash_open(ans, rel.title != NULL ? rel.title : "Release") == -1 ||
	    release_meta(&ans->body, &rel, r->now) == -1 ||
	    release_figures(&ans->body, figs, nfigs) == -1 ||
	    release_alerts(&ans->body, alerts, nalerts) == -1 || dash_close(ans) == -1)
		dash_fail(ans, 503, "Service Unavailable", store_errmsg(r->st));
	store_release_clear(&rel);
	store_figures_free(figs, nfigs);
	store_alerts_free(alerts, nalerts);
}
