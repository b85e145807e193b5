/*
 * suggest — the nearest known name to an unknown one (see suggest.h).
 */
#include <stddef.h>
#include <string.h>

#include "rightswatch/suggest.h"

#define SUGGEST_MAX_LEN  32 /* bytes compared; longer strings are "far" */
#define SUGGEST_MAX_EDIT 2  /* edits a typo may take */

static int
suggest_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t
suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return 9;
	/* Levenshtein with adjacent transpositions ("mial" is one edit from
	 * "mail"): the optimal string alignment distance. */
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int ca = suggest_lower((unsigned char)a[i - 1]);
			int cb = suggest_lower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j - 1] + (ca != cb);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca == suggest_lower((unsigned char)b[j - 2]) &&
			    suggest_lower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb] > 9 ? 9 : d[la][lb];
}

/* Edits a word of len bytes may take and still be a typo: none in a word
 * of three letters or fewer ("de" is not a misspelt "en"). */
static size_t
suggest_budget(size_t len)
{
	return len <= 3 ? 0 : len <= 5 ? 1 : SUGGEST_MAX_EDIT;
}

const char *
suggest_nearest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t bestd;

	if (word == NULL)
		return NULL;
	bestd = suggest_budget(strlen(word)) + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d;

		if (names[i] == NULL)
			continue;
		/* The name itself in another case is no typo. */
		if ((d = suggest_distance(word, names[i])) == 0)
			return NULL;
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}
