/*
 * compare — comparisons that imply a second figure: "five times as many",
 * "twice as many", "88 percent of the number", "an increase of 37 percent",
 * "doubled", "cinq fois plus", "88 pour cent du", "une hausse de 30 %",
 * "un tiers de plus". Pure functions over a folded sentence.
 */
#ifndef RW_COMPARE_H
#define RW_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/number.h"

struct compare_hit {
	int64_t value;     /* the implied figure, rounded half up */
	size_t start, end; /* the comparison's words, folded offsets */
};

/* The first comparison in f[from, to) applied to value; nums are the
 * sentence's numbers. Returns 1 and fills hit, or 0. */
int compare_find(const char *f, size_t from, size_t to, int64_t value,
    const struct number *nums, size_t nnums, struct compare_hit *hit);

/* The index of a number in nums starting in [from, to) that states the
 * implied figure itself (within 2 percent: "au cours duquel 212 violations",
 * "(185)"), or -1. */
long compare_stated(const struct number *nums, size_t nnums, size_t from, size_t to,
    int64_t value);

/* Whether the number ending at folded offset end is the numerator of a
 * fraction ("deux tiers", "two thirds"), part of a comparison, not a figure. */
int compare_fraction(const char *f, size_t end, size_t to);

/* Whether the number at folded offset pos is the factor of "multiplié par
 * 12", "multiplied by 3" (words from lo on), part of a comparison, not a figure. */
int compare_factor(const char *f, size_t lo, size_t pos);

/* value / (num / den), rounded half up; -1 when out of range. */
int64_t compare_divide(int64_t value, int64_t num, int64_t den);

#endif
