/*
 * dash_series — one country's indicator over time, `/series?country=C&
 * indicator=I`: the chart (series.c, chart.c) and its data as tables —
 * the figures (paginated, newest first), the operator's baselines, the
 * thresholds' limits and the alerts raised.
 */
#include <stdio.h>
#include <string.h>

#include "rightswatch/chart.h"
#include "rightswatch/htmlesc.h"
#include "rightswatch/httpd.h"
#include "rightswatch/series.h"
#include "dash_int.h"

/* The figures, newest first, one page of them. */
static int
series_table(struct buf *b, const struct series *s, size_t page, const char *self)
{
	size_t skip = (page - 1) * DASH_PAGE_ROWS, shown = 0;

	if (dash_section(b, "figures", "Figures", s->nfigs, "None read yet.",
	    "<th>period</th><th class=\"n\">value</th><th>qualifier</th><th>release</th>"
	    "<th>published</th><th>evidence</th>") == -1)
		return -1;
	for (size_t i = s->nfigs; i-- > 0 && shown < DASH_PAGE_ROWS;) {
		const struct store_figure *f = &s->figs[i];

		if (skip > 0) {
			skip--;
			continue;
		}
		shown++;
		if (buf_puts(b, "<tr><td>") == -1 ||
		    (f->has_period ? dash_period(b, f->period_start, f->period_end) :
		    buf_puts(b, "as of the release")) == -1 ||
		    buf_printf(b, "</td><td class=\"n\">%lld</td><td>", (long long)f->value) == -1 ||
		    htmlesc_text(b, f->qualifier) == -1 ||
		    buf_puts(b, f->derived ? " (implied)" : "") == -1 ||
		    buf_printf(b, "</td><td><a href=\"/release/%lld\">", (long long)f->doc_id) == -1 ||
		    dash_text(b, f->doc_title) == -1 || buf_puts(b, "</a></td><td>") == -1 ||
		    dash_text(b, f->doc_date) == -1 || buf_puts(b, "</td><td>") == -1 ||
		    dash_text(b, f->evidence) == -1 || buf_puts(b, "</td></tr>") == -1)
			return -1;
	}
	if (s->nfigs > 0 && buf_puts(b, "</table>") == -1)
		return -1;
	return dash_pager(b, self, page, s->nfigs > page * DASH_PAGE_ROWS);
}

/* The limits and the operator's baselines, as the chart draws them. */
static int
series_limits(struct buf *b, const struct series *s)
{
	if (dash_section(b, "limits", "Thresholds and baselines", s->nlines, "No threshold "
	    "limit to draw (none configured for this series, or no baseline yet).", NULL) == -1)
		return -1;
	for (size_t i = 0; i < s->nlines; i++)
		if (buf_puts(b, "<li class=\"limit\">") == -1 ||
		    htmlesc_text(b, s->lines[i].label) == -1 ||
		    buf_printf(b, ": limit %.0f", s->lines[i].value) == -1 ||
		    (s->lines[i].start[0] != '\0' && (buf_puts(b, " over ") == -1 ||
		    dash_period(b, s->lines[i].start, s->lines[i].end) == -1)) ||
		    buf_puts(b, "</li>") == -1)
			return -1;
	if (s->nlines > 0 && buf_puts(b, "</ul>") == -1)
		return -1;
	for (size_t i = 0; i < s->nmarks; i++)
		if (s->marks[i].kind == CHART_BASELINE && (buf_puts(b, "<p class=\"baseline\">") ==
		    -1 || htmlesc_text(b, s->marks[i].label) == -1 || buf_puts(b, "</p>") == -1))
			return -1;
	return 0;
}

static int
series_alerts(struct buf *b, const struct series *s)
{
	if (dash_section(b, "alerts", "Alerts raised", s->nalerts, "None.", NULL) == -1)
		return -1;
	for (size_t i = 0; i < s->nmarks; i++) {
		const struct chart_mark *m = &s->marks[i];

		if (m->kind != CHART_ALERT)
			continue;
		if (buf_puts(b, "<li class=\"alert\">") == -1 || htmlesc_text(b, m->label) == -1 ||
		    buf_puts(b, ", ") == -1 || dash_period(b, m->start, m->end) == -1 ||
		    (m->href != NULL && (buf_puts(b, ": <a href=\"") == -1 ||
		    htmlesc_text(b, m->href) == -1 || buf_puts(b, "\">the release</a>") == -1)) ||
		    buf_puts(b, "</li>") == -1)
			return -1;
	}
	return s->nalerts > 0 ? buf_puts(b, "</ul>") : 0;
}

/* The page's own URL, attribute-escaped, ready for "page=N". */
static int
series_self(struct buf *self, const struct series *s)
{
	return buf_puts(self, "/series?country=") == -1 ||
	    htmlesc_url_component(self, s->country) == -1 ||
	    buf_puts(self, "&amp;indicator=") == -1 ||
	    htmlesc_url_component(self, s->indicator) == -1 || buf_puts(self, "&amp;") == -1 ?
	    -1 : 0;
}

void
dash_series(struct httpd_answer *ans, const struct dash_req *r)
{
	static const char *const params[] = { "country", "indicator", "page", NULL };
	char country[DASH_MAX_VALUE + 1], indicator[DASH_MAX_VALUE + 1], why[512];
	struct buf *b = &ans->body, self = { 0 };
	struct series s;
	size_t page;
	int rc;

	if (dash_check_query(r->query, params, why, sizeof(why)) == -1 ||
	    dash_page(r->query, &page, why, sizeof(why)) == -1) {
		dash_fail(ans, 400, "Bad Request", why);
		return;
	}
	dash_param(r->query, "country", country, sizeof(country));
	dash_param(r->query, "indicator", indicator, sizeof(indicator));
	if ((rc = series_open(r->cf, country, indicator, &s, why, sizeof(why))) != 0) {
		if (rc == 1)
			dash_fail(ans, 400, "Bad Request", why);
		else
			dash_fail(ans, 500, "Internal Server Error", "out of memory");
		series_clear(&s);
		return;
	}
	snprintf(why, sizeof(why), "out of memory");
	if (series_gather(&s, r->st, r->cf, "", why, sizeof(why)) == -1 ||
	    series_self(&self, &s) == -1 || dash_open(ans, s.title) == -1 ||
	    buf_puts(b, "<h1>") == -1 || htmlesc_text(b, s.title) == -1 ||
	    buf_puts(b, "</h1><figure>") == -1 || chart_svg(&s.chart, b) == -1 ||
	    buf_puts(b, "<figcaption>") == -1 || htmlesc_text(b, s.desc) == -1 ||
	    buf_puts(b, "</figcaption></figure>") == -1 || series_limits(b, &s) == -1 ||
	    series_alerts(b, &s) == -1 || series_table(b, &s, page, self.data) == -1 ||
	    dash_close(ans) == -1)
		dash_fail(ans, 503, "Service Unavailable", why);
	buf_free(&self);
	series_clear(&s);
}
