/*
 * dash — the dashboard's common parts (dash_int.h): each page's frame
 * and security headers, the stylesheet, query parameters, error pages,
 * pagination and times. The pages are dash_home.c, dash_release.c and
 * dash_series.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/bperiod.h"
#include "rightswatch/buf.h"
#include "rightswatch/date.h"
#include "rightswatch/htmlesc.h"
#include "rightswatch/httpd.h"
#include "rightswatch/status.h"
#include "rightswatch/utf8.h"
#include "dash_int.h"

/* Nothing but this host's stylesheet: no script at all, no inline style,
 * no frame, no form posted elsewhere, no referrer to the sites linked. */
#define DASH_HEADERS \
	"Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:;" \
	" form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n" \
	"Referrer-Policy: no-referrer\r\n" \
	"X-Frame-Options: DENY\r\n"

static const char dash_css[] =
	"body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fff}\n"
	"header{background:#1f3b57;color:#fff;padding:.6em 1.2em}\n"
	"header a{color:#fff;text-decoration:none;margin-right:1.2em}\n"
	"header strong{margin-right:2em}\n"
	"main{max-width:70em;margin:0 auto;padding:0 1.2em 2em}\n"
	"h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ccc}\n"
	"table{border-collapse:collapse;width:100%;margin:.5em 0}\n"
	"th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #e4e4e4;"
	"vertical-align:top}\n"
	"th{background:#f3f5f7}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"mark{background:#ffe08a;padding:0 .1em}\n"
	".ok{color:#1b6e20}.bad{color:#b2182b;font-weight:bold}.muted{color:#666}\n"
	".pager a{margin-right:1em}\ntd:first-child,time{white-space:nowrap}\n"
	"dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}\n"
	"svg.chart{max-width:100%;height:auto;border:1px solid #e4e4e4}\n"
	"nav.series a{margin-right:1em}\n"
	"@media print{header{background:none;color:#000}header a{color:#000}"
	".pager{display:none}}\n";

void
dash_style(struct httpd_answer *ans, const struct dash_req *r)
{
	(void)r;
	ans->type = "text/css; charset=utf-8";
	ans->headers = DASH_HEADERS;
	if (buf_append(&ans->body, dash_css, sizeof(dash_css) - 1) == -1)
		dash_fail(ans, 500, "Internal Server Error", "out of memory");
}

int
dash_open(struct httpd_answer *ans, const char *title)
{
	struct buf *b = &ans->body;

	ans->type = "text/html; charset=utf-8";
	ans->headers = DASH_HEADERS;
	if (buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/style.css\">"
	    "<title>") == -1 || htmlesc_text(b, title) == -1)
		return -1;
	return buf_puts(b, " — rightswatch</title></head>\n<body><header><strong>rightswatch"
	    "</strong><a href=\"/\">Overview</a><a href=\"/status\">status (JSON)</a>"
	    "<a href=\"/metrics\">metrics</a></header>\n<main>");
}

int
dash_close(struct httpd_answer *ans)
{
	return buf_puts(&ans->body, "</main></body></html>\n");
}

void
dash_fail(struct httpd_answer *ans, int code, const char *reason, const char *why)
{
	struct buf *b = &ans->body;

	buf_free(b);
	ans->code = code;
	ans->reason = reason;
	if (dash_open(ans, reason) == -1 || buf_printf(b, "<h1>%d %s</h1><p class=\"bad\">",
	    code, reason) == -1 || htmlesc_text(b, why) == -1 ||
	    buf_puts(b, "</p><p><a href=\"/\">Back to the overview</a></p>") == -1 ||
	    dash_close(ans) == -1) {
		/* Out of memory: the status line alone says it. */
		buf_free(b);
		ans->type = "text/plain; charset=utf-8";
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0, n) (%XX, + for a blank) into out: 0, or -1 when it is
 * badly encoded, too long, or not text (invalid UTF-8, a control). */
static int
decode(const char *s, size_t n, char *out, size_t outlen)
{
	size_t o = 0, k;
	uint32_t cp;

	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '%') {
			if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)
				return -1;
			c = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);
			i += 2;
		} else if (c == '+') {
			c = ' ';
		}
		if (o + 1 >= outlen)
			return -1;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	for (size_t i = 0; i < o; i += k)
		if (utf8_unsafe(out + i, o - i) != 0 || (k = utf8_decode(out + i, o - i, &cp)) == 0)
			return -1;
	return 0;
}

/* Call fn for each name=value of query (raw, undecoded); stops at a
 * non-zero return, which it returns. */
static int
each_param(const char *query, int (*fn)(const char *k, size_t kn, const char *v, size_t vn,
    void *arg), void *arg)
{
	const char *p = query;

	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, "&"), kn = strcspn(p, "=&");
		int r;

		if (n > 0 && (r = fn(p, kn, kn < n ? p + kn + 1 : p + n, kn < n ? n - kn - 1 : 0,
		    arg)) != 0)
			return r;
		p += n;
		if (*p == '&')
			p++;
	}
	return 0;
}

struct check {
	const char *const *names;
	unsigned seen;
	char *why;
	size_t whylen;
};

static int
check_one(const char *k, size_t kn, const char *v, size_t vn, void *arg)
{
	struct check *c = arg;
	char key[DASH_MAX_VALUE + 1], val[DASH_MAX_VALUE + 1];
	size_t i;

	if (decode(k, kn, key, sizeof(key)) == -1) {
		snprintf(c->why, c->whylen, "a parameter's name is badly encoded or too long");
		return -1;
	}
	for (i = 0; c->names[i] != NULL; i++)
		if (strcmp(key, c->names[i]) == 0)
			break;
	if (c->names[i] == NULL) {
		snprintf(c->why, c->whylen, "unknown parameter '%s'", key);
		return -1;
	}
	if (c->seen & (1u << i)) {
		snprintf(c->why, c->whylen, "parameter '%s' given twice", key);
		return -1;
	}
	c->seen |= 1u << i;
	if (decode(v, vn, val, sizeof(val)) == -1) {
		snprintf(c->why, c->whylen, "parameter '%s': not text of at most %d bytes, "
		    "percent-encoded as UTF-8", key, DASH_MAX_VALUE);
		return -1;
	}
	return 0;
}

int
dash_check_query(const char *query, const char *const *names, char *why, size_t whylen)
{
	struct check c = { names, 0, why, whylen };

	return each_param(query, check_one, &c) != 0 ? -1 : 0;
}

struct find {
	const char *name;
	char *out;
	size_t outlen;
};

static int
find_one(const char *k, size_t kn, const char *v, size_t vn, void *arg)
{
	struct find *f = arg;
	char key[DASH_MAX_VALUE + 1];

	if (decode(k, kn, key, sizeof(key)) == -1 || strcmp(key, f->name) != 0)
		return 0;
	return decode(v, vn, f->out, f->outlen) == 0 ? 1 : 0;
}

int
dash_param(const char *query, const char *name, char *out, size_t outlen)
{
	struct find f = { name, out, outlen };

	if (outlen > 0)
		out[0] = '\0';
	return each_param(query, find_one, &f) == 1 ? 0 : 1;
}

int
dash_page(const char *query, size_t *page, char *why, size_t whylen)
{
	char v[DASH_MAX_VALUE + 1], *end;
	unsigned long long n;

	*page = 1;
	if (dash_param(query, "page", v, sizeof(v)) == 1)
		return 0;
	n = strtoull(v, &end, 10);
	if (v[0] < '1' || v[0] > '9' || *end != '\0' || n > DASH_MAX_PAGE) {
		snprintf(why, whylen, "page must be a number from 1 to %d", DASH_MAX_PAGE);
		return -1;
	}
	*page = (size_t)n;
	return 0;
}

int
dash_pager(struct buf *b, const char *base, size_t page, int more)
{
	if (page <= 1 && !more)
		return 0;
	if (buf_puts(b, "<p class=\"pager\">") == -1)
		return -1;
	if (page > 1 && buf_printf(b, "<a rel=\"prev\" href=\"%spage=%zu\">&larr; newer</a>",
	    base, page - 1) == -1)
		return -1;
	if (buf_printf(b, "<span class=\"muted\">page %zu</span> ", page) == -1)
		return -1;
	if (more && buf_printf(b, "<a rel=\"next\" href=\"%spage=%zu\">older &rarr;</a>",
	    base, page + 1) == -1)
		return -1;
	return buf_puts(b, "</p>");
}

int
dash_section(struct buf *b, const char *id, const char *title, size_t n, const char *empty,
    const char *head)
{
	if (buf_printf(b, "<h2 id=\"%s\">%s</h2>", id, title) == -1)
		return -1;
	if (n == 0)
		return buf_printf(b, "<p class=\"muted\">%s</p>", empty);
	return head != NULL ? buf_printf(b, "<table><tr>%s</tr>", head) : buf_puts(b, "<ul>");
}

int
dash_text(struct buf *b, const char *s)
{
	return s == NULL || *s == '\0' ? buf_puts(b, "—") : htmlesc_text(b, s);
}

int
dash_time(struct buf *b, int64_t t, int64_t now)
{
	struct date_ymd d;
	char rel[32], ymd[16];
	int64_t day, sec;

	if (t == 0)
		return buf_puts(b, "never");
	day = t / 86400 - (t % 86400 < 0);
	sec = t - day * 86400;
	d = date_civil_from_days(day);
	status_relative(t, now, rel, sizeof(rel));
	return buf_printf(b, "<time datetime=\"%sT%02d:%02d:%02dZ\">%s %02d:%02d UTC</time> "
	    "<span class=\"muted\">(%s)</span>", date_format_ymd(d, ymd), (int)(sec / 3600),
	    (int)(sec / 60 % 60), (int)(sec % 60), ymd, (int)(sec / 3600), (int)(sec / 60 % 60),
	    rel);
}

int
dash_series_link(struct buf *b, const char *country, const char *indicator,
    const char *text)
{
	if (country == NULL || indicator == NULL)
		return dash_text(b, text);
	if (buf_puts(b, "<a href=\"/series?country=") == -1 ||
	    htmlesc_url_component(b, country) == -1 || buf_puts(b, "&amp;indicator=") == -1 ||
	    htmlesc_url_component(b, indicator) == -1 || buf_puts(b, "\">") == -1 ||
	    htmlesc_text(b, text) == -1)
		return -1;
	return buf_puts(b, "</a>");
}

int
dash_period(struct buf *b, const char *start, const char *end)
{
	struct bperiod p;
	char out[BPERIOD_FMT_MAX];

	if (start == NULL || end == NULL || date_parse_ymd(start, &p.start) == -1 ||
	    date_parse_ymd(end, &p.end) == -1 || !bperiod_valid(&p))
		return buf_puts(b, "—");
	return buf_puts(b, bperiod_format(&p, out));
}
