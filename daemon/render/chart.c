/*
 * chart — an indicator's series as SVG (see chart.h): the frame and ticks
 * come from chart_axis.c; this file writes the elements. Every label goes
 * through htmlesc, every number is formatted here, nothing else reaches
 * the output.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rightswatch/buf.h"
#include "rightswatch/chart.h"
#include "rightswatch/date.h"
#include "rightswatch/htmlesc.h"
#include "chart_int.h"

/* Colours readable in print and by most colour-blind readers. */
#define INK       "#222222"
#define GRID      "#dddddd"
#define FIGURE    "#1f5f99"
#define BASELINE  "#6b6b6b"
#define LIMIT     "#b2182b"

/* A count with thousands separators: 12,500. */
static char *
fmt_count(double v, char *out, size_t outlen)
{
	char digits[32];
	size_t n, o = 0;
	int neg = v < 0;

	snprintf(digits, sizeof(digits), "%.0f", fabs(v));
	n = strlen(digits);
	if (neg && o + 1 < outlen)
		out[o++] = '-';
	for (size_t i = 0; i < n && o + 2 < outlen; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	return out;
}

static const char *
qual_class(enum chart_qual q)
{
	static const char *const names[] = { "exact", "at_least", "more_than", "approx",
		"at_most" };

	return (unsigned)q < sizeof(names) / sizeof(names[0]) ? names[q] : "exact";
}

static const char *
kind_class(enum chart_kind k)
{
	return k == CHART_BASELINE ? "baseline" : k == CHART_ALERT ? "alert" : "figure";
}

/* The value axis: grid lines and round labels. */
static int
draw_yaxis(struct buf *b, const struct chart_frame *f)
{
	char num[40];
	int r = buf_puts(b, "<g class=\"y-axis\">");

	for (double v = 0; r == 0 && v <= f->top + f->step / 2; v += f->step) {
		double y = chart_y(f, v);

		r = buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">"
		    "%s</text>", f->px0, y, f->px1, y, v == 0 ? INK : GRID, f->px0 - 6, y + 4, INK,
		    fmt_count(v, num, sizeof(num)));
	}
	return r == 0 ? buf_puts(b, "</g>") : -1;
}

/* The date axis: a tick and a label at each tick's day. */
static int
draw_xaxis(struct buf *b, const struct chart_frame *f)
{
	int r = buf_printf(b, "<g class=\"x-axis\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	    "y2=\"%.1f\" stroke=\"%s\"/>", f->px0, f->py1, f->px1, f->py1, INK);
	int64_t d;

	for (int i = 0; r == 0 && (d = chart_xtick(f, i)) >= 0; i++) {
		struct date_ymd ymd = date_civil_from_days(d);
		double x = chart_x(f, d);
		char label[40];

		if (f->unit == CHART_YEARS)
			snprintf(label, sizeof(label), "%04d", ymd.y);
		else if (f->unit == CHART_QUARTERS)
			snprintf(label, sizeof(label), "%04d Q%d", ymd.y, (ymd.m - 1) / 3 + 1);
		else
			snprintf(label, sizeof(label), "%04d-%02d", ymd.y, ymd.m);
		r = buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>",
		    x, f->py0, x, f->py1, GRID, x, f->py1, x, f->py1 + 5, INK, x + 3,
		    f->py1 + 18, INK, label);
	}
	return r == 0 ? buf_puts(b, "</g>") : -1;
}

/* <title>label</title>, when there is one; a mark drawn for more than
 * itself (chart_thin) says so. */
static int
put_title_n(struct buf *b, const char *label, unsigned count)
{
	if (label == NULL && count < 2)
		return 0;
	if (buf_puts(b, "<title>") == -1 || (label != NULL && htmlesc_text(b, label) == -1))
		return -1;
	if (count > 1 && buf_printf(b, "%s%u figures drawn here (the table lists each)",
	    label != NULL ? "; " : "", count) == -1)
		return -1;
	return buf_puts(b, "</title>");
}

static int
put_title(struct buf *b, const char *label)
{
	return put_title_n(b, label, 1);
}

/* A threshold's limit: a dashed line over the time it holds. */
static int
draw_line(struct buf *b, const struct chart_frame *f, const struct chart_line *l)
{
	double x0 = f->px0, x1 = f->px1, y = chart_y(f, l->value);
	int64_t a, z;
	char num[40];

	if (chart_day(l->start, &a) == 0 && chart_day(l->end, &z) == 0 && z >= a) {
		x0 = chart_x(f, a);
		x1 = chart_x(f, z + 1);
	}
	if (buf_puts(b, "<g class=\"limit\">") == -1 || put_title(b, l->label) == -1)
		return -1;
	return buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
	    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\" font-size=\"11\">"
	    "limit %s</text></g>", x0, y, x1, y, LIMIT, x1 - 2, y - 4, LIMIT,
	    fmt_count(l->value, num, sizeof(num)));
}

/* The shape of mark m over [xa, xb] at y. */
static int
draw_shape(struct buf *b, const struct chart_mark *m, double xa, double xb, double y,
    int point)
{
	const char *ink = m->kind == CHART_BASELINE ? BASELINE : FIGURE;
	const char *fill = m->derived ? "#ffffff" : ink;
	const char *dash = m->qual == CHART_APPROX ? " stroke-dasharray=\"3 2\"" : "";
	double mid = (xa + xb) / 2;
	int r;

	if (m->kind == CHART_ALERT)
		return buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" "
		    "stroke=\"%s\" stroke-width=\"2\"/>", mid, y, LIMIT);
	if (point)
		r = buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" "
		    "stroke=\"%s\"%s/>", mid, y, fill, ink, dash);
	else
		r = buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"6\" "
		    "fill=\"%s\" stroke=\"%s\"%s/>", xa, y - 3, xb - xa < 2 ? 2 : xb - xa, fill,
		    ink, dash);
	if (r == 0 && (m->qual == CHART_AT_LEAST || m->qual == CHART_MORE_THAN))
		/* Open upwards: the true figure may be higher. */
		r = buf_printf(b, "<path class=\"open\" d=\"M%.1f %.1fV%.1fM%.1f %.1fL%.1f "
		    "%.1fL%.1f %.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>",
		    mid, y - 4, y - 18, mid - 4, y - 13, mid, y - 18, mid + 4, y - 13, ink);
	else if (r == 0 && m->qual == CHART_AT_MOST)
		r = buf_printf(b, "<path class=\"open\" d=\"M%.1f %.1fV%.1fM%.1f %.1fL%.1f "
		    "%.1fL%.1f %.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>",
		    mid, y + 4, y + 18, mid - 4, y + 13, mid, y + 18, mid + 4, y + 13, ink);
	return r;
}

/* One mark, in a link when it has one. Marks without a real period are
 * left out (the page's table still lists them). */
static int
draw_mark(struct buf *b, const struct chart_frame *f, const struct chart_mark *m,
    unsigned count)
{
	int64_t a, z;
	double xa, xb, y;

	if (chart_day(m->start, &a) == -1 || chart_day(m->end, &z) == -1 || z < a)
		return 0;
	xa = chart_x(f, a);
	xb = chart_x(f, z + 1);
	y = chart_y(f, (double)m->value);
	if (m->href != NULL && (buf_puts(b, "<a href=\"") == -1 ||
	    htmlesc_text(b, m->href) == -1 || buf_puts(b, "\">") == -1))
		return -1;
	if (buf_printf(b, "<g class=\"mark %s %s%s\" data-value=\"%lld\" data-start=\"%s\" "
	    "data-end=\"%s\">", kind_class(m->kind), qual_class(m->qual),
	    m->derived ? " derived" : "", (long long)m->value, m->start, m->end) == -1 ||
	    put_title_n(b, m->label, count) == -1 || draw_shape(b, m, xa, xb, y, z == a) == -1 ||
	    buf_puts(b, "</g>") == -1)
		return -1;
	return m->href != NULL ? buf_puts(b, "</a>") : 0;
}

/* What each shape means, along the bottom. */
static int
draw_legend(struct buf *b, const struct chart_frame *f)
{
	double y = f->py1 + 40, x = f->px0;

	return buf_printf(b, "<g class=\"legend\" font-size=\"11\" fill=\"%s\">"
	    "<rect x=\"%.1f\" y=\"%.1f\" width=\"24\" height=\"6\" fill=\"%s\"/>"
	    "<text x=\"%.1f\" y=\"%.1f\">figure over its period</text>"
	    "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fL%.1f %.1fL%.1f %.1f\" fill=\"none\" "
	    "stroke=\"%s\" stroke-width=\"1.5\"/><text x=\"%.1f\" y=\"%.1f\">at least</text>"
	    "<rect x=\"%.1f\" y=\"%.1f\" width=\"24\" height=\"6\" fill=\"%s\"/>"
	    "<text x=\"%.1f\" y=\"%.1f\">baseline</text>"
	    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
	    "stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>"
	    "<text x=\"%.1f\" y=\"%.1f\">threshold limit</text>"
	    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" stroke=\"%s\" "
	    "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\">alert raised</text></g>",
	    INK, x, y - 3, FIGURE, x + 30, y + 4,
	    x + 180, y + 4, y - 10, x + 176, y - 5, x + 180, y - 10, x + 184, y - 5, FIGURE,
	    x + 192, y + 4,
	    x + 260, y - 3, BASELINE, x + 290, y + 4,
	    x + 360, y, x + 390, y, LIMIT, x + 396, y + 4,
	    x + 500, y, LIMIT, x + 512, y + 4);
}

/* The opening tag, title and description. */
static int
draw_head(struct buf *b, const struct chart *c, int w, int h)
{
	if (buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
	    "aria-labelledby=\"chart-title chart-desc\" font-family=\"sans-serif\" "
	    "font-size=\"12\"><title id=\"chart-title\">", w, h, w, h) == -1 ||
	    htmlesc_text(b, c->title) == -1 ||
	    buf_puts(b, "</title><desc id=\"chart-desc\">") == -1 ||
	    htmlesc_text(b, c->desc) == -1 || buf_puts(b, "</desc>") == -1)
		return -1;
	if (buf_printf(b, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>"
	    "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\" fill=\"%s\">",
	    w, h, 16, INK) == -1 || htmlesc_text(b, c->title) == -1)
		return -1;
	return buf_puts(b, "</text>");
}

int
chart_svg(const struct chart *c, struct buf *b)
{
	struct chart_frame f;
	unsigned *counts;
	int r = 0;
	int w = c->width > 0 ? c->width : CHART_WIDTH;
	int h = c->height > 0 ? c->height : CHART_HEIGHT;

	if (draw_head(b, c, w, h) == -1)
		return -1;
	if (chart_frame(c, &f) != 0)
		return buf_printf(b, "<text class=\"empty\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" fill=\"%s\">No figure with a date to draw yet."
		    "</text></svg>", w / 2, h / 2, INK);
	if (draw_yaxis(b, &f) == -1 || draw_xaxis(b, &f) == -1 ||
	    buf_puts(b, "<g class=\"limits\">") == -1)
		return -1;
	for (size_t i = 0; i < c->nlines; i++)
		if (draw_line(b, &f, &c->lines[i]) == -1)
			return -1;
	/* Baselines first, figures over them, alert rings on top. */
	if (buf_puts(b, "</g><g class=\"marks\">") == -1)
		return -1;
	if ((counts = calloc(c->nmarks + 1, sizeof(*counts))) == NULL ||
	    chart_thin(c, &f, counts) == -1) {
		free(counts);
		return -1;
	}
	for (int k = CHART_BASELINE; k >= CHART_FIGURE; k--)
		for (size_t i = 0; i < c->nmarks && r == 0; i++)
			if ((int)c->marks[i].kind == k && counts[i] > 0)
				r = draw_mark(b, &f, &c->marks[i], counts[i]);
	for (size_t i = 0; i < c->nmarks && r == 0; i++)
		if (c->marks[i].kind == CHART_ALERT)
			r = draw_mark(b, &f, &c->marks[i], 1);
	free(counts);
	if (r == -1)
		return -1;
	if (buf_puts(b, "</g>") == -1 || draw_legend(b, &f) == -1)
		return -1;
	return buf_puts(b, "</svg>");
}
