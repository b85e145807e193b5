/*
 * mention_int — what mention.c, mention_back.c, mention_list.c and
 * mention_word.c share (private).
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

/* Word tests on folded text f[s, e) (mention_word.c). */
int mention_is_aux(const char *f, size_t s, size_t e);
int mention_is_stop(const char *f, size_t s, size_t e);
int mention_is_word(const char *f, size_t s, size_t e, const char *w);
int mention_in_list(const char *const *l, const char *f, size_t s, size_t e);
int mention_is_adverb(const char *f, size_t s, size_t e);
/* Whether a term reads as a verb form rather than a noun. */
int mention_verb_like(const struct mention_sent *s, const struct mention_term *tm);
/* End of the noun phrase right after a figure, or 0. */
size_t mention_noun_after(const struct mention_sent *s, size_t i);
/* The word ending at or before e: its start (*we its end), or (size_t)-1. */
size_t mention_word_before(const char *f, size_t lo, size_t e, size_t *we);

/* People number k counts who arrive in, reach or leave a place
 * (mention_move.c): refugees in another country than their own,
 * displaced in their own. Returns 1 and fills m, or 0. */
int mention_arrival(const struct mention_sent *s, size_t k, struct mention *m);

/* A figure given as the level of a named count (mention_level.c): "the
 * number of people displaced ... stood at 1.2 million", "portent à 1 320 le
 * nombre de civils tués", a table item "killed – 41;". Returns 1 and fills
 * m, -1 when the figure is the level of a count of something else ("the
 * number of patrols ... reached 140": no other rule may attach it), 0 when
 * the sentence does not read so. */
int mention_level(const struct mention_sent *s, size_t k, size_t qs, struct mention *m);

/* A number attached to a term before it, a pair of a change, a pronoun, a
 * caused flight or the people an abuse affected (mention_back.c); qs is
 * where the number's qualifier begins. Returns 1 and fills m, or 0. */
int mention_attach_back(const struct mention_sent *s, size_t k, size_t qs, struct mention *m);

/* A light verb or preposition between people and the term that says what
 * they are or underwent: auxiliaries, one of cues, then words of after,
 * auxiliaries or up to free other words (no stop word), and one of last
 * at the end when last is given. */
struct mention_cue_pat {
	const char *const *cues, *const *after, *const *last;
	int free;
};
/* Whether f[a, b) reads as p ("have suffered", "with serious", "still
 * live as", "vivent toujours comme") (mention_word.c). */
int mention_cue_gap(const struct mention_sent *s, size_t a, size_t b, const struct mention_cue_pat *p);
/* "have suffered", "ont subi des"; "with serious", "avec des"; "still
 * live as", "vivent toujours comme" (mention_word.c). */
extern const struct mention_cue_pat mention_undergo, mention_with, mention_live_as;

#endif
