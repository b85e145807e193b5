/*
 * number_int — what the number module's files share (private): the
 * quantity-in-words reader (number_words.c) that number_scan (number.c)
 * calls at each word, and after small digits ("3 hundred", "2 millions et
 * demi").
 */
#ifndef RW_NUMBER_INT_H
#define RW_NUMBER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "rightswatch/number.h"

static inline int
number_isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether the word f[i, we) is one number_words_read may begin a number
 * with (a word of the language's table): most words are not, and are
 * passed without a call to the reader. The caller has found the word's end. */
int number_words_may_start(const char *f, size_t i, size_t we, int fr);

/* The quantity written in words from f[i] (folded, up to hi): "forty-three",
 * "two and a half million", "half a million", "un million et demi", "un
 * demi-million", "three dozen", "deux  cent" (any run of spaces, a hyphen or
 * a spaced hyphen between words). lead >= 0 is the value in thousandths of
 * digits just read, which only a multiplier may follow ("3 hundred", "2
 * millions et demi"); f[i] is then the first byte after them. A scale word
 * with nothing to multiply ("millions of", "thousands") is no quantity.
 * Returns the end and sets n->milli, n->value and the NUMBER_WORDS and
 * NUMBER_FRACTION flags; returns i when nothing (or, after digits, nothing
 * more) is read. */
size_t number_words_read(const char *f, size_t hi, size_t i, int fr, int64_t lead,
    struct number *n);

#endif
