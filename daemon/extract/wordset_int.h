/*
 * wordset_int — a fixed set of folded words kept by first letter (private
 * to the extract family): one space-separated string per letter, so that
 * a word is compared only with the few sharing its first byte. Used where
 * a word is looked up in a long list for nearly every word or figure of a
 * sentence (stop words, auxiliaries, the units and references of number.c).
 */
#ifndef RW_WORDSET_INT_H
#define RW_WORDSET_INT_H

#include <stddef.h>
#include <string.h>

/* Whether the word f[s, e) is one of set's words (set[c - 'a'] lists those
 * beginning with c, or is NULL). An empty or reversed span is none. */
static inline int
wordset_has(const char *const set[26], const char *f, size_t s, size_t e)
{
	const char *p;
	size_t n = e - s;

	if (e <= s || f[s] < 'a' || f[s] > 'z' || (p = set[f[s] - 'a']) == NULL)
		return 0;
	for (;;) {
		size_t k = 0;

		while (k < n && p[k] != ' ' && p[k] == f[s + k])
			k++;
		if (k == n && (p[k] == ' ' || p[k] == '\0'))
			return 1;
		if ((p = strchr(p, ' ')) == NULL)
			return 0;
		p++;
	}
}

#endif
