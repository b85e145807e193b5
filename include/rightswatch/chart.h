/*
 * chart — one indicator of one country over time, drawn as SVG: each
 * figure a mark spanning its period (a point for a stock, on its day),
 * "at least" and "more than" open upwards, "at most" downwards, an
 * approximate figure dashed, a derived one hollow; baselines as marks of
 * their own; each threshold's limit as a dashed line over the time it
 * holds; alerts as rings around the figure that crossed, linked to the
 * release. Axes with real dates and round numbers, a legend, and <title>
 * and <desc> for a screen reader. Styling is presentation attributes
 * only (no <style>, no script), so the SVG passes a strict
 * Content-Security-Policy inline in a page and stands alone in a file.
 *
 * Pure: no I/O, no clock, no globals; every label is escaped here
 * (htmlesc), so callers pass raw text. The caller owns every input.
 */
#ifndef RW_CHART_H
#define RW_CHART_H

#include <stddef.h>
#include <stdint.h>

struct buf;

enum chart_kind {
	CHART_FIGURE = 0,   /* a figure a release reported */
	CHART_BASELINE,     /* a baseline given by the operator (configured, imported) */
	CHART_ALERT         /* an alert raised for a figure: a ring, linked */
};

enum chart_qual {
	CHART_EXACT = 0,
	CHART_AT_LEAST,
	CHART_MORE_THAN,
	CHART_APPROX,
	CHART_AT_MOST
};

/* One mark. start and end (YYYY-MM-DD, end included) are its period; a
 * stock has start == end. A mark without a valid period is not drawn. */
struct chart_mark {
	enum chart_kind kind;
	int64_t value;
	enum chart_qual qual;
	int derived;         /* computed from a comparison: drawn hollow */
	char start[11], end[11];
	const char *label;   /* its <title>: what it is and where from (raw), or NULL */
	const char *href;    /* a link we made (a path or http(s) URL), or NULL */
};

/* A threshold's limit: value over [start, end] (both "" for the whole
 * time shown). */
struct chart_line {
	double value;
	char start[11], end[11];
	const char *label;   /* raw, or NULL */
};

struct chart {
	const char *title;   /* raw */
	const char *desc;    /* raw: what it shows, in a sentence or two */
	const struct chart_mark *marks;
	size_t nmarks;
	const struct chart_line *lines;
	size_t nlines;
	int width, height;   /* pixels; 0 for CHART_WIDTH × CHART_HEIGHT */
};

#define CHART_WIDTH  800
#define CHART_HEIGHT 400
#define CHART_MAX_XTICKS 12  /* date ticks at most */
#define CHART_MAX_YTICKS 9   /* value ticks at most, 0 included */

/* Where things go: the days shown [d0, d1) and the values [0, top], on
 * the plot area [px0, px1] × [py0 (top), py1 (bottom)] in pixels. */
struct chart_frame {
	int64_t d0, d1;          /* days since 1970-01-01 */
	double top, step;        /* the value axis: 0, step, 2 step ... top */
	double px0, px1, py0, py1;
	int unit;                /* the date ticks' unit: CHART_YEARS ... */
	int every;               /* one tick every this many units */
};

enum { CHART_YEARS = 0, CHART_QUARTERS, CHART_MONTHS };

/* Draw c into b (appended). 0, or -1 out of memory. A chart with nothing
 * to draw says so in its place, with the same title and description. */
int chart_svg(const struct chart *c, struct buf *b);

/* The frame of c (exposed for the tests). 0, or 1 when c has nothing
 * with a valid date (a frame around today's nothing is not drawn). */
int chart_frame(const struct chart *c, struct chart_frame *f);
/* x of day d and y of value v in the frame. */
double chart_x(const struct chart_frame *f, int64_t d);
double chart_y(const struct chart_frame *f, double v);
/* A round step (1, 2 or 5 times a power of ten, at least 1) so that
 * [0, max] needs at most n steps; *top the first multiple of it at or
 * above max (a step when max is 0 or less). */
double chart_nice_step(double max, int n, double *top);
/* The date axis for days [lo, hi] (hi included): the unit and the step
 * (every) so that at most CHART_MAX_XTICKS ticks fall inside, and the
 * days shown [*d0, *d1) widened to whole units. */
void chart_date_axis(int64_t lo, int64_t hi, int *unit, int *every, int64_t *d0,
    int64_t *d1);
/* "YYYY-MM-DD" -> days since 1970-01-01: 0, or -1 when it is no real day. */
int chart_day(const char *ymd, int64_t *day);

#endif
