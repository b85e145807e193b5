/* Unit tests: chart — the SVG layout of an indicator's series: round
 * ticks, date axes, scales, marks spanning their periods, open ends,
 * baselines, limits, alerts linked to their release, and escaping. */
#include <math.h>
#include <string.h>

#include "unit.h"
#include "rightswatch/buf.h"
#include "rightswatch/chart.h"
#include "rightswatch/date.h"

static void
test_nice_step(void **state)
{
	static const struct {
		double max;
		int n;
		double step, top;
	} rows[] = {
		{ 0, 5, 1, 1 },             /* nothing: one step */
		{ 1, 5, 1, 1 },             /* a single 1 */
		{ 7, 5, 2, 8 },             /* 2s reach 8 in 4 steps */
		{ 98, 5, 20, 100 },         /* 20s */
		{ 435, 5, 100, 500 },       /* 100s */
		{ 469.8, 5, 100, 500 },     /* 435 with headroom */
		{ 500, 5, 100, 500 },       /* exactly a tick */
		{ 501, 5, 200, 600 },       /* one past: 200s */
		{ 350000, 5, 100000, 400000 }, /* large counts */
		{ 3, 5, 1, 3 },             /* never below 1: counts are whole */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		double top;

		assert_true(chart_nice_step(rows[i].max, rows[i].n, &top) == rows[i].step);
		assert_true(top == rows[i].top);
	}
}

static int64_t
day(const char *s)
{
	int64_t d = -1;

	assert_int_equal(chart_day(s, &d), 0);
	return d;
}

static void
test_date_axis(void **state)
{
	static const struct {
		const char *lo, *hi;
		int unit, every;
		const char *d0, *d1;
	} rows[] = {
		/* four years of quarters: yearly ticks */
		{ "2019-01-01", "2022-12-31", CHART_YEARS, 1, "2019-01-01", "2023-01-01" },
		/* mid-year to mid-year: whole years shown */
		{ "2019-07-01", "2022-06-30", CHART_QUARTERS, 1, "2019-07-01", "2022-07-01" },
		/* a year and a half: quarters */
		{ "2021-01-01", "2022-06-30", CHART_QUARTERS, 1, "2021-01-01", "2022-07-01" },
		/* a few months: months */
		{ "2021-03-15", "2021-06-02", CHART_MONTHS, 1, "2021-03-01", "2021-07-01" },
		/* one day (a stock): its month */
		{ "2021-08-06", "2021-08-06", CHART_MONTHS, 1, "2021-08-01", "2021-09-01" },
		/* thirty years: a tick every five */
		{ "1990-01-01", "2019-12-31", CHART_YEARS, 5, "1990-01-01", "2020-01-01" },
		/* across a leap day */
		{ "2020-02-29", "2020-02-29", CHART_MONTHS, 1, "2020-02-01", "2020-03-01" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int unit, every;
		int64_t d0, d1;

		chart_date_axis(day(rows[i].lo), day(rows[i].hi), &unit, &every, &d0, &d1);
		assert_int_equal(unit, rows[i].unit);
		assert_int_equal(every, rows[i].every);
		assert_true(d0 == day(rows[i].d0));
		assert_true(d1 == day(rows[i].d1));
	}
	/* no real day */
	{
		int64_t d;

		assert_int_equal(chart_day("2021-02-30", &d), -1);
		assert_int_equal(chart_day("2021-13-01", &d), -1);
		assert_int_equal(chart_day("", &d), -1);
		assert_int_equal(chart_day(NULL, &d), -1);
	}
}

static struct chart_mark
mark(enum chart_kind k, int64_t v, enum chart_qual q, const char *a, const char *b)
{
	struct chart_mark m;

	memset(&m, 0, sizeof(m));
	m.kind = k;
	m.value = v;
	m.qual = q;
	snprintf(m.start, sizeof(m.start), "%s", a);
	snprintf(m.end, sizeof(m.end), "%s", b);
	return m;
}

static void
test_scales(void **state)
{
	struct chart_mark m[2];
	struct chart c = { "t", "d", m, 2, NULL, 0, 0, 0 };
	struct chart_frame f;

	(void)state;
	m[0] = mark(CHART_FIGURE, 98, CHART_EXACT, "2020-01-01", "2020-12-31");
	m[1] = mark(CHART_FIGURE, 435, CHART_EXACT, "2021-01-01", "2021-06-30");
	assert_int_equal(chart_frame(&c, &f), 0);
	/* The plot's left edge is the first day shown, its right the day after
	 * the last; the value 0 is its bottom, top its top. */
	assert_true(f.d0 == day("2020-01-01"));
	assert_true(f.d1 == day("2021-07-01"));
	assert_true(fabs(chart_x(&f, f.d0) - f.px0) < 1e-9);
	assert_true(fabs(chart_x(&f, f.d1) - f.px1) < 1e-9);
	assert_true(fabs(chart_y(&f, 0) - f.py1) < 1e-9);
	assert_true(fabs(chart_y(&f, f.top) - f.py0) < 1e-9);
	assert_true(f.top == 500 && f.step == 100);
	/* Halfway in value is halfway up. */
	assert_true(fabs(chart_y(&f, 250) - (f.py0 + f.py1) / 2) < 1e-9);
	/* Nothing with a date: no frame. */
	m[0] = mark(CHART_FIGURE, 5, CHART_EXACT, "", "");
	c.nmarks = 1;
	assert_int_equal(chart_frame(&c, &f), 1);
}

/* Render c and return the SVG (the caller frees). */
static char *
render(const struct chart *c)
{
	struct buf b = { 0 };

	assert_int_equal(chart_svg(c, &b), 0);
	assert_non_null(b.data);
	return buf_detach(&b);
}

static void
test_marks(void **state)
{
	struct chart_mark m[6];
	struct chart_line l[2];
	struct chart c = { "Mali — abductions", "Abductions per period", m, 6, l, 2, 0, 0 };
	struct chart_frame f;
	char *svg, want[256];

	(void)state;
	m[0] = mark(CHART_FIGURE, 98, CHART_EXACT, "2020-01-01", "2020-12-31");
	m[1] = mark(CHART_FIGURE, 65, CHART_AT_LEAST, "2021-01-01", "2021-03-31");
	m[2] = mark(CHART_BASELINE, 435, CHART_EXACT, "2021-01-01", "2021-06-30");
	m[2].label = "baseline (imported): OHCHR";
	m[3] = mark(CHART_FIGURE, 350000, CHART_APPROX, "2021-08-06", "2021-08-06");
	m[3].value = 120;
	m[4] = mark(CHART_ALERT, 435, CHART_EXACT, "2021-01-01", "2021-06-30");
	m[4].href = "/release/2";
	m[4].label = "alert mali-abductions: 435 > 98";
	m[5] = mark(CHART_FIGURE, 24, CHART_EXACT, "2020-01-01", "2020-12-31");
	m[5].derived = 1;
	memset(l, 0, sizeof(l));
	l[0].value = 98;
	snprintf(l[0].start, sizeof(l[0].start), "2021-01-01");
	snprintf(l[0].end, sizeof(l[0].end), "2021-12-31");
	l[0].label = "mali-abductions-prior-year: above the 2020 total";
	l[1].value = 300;
	svg = render(&c);
	assert_int_equal(chart_frame(&c, &f), 0);
	/* title and description, for a screen reader */
	assert_non_null(strstr(svg, "<title id=\"chart-title\">Mali — abductions</title>"));
	assert_non_null(strstr(svg, "<desc id=\"chart-desc\">Abductions per period</desc>"));
	assert_non_null(strstr(svg, "role=\"img\""));
	/* a year's figure spans the year: from the x of 1 January to that of
	 * the next */
	snprintf(want, sizeof(want), "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\"",
	    chart_x(&f, day("2020-01-01")), chart_y(&f, 98) - 3,
	    chart_x(&f, day("2021-01-01")) - chart_x(&f, day("2020-01-01")));
	assert_non_null(strstr(svg, want));
	/* "at least" is open upwards */
	assert_non_null(strstr(svg, "class=\"mark figure at_least\" data-value=\"65\""));
	assert_non_null(strstr(svg, "<path class=\"open\""));
	/* the baseline is a mark of its own, with its origin */
	assert_non_null(strstr(svg, "class=\"mark baseline exact\" data-value=\"435\""));
	assert_non_null(strstr(svg, "<title>baseline (imported): OHCHR</title>"));
	/* a stock is a point, an approximate figure dashed */
	assert_non_null(strstr(svg, "class=\"mark figure approx\" data-value=\"120\" "
	    "data-start=\"2021-08-06\" data-end=\"2021-08-06\"><circle"));
	assert_non_null(strstr(svg, "stroke-dasharray=\"3 2\""));
	/* a derived figure is hollow */
	assert_non_null(strstr(svg, "class=\"mark figure exact derived\""));
	/* the alert's ring links to its release */
	assert_non_null(strstr(svg, "<a href=\"/release/2\"><g class=\"mark alert exact\""));
	/* a dated limit spans its year; an undated one the whole plot */
	snprintf(want, sizeof(want), "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\"",
	    chart_x(&f, day("2021-01-01")), chart_y(&f, 98), chart_x(&f, day("2022-01-01")));
	assert_non_null(strstr(svg, want));
	assert_non_null(strstr(svg, "limit 300</text>"));
	snprintf(want, sizeof(want), "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\"", f.px0,
	    chart_y(&f, 300), f.px1);
	assert_non_null(strstr(svg, want));
	/* round value labels with separators, and dates on the axis */
	assert_non_null(strstr(svg, ">2020 Q1</text>"));
	assert_non_null(strstr(svg, ">400</text>"));
	assert_non_null(strstr(svg, "</svg>"));
	free(svg);
}

static void
test_escaping(void **state)
{
	struct chart_mark m[1];
	struct chart c = { "<script>x</script>", "a \"q\" & b", m, 1, NULL, 0, 0, 0 };
	char *svg;

	(void)state;
	m[0] = mark(CHART_ALERT, 7, CHART_EXACT, "2021-01-01", "2021-01-31");
	m[0].label = "</title><script>alert(1)</script>\xe2\x80\xae";
	m[0].href = "/series?country=Mali&indicator=abductions";
	svg = render(&c);
	assert_null(strstr(svg, "<script"));
	assert_non_null(strstr(svg, "&lt;script&gt;x&lt;/script&gt;"));
	assert_non_null(strstr(svg, "a &quot;q&quot; &amp; b"));
	assert_non_null(strstr(svg, "<title>&lt;/title&gt;&lt;script&gt;alert(1)"
	    "&lt;/script&gt;\xef\xbf\xbd</title>"));
	assert_non_null(strstr(svg, "href=\"/series?country=Mali&amp;indicator=abductions\""));
	assert_null(strstr(svg, "\xe2\x80\xae"));
	free(svg);
}

/* Count the occurrences of needle in hay. */
static size_t
count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* A long series: figures drawn on the same pixels with the same look are
 * drawn once, saying how many they stand for; any difference in look or
 * place keeps a mark of its own; alerts are never merged. */
static void
test_thin(void **state)
{
	enum { N = 1000 };
	static struct chart_mark m[N + 8];
	struct chart c = { "Chad — killed", "Killed per quarter", m, 0, NULL, 0, 0, 0 };
	size_t n = 0;
	char *svg;

	(void)state;
	/* the same quarter reported by release after release */
	for (int i = 0; i < N; i++) {
		m[n] = mark(CHART_FIGURE, 120, CHART_EXACT, "2022-01-01", "2022-03-31");
		m[n++].label = "figure of a quarter";
	}
	/* a different value, qualifier, hollowness, period: each its own mark */
	m[n++] = mark(CHART_FIGURE, 300, CHART_EXACT, "2022-01-01", "2022-03-31");
	m[n++] = mark(CHART_FIGURE, 120, CHART_AT_LEAST, "2022-01-01", "2022-03-31");
	m[n] = mark(CHART_FIGURE, 120, CHART_EXACT, "2022-01-01", "2022-03-31");
	m[n++].derived = 1;
	m[n++] = mark(CHART_FIGURE, 120, CHART_EXACT, "2022-04-01", "2022-06-30");
	/* a baseline where the figures are: a kind of its own */
	m[n++] = mark(CHART_BASELINE, 120, CHART_EXACT, "2022-01-01", "2022-03-31");
	/* two alerts on the same spot: both drawn, each with its link */
	m[n] = mark(CHART_ALERT, 300, CHART_EXACT, "2022-01-01", "2022-03-31");
	m[n++].href = "/release/7";
	m[n] = mark(CHART_ALERT, 300, CHART_EXACT, "2022-01-01", "2022-03-31");
	m[n++].href = "/release/8";
	/* a mark without a period is never drawn, thinned or not */
	m[n++] = mark(CHART_FIGURE, 120, CHART_EXACT, "", "");
	c.nmarks = n;
	svg = render(&c);
	assert_int_equal(count_of(svg, "data-value=\"120\" data-start=\"2022-01-01\" "
	    "data-end=\"2022-03-31\">"), 4);  /* exact, at least, derived, baseline */
	assert_int_equal(count_of(svg, "class=\"mark figure exact\" data-value=\"120\" "
	    "data-start=\"2022-01-01\""), 1);
	assert_non_null(strstr(svg, "<title>figure of a quarter; 1000 figures drawn here "
	    "(the table lists each)</title>"));
	assert_int_equal(count_of(svg, "class=\"mark figure"), 5);
	assert_int_equal(count_of(svg, "class=\"mark baseline"), 1);
	assert_int_equal(count_of(svg, "class=\"mark alert"), 2);
	assert_non_null(strstr(svg, "<a href=\"/release/7\">"));
	assert_non_null(strstr(svg, "<a href=\"/release/8\">"));
	/* one mark stands for itself alone: no count in its title */
	assert_null(strstr(svg, " 1 figures drawn"));
	free(svg);
}

static void
test_empty_and_single(void **state)
{
	struct chart_mark m[1];
	struct chart c = { "none", "nothing yet", NULL, 0, NULL, 0, 0, 0 };
	struct chart_frame f;
	char *svg;

	(void)state;
	/* empty: the title, the description and a sentence saying so */
	svg = render(&c);
	assert_non_null(strstr(svg, "<title id=\"chart-title\">none</title>"));
	assert_non_null(strstr(svg, "class=\"empty\""));
	assert_non_null(strstr(svg, "</svg>"));
	free(svg);
	/* a single point: a month around it, values up to a round top */
	m[0] = mark(CHART_FIGURE, 1, CHART_EXACT, "2021-08-06", "2021-08-06");
	c.marks = m;
	c.nmarks = 1;
	assert_int_equal(chart_frame(&c, &f), 0);
	assert_true(f.d0 == day("2021-08-01") && f.d1 == day("2021-09-01"));
	assert_true(f.top == 2 && f.step == 1);
	svg = render(&c);
	assert_non_null(strstr(svg, "<circle"));
	assert_non_null(strstr(svg, ">2021-08</text>"));
	assert_null(strstr(svg, "class=\"empty\""));
	free(svg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nice_step),
		cmocka_unit_test(test_date_axis),
		cmocka_unit_test(test_scales),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_thin),
		cmocka_unit_test(test_empty_and_single),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
