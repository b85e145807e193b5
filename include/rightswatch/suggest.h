/*
 * suggest — "did you mean": the known name nearest to one that is not
 * known, when a typo is likely: one edit away in a word of four or five
 * letters, two in a longer one, none in a shorter one (an edit is a
 * letter added, dropped, changed or swapped with its neighbour; ASCII case
 * does not count). Pure functions, no allocation.
 */
#ifndef RW_SUGGEST_H
#define RW_SUGGEST_H

#include <stddef.h>

/* Edit distance (with adjacent swaps) between two short strings, ASCII
 * case ignored (capped at 9; strings over 32 bytes count as 9). */
size_t suggest_distance(const char *a, const char *b);
/* The element of names[0..n) nearest to word when a typo is likely (the
 * first of equals; never one equal to word), else NULL. Borrowed from
 * names. */
const char *suggest_nearest(const char *word, const char *const *names, size_t n);

#endif
