/*
 * chart_int — what chart.c and chart_axis.c share.
 */
#ifndef RW_CHART_INT_H
#define RW_CHART_INT_H

#include <stdint.h>

#include "rightswatch/chart.h"

/* The day of the date axis's tick i (from 0), or -1 past the last. */
int64_t chart_xtick(const struct chart_frame *f, int i);
/* For each of c's marks in frame f, how many marks its drawing stands
 * for: 0 for a figure or baseline drawn exactly like an earlier one (not
 * drawn), n for the first of n such, 1 for the rest (chart_thin.c).
 * counts has c->nmarks entries. 0, or -1 out of memory. */
int chart_thin(const struct chart *c, const struct chart_frame *f, unsigned *counts);

#endif
