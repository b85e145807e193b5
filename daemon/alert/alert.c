/*
 * alert — the alert's text body, subject line, syslog record and JSON
 * (see alert.h); the email message itself is in alert_mail.c.
 *
 * Every string that may have come from a feed goes through
 * alert_put_clean (text, subject) or syslog_value (syslog) and never
 * through a format string.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "rightswatch/alert.h"
#include "alert_int.h"
#include "rightswatch/buf.h"
#include "rightswatch/htmlesc.h"
#include "rightswatch/utf8.h"

int
alert_put_clean(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s != NULL ? strlen(s) : 0, i = 0;
	int rc = 0;

	while (i < n) {
		size_t l = utf8_len(s + i, n - i);

		if (l == 0) {
			rc |= buf_puts(b, "\xef\xbf\xbd");
			i++;
		} else if (utf8_unsafe(s + i, n - i) > 0) {
			/* Controls, bidirectional ones and the line separators
			 * (utf8_is_control) become a space. */
			rc |= buf_putc(b, ' ');
			i += l;
		} else {
			rc |= buf_append(b, p + i, l);
			i += l;
		}
	}
	return rc;
}

int
alert_put_double(struct buf *b, double v, int digits)
{
	char tmp[64];

	if (!isfinite(v))
		v = 0.0;
	snprintf(tmp, sizeof(tmp), "%.*f", digits < 0 ? -digits : digits, v);
	/* A locale with a decimal comma must not change what machines read. */
	for (char *c = tmp; *c != '\0'; c++)
		if (*c == ',')
			*c = '.';
	if (digits < 0 && strchr(tmp, '.') != NULL) {
		size_t n = strlen(tmp);

		while (tmp[n - 1] == '0')
			tmp[--n] = '\0';
		if (tmp[n - 1] == '.')
			tmp[--n] = '\0';
	}
	return buf_puts(b, tmp);
}

/* "435", "at least 435", "more than 435", "about 435", "at most 435". */
static int
alert_put_figure(struct buf *b, enum extract_qualifier q, int64_t v)
{
	static const char *const words[] = { "", "at least ", "more than ", "about ", "at most " };
	int rc = 0;

	if ((int)q >= 0 && (int)q < 5)
		rc |= buf_puts(b, words[q]);
	rc |= buf_printf(b, "%lld", (long long)v);
	return rc;
}

static int
alert_put_period(struct buf *b, const struct bperiod *p)
{
	char tmp[BPERIOD_FMT_MAX];

	return buf_puts(b, bperiod_format(p, tmp));
}

/* The figure's period, or for a stock the day it is as of. */
static int
alert_put_when(struct buf *b, const struct alert *a, const struct bperiod *p)
{
	char tmp[11];

	if (a->stock)
		return buf_printf(b, "as of %s", date_format_ymd(p->start, tmp));
	return alert_put_period(b, p);
}

/* "2020 total 87", "2020-H1 200", "previous 400", or "400" (value). */
static int
alert_put_against(struct buf *b, const struct alert *a)
{
	int rc = 0;

	if (a->factor != 1.0 && a->compare != RULES_VALUE && a->has_baseline &&
	    !a->compare_unknown) {
		rc |= alert_put_double(b, a->factor, -2);
		rc |= buf_puts(b, " x ");
	}
	if (!a->has_baseline)
		return rc | (isfinite(a->limit) ? alert_put_double(b, a->limit, -2) :
		    buf_puts(b, "its limit"));
	switch (a->compare_unknown ? RULES_VALUE : a->compare) {
	case RULES_PRIOR_YEAR_TOTAL:
	case RULES_ANNUALIZED_PRIOR_YEAR:
		rc |= alert_put_period(b, &a->baseline_period);
		rc |= buf_puts(b, " total ");
		break;
	case RULES_PREVIOUS_REPORT:
		rc |= buf_puts(b, "previous ");
		break;
	default:
		rc |= alert_put_period(b, &a->baseline_period);
		rc |= buf_putc(b, ' ');
		break;
	}
	return rc | buf_printf(b, "%lld", (long long)a->baseline_value);
}

static void
alert_upper(struct buf *b, size_t from)
{
	for (size_t i = from; i < b->len; i++)
		if (b->data[i] >= 'a' && b->data[i] <= 'z')
			b->data[i] = (char)(b->data[i] - 'a' + 'A');
}

char *
alert_subject(const struct alert *a, const char *prefix)
{
	struct buf b = { 0 };
	size_t mark;
	int rc = 0;

	rc |= alert_put_clean(&b, prefix != NULL ? prefix : "[rightswatch]");
	rc |= buf_puts(&b, a->is_test ? " TEST " : " ");
	mark = b.len;
	rc |= buf_puts(&b, rules_severity_name(a->severity));
	alert_upper(&b, mark);
	if (a->country != NULL) {
		rc |= buf_putc(&b, ' ');
		rc |= alert_put_clean(&b, a->country);
	}
	rc |= buf_putc(&b, ' ');
	rc |= alert_put_clean(&b, a->indicator);
	rc |= buf_putc(&b, ' ');
	rc |= alert_put_figure(&b, a->qualifier, a->value);
	if (a->has_period || a->has_previous) {
		rc |= buf_puts(&b, " (");
		if (a->has_period)
			rc |= alert_put_when(&b, a, &a->period);
		if (a->has_period && a->has_previous)
			rc |= buf_puts(&b, ", ");
		if (a->has_previous)
			rc |= buf_printf(&b, "up from %lld", (long long)a->previous_value);
		rc |= buf_putc(&b, ')');
	}
	if (a->compare == RULES_ANNUALIZED_PRIOR_YEAR)
		rc |= buf_puts(&b, " annualized");
	rc |= buf_puts(&b, a->approximate ? " approximately > " : " > ");
	rc |= alert_put_against(&b, a);
	if (a->ratio > 0) {
		rc |= buf_puts(&b, " (");
		rc |= alert_put_double(&b, a->ratio, 1);
		rc |= buf_puts(&b, "x)");
	}
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* "Label:      value\n" with the value cleaned. */
static int
alert_line(struct buf *b, const char *label, const char *value)
{
	int rc = buf_printf(b, "%-11s ", label);

	rc |= alert_put_clean(b, value);
	return rc | buf_putc(b, '\n');
}

static int alert_links(const struct alert *a, struct buf *release, struct buf *series);

char *
alert_text(const struct alert *a)
{
	struct buf b = { 0 }, v = { 0 }, w = { 0 };
	char s1[BPERIOD_FMT_MAX], s2[BPERIOD_FMT_MAX];
	int rc = 0;

	if (a->is_test)
		rc |= buf_puts(&b, "*** TEST ALERT: not a real event. Sent by "
		    "'rightswatch test-alert' to check this destination. ***\n\n");
	rc |= buf_puts(&b, "rightswatch: ");
	rc |= alert_put_clean(&b, a->indicator);
	if (a->country != NULL) {
		rc |= buf_puts(&b, " in ");
		rc |= alert_put_clean(&b, a->country);
	}
	rc |= buf_puts(&b, a->approximate ? " approximately crossed" : " crossed");
	rc |= buf_puts(&b, " the threshold \"");
	rc |= alert_put_clean(&b, a->rule);
	rc |= buf_puts(&b, a->has_previous ? "\" again (update)\n\n" : "\"\n\n");

	rc |= alert_line(&b, "Severity:", rules_severity_name(a->severity));
	buf_reset(&v);
	rc |= alert_put_clean(&v, a->rule);
	if (a->compare_unknown)
		rc |= buf_puts(&v, " (comparison not recorded");
	else
		rc |= buf_printf(&v, " (%s", rules_compare_name(a->compare));
	if (a->compare != RULES_VALUE && !a->compare_unknown) {
		rc |= buf_puts(&v, ", factor ");
		rc |= alert_put_double(&v, a->factor, -2);
	}
	rc |= buf_putc(&v, ')');
	rc |= alert_line(&b, "Rule:", v.data);
	if (a->country != NULL)
		rc |= alert_line(&b, "Country:", a->country);
	rc |= alert_line(&b, "Indicator:", a->indicator);
	buf_reset(&v);
	/* The qualifier in words ("at least 435"); its machine name is in the
	 * syslog record and the JSON. */
	rc |= alert_put_figure(&v, a->qualifier, a->value);
	rc |= alert_line(&b, "Figure:", v.data);
	if (a->has_period && a->stock) {
		buf_reset(&v);
		rc |= alert_put_when(&v, a, &a->period);
		rc |= buf_puts(&v, " (a stock: the figure has no period of its own)");
		rc |= alert_line(&b, "Period:", v.data);
	} else if (a->has_period) {
		buf_reset(&v);
		rc |= buf_printf(&v, "%s (%s to %s)", bperiod_format(&a->period, s1),
		    date_format_ymd(a->period.start, s2),
		    date_format_ymd(a->period.end, s2 + 11));
		rc |= alert_line(&b, "Period:", v.data);
	}
	if (a->has_previous) {
		buf_reset(&v);
		rc |= buf_printf(&v, "rose from %lld, already alerted", (long long)a->previous_value);
		rc |= alert_line(&b, "Update:", v.data);
	}
	if (a->has_baseline) {
		buf_reset(&v);
		rc |= buf_printf(&v, "%lld %s", (long long)a->baseline_value, a->stock ? "" : "for ");
		rc |= alert_put_when(&v, a, &a->baseline_period);
		rc |= buf_printf(&v, " (%s", rules_origin_name(a->baseline_origin));
		if (a->baseline_source != NULL && *a->baseline_source != '\0') {
			rc |= buf_puts(&v, ": ");
			rc |= alert_put_clean(&v, a->baseline_source);
		}
		rc |= buf_putc(&v, ')');
		rc |= alert_line(&b, "Baseline:", v.data);
	}
	buf_reset(&v);
	rc |= buf_puts(&v, a->approximate ? "approximately above " : "above ");
	rc |= alert_put_against(&v, a);
	if (a->compare == RULES_ANNUALIZED_PRIOR_YEAR)
		rc |= buf_puts(&v, " (figure scaled to twelve months)");
	rc |= alert_line(&b, "Crossed:", v.data);
	if (a->ratio > 0) {
		buf_reset(&v);
		rc |= alert_put_double(&v, a->ratio, 2);
		rc |= buf_puts(&v, " x the limit");
		rc |= alert_line(&b, "Ratio:", v.data);
	}
	if (a->title != NULL)
		rc |= alert_line(&b, "Release:", a->title);
	if (a->date != NULL)
		rc |= alert_line(&b, "Date:", a->date);
	if (a->url != NULL)
		rc |= alert_line(&b, "Link:", a->url);
	buf_reset(&v);
	buf_reset(&w);
	rc |= alert_links(a, &v, &w);
	if (v.len > 0)
		rc |= alert_line(&b, "Dashboard:", v.data);
	if (w.len > 0)
		rc |= alert_line(&b, "Series:", w.data);
	if (a->sentence != NULL) {
		rc |= buf_puts(&b, "\nEvidence:\n  \"");
		rc |= alert_put_clean(&b, a->sentence);
		rc |= buf_puts(&b, "\"\n");
	}
	if (a->fingerprint != NULL) {
		rc |= buf_putc(&b, '\n');
		rc |= alert_line(&b, "Fingerprint:", a->fingerprint);
	}
	buf_free(&w);
	buf_free(&v);
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Append key="value" with the value escaped and cut at
 * ALERT_SYSLOG_VALUE_MAX bytes on a character boundary. */
static int
syslog_value(struct buf *b, const char *key, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s != NULL ? strlen(s) : 0, i = 0;
	int rc = 0;

	if (s == NULL)
		return 0;
	rc |= buf_printf(b, "%s%s=\"", b->len > 0 ? " " : "", key);
	while (i < n) {
		size_t l = utf8_len(s + i, n - i), bad = utf8_unsafe(s + i, n - i);

		if (i + (l ? l : 1) > ALERT_SYSLOG_VALUE_MAX) {
			rc |= buf_puts(b, "...");
			break;
		}
		if (bad > 0) {
			/* A control (utf8_is_control) or an invalid byte. */
			if (p[i] == '\n')
				rc |= buf_puts(b, "\\n");
			else if (p[i] == '\r')
				rc |= buf_puts(b, "\\r");
			else if (p[i] == '\t')
				rc |= buf_puts(b, "\\t");
			else
				for (size_t k = 0; k < bad; k++)
					rc |= buf_printf(b, "\\x%02X", p[i + k]);
			i += bad;
			continue;
		}
		if (p[i] == '"' || p[i] == '\\')
			rc |= buf_putc(b, '\\');
		rc |= buf_append(b, p + i, l);
		i += l;
	}
	return rc | buf_putc(b, '"');
}

static int
syslog_int(struct buf *b, const char *key, int64_t v)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%lld", (long long)v);
	return syslog_value(b, key, tmp);
}

static int
syslog_double(struct buf *b, const char *key, double v, int digits)
{
	struct buf t = { 0 };
	int rc = alert_put_double(&t, v, digits);

	if (rc == 0)
		rc = syslog_value(b, key, t.data);
	buf_free(&t);
	return rc;
}

char *
alert_syslog(const struct alert *a)
{
	struct buf b = { 0 };
	char s1[BPERIOD_FMT_MAX], s2[BPERIOD_FMT_MAX];
	int rc = 0;

	rc |= syslog_value(&b, "event", a->is_test ? "test-alert" : "alert");
	rc |= syslog_value(&b, "rule", a->rule);
	rc |= syslog_value(&b, "severity", rules_severity_name(a->severity));
	rc |= syslog_value(&b, "kind", a->has_previous ? "update" : "new");
	rc |= syslog_value(&b, "country", a->country);
	rc |= syslog_value(&b, "indicator", a->indicator);
	rc |= syslog_int(&b, "value", a->value);
	rc |= syslog_value(&b, "qualifier", rules_qualifier_name(a->qualifier));
	rc |= syslog_value(&b, "approximate", a->approximate ? "1" : "0");
	if (a->stock)
		rc |= syslog_value(&b, "stock", "1");
	if (a->has_period) {
		rc |= syslog_value(&b, "period", bperiod_format(&a->period, s1));
		rc |= syslog_value(&b, "period_start", date_format_ymd(a->period.start, s2));
		rc |= syslog_value(&b, "period_end", date_format_ymd(a->period.end, s2));
	}
	if (a->has_previous)
		rc |= syslog_int(&b, "previous_value", a->previous_value);
	if (!a->compare_unknown) {
		rc |= syslog_value(&b, "compare", rules_compare_name(a->compare));
		rc |= syslog_double(&b, "factor", a->factor, -2);
	}
	if (a->has_baseline) {
		rc |= syslog_int(&b, "baseline_value", a->baseline_value);
		rc |= syslog_value(&b, "baseline_period", bperiod_format(&a->baseline_period, s1));
		rc |= syslog_value(&b, "baseline_origin", rules_origin_name(a->baseline_origin));
		rc |= syslog_value(&b, "baseline_source", a->baseline_source);
	}
	if (isfinite(a->limit))
		rc |= syslog_double(&b, "limit", a->limit, -2);
	rc |= syslog_double(&b, "ratio", a->ratio, 2);
	rc |= syslog_value(&b, "title", a->title);
	rc |= syslog_value(&b, "date", a->date);
	rc |= syslog_value(&b, "url", a->url);
	rc |= syslog_value(&b, "sentence", a->sentence);
	rc |= syslog_value(&b, "fingerprint", a->fingerprint);
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

int
alert_syslog_priority(enum rules_severity s)
{
	switch (s) {
	case RULES_CRITICAL:
		return LOG_CRIT;
	case RULES_WARNING:
		return LOG_WARNING;
	default:
		return LOG_INFO;
	}
}

/* A cleaned JSON string, or JSON null for NULL (jansson refuses invalid UTF-8). */
static json_t *
json_clean(const char *s)
{
	struct buf b = { 0 };
	json_t *j;

	if (s == NULL)
		return json_null();
	if (alert_put_clean(&b, s) != 0 || buf_putc(&b, '\0') != 0) {
		buf_free(&b);
		return NULL;
	}
	j = json_stringn(b.data, b.len - 1);
	buf_free(&b);
	return j;
}

static json_t *
json_period(const struct bperiod *p, int has)
{
	char s1[BPERIOD_FMT_MAX], s2[11], s3[11];

	if (!has)
		return json_null();
	return json_pack("{s:s, s:s, s:s}", "label", bperiod_format(p, s1),
	    "start", date_format_ymd(p->start, s2), "end", date_format_ymd(p->end, s3));
}

static json_t *
json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* The dashboard's pages of a: its release (when it has one) and its
 * series (country and indicator), from public_url. 0, or -1 out of
 * memory; nothing without public_url. */
static int
alert_links(const struct alert *a, struct buf *release, struct buf *series)
{
	size_t n;

	if (a->public_url == NULL || *a->public_url == '\0')
		return 0;
	/* One slash between the address and the path. */
	n = strlen(a->public_url);
	while (n > 0 && a->public_url[n - 1] == '/')
		n--;
	if (a->doc_id > 0 && buf_printf(release, "%.*s/release/%lld", (int)n, a->public_url,
	    (long long)a->doc_id) == -1)
		return -1;
	if (a->country != NULL && a->indicator != NULL &&
	    (buf_printf(series, "%.*s/series?country=", (int)n, a->public_url) == -1 ||
	    htmlesc_url_component(series, a->country) == -1 ||
	    buf_puts(series, "&indicator=") == -1 ||
	    htmlesc_url_component(series, a->indicator) == -1))
		return -1;
	return 0;
}

/* {"release": URL or null, "series": URL or null}, or null without
 * public_url. */
static json_t *
json_links(const struct alert *a)
{
	struct buf r = { 0 }, s = { 0 };
	json_t *j = NULL;

	if (a->public_url == NULL || *a->public_url == '\0')
		return json_null();
	if (alert_links(a, &r, &s) == 0)
		j = json_pack("{s:o, s:o}", "release", r.data != NULL ? json_string(r.data) :
		    json_null(), "series", s.data != NULL ? json_string(s.data) : json_null());
	buf_free(&r);
	buf_free(&s);
	return j;
}

json_t *
alert_json(const struct alert *a)
{
	json_t *baseline;

	if (a->has_baseline)
		baseline = json_pack("{s:I, s:o, s:s, s:o}",
		    "value", (json_int_t)a->baseline_value,
		    "period", json_period(&a->baseline_period, 1),
		    "origin", rules_origin_name(a->baseline_origin),
		    "source", json_clean(a->baseline_source));
	else
		baseline = json_null();
	/* "o" steals each reference, also when json_pack fails. */
	return json_pack("{s:b, s:s, s:o, s:o, s:s, s:o, s:o, s:I, s:s, s:b,"
	    " s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "test", a->is_test,
	    "kind", a->has_previous ? "update" : "new",
	    "rule", json_clean(a->rule),
	    "fingerprint", json_clean(a->fingerprint),
	    "severity", rules_severity_name(a->severity),
	    "country", json_clean(a->country),
	    "indicator", json_clean(a->indicator),
	    "value", (json_int_t)a->value,
	    "qualifier", rules_qualifier_name(a->qualifier),
	    "approximate", a->approximate,
	    "period", json_period(&a->period, a->has_period),
	    "stock", json_boolean(a->stock),
	    "compare", a->compare_unknown ? json_null() :
	    json_string(rules_compare_name(a->compare)),
	    "factor", a->compare_unknown ? json_null() : json_num(a->factor),
	    "baseline", baseline,
	    "limit", json_num(a->limit),
	    "ratio", a->ratio > 0 ? json_num(a->ratio) : json_null(),
	    "previous_value", a->has_previous ? json_integer(a->previous_value) : json_null(),
	    "title", json_clean(a->title),
	    "date", json_clean(a->date),
	    "url", json_clean(a->url),
	    "sentence", json_clean(a->sentence),
	    "dashboard", json_links(a),
	    "generator", json_string("rightswatch"));
}

char *
alert_json_text(const struct alert *a)
{
	json_t *j = alert_json(a);
	char *s;

	if (j == NULL)
		return NULL;
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(j);
	return s;
}
