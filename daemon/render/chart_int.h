/*
 * chart_int — what chart.c and chart_axis.c share.
 */
#ifndef RW_CHART_INT_H
#define RW_CHART_INT_H

#include <stdint.h>

#include "rightswatch/chart.h"

/* The day of the date axis's tick i (from 0), or -1 past the last. */
int64_t chart_xtick(const struct chart_frame *f, int i);

#endif
