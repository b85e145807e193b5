/*
 * mention_int — what mention.c and mention_list.c share (private).
 */
#ifndef RW_MENTION_INT_H
#define RW_MENTION_INT_H

#include <stddef.h>

#include "rightswatch/mention.h"

/* Words in f[a, b) of s, or -1 when a clause ends inside (-2 inside an
 * unclosed parenthesis); allow_stops 1 admits only auxiliaries, 2 a ')'. */
int mention_gap_words(const struct mention_sent *s, size_t a, size_t b, int allow_stops,
    int allow_comma);

/* End of the temporal phrase of s starting at i and ending by b, or 0. */
size_t mention_period_at(const struct mention_sent *s, size_t i, size_t b);

/* The indicator a generic head (term t, figure at pos) stands for; *named
 * is set when the sentence named it. -1 when none. */
int mention_generic_kind(const struct mention_sent *s, size_t t, size_t pos, int *named);

#endif
