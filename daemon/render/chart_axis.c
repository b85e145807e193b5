/*
 * chart_axis — the chart's frame: which days and values it shows, where
 * each falls on the plot, and the round ticks of both axes. Part of the
 * chart module (chart.h). Pure.
 */
#include <math.h>
#include <string.h>

#include "rightswatch/chart.h"
#include "rightswatch/date.h"
#include "chart_int.h"

/* Margins around the plot, in pixels: room for the value labels on the
 * left, the title above, the date labels and the legend below. */
#define CHART_LEFT   64
#define CHART_RIGHT  24
#define CHART_TOP    40
#define CHART_BOTTOM 64

int
chart_day(const char *ymd, int64_t *day)
{
	static const char shape[] = "dddd-dd-dd";
	int v[3] = { 0, 0, 0 }, k = 0;

	/* By hand, not sscanf: a long series asks this for every mark. */
	for (size_t i = 0; i < sizeof(shape); i++) {
		if (ymd == NULL || (shape[i] == 'd' ? ymd[i] < '0' || ymd[i] > '9' :
		    ymd[i] != shape[i]))
			return -1;
		if (shape[i] == 'd')
			v[k] = v[k] * 10 + (ymd[i] - '0');
		else if (shape[i] == '-')
			k++;
	}
	if (!date_valid(v[0], v[1], v[2]))
		return -1;
	*day = date_days_from_civil(v[0], v[1], v[2]);
	return 0;
}

double
chart_nice_step(double max, int n, double *top)
{
	static const double mult[] = { 1, 2, 5 };
	double p = 1, step = 1;

	if (n < 1)
		n = 1;
	if (!(max > 0)) {
		*top = 1;
		return 1;
	}
	/* The smallest 1, 2 or 5 × 10^k (k >= 0: counts are whole) with
	 * n steps reaching max. */
	for (;;) {
		for (size_t i = 0; i < 3; i++) {
			step = mult[i] * p;
			if (step * n >= max) {
				*top = ceil(max / step) * step;
				return step;
			}
		}
		p *= 10;
	}
}

/* The first day of the unit (year, quarter, month) holding day. */
static int64_t
unit_floor(int64_t day, int unit)
{
	struct date_ymd d = date_civil_from_days(day);

	if (unit == CHART_YEARS)
		d.m = 1;
	else if (unit == CHART_QUARTERS)
		d.m = (d.m - 1) / 3 * 3 + 1;
	return date_days_from_civil(d.y, d.m, 1);
}

/* day, which starts a unit, moved on by n units. */
static int64_t
unit_add(int64_t day, int unit, int n)
{
	struct date_ymd d = date_civil_from_days(day);
	int months = unit == CHART_YEARS ? 12 : unit == CHART_QUARTERS ? 3 : 1;

	d = date_add_months(d, months * n);
	return date_days_from_civil(d.y, d.m, 1);
}

void
chart_date_axis(int64_t lo, int64_t hi, int *unit, int *every, int64_t *d0, int64_t *d1)
{
	int64_t span = hi - lo + 1;
	int u, n = 0;

	/* Years beyond three years, quarters beyond nine months, else months. */
	u = span > 3 * 366 ? CHART_YEARS : span > 9 * 31 ? CHART_QUARTERS : CHART_MONTHS;
	*d0 = unit_floor(lo, u);
	*d1 = unit_add(unit_floor(hi, u), u, 1);
	for (int64_t d = *d0; d < *d1; d = unit_add(d, u, 1))
		n++;
	*unit = u;
	/* Ticks at the first unit and every k after it, k from 1 2 5 10 ... */
	*every = 1;
	while ((n + *every - 1) / *every > CHART_MAX_XTICKS)
		*every = *every == 1 ? 2 : *every == 2 ? 5 : *every * 2;
}

/* Widen [lo, hi] and max by what c holds: marks and dated lines. */
static int
chart_extent(const struct chart *c, int64_t *lo, int64_t *hi, double *max)
{
	int any = 0;
	int64_t a, b;

	for (size_t i = 0; i < c->nmarks; i++) {
		const struct chart_mark *m = &c->marks[i];

		if (chart_day(m->start, &a) == -1 || chart_day(m->end, &b) == -1 || b < a)
			continue;
		*lo = any ? (a < *lo ? a : *lo) : a;
		*hi = any ? (b > *hi ? b : *hi) : b;
		any = 1;
		if ((double)m->value > *max)
			*max = (double)m->value;
	}
	for (size_t i = 0; i < c->nlines; i++) {
		const struct chart_line *l = &c->lines[i];

		if (l->value > *max)
			*max = l->value;
		if (chart_day(l->start, &a) == -1 || chart_day(l->end, &b) == -1 || b < a)
			continue;
		*lo = any ? (a < *lo ? a : *lo) : a;
		*hi = any ? (b > *hi ? b : *hi) : b;
		any = 1;
	}
	return any;
}

int
chart_frame(const struct chart *c, struct chart_frame *f)
{
	int64_t lo = 0, hi = 0;
	double max = 0;
	int w = c->width > 0 ? c->width : CHART_WIDTH;
	int h = c->height > 0 ? c->height : CHART_HEIGHT;

	memset(f, 0, sizeof(*f));
	if (!chart_extent(c, &lo, &hi, &max))
		return 1;
	chart_date_axis(lo, hi, &f->unit, &f->every, &f->d0, &f->d1);
	/* A little headroom above the highest mark for its open end. */
	f->step = chart_nice_step(max * 1.08, CHART_MAX_YTICKS - 1, &f->top);
	f->px0 = CHART_LEFT;
	f->px1 = w - CHART_RIGHT;
	f->py0 = CHART_TOP;
	f->py1 = h - CHART_BOTTOM;
	return 0;
}

double
chart_x(const struct chart_frame *f, int64_t d)
{
	if (f->d1 <= f->d0)
		return f->px0;
	return f->px0 + (f->px1 - f->px0) * (double)(d - f->d0) / (double)(f->d1 - f->d0);
}

double
chart_y(const struct chart_frame *f, double v)
{
	if (!(f->top > 0))
		return f->py1;
	return f->py1 - (f->py1 - f->py0) * v / f->top;
}

int64_t
chart_xtick(const struct chart_frame *f, int i)
{
	int64_t d = unit_add(f->d0, f->unit, i * f->every);

	return d < f->d1 ? d : -1;
}
