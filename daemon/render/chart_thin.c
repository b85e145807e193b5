/*
 * chart_thin — which marks a chart draws. A long series puts many figures
 * on the same pixels (the same month reported by release after release):
 * of figures and baselines that would be drawn identically (same kind,
 * qualifier and hollowness, same place), only the first is
 * drawn, and its title says how many it stands for (marks a pixel or two
 * apart count as the same place); the page's table
 * lists every one. Alerts are all drawn: each links to its release.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "rightswatch/chart.h"
#include "chart_int.h"

/* Marks closer than this are one to the eye: a figure's bar is 6 pixels
 * high and a point 8 across. */
#define THIN_X 2.0
#define THIN_Y 3.0

struct thin_key {
	uint64_t key;
	size_t i;
};

static int
thin_cmp(const void *a, const void *b)
{
	const struct thin_key *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* A coordinate in cells of `cell` pixels, in 16 bits (the plot is never
 * 65,535 pixels wide). */
static uint64_t
thin_px(double v, double cell)
{
	long r = lround(v / cell);

	return r < 0 ? 0 : r > 0xffff ? 0xffff : (uint64_t)r;
}

/* How mark m looks where it is drawn, as one number; 0 when it is not
 * drawn at all or never thinned (an alert, a mark without a period). */
static uint64_t
thin_key_of(const struct chart_frame *f, const struct chart_mark *m)
{
	int64_t a, z;

	if (m->kind == CHART_ALERT || chart_day(m->start, &a) == -1 ||
	    chart_day(m->end, &z) == -1 || z < a)
		return 0;
	return (uint64_t)1 << 63 | (uint64_t)m->kind << 56 | (uint64_t)m->qual << 52 |
	    (uint64_t)(m->derived != 0) << 51 | (uint64_t)(z == a) << 50 |
	    thin_px(chart_x(f, a), THIN_X) << 32 | thin_px(chart_x(f, z + 1), THIN_X) << 16 |
	    thin_px(chart_y(f, (double)m->value), THIN_Y);
}

int
chart_thin(const struct chart *c, const struct chart_frame *f, unsigned *counts)
{
	struct thin_key *k;
	size_t n = 0;

	for (size_t i = 0; i < c->nmarks; i++)
		counts[i] = 1;
	if (c->nmarks < 2)
		return 0;
	if ((k = malloc(c->nmarks * sizeof(*k))) == NULL)
		return -1;
	for (size_t i = 0; i < c->nmarks; i++)
		if ((k[n].key = thin_key_of(f, &c->marks[i])) != 0)
			k[n++].i = i;
	qsort(k, n, sizeof(*k), thin_cmp);
	/* In each run of one look, the first mark (in the caller's order)
	 * stands for the run. */
	for (size_t r = 0; r < n;) {
		size_t e = r + 1;

		while (e < n && k[e].key == k[r].key)
			counts[k[e++].i] = 0;
		counts[k[r].i] = (unsigned)(e - r);
		r = e;
	}
	free(k);
	return 0;
}
